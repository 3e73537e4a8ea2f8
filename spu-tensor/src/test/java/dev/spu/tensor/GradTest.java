package dev.spu.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.spu.pphlo.DType;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.TensorType;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gradients end to end on the device: MSE linear regression against the analytic gradient (fixed
 * point, f = 18: tolerance 1e-3 absolute), eager and jit, a few SGD steps against plaintext
 * gradient descent, and the ReLU program's predicate reuse.
 */
class GradTest {
  private static final int N = 8;
  private static final int D = 3;

  static SecretTensor mse(SecretTensor w, SecretTensor x, SecretTensor y) {
    SecretTensor e = x.matmul(w).sub(y);
    return e.mul(e).mean();
  }

  private static Device device(String protocol) {
    return Spu.simulate(SimConfig.of(protocol, protocol.equals("ref2k") ? 1 : 3).withSeed(11));
  }

  /** Plaintext (residuals, loss, gradient 2/n·Xᵀ(Xw − y)). */
  private static double[] analyticGrad(double[] x, double[] y, double[] w) {
    double[] g = new double[D];
    for (int i = 0; i < N; i++) {
      double r = -y[i];
      for (int j = 0; j < D; j++) {
        r += x[i * D + j] * w[j];
      }
      for (int j = 0; j < D; j++) {
        g[j] += 2.0 / N * x[i * D + j] * r;
      }
    }
    return g;
  }

  private static double loss(double[] x, double[] y, double[] w) {
    double s = 0;
    for (int i = 0; i < N; i++) {
      double r = -y[i];
      for (int j = 0; j < D; j++) {
        r += x[i * D + j] * w[j];
      }
      s += r * r;
    }
    return s / N;
  }

  private static double[] uniform(Random r, int n) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = 2 * r.nextDouble() - 1;
    }
    return d;
  }

  @ParameterizedTest
  @ValueSource(strings = {"ref2k", "aby3"})
  void linearRegressionGradientMatchesTheAnalyticOne(String protocol) {
    Random rnd = new Random(7);
    double[] xs = uniform(rnd, N * D);
    double[] ys = uniform(rnd, N);
    double[] ws = uniform(rnd, D);
    try (Device spu = device(protocol)) {
      SecretTensor x = spu.input("alice", xs, N, D);
      SecretTensor y = spu.input("bob", ys, N);
      SecretTensor w = spu.input("carol", ws, D);
      double[] want = analyticGrad(xs, ys, ws);

      // Under jit, value and gradient together.
      JitFunction<List<SecretTensor>> vg =
          spu.jit(
              (a, b, c) -> {
                ValueAndGrad.Result r = Grad.valueAndGrad(GradTest::mse, 0).apply(a, b, c);
                return List.of(r.value(), r.grad());
              });
      List<SecretTensor> out = vg.call(w, x, y);
      assertThat(out.get(0).revealDoubles()[0]).isCloseTo(loss(xs, ys, ws), within(1e-3));
      assertThat(out.get(1).isSecret()).isTrue();
      assertClose(out.get(1).revealDoubles(), want, 1e-3);

      // Eager: compiled once per signature, run at once.
      Grad dLoss = Grad.of(GradTest::mse, 0);
      assertClose(dLoss.apply(w, x, y).revealDoubles(), want, 1e-3);
      assertClose(dLoss.apply(w, x, y).revealDoubles(), want, 1e-3);

      // A closure over the jit function's other arguments.
      JitFunction<SecretTensor> closed = spu.jit((a, b, c) -> Grad.of(v -> mse(v, b, c)).apply(a));
      assertClose(closed.call(w, x, y).revealDoubles(), want, 1e-3);

      // Gradients for two arguments at once.
      List<SecretTensor> both = Grad.of(GradTest::mse, 0, 2).applyAll(w, x, y);
      assertClose(both.get(0).revealDoubles(), want, 1e-3);
      assertThat(both.get(1).shape()).isEqualTo(y.shape());
    }
  }

  @Test
  void sgdStepsTrackPlaintextGradientDescent() {
    Random rnd = new Random(8);
    double[] xs = uniform(rnd, N * D);
    double[] ys = uniform(rnd, N);
    double[] ws = new double[D];
    double lr = 0.2;
    try (Device spu = device("aby3")) {
      SecretTensor x = spu.input("alice", xs, N, D);
      SecretTensor y = spu.input("bob", ys, N);
      SecretTensor w = spu.input("alice", ws, D);
      Grad dLoss = Grad.of(GradTest::mse, 0);
      JitFunction<SecretTensor> step = spu.jit((a, b, c) -> a.sub(dLoss.apply(a, b, c).mul(lr)));
      double[] plain = ws.clone();
      for (int s = 0; s < 10; s++) {
        w = step.call(w, x, y);
        double[] g = analyticGrad(xs, ys, plain);
        for (int j = 0; j < D; j++) {
          plain[j] -= lr * g[j];
        }
      }
      assertThat(step.traceCount()).isEqualTo(1);
      assertClose(w.revealDoubles(), plain, 2e-3);
      assertThat(loss(xs, ys, plain)).isLessThan(loss(xs, ys, ws));
    }
  }

  @Test
  void reluBackwardSelectsOnTheForwardPredicate() {
    try (Device spu = device("ref2k")) {
      // ReLU as select(x > 0, x, 0), traced like any other op.
      Grad dRelu = Grad.of(u -> u.greater(0.0).select(u, spu.constant(0.0)).sum());
      JitFunction<SecretTensor> g = spu.jit(v -> dRelu.apply(v));
      SecretTensor x = spu.input("alice", new double[] {-1.5, 2, 0.25, -0.5});
      Function f = g.tracedModule(x.type()).main(); // as traced (DCE drops the unused forward)
      List<Operation> greater = f.body().stream().filter(o -> o.name().equals("greater")).toList();
      List<Operation> selects = f.body().stream().filter(o -> o.name().equals("select")).toList();
      assertThat(greater).hasSize(1);
      assertThat(selects).hasSize(2);
      for (Operation s : selects) {
        assertThat(s.operand(0)).isSameAs(greater.get(0).result());
      }
      assertThat(g.call(x).revealDoubles()).containsExactly(0, 1, 1, 0);
    }
  }

  @Test
  void errorsSayWhatToDo() {
    try (Device spu = device("ref2k")) {
      SecretTensor i = spu.input("alice", new long[] {1, 2}, DType.I32);
      SecretTensor f = spu.input("alice", new double[] {1, 2});
      assertThatThrownBy(() -> Grad.of(v -> v.sum()).apply(i))
          .hasMessageContaining("cast it to f32");
      assertThatThrownBy(() -> Grad.of(v -> v.mul(v)).apply(f))
          .hasMessageContaining("scalar output");
      // Eager mode compiles the function: device tensors must be passed, not captured.
      assertThatThrownBy(() -> Grad.of(v -> v.mul(i).sum()).apply(f))
          .hasMessageContaining("pass it as an argument");
      assertThatThrownBy(() -> Grad.of(v -> v.sum(), 0, 0).apply(f))
          .hasMessageContaining("applyAll");
      // The gradient of a sum does not depend on the data: it is a public constant.
      SecretTensor ones = Grad.of(v -> v.sum()).apply(f);
      assertThat(ones.type()).isEqualTo(TensorType.pub(DType.F32, 2));
      assertThat(ones.revealDoubles()).containsExactly(1, 1);
    }
  }

  private static void assertClose(double[] got, double[] want, double tol) {
    assertThat(got).hasSameSizeAs(want);
    for (int i = 0; i < want.length; i++) {
      assertThat(got[i]).as("element " + i).isCloseTo(want[i], within(tol));
    }
  }
}
