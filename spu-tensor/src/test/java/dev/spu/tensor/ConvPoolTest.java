package dev.spu.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.WindowSpec;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * conv2d (NCHW × OIHW), maxPool2d and avgPool2d on the device, forward and gradients, against
 * plaintext double loops (gradients: central finite differences of the plaintext forward).
 * Tolerances reflect f = 18 fraction bits: a few 1e-4 absolute per output.
 */
class ConvPoolTest {
  private static Device device(String protocol) {
    int n = protocol.equals("aby3") ? 3 : 2;
    return Spu.simulate(SimConfig.of(protocol, n).withSeed(5));
  }

  static double[] uniform(Random r, int n) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = r.nextDouble() * 2 - 1;
    }
    return d;
  }

  /** Distinct values ≥ 0.05 apart, shuffled (no ties in any window). */
  static double[] distinct(Random r, int n) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = (i - n / 2.0) * 0.05;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      double t = d[i];
      d[i] = d[j];
      d[j] = t;
    }
    return d;
  }

  // ------------------------------------------------------------------ plaintext references

  /** NCHW × OIHW, strides (sh, sw), symmetric padding (ph, pw). */
  static double[] conv(double[] x, int[] xd, double[] w, int[] wd, int sh, int sw, int ph, int pw) {
    int n = xd[0];
    int c = xd[1];
    int h = xd[2];
    int wi = xd[3];
    int o = wd[0];
    int kh = wd[2];
    int kw = wd[3];
    int oh = (h + 2 * ph - kh) / sh + 1;
    int ow = (wi + 2 * pw - kw) / sw + 1;
    double[] out = new double[n * o * oh * ow];
    for (int b = 0; b < n; b++) {
      for (int f = 0; f < o; f++) {
        for (int i = 0; i < oh; i++) {
          for (int j = 0; j < ow; j++) {
            double s = 0;
            for (int ci = 0; ci < c; ci++) {
              for (int u = 0; u < kh; u++) {
                for (int v = 0; v < kw; v++) {
                  int y = i * sh + u - ph;
                  int z = j * sw + v - pw;
                  if (y >= 0 && y < h && z >= 0 && z < wi) {
                    s += x[((b * c + ci) * h + y) * wi + z] * w[((f * c + ci) * kh + u) * kw + v];
                  }
                }
              }
            }
            out[((b * o + f) * oh + i) * ow + j] = s;
          }
        }
      }
    }
    return out;
  }

  /** k×k pooling with stride k over NCHW, max or mean. */
  static double[] pool(double[] x, int[] xd, int k, boolean max) {
    int oh = xd[2] / k;
    int ow = xd[3] / k;
    double[] out = new double[xd[0] * xd[1] * oh * ow];
    for (int p = 0; p < xd[0] * xd[1]; p++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++) {
          double acc = max ? Double.NEGATIVE_INFINITY : 0;
          for (int u = 0; u < k; u++) {
            for (int v = 0; v < k; v++) {
              double e = x[(p * xd[2] + i * k + u) * xd[3] + j * k + v];
              acc = max ? Math.max(acc, e) : acc + e / (k * k);
            }
          }
          out[(p * oh + i) * ow + j] = acc;
        }
      }
    }
    return out;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** Central finite differences of a scalar function of x. */
  static double[] fd(Function<double[], Double> f, double[] x) {
    double[] g = new double[x.length];
    double h = 1e-6;
    for (int i = 0; i < x.length; i++) {
      double[] p = x.clone();
      double[] m = x.clone();
      p[i] += h;
      m[i] -= h;
      g[i] = (f.apply(p) - f.apply(m)) / (2 * h);
    }
    return g;
  }

  static void close(double[] got, double[] want, double tol, String what) {
    assertThat(got).as(what).hasSize(want.length);
    for (int i = 0; i < want.length; i++) {
      assertThat(got[i]).as(what + " [" + i + "]").isCloseTo(want[i], within(tol));
    }
  }

  // ------------------------------------------------------------------ tests

  @ParameterizedTest
  @ValueSource(strings = {"ref2k", "semi2k", "aby3"})
  void convThenPoolsMatchPlaintext(String protocol) {
    Random r = new Random(protocol.hashCode());
    int[] xd = {2, 2, 6, 6};
    int[] wd = {3, 2, 3, 3};
    double[] xs = uniform(r, 144);
    double[] ws = uniform(r, 54);
    try (Device spu = device(protocol)) {
      SecretTensor x = spu.input("alice", xs, xd);
      SecretTensor wSecret = spu.input("bob", ws, wd);
      SecretTensor wPublic = spu.constant(ws, DType.F32, wd);
      double[] c = conv(xs, xd, ws, wd, 1, 1, 1, 1);
      int[] cd = {2, 3, 6, 6};
      for (SecretTensor w : new SecretTensor[] {wSecret, wPublic}) {
        SecretTensor y = x.conv2d(w, new int[] {1, 1}, new int[] {1, 1});
        assertThat(y.shape()).isEqualTo(Shape.of(cd));
        assertThat(y.isSecret()).isTrue();
        close(y.revealDoubles(), c, 1e-4, protocol + " conv2d");
        SecretTensor mp = y.maxPool2d(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0});
        close(mp.revealDoubles(), pool(c, cd, 2, true), 1e-4, protocol + " maxPool2d");
        SecretTensor ap = y.avgPool2d(new int[] {3, 3}, new int[] {3, 3}, new int[] {0, 0});
        close(ap.revealDoubles(), pool(c, cd, 3, false), 1e-4, protocol + " avgPool2d");
      }
      // Stride 2, padding 2 (network D's first layer), public input, secret kernel.
      SecretTensor xp = spu.constant(xs, DType.F32, xd);
      SecretTensor y2 = xp.conv2d(wSecret, new int[] {2, 2}, new int[] {2, 2});
      close(y2.revealDoubles(), conv(xs, xd, ws, wd, 2, 2, 2, 2), 1e-4, protocol + " strided");
      // The general forms: reduce_window min and select_and_scatter.
      WindowSpec win = WindowSpec.of(new int[] {1, 1, 2, 2}, new int[] {1, 1, 2, 2}, new int[8]);
      SecretTensor mn = x.reduceWindow(spu.constant(1e6), "min", win);
      close(mn.revealDoubles(), neg(pool(neg(xs), xd, 2, true)), 1e-5, protocol + " min");
      SecretTensor src = spu.input("bob", uniform(r, 18), 2, 1, 3, 3);
      SecretTensor sas = x.slice(1, 0, 1).selectAndScatter(src, spu.constant(0.0), "ge", win);
      assertThat(sas.shape()).isEqualTo(Shape.of(2, 1, 6, 6));
      double[] got = sas.revealDoubles();
      assertThat(dot(got, ones(got.length)))
          .isCloseTo(dot(src.revealDoubles(), ones(18)), within(1e-4));
    }
  }

  static double[] neg(double[] x) {
    double[] r = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      r[i] = -x[i];
    }
    return r;
  }

  static double[] ones(int n) {
    double[] r = new double[n];
    java.util.Arrays.fill(r, 1);
    return r;
  }

  @ParameterizedTest
  @ValueSource(strings = {"ref2k", "aby3"})
  void gradientsMatchFiniteDifferencesOfPlaintext(String protocol) {
    Random r = new Random(7);
    int[] xd = {2, 2, 5, 5};
    int[] wd = {2, 2, 3, 3};
    double[] xs = uniform(r, 100);
    double[] ws = uniform(r, 36);
    int[] cd = {2, 2, 3, 3}; // stride 2, padding 1: (5 + 2 − 3) / 2 + 1 = 3
    double[] rs = uniform(r, 36);
    double[] ps = distinct(r, 64);
    int[] pd = {1, 1, 8, 8};
    double[] qs = uniform(r, 16);
    try (Device spu = device(protocol)) {
      SecretTensor x = spu.input("alice", xs, xd);
      SecretTensor w = spu.input("bob", ws, wd);
      SecretTensor rr = spu.constant(rs, DType.F32, cd);
      Grad conv =
          Grad.of((a, b, c) -> a.conv2d(b, new int[] {2, 2}, new int[] {1, 1}).mul(c).sum(), 0, 1);
      var g = conv.applyAll(x, w, rr);
      close(
          g.get(0).revealDoubles(),
          fd(v -> dot(conv(v, xd, ws, wd, 2, 2, 1, 1), rs), xs),
          1e-3,
          protocol + " d conv / dx");
      close(
          g.get(1).revealDoubles(),
          fd(v -> dot(conv(xs, xd, v, wd, 2, 2, 1, 1), rs), ws),
          1e-3,
          protocol + " d conv / dw");

      SecretTensor p = spu.input("alice", ps, pd);
      SecretTensor q = spu.constant(qs, DType.F32, 1, 1, 4, 4);
      Grad maxPool =
          Grad.of(
              (a, b) ->
                  a.maxPool2d(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}).mul(b).sum(),
              0);
      close(
          maxPool.apply(p, q).revealDoubles(),
          fd(v -> dot(pool(v, pd, 2, true), qs), ps),
          1e-4,
          protocol + " d maxPool / dx");
      Grad avgPool =
          Grad.of(
              (a, b) ->
                  a.avgPool2d(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}).mul(b).sum(),
              0);
      close(
          avgPool.apply(p, q).revealDoubles(),
          fd(v -> dot(pool(v, pd, 2, false), qs), ps),
          1e-4,
          protocol + " d avgPool / dx");
    }
  }
}
