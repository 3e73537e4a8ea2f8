package dev.spu.mpc.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The privacy harness itself must be able to fail. */
class ViewPrivacyTest {
  @Test
  void flagsAPlaintextView() {
    // REF2K sends the secret in the clear: its view must be flagged.
    ViewPrivacy.Report r =
        ViewPrivacy.compare(
            "ref2k",
            2,
            new int[] {1},
            new long[] {0, 5},
            new long[] {-1, 5},
            50,
            (p, x) -> p.mulAA(x, x),
            1e-6);
    assertThat(r.leaks()).as(r.toString()).isTrue();
    assertThat(r.worstD()).isEqualTo(1.0);
  }

  @Test
  void flagsABiasedTopBitButNotAUniformWord() {
    SplittableRandom rnd = new SplittableRandom(1);
    int n = 1000;
    long[][] a = new long[n][2];
    long[][] b = new long[n][2];
    for (int i = 0; i < n; i++) {
      a[i][0] = rnd.nextLong();
      b[i][0] = rnd.nextLong();
      a[i][1] = rnd.nextLong();
      // Word 1 of sample b: top bit set 70% of the time, low bits uniform.
      b[i][1] = (rnd.nextLong() & Long.MAX_VALUE) | (rnd.nextDouble() < 0.7 ? Long.MIN_VALUE : 0);
    }
    ViewPrivacy.Report r = ViewPrivacy.test(a, b, 1e-6);
    assertThat(r.leaks()).as(r.toString()).isTrue();
    assertThat(r.worstWord()).isEqualTo(1);
    long[][] c = new long[n][1];
    long[][] d = new long[n][1];
    for (int i = 0; i < n; i++) {
      c[i][0] = rnd.nextLong();
      d[i][0] = rnd.nextLong();
    }
    assertThat(ViewPrivacy.test(c, d, 1e-6).leaks()).isFalse();
  }

  @Test
  void flagsALowBitLeak() {
    SplittableRandom rnd = new SplittableRandom(2);
    int n = 1000;
    long[][] a = new long[n][1];
    long[][] b = new long[n][1];
    for (int i = 0; i < n; i++) {
      a[i][0] = rnd.nextLong() & ~1L; // even
      b[i][0] = rnd.nextLong() | 1L; // odd
    }
    assertThat(ViewPrivacy.test(a, b, 1e-6).worstTest()).isEqualTo("low bits");
    assertThat(ViewPrivacy.test(a, b, 1e-6).leaks()).isTrue();
  }
}
