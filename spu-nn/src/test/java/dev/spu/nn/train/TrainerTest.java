package dev.spu.nn.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.nn.Dense;
import dev.spu.nn.DoubleTensor;
import dev.spu.nn.MeanSquaredError;
import dev.spu.nn.Optimizer;
import dev.spu.nn.ReLU;
import dev.spu.nn.Sequential;
import dev.spu.nn.Sgd;
import dev.spu.tensor.Device;
import dev.spu.tensor.SimConfig;
import dev.spu.tensor.Spu;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The private trainer against its plaintext twin on small problems: same losses per batch and same
 * final parameters within fixed-point tolerance; one trace per batch shape; parameters stay on the
 * device (only the loss is opened per batch).
 */
class TrainerTest {
  static Device aby3() {
    return Spu.simulate(SimConfig.of("aby3", 3).withSeed(9));
  }

  /** A regression problem: y = tanh(x·A) for a fixed random A. */
  static DoubleTensor[] regression(int n, int in, int out, long seed) {
    Random r = new Random(seed);
    double[] a = new double[in * out];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextGaussian() / Math.sqrt(in);
    }
    double[] x = new double[n * in];
    double[] y = new double[n * out];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < in; j++) {
        x[i * in + j] = r.nextGaussian();
      }
      for (int k = 0; k < out; k++) {
        double s = 0;
        for (int j = 0; j < in; j++) {
          s += x[i * in + j] * a[j * out + k];
        }
        y[i * out + k] = Math.tanh(s);
      }
    }
    return new DoubleTensor[] {
      new DoubleTensor(new int[] {n, in}, x), new DoubleTensor(new int[] {n, out}, y)
    };
  }

  static RunResult[] both(
      Model model, Optimizer opt, DoubleTensor x, DoubleTensor y, TrainConfig cfg, Device d) {
    BatchOrder order = new BatchOrder(x.dim(0), cfg);
    List<DoubleTensor> init = model.initialParameters(cfg.seed());
    RunResult plain =
        new PlainTrainer(model, opt).train(init, order, x, y, cfg.epochs(), Progress.SILENT);
    Trainer t = new Trainer(d, model, opt);
    RunResult secret = t.train(init, order, x, "alice", y, "bob", cfg.epochs(), Progress.SILENT);
    return new RunResult[] {secret, plain};
  }

  static void assertParamsClose(RunResult secret, RunResult plain, double tol) {
    for (int i = 0; i < plain.params().size(); i++) {
      double[] s = secret.params().get(i).data();
      double[] p = plain.params().get(i).data();
      for (int j = 0; j < p.length; j++) {
        assertThat(Math.abs(s[j] - p[j]))
            .as("param %d element %d: secret %s plain %s", i, j, s[j], p[j])
            .isLessThanOrEqualTo(tol);
      }
    }
  }

  @Test
  void mlpWithSgdTracksThePlaintextTwin() {
    DoubleTensor[] data = regression(96, 6, 2, 1);
    Model model =
        new Model(
            "mlp",
            new Sequential(new Dense(6, 16), new ReLU(), new Dense(16, 2)),
            new int[] {6},
            new MeanSquaredError());
    TrainConfig cfg = new TrainConfig(2, 32, 0, 3);
    try (Device d = aby3()) {
      RunResult[] r = both(model, new Sgd(0.1), data[0], data[1], cfg, d);
      RunResult secret = r[0];
      RunResult plain = r[1];
      assertThat(secret.batches()).isEqualTo(6);
      for (int b = 0; b < 6; b++) {
        assertThat(secret.losses()[b])
            .isCloseTo(plain.losses()[b], org.assertj.core.api.Assertions.within(2e-3));
      }
      assertThat(secret.losses()[5]).isLessThan(secret.losses()[0]);
      assertParamsClose(secret, plain, 5e-3);
      assertThat(secret.bytesPerBatch()).isPositive();
      assertThat(secret.roundsPerBatch()).isPositive();
    }
  }

  @Test
  void wrongInputsAreRejectedBeforeAnythingIsShared() {
    Model model =
        new Model("mlp", new Sequential(new Dense(6, 2)), new int[] {6}, new MeanSquaredError());
    DoubleTensor[] data = regression(8, 5, 2, 1);
    TrainConfig cfg = new TrainConfig(1, 4, 0, 1);
    try (Device d = aby3()) {
      Trainer t = new Trainer(d, model, new Sgd(0.1));
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  t.train(
                      model.initialParameters(1),
                      new BatchOrder(8, cfg),
                      data[0],
                      "alice",
                      data[1],
                      "bob",
                      1,
                      Progress.SILENT))
          .hasMessageContaining("takes examples of shape [6]");
      assertThat(d.stats().bytes()).isZero();
    }
  }
}
