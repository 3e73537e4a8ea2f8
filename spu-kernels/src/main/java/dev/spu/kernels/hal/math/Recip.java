package dev.spu.kernels.hal.math;

import dev.spu.mpc.Share;

/**
 * Reciprocal and division of secret fixed-point values: normalise |b| to c ∈ [½, 1] by its highest
 * set bit ({@link Normalize}, signed mode), Goldschmidt on c, and undo the normalisation with the
 * same power of two. The power of two R = 2^(N−1−k) is exact, so the result keeps relative
 * precision over the whole window.
 */
final class Recip {
  /** Goldschmidt working precision. */
  static final int FG = 28;

  private Recip() {}

  /**
   * 1/x at f fraction bits. Window N = max(41, 2f + 5) bits (|x| &lt; 2^(N−f), 2^23 for f = 18);
   * beyond, the result is 0 (the true value is under half an ulp). x = 0 gives +2^f and x = −2^−f
   * gives −2^f (the reciprocal of ±1 ulp). Error: relative ~1e-6, plus 1 ulp. Rounds (ABY3):
   * normalisation 20, product 1, truncation 2, Goldschmidt 12, product and truncation 3 = 38.
   */
  static Share reciprocal(Fx fx, Share x, int f) {
    // The window covers |x| < 2^(N−f) with N ≥ 2f + 5 (beyond, 1/x is under half an ulp), within
    // N + wBits = 61 (the final product W·R stays below 2^62): N = 41, wBits = 20 for f = 18.
    int window = Math.min(49, Math.max(41, 2 * f + 5));
    int wBits = 61 - window;
    long[] r = Normalize.map(window, k -> 1L << (window - 1 - k));
    Share[] nm =
        Normalize.run(
            fx, x, true, new long[][] {r}, Normalize.Flag.SIGN, Normalize.Flag.ZERO_MAGNITUDE);
    Share rr = nm[0];
    Share sign = nm[1];
    Share zero = nm[2];
    Share[] prod = fx.mul(new Share[] {x, zero}, new Share[] {rr, sign});
    long half = 1L << (window - 1);
    // |x| ≤ 1 ulp (x ∈ {0, −1} as encodings): c = ±½ and R = 2^(N−1), i.e. x = ±1 ulp.
    Share c = fx.add(prod[0], fx.mulC(fx.sub(zero, fx.mulC(prod[1], 2)), half));
    Share rTotal = fx.add(rr, fx.mulC(zero, half));
    Share w =
        Goldschmidt.reciprocal(
            fx, fx.trunc(c, window - FG), sign, FG, Goldschmidt.HALF_TO_ONE, wBits);
    return fx.mulTrunc(w, rTotal, wBits + window - 2 * f);
  }

  /**
   * a/b at f fraction bits for secret b and a given either as a secret ({@code aSecret}) or as
   * public encodings ({@code aPublic}). Window N = 35 bits for b (|b| &lt; 2^(35−f) = 2^17 for f =
   * 18; beyond, 0) and |a/b| &lt; 2^26 (a·2^(N−1−k) ≈ (a/b)·2^N stays below 2^62); b = 0 (and b =
   * −2^−f) gives 0. P = a·R is exact, then truncated once and multiplied by 1/c (16 bits): error ≤
   * 1 ulp + ~2e-5 relative. Rounds (ABY3): normalisation 20, product 1, truncation 2, Goldschmidt
   * 12, product and truncation 3 = 38.
   */
  static Share divide(Fx fx, Share aSecret, long[] aPublic, Share b, int f) {
    int window = 35; // |a/b|·2^35 < 2^62 for |a/b| < 2^26
    int fg = 19; // c's precision after the shared truncation by window − 19
    int wBits = 16;
    int t1 = window - fg;
    int t2 = wBits + fg - f;
    if (t2 < 0 || window < fg + 2) {
      throw new IllegalArgumentException("internal: divide parameters out of range for f = " + f);
    }
    long[] r = Normalize.map(window, k -> 1L << (window - 1 - k));
    Share[] nm =
        Normalize.run(
            fx, b, true, new long[][] {r}, Normalize.Flag.SIGN, Normalize.Flag.ZERO_MAGNITUDE);
    Share rr = nm[0];
    Share sign = nm[1];
    Share zero = nm[2];
    Share ar;
    Share[] prod;
    if (aSecret != null) {
      prod = fx.mul(new Share[] {b, zero, aSecret}, new Share[] {rr, sign, rr});
      ar = prod[2];
    } else {
      prod = fx.mul(new Share[] {b, zero}, new Share[] {rr, sign});
      ar = fx.p.mulAP(rr, aPublic);
    }
    long half = 1L << (window - 1);
    Share c = fx.add(prod[0], fx.mulC(fx.sub(zero, fx.mulC(prod[1], 2)), half));
    Share[] tr = fx.trunc(new Share[] {c, ar}, t1);
    Share w = Goldschmidt.reciprocal(fx, tr[0], sign, fg, Goldschmidt.HALF_TO_ONE, wBits);
    return fx.mulTrunc(tr[1], w, t2);
  }
}
