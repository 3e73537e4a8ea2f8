package dev.spu.kernels.hal.math;

import dev.spu.mpc.Share;

/**
 * Goldschmidt reciprocal of a normalised secret c (|c| in a known interval such as [0.5, 1]): a
 * linear first guess w0 = α − 2·|c| (an integer slope, so the guess is local and exact), relative
 * error e0 = 1 − c·w0, then r ← r·(1 + e), e ← e² (both products in one call), which squares the
 * error each iteration. Three iterations leave e0^8: with α = 4√3 − 4 on [0.5, 1], |e0| ≤ 0.072 and
 * e0^8 ≤ 7e-10; with α = 3 on [0.4, 1], |e0| ≤ 0.125 and e0^8 ≤ 6e-8. Cost: 4 products and 4
 * truncations in sequence (ABY3: 12 rounds; the last truncation may be skipped).
 */
final class Goldschmidt {
  /** First-guess intercept α for |c| ∈ [0.5, 1] (minimax with slope 2). */
  static final double HALF_TO_ONE = 4 * Math.sqrt(3) - 4;

  /** First-guess intercept α for |c| ∈ [0.4, 1]. */
  static final double TWO_FIFTHS_TO_ONE = 3.0;

  static final int ITERATIONS = 3;

  private Goldschmidt() {}

  /**
   * @param c the divisor at {@code fg} fraction bits; negative values allowed if {@code sign} (its
   *     sign bit, arithmetic 0/1) is given
   * @param alpha the first guess's intercept
   * @param outBits fraction bits of the result; 2·fg returns the last product untruncated
   * @return 1/c at {@code outBits} fraction bits
   */
  static Share reciprocal(Fx fx, Share c, Share sign, int fg, double alpha, int outBits) {
    long a = Fx.enc(alpha, fg);
    // w0 = σ·α − 2c with σ = 1 − 2·sign.
    Share w0 = fx.addC(fx.mulC(c, -2), a);
    if (sign != null) {
      w0 = fx.add(w0, fx.mulC(sign, -2 * a));
    }
    long one = 1L << fg;
    Share e = fx.rsubC(one, fx.mulTrunc(c, w0, fg));
    Share r = w0;
    for (int i = 1; i < ITERATIONS; i++) {
      Share[] next = fx.trunc(fx.mul(new Share[] {r, e}, new Share[] {fx.addC(e, one), e}), fg);
      r = next[0];
      e = next[1];
    }
    return fx.trunc(fx.mul(r, fx.addC(e, one)), 2 * fg - outBits);
  }
}
