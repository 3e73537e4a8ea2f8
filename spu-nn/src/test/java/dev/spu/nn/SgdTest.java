package dev.spu.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import dev.spu.tensor.Device;
import dev.spu.tensor.SecretTensor;
import dev.spu.tensor.SimConfig;
import dev.spu.tensor.Spu;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SGD on the scaled momentum u = lr·v: the plaintext twin is the textbook recursion, the private
 * step matches the twin within fixed-point tolerance (default and non-default f), and momentum
 * costs no communication beyond plain SGD's one truncation per parameter.
 */
class SgdTest {
  private static final int N = 257;

  private static double[] gaussian(Random r, int n, double scale) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = r.nextGaussian() * scale;
    }
    return a;
  }

  private static DoubleTensor t(double[] a) {
    return new DoubleTensor(new int[] {a.length}, a.clone());
  }

  @Test
  void plainTwinIsTheTextbookRecursionOnScaledMomentum() {
    Random r = new Random(3);
    double lr = 0.07;
    double mu = 0.9;
    double[] w0 = gaussian(r, N, 1);
    double[] wText = w0.clone();
    double[] v = new double[N];
    DoubleTensor w = t(w0);
    DoubleTensor u = t(new double[N]);
    Sgd sgd = new Sgd(lr, mu);
    for (int step = 0; step < 6; step++) {
      double[] g = gaussian(r, N, 0.5);
      for (int j = 0; j < N; j++) {
        v[j] = mu * v[j] + g[j];
        wText[j] -= lr * v[j];
      }
      sgd.updatePlain(List.of(w), List.of(t(g)), List.of(u), null);
    }
    for (int j = 0; j < N; j++) {
      assertThat(w.data()[j]).isCloseTo(wText[j], org.assertj.core.api.Assertions.within(1e-12));
      assertThat(u.data()[j]).isCloseTo(lr * v[j], org.assertj.core.api.Assertions.within(1e-12));
    }
  }

  private static void privateStepMatchesPlain(Device d, Sgd sgd, long seed, double tol) {
    Random r = new Random(seed);
    double[] w = gaussian(r, N, 1);
    double[] u = gaussian(r, N, 0.05);
    double[] g = gaussian(r, N, 0.5);
    g[0] = 0;
    u[1] = 0;
    g[2] = 3;
    u[2] = -0.3;
    SecretTensor sw = d.input("alice", w, DType.F32, Shape.of(N));
    SecretTensor su = d.input("alice", u, DType.F32, Shape.of(N));
    SecretTensor sg = d.input("bob", g, DType.F32, Shape.of(N));
    List<SecretTensor> state = sgd.slots() == 0 ? List.of() : List.of(su);
    Optimizer.Update out = sgd.update(List.of(sw), List.of(sg), state, null, d.fractionBits());
    DoubleTensor pw = t(w);
    DoubleTensor pu = t(u);
    sgd.updatePlain(List.of(pw), List.of(t(g)), sgd.slots() == 0 ? List.of() : List.of(pu), null);
    double[] gotW = out.params().get(0).revealDoubles();
    for (int j = 0; j < N; j++) {
      assertThat(Math.abs(gotW[j] - pw.data()[j])).as("w[%d]", j).isLessThanOrEqualTo(tol);
    }
    if (sgd.slots() > 0) {
      double[] gotU = out.state().get(0).revealDoubles();
      for (int j = 0; j < N; j++) {
        assertThat(Math.abs(gotU[j] - pu.data()[j])).as("u[%d]", j).isLessThanOrEqualTo(tol);
      }
    }
  }

  @Test
  void privateStepMatchesThePlainTwin() {
    try (Device d = Spu.simulate(SimConfig.of("aby3", 3).withSeed(5))) {
      // inputs round by 2^-19 each, coefficients by 2^-19, one truncation: a few 2^-18 ulps.
      privateStepMatchesPlain(d, new Sgd(0.1), 1, 4 * 0x1p-18);
      privateStepMatchesPlain(d, new Sgd(0.01, 0.99), 2, 4 * 0x1p-18);
      privateStepMatchesPlain(d, new Sgd(0.1, 0), 3, 4 * 0x1p-18);
    }
    try (Device d = Spu.simulate(SimConfig.of("semi2k", 2).withFractionBits(12).withSeed(6))) {
      privateStepMatchesPlain(d, new Sgd(0.1), 4, 4 * 0x1p-12);
    }
  }

  @Test
  void momentumCostsNoTruncationBeyondPlainSgd() {
    try (Device d = Spu.simulate(SimConfig.of("aby3", 3).withSeed(7))) {
      Random r = new Random(8);
      SecretTensor w = d.input("alice", gaussian(r, N, 1), DType.F32, Shape.of(N));
      SecretTensor u = d.input("alice", gaussian(r, N, 0.05), DType.F32, Shape.of(N));
      SecretTensor g = d.input("bob", gaussian(r, N, 0.5), DType.F32, Shape.of(N));
      int f = d.fractionBits();
      long b0 = d.stats().bytes();
      new Sgd(0.1, 0).update(List.of(w), List.of(g), List.of(), null, f);
      long plain = d.stats().bytes() - b0;
      long b1 = d.stats().bytes();
      new Sgd(0.1, 0.9).update(List.of(w), List.of(g), List.of(u), null, f);
      long momentum = d.stats().bytes() - b1;
      long b2 = d.stats().bytes();
      SecretTensor v = u.mul(0.9).add(g); // the textbook form: two truncations
      w.sub(v.mul(0.1));
      long textbook = d.stats().bytes() - b2;
      assertThat(plain).isPositive();
      assertThat(momentum).isEqualTo(plain);
      assertThat(textbook).isEqualTo(2 * plain);
    }
  }

  @Test
  void anLrBelowTheResolutionIsRefused() {
    try (Device d = Spu.simulate(SimConfig.of("ref2k", 1))) {
      SecretTensor w = d.input("alice", new double[] {1}, DType.F32, Shape.of(1));
      assertThatThrownBy(() -> new Sgd(1e-7).update(List.of(w), List.of(w), List.of(w), null, 18))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("lr=1.0E-7")
          .hasMessageContaining("2^-18");
    }
  }
}
