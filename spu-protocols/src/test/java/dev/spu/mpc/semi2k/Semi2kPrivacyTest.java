package dev.spu.mpc.semi2k;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.mpc.Protocol;
import dev.spu.mpc.Share;
import dev.spu.mpc.testing.ViewPrivacy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The view of N−1 colluding SEMI2K parties (their shares, every message they receive including the
 * dealer's) does not depend on the secret. Family-wise false-positive rate 1e-6 (Bonferroni over 2
 * tests per view word); seeds are fixed and distinct per session, so runs are reproducible.
 */
class Semi2kPrivacyTest {
  private static final double FAMILY_ALPHA = 1e-6;

  // Two very different secrets: zeros versus extremes.
  private static final long[] ZERO = {0, 0, 0, 0};
  private static final long[] EXTREME = {
    Long.MIN_VALUE, -1, (1L << 61) + 12345, 0x5555555555555555L
  };

  /** Every interactive primitive, nothing opened. */
  private static Share everything(Protocol p, Share x) {
    Share y = p.truncA(p.mulAA(x, x), 18);
    Share b = p.a2b(y);
    Share m = p.bitToA(p.msbA(x));
    Share c = p.b2a(p.andBB(b, p.a2b(x)));
    Share z = p.matmulAA(x, y, 2, 2, 2);
    return p.addAA(p.addAA(m, c), z);
  }

  private static void assertPrivate(
      int parties, int[] coalition, int sessions, ViewPrivacy.Program prog) {
    ViewPrivacy.Report r =
        ViewPrivacy.compare(
            "semi2k", parties, coalition, ZERO, EXTREME, sessions, prog, FAMILY_ALPHA);
    assertThat(r.words()).isGreaterThan(10);
    assertThat(r.leaks()).as(r.toString()).isFalse();
  }

  @Test
  void smallCoalitionViewIsIndependentOfTheSecret() {
    assertPrivate(3, new int[] {0, 1}, 150, (p, x) -> p.truncA(p.mulAA(x, x), 18));
  }

  @Test
  @Tag("slow")
  void everyCoalitionOfNMinusOneSeesNothing() {
    assertPrivate(2, new int[] {0}, 1000, Semi2kPrivacyTest::everything);
    assertPrivate(2, new int[] {1}, 1000, Semi2kPrivacyTest::everything);
    assertPrivate(3, new int[] {0, 1}, 1000, Semi2kPrivacyTest::everything);
    assertPrivate(3, new int[] {1, 2}, 1000, Semi2kPrivacyTest::everything);
    assertPrivate(3, new int[] {0, 2}, 1000, Semi2kPrivacyTest::everything);
    assertPrivate(4, new int[] {0, 1, 3}, 1000, Semi2kPrivacyTest::everything);
  }
}
