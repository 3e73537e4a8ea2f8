package dev.spu.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.nn.DoubleTensor;
import dev.spu.nn.data.BreastCancer;
import dev.spu.nn.data.Dataset;
import dev.spu.nn.data.Metrics;
import dev.spu.nn.train.BatchOrder;
import dev.spu.nn.train.Model;
import dev.spu.nn.train.PaperModels;
import dev.spu.nn.train.Progress;
import dev.spu.nn.train.RunResult;
import dev.spu.nn.train.TrainConfig;
import dev.spu.nn.train.Trainer;
import dev.spu.pphlo.Module;
import dev.spu.pphlo.importer.ImportOptions;
import dev.spu.pphlo.importer.Importer;
import dev.spu.pphlo.passes.PassPipeline;
import dev.spu.tensor.Device;
import dev.spu.tensor.SecretTensor;
import dev.spu.tensor.SimConfig;
import dev.spu.tensor.Spu;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The target: logistic regression trained privately (ABY3) on breast cancer by the
 * StableHLO export of one SGD step (lr_train_step.mlir, run once per batch of 64 with the model
 * kept secret on the device) reaches the same test ROC-AUC as the tracer's LR (spu-nn's Dense(30,
 * 1) + binary cross-entropy, SGD lr 0.1 momentum 0.9) from the same initial weights and batch order
 * (the export has a fixed batch of 64, so each epoch's last partial batch of 8 is skipped).
 */
class ImportedLrTrainingTest {
  @Test
  void stableHloLrTrainsToTheTracersRocAuc() throws IOException {
    BreastCancer.Split split = BreastCancer.load();
    Dataset train = split.train();
    Dataset test = split.test();
    Model model = PaperModels.model("lr");
    long seed = 1;
    int epochs = 10;
    TrainConfig cfg = new TrainConfig(epochs, 64, 0, seed);
    BatchOrder order = new BatchOrder(train.size(), cfg);
    List<DoubleTensor> init = model.initialParameters(seed);
    DoubleTensor y = train.column();
    Module step =
        PassPipeline.standard()
            .run(
                Importer.file(
                        ImportedProgramsTest.EXAMPLES.resolve("lr_train_step.mlir"),
                        ImportOptions.defaults())
                    .module())
            .module();
    double tracerAuc;
    double importedAuc;
    try (Device d = Spu.simulate(SimConfig.of("aby3", 3))) {
      RunResult traced =
          new Trainer(d, model, PaperModels.optimizer("sgd", 0.1))
              .train(init, order, train.features(), "alice", y, "bob", epochs, Progress.SILENT);
      tracerAuc = auc(model, traced.params(), test);

      SecretTensor w = d.input("alice", init.get(0).data(), 30, 1);
      SecretTensor b = d.input("alice", init.get(1).data(), 1);
      SecretTensor vw = d.input("alice", new double[30], 30, 1);
      SecretTensor vb = d.input("alice", new double[1], 1);
      int steps = 0;
      for (int i = 0; i < order.size(); i++) {
        int[] idx = order.batch(i);
        if (idx.length != 64) {
          continue;
        }
        SecretTensor x = d.input("alice", BatchOrder.gather(train.features(), idx).data(), 64, 30);
        SecretTensor t = d.input("bob", BatchOrder.gather(y, idx).data(), 64, 1);
        List<SecretTensor> out = d.run(step, w, b, vw, vb, x, t);
        w = out.get(0);
        b = out.get(1);
        vw = out.get(2);
        vb = out.get(3);
        steps++;
      }
      assertThat(steps).isEqualTo(70);
      importedAuc =
          auc(
              model,
              List.of(
                  new DoubleTensor(new int[] {30, 1}, w.revealDoubles()),
                  new DoubleTensor(new int[] {1}, b.revealDoubles())),
              test);
    }
    System.err.printf(
        "ROC-AUC: imported StableHLO step %.4f, tracer %.4f%n", importedAuc, tracerAuc);
    assertThat(tracerAuc).isGreaterThanOrEqualTo(0.99);
    assertThat(importedAuc).isGreaterThanOrEqualTo(0.99);
    assertThat(Math.abs(importedAuc - tracerAuc)).isLessThanOrEqualTo(0.005);
  }

  static double auc(Model model, List<DoubleTensor> params, Dataset test) {
    return Metrics.rocAuc(model.predict(params, test.features(), 1000), test.labels());
  }
}
