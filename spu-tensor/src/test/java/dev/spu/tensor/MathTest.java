package dev.spu.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spu.pphlo.DType;
import dev.spu.pphlo.TypeException;
import dev.spu.pphlo.Visibility;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The fixed-point math methods of SecretTensor on a simulated ABY3 device, eager and jit, against
 * plaintext double with the target tolerance 1e-4 + 1e-3·|exact| (exact on the encoded inputs).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MathTest {
  static final double ULP = 0x1p-18;
  private Device spu;
  private final Random rnd = new Random(4);

  @BeforeAll
  void start() {
    spu = Spu.simulate(SimConfig.of("aby3", 3));
  }

  @AfterAll
  void stop() {
    spu.close();
  }

  static double enc(double x) {
    return Math.rint(x / ULP) * ULP;
  }

  static void assertWithin(double[] got, double[] want, String what) {
    assertThat(got).as(what).hasSameSizeAs(want);
    for (int i = 0; i < got.length; i++) {
      double tol = 1e-4 + 1e-3 * Math.abs(want[i]);
      assertThat(Math.abs(got[i] - want[i]))
          .as("%s element %d: got %s want %s", what, i, got[i], want[i])
          .isLessThanOrEqualTo(tol);
    }
  }

  private double[] uniform(int n, double lo, double hi) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = lo + (hi - lo) * rnd.nextDouble();
    }
    x[0] = lo;
    x[n - 1] = hi;
    return x;
  }

  private void check(
      String what, UnaryOperator<SecretTensor> op, DoubleUnaryOperator ref, double lo, double hi) {
    double[] x = uniform(40, lo, hi);
    double[] want = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      want[i] = ref.applyAsDouble(enc(x[i]));
    }
    SecretTensor s = spu.input("alice", x, 5, 8);
    assertWithin(op.apply(s).revealDoubles(), want, what + " (secret)");
    double[] pub = op.apply(spu.constant(x, 5, 8)).revealDoubles();
    assertWithin(pub, want, what + " (public)");
  }

  @Test
  void elementwiseFunctions() {
    check("exp", SecretTensor::exp, Math::exp, -16, 16);
    check("log", SecretTensor::log, Math::log, 1e-4, 65536);
    check("log1p", SecretTensor::log1p, Math::log1p, -0.99, 100);
    check("reciprocal", SecretTensor::reciprocal, v -> 1 / v, 0.01, 65536);
    check("sqrt", SecretTensor::sqrt, Math::sqrt, 0, 65536);
    check("rsqrt", SecretTensor::rsqrt, v -> 1 / Math.sqrt(v), 1e-5, 65536);
    check("sigmoid", SecretTensor::sigmoid, v -> 1 / (1 + Math.exp(-v)), -16, 16);
    check("tanh", SecretTensor::tanh, Math::tanh, -8, 8);
    check("erf", SecretTensor::erf, dev.spu.kernels.hal.math.Erf::erf, -4, 4);
    check("sign", SecretTensor::sign, Math::signum, -3, 3);
    check("abs", SecretTensor::abs, Math::abs, -3, 3);
    check("pow 2.5", x -> x.pow(2.5), v -> Math.pow(v, 2.5), 0.01, 100);
    check("pow -2", x -> x.pow(-2.0), v -> Math.pow(v, -2), 0.1, 100);
  }

  @Test
  void divisionAndPowerBySecretTensorsBroadcast() {
    double[] a = uniform(12, -1000, 1000);
    double[] b = uniform(4, 0.01, 300);
    SecretTensor sa = spu.input("alice", a, 3, 4);
    SecretTensor sb = spu.input("bob", b, 4);
    double[] got = sa.div(sb).revealDoubles();
    double[] want = new double[12];
    for (int i = 0; i < 12; i++) {
      want[i] = enc(a[i]) / enc(b[i % 4]);
    }
    assertWithin(got, want, "a / b (secret, broadcast)");
    double[] y = {-3, -1.5, 0.5, 2};
    double[] base = {0.5, 2, 10, 3};
    double[] p = spu.input("alice", base).pow(spu.input("bob", y)).revealDoubles();
    double[] pw = new double[4];
    for (int i = 0; i < 4; i++) {
      pw[i] = Math.pow(base[i], y[i]);
    }
    assertWithin(p, pw, "pow (secret exponent)");
  }

  @Test
  void integersAreConvertedToFixedPoint() {
    SecretTensor i = spu.input("alice", new long[] {1, 4, 9});
    SecretTensor r = i.sqrt();
    assertThat(r.dtype()).isEqualTo(DType.F64);
    assertWithin(r.revealDoubles(), new double[] {1, 2, 3}, "sqrt of i64");
  }

  @Test
  void softmaxAndLogSoftmaxAlongAnAxis() {
    double[] x = uniform(24, -20, 20);
    SecretTensor s = spu.input("alice", x, 4, 6);
    for (int axis : new int[] {0, 1, -1}) {
      double[] sm = s.softmax(axis).revealDoubles();
      double[] lsm = s.logSoftmax(axis).revealDoubles();
      double[][] want = softmax(x, 4, 6, axis < 0 ? axis + 2 : axis);
      assertWithin(sm, want[0], "softmax axis " + axis);
      assertWithin(lsm, want[1], "logSoftmax axis " + axis);
    }
    SecretTensor fx = spu.jit((SecretTensor a) -> a.softmax(1)).call(s);
    assertWithin(fx.revealDoubles(), softmax(x, 4, 6, 1)[0], "jit softmax");
  }

  static double[][] softmax(double[] x, int rows, int cols, int axis) {
    double[] sm = new double[x.length];
    double[] lsm = new double[x.length];
    int outer = axis == 1 ? rows : cols;
    int inner = axis == 1 ? cols : rows;
    for (int o = 0; o < outer; o++) {
      double m = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < inner; k++) {
        m = Math.max(m, enc(x[at(o, k, cols, axis)]));
      }
      double s = 0;
      for (int k = 0; k < inner; k++) {
        s += Math.exp(enc(x[at(o, k, cols, axis)]) - m);
      }
      for (int k = 0; k < inner; k++) {
        int i = at(o, k, cols, axis);
        sm[i] = Math.exp(enc(x[i]) - m) / s;
        lsm[i] = enc(x[i]) - m - Math.log(s);
      }
    }
    return new double[][] {sm, lsm};
  }

  private static int at(int o, int k, int cols, int axis) {
    return axis == 1 ? o * cols + k : k * cols + o;
  }

  @Test
  void argmaxAndArgminWithTiesOddSizesAndKeepDims() {
    double[] x = {3, 1, 3, -2, 7, 7, 0, 5, -1, -1, 4, 2, 2, 9, 9};
    for (int[] shape : new int[][] {{15}, {3, 5}, {5, 3}}) {
      SecretTensor s = spu.input("alice", x, shape);
      for (int axis = 0; axis < shape.length; axis++) {
        for (boolean max : new boolean[] {true, false}) {
          SecretTensor r = max ? s.argmax(axis) : s.argmin(axis);
          assertThat(r.dtype()).isEqualTo(DType.I64);
          assertThat(r.visibility()).isEqualTo(Visibility.SECRET);
          long[] got = r.reveal().toLongVector();
          assertThat(got)
              .as(
                  "%s shape %s axis %d",
                  max ? "argmax" : "argmin", java.util.Arrays.toString(shape), axis)
              .containsExactly(argRef(x, shape, axis, max));
        }
      }
    }
    SecretTensor k = spu.input("alice", x, 3, 5).argmax(1, true);
    assertThat(k.shape().dims()).containsExactly(3, 1);
    assertThatThrownBy(() -> spu.input("alice", x).argmax(1)).isInstanceOf(TypeException.class);
  }

  /** NumPy semantics: the first index of the extremum. */
  static long[] argRef(double[] x, int[] shape, int axis, boolean max) {
    int rows = shape.length == 1 ? 1 : shape[0];
    int cols = shape.length == 1 ? shape[0] : shape[1];
    boolean alongRows = shape.length == 2 && axis == 0;
    int outer = alongRows ? cols : rows;
    int inner = alongRows ? rows : cols;
    long[] r = new long[outer];
    for (int o = 0; o < outer; o++) {
      int best = 0;
      for (int k = 1; k < inner; k++) {
        double v = x[alongRows ? k * cols + o : o * cols + k];
        double b = x[alongRows ? best * cols + o : o * cols + best];
        if (max ? v > b : v < b) {
          best = k;
        }
      }
      r[o] = best;
    }
    return r;
  }
}
