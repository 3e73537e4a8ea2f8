package dev.spu.nn.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.nn.Conv2D;
import dev.spu.nn.Dense;
import dev.spu.nn.DoubleTensor;
import dev.spu.nn.Flatten;
import dev.spu.nn.Optimizer;
import dev.spu.nn.ParamSpec;
import dev.spu.nn.ReLU;
import dev.spu.nn.Sequential;
import dev.spu.nn.SoftmaxCrossEntropy;
import dev.spu.nn.data.BreastCancer;
import dev.spu.nn.data.Dataset;
import dev.spu.nn.data.Mnist;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import dev.spu.tensor.Device;
import dev.spu.tensor.Grad;
import dev.spu.tensor.JitFunction;
import dev.spu.tensor.SecretTensor;
import dev.spu.tensor.SimConfig;
import dev.spu.tensor.Spu;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The paper's models on a few small MNIST batches under ABY3: autodiff's gradients of the whole
 * model at its initial weights match the plaintext twin's (double precision), and a few training
 * steps with each optimizer lower the loss and track the twin.
 */
class PaperModelsTest {
  private static Dataset mnist;

  @BeforeAll
  static void load() {
    mnist = Mnist.train(64);
  }

  static Device aby3() {
    return Spu.simulate(SimConfig.of("aby3", 3).withSeed(21));
  }

  @ParameterizedTest
  @ValueSource(strings = {"A", "B", "C", "D"})
  void gradientsMatchDoublePrecision(String name) {
    Model model = PaperModels.model(name);
    int batch = 4;
    Dataset d = mnist.limit(batch);
    DoubleTensor x = d.features();
    DoubleTensor y = d.oneHot();
    List<DoubleTensor> init = model.initialParameters(4);
    List<DoubleTensor> want =
        new PlainTrainer(model, PaperModels.optimizer("sgd", 0.1)).gradients(init, x, y);
    int np = init.size();
    try (Device spu = aby3()) {
      SecretTensor[] args = new SecretTensor[np + 2];
      for (int i = 0; i < np; i++) {
        args[i] = spu.input("alice", init.get(i).data(), DType.F32, Shape.of(init.get(i).shape()));
      }
      args[np] = spu.input("alice", x.data(), DType.F32, Shape.of(x.shape()));
      args[np + 1] = spu.input("bob", y.data(), DType.F32, Shape.of(y.shape()));
      int[] argnums = new int[np];
      for (int i = 0; i < np; i++) {
        argnums[i] = i;
      }
      JitFunction<List<SecretTensor>> grads =
          spu.jit(
              np + 2,
              a ->
                  Grad.of(
                          np + 2,
                          in ->
                              model
                                  .loss()
                                  .apply(
                                      model.net().forward(List.of(in).subList(0, np), in[np]),
                                      in[np + 1]),
                          argnums)
                      .applyAll(a));
      List<SecretTensor> got = grads.call(args);
      List<ParamSpec> specs = model.parameters();
      for (int i = 0; i < np; i++) {
        double[] g = got.get(i).revealDoubles();
        double[] w = want.get(i).data();
        double scale = 0;
        for (double v : w) {
          scale = Math.max(scale, Math.abs(v));
        }
        for (int j = 0; j < w.length; j++) {
          assertThat(Math.abs(g[j] - w[j]))
              .as("%s %s element %d: secret %s plain %s", name, specs.get(i), j, g[j], w[j])
              .isLessThanOrEqualTo(2e-4 + 2e-2 * scale);
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    "A, sgd",
    "B, sgd",
    "C, sgd",
    "D, sgd",
    "lr, sgd",
    "lr, adam",
    "lr, amsgrad",
    "small-cnn, adam",
    "small-cnn, amsgrad"
  })
  void fewStepsLowerTheLossAndTrackTheTwin(String name, String optimizer) {
    Model model = name.equals("small-cnn") ? smallCnn() : PaperModels.model(name);
    Dataset train;
    DoubleTensor targets;
    if (name.equals("lr")) {
      train = BreastCancer.load().train().limit(64);
      targets = train.column();
    } else {
      boolean conv = name.equals("B") || name.equals("C");
      train = mnist.limit(conv ? 16 : 32);
      targets = train.oneHot();
    }
    double lr = PaperModels.defaultLearningRate(name.equals("small-cnn") ? "A" : name, optimizer);
    Optimizer opt = PaperModels.optimizer(optimizer, lr);
    int batch = name.equals("B") || name.equals("C") ? 8 : 16;
    TrainConfig cfg = new TrainConfig(3, batch, 0, 2);
    BatchOrder order = new BatchOrder(train.size(), cfg);
    List<DoubleTensor> init = model.initialParameters(cfg.seed());
    RunResult plain =
        new PlainTrainer(model, opt)
            .train(init, order, train.features(), targets, cfg.epochs(), Progress.SILENT);
    try (Device spu = aby3()) {
      Trainer t = new Trainer(spu, model, opt);
      RunResult secret =
          t.train(
              init,
              order,
              train.features(),
              "alice",
              targets,
              "bob",
              cfg.epochs(),
              Progress.SILENT);
      assertThat(t.traceCount()).isEqualTo(1);
      int n = secret.batches();
      int perEpoch = n / cfg.epochs();
      // The mean loss over the last epoch is below the first epoch's, as in plaintext.
      assertThat(mean(secret.losses(), n - perEpoch, n))
          .isLessThan(mean(secret.losses(), 0, perEpoch));
      for (int b = 0; b < n; b++) {
        assertThat(Math.abs(secret.losses()[b] - plain.losses()[b]))
            .as(
                "%s/%s batch %d loss: secret %s plain %s",
                name, optimizer, b, secret.losses()[b], plain.losses()[b])
            .isLessThanOrEqualTo(0.02 + 0.05 * Math.abs(plain.losses()[b]));
      }
      assertThat(secret.bytesPerBatch()).isPositive();
    }
  }

  /** A small CNN (same layer kinds as D, 8k parameters) so that Adam's steps stay cheap. */
  static Model smallCnn() {
    return new Model(
        "small-cnn",
        new Sequential(new Conv2D(1, 4, 5, 2, 2), new ReLU(), new Flatten(), new Dense(784, 10)),
        new int[] {1, 28, 28},
        new SoftmaxCrossEntropy());
  }

  private static double mean(double[] a, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += a[i];
    }
    return s / (to - from);
  }

  static List<DoubleTensor> copy(List<DoubleTensor> ts) {
    List<DoubleTensor> out = new ArrayList<>();
    for (DoubleTensor t : ts) {
      out.add(t.copy());
    }
    return out;
  }
}
