package dev.spu.kernels.hal.math;

import dev.spu.mpc.Share;

/**
 * sqrt and rsqrt of secret fixed-point values (Lu et al., PPMLP'20: normalisation, polynomial,
 * exponent compensation). x = u·2^m' with m' even and u ∈ [¼, 1): the normalising factor and
 * 2^(±m'/2) both come from the highest set bit in one {@link Normalize} pass; u^(±½) is a degree-12
 * polynomial in u − ⅝ (relative error 2.1e-7 for u^−½, 9e-9 for u^½); y = u^(±½)·2^(±m'/2) is one
 * product and one truncation. Rounds (ABY3): normalisation 20, product 1, truncation 2, four power
 * levels 12, truncation 2, product and truncation 3 = 40.
 */
final class Roots {
  static final int FP = 28;

  /** u^−½ for u ∈ [¼, 1], in t = u − ⅝: max relative error 2.1e-7. */
  static final double[] RSQRT = {
    1.264911140471817,
    -1.0119203879166865,
    1.214262363028724,
    -1.6207135485333795,
    2.272492201756958,
    -3.175855640330402,
    4.55192748807594,
    -9.116220671045498,
    15.128039466278993,
    5.029440214194458,
    -16.834009330389442,
    -132.9409846274691,
    225.62555699409484
  };

  /** u^½ for u ∈ [¼, 1], in t = u − ⅝: max relative error 9e-9. */
  static final double[] SQRT = {
    0.7905694094758187,
    0.6324553774608616,
    -0.2529791101064082,
    0.202416591295855,
    -0.20267098386900873,
    0.22495131680466882,
    -0.2621750525621419,
    0.38209412715863406,
    -0.6037474843770333,
    0.15656564153892857,
    0.4661680432289017,
    3.166535158654835,
    -6.047890012075542
  };

  private Roots() {}

  /**
   * sqrt(x) (inverse = false) or 1/sqrt(x) (inverse = true) at f fraction bits.
   *
   * <p>sqrt: window x &lt; 2^(61−f); x ≤ 0 and larger x give 0. rsqrt: window x &lt; 2^(2f+2)
   * (beyond, the true value is below 2^−(f+1) and the result is 0); x ≤ 0 is treated as 2^−f
   * (result 2^(f/2)), the smallest positive value.
   */
  static Share root(Fx fx, Share x, int f, boolean inverse) {
    int window = inverse ? Math.min(61, 3 * f + 2) : 61;
    int cw = window + 1; // u·2^cw, u ∈ [¼, 1)
    // m = k + 1 − f; odd m moves one more bit into u so that m' = m + odd is even.
    long[] r = Normalize.map(window, k -> 1L << (cw - 1 - k - odd(k, f)));
    int e0 = 0;
    for (int k = 0; k < window; k++) {
      e0 = Math.max(e0, -half(k, f, inverse));
    }
    final int base = e0;
    long[] s = Normalize.map(window, k -> 1L << (base + half(k, f, inverse)));
    Share[] nm =
        inverse
            ? Normalize.run(fx, x, false, new long[][] {r, s}, Normalize.Flag.NON_POSITIVE)
            : Normalize.run(fx, x, false, new long[][] {r, s});
    Share c = fx.mul(x, nm[0]);
    Share scale = nm[1];
    if (inverse) { // x ≤ 0 behaves as x = 1 ulp (k = 0)
      c = fx.add(c, fx.mulC(nm[2], r[0]));
      scale = fx.add(scale, fx.mulC(nm[2], s[0]));
    }
    Share t = fx.addC(fx.trunc(c, cw - FP), -(5L << (FP - 3)));
    Share v = Poly.eval(fx, t, FP, inverse ? RSQRT : SQRT, FP);
    return fx.mulTrunc(v, scale, FP + base - f);
  }

  private static int odd(int k, int f) {
    return (k + 1 - f) & 1;
  }

  /** ±m'/2 for the highest bit k. */
  private static int half(int k, int f, boolean inverse) {
    int m = k + 1 - f + odd(k, f);
    return inverse ? -m / 2 : m / 2;
  }
}
