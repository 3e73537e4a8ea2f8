package dev.spu.samples.privacy;

import static dev.spu.tensor.testing.SpuAssertions.assertThat;
import static dev.spu.tensor.testing.SpuAssertions.withinTolerance;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.nn.DoubleTensor;
import dev.spu.nn.Sgd;
import dev.spu.nn.data.BreastCancer;
import dev.spu.nn.data.Metrics;
import dev.spu.nn.train.BatchOrder;
import dev.spu.nn.train.Model;
import dev.spu.nn.train.PaperModels;
import dev.spu.nn.train.PlainTrainer;
import dev.spu.nn.train.Progress;
import dev.spu.nn.train.RunResult;
import dev.spu.nn.train.TrainConfig;
import dev.spu.nn.train.Trainer;
import dev.spu.tensor.Device;
import dev.spu.tensor.testing.SpuProtocol;
import dev.spu.tensor.testing.SpuTest;
import java.util.List;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A hospital (Alice, the features) and a lab (Bob, the diagnoses) train a logistic regression
 * together without pooling their data; the privately trained model equals the one a trusted party
 * would have trained in plaintext from the same start, within fixed-point tolerance.
 */
class PrivateLogisticRegressionTest {
  @SpuTest({SpuProtocol.SEMI2K_2, SpuProtocol.ABY3})
  void privatelyTrainedLrEqualsThePlaintextOne(Device spu) {
    BreastCancer.Split data = BreastCancer.load();
    Model lr = PaperModels.model("lr");
    TrainConfig cfg = new TrainConfig(2, 64, 0, 1);
    BatchOrder order = new BatchOrder(data.train().size(), cfg);
    List<DoubleTensor> init = lr.initialParameters(cfg.seed());
    DoubleTensor x = data.train().features();
    DoubleTensor y = data.train().column();

    RunResult plain =
        new PlainTrainer(lr, new Sgd(0.1)).train(init, order, x, y, cfg.epochs(), Progress.SILENT);
    RunResult secret =
        new Trainer(spu, lr, new Sgd(0.1))
            .train(init, order, x, "alice", y, "bob", cfg.epochs(), Progress.SILENT);

    // Same weights and bias (INDArrays in, per-element report on failure) ...
    for (int i = 0; i < plain.params().size(); i++) {
      DoubleTensor s = secret.params().get(i);
      assertThat(Nd4j.create(s.data(), toLong(s.shape())))
          .isCloseTo(plain.params().get(i).data(), withinTolerance(5e-3, 1e-2));
    }
    // ... hence the same quality on the held-out rows.
    double aucSecret = auc(lr, secret, data);
    double aucPlain = auc(lr, plain, data);
    assertThat(aucSecret)
        .isGreaterThan(0.97)
        .isCloseTo(aucPlain, org.assertj.core.api.Assertions.within(0.005));
  }

  private static double auc(Model m, RunResult r, BreastCancer.Split data) {
    double[] scores = m.predict(r.params(), data.test().features(), 256);
    return Metrics.rocAuc(scores, data.test().labels());
  }

  private static long[] toLong(int[] s) {
    long[] l = new long[s.length];
    for (int i = 0; i < s.length; i++) {
      l[i] = s[i];
    }
    return l;
  }
}
