package dev.spu.kernels.hal.math;

import dev.spu.mpc.Share;

/**
 * Logistic sigmoid, tanh and erf of secret fixed-point values, by symmetry: with a = |x| (clamped
 * where the function is within an ulp of ±1) and s = [x &lt; 0] from one batched comparison,
 * exp(−a) (or exp(−a²)) needs no upper clamp, and 1/(1 + exp(−a)) ∈ (½, 1] needs no normalisation:
 * Goldschmidt runs directly on (1 + e)/2.
 */
final class Sigmoid {
  /** Fraction bits of the internal exp result. */
  static final int G = 28;

  /** A&amp;S 7.1.26 polynomial re-expanded in y − 7/4 where t = 1/(1 + p·a) = 0.4·y. */
  static final double[] ERF_POLY = {
    0.35601083569233005,
    0.49060199893619993,
    0.3310121251504001,
    0.16342237872,
    0.0579012345472,
    0.010868791592960003
  };

  /** A&amp;S 7.1.26's p. */
  static final double ERF_P = 0.3275911;

  private Sigmoid() {}

  /** The bound on a·|x| below which exp(−a·|x|) still has g-bit resolution. */
  private static double expRange() {
    return (G - 0.01) * ExpLog.LN2;
  }

  /**
   * 1/(1 + exp(−scale·|x|)) at 59 fraction bits (a value in [½, 1]) and s = [x &lt; 0]. |x| is
   * clamped at 19.4/scale, where the exact value is within 2^−28 of 1.
   */
  private static Share[] halfCore(Fx fx, Share x, int f, int scale) {
    long bound = (long) Math.floor(expRange() / scale * Math.scalb(1.0, f));
    Share[] as = Clamp.absClamped(fx, x, bound);
    Share z = fx.mulC(as[0], -scale); // −scale·|x| at f bits, ≥ −19.4
    Share e = ExpLog.expCore(fx, z, f, G, 0); // exp(z) at G bits, ≤ 1
    // d = 1 + e ∈ (1, 2] at G bits is c = d/2 ∈ (½, 1] at G + 1 bits.
    Share d = fx.addC(e, 1L << G);
    int fg = G + 1;
    Share y = Goldschmidt.reciprocal(fx, d, null, fg, Goldschmidt.HALF_TO_ONE, 2 * fg);
    // y = 2/d at 58 bits, i.e. 1/d at 59 bits.
    return new Share[] {y, as[1]};
  }

  static final int HALF_BITS = 59;

  /**
   * sigmoid(x) at f fraction bits. Error ≲ 2^−28 before the final truncation (1 ulp). Rounds
   * (ABY3): comparison 9, exp core 24, Goldschmidt 10, select and truncation 3 = 46.
   */
  static Share sigmoid(Fx fx, Share x, int f) {
    Share[] ys = halfCore(fx, x, f, 1);
    Share y = ys[0];
    // x < 0: 1 − y. res = y + s·(1 − 2y).
    Share flip = fx.mul(ys[1], fx.rsubC(1L << HALF_BITS, fx.mulC(y, 2)));
    return fx.trunc(fx.add(y, flip), HALF_BITS - f);
  }

  /** tanh(x) = sign(x)·(2·sigmoid(2|x|) − 1) at f fraction bits. Rounds as sigmoid. */
  static Share tanh(Fx fx, Share x, int f) {
    Share[] ys = halfCore(fx, x, f, 2);
    Share v = fx.addC(fx.mulC(ys[0], 2), -(1L << HALF_BITS)); // tanh(|x|) ∈ [0, 1]
    Share flip = fx.mulC(fx.mul(ys[1], v), -2);
    return fx.trunc(fx.add(v, flip), HALF_BITS - f);
  }

  /**
   * The cheap piecewise-linear sigmoid 0.5 + 0.125·x clamped to [0, 1] (x clamped to [−4, 4]): one
   * batched comparison and one product; absolute error up to 0.07.
   */
  static Share sigmoidLinear(Fx fx, Share x, int f) {
    Share xc = Clamp.clamp(fx, x, -(4L << f), 4L << f);
    return fx.addC(fx.trunc(xc, 3), 1L << (f - 1));
  }

  /**
   * erf(x) by Abramowitz–Stegun 7.1.26 (max abs. error 1.5e-7): erf(a) = 1 − q(t)·exp(−a²), t =
   * 1/(1 + p·a), a = |x| clamped at 4.4 (erf(4.4) = 1 − 4e-10); sign restored at the end. 1/(1 +
   * p·a) is Goldschmidt on c = 0.4·(1 + p·a) ∈ [0.4, 1]. Rounds (ABY3): comparison 9, truncation 2,
   * product 1, exp core 24, Goldschmidt 12, polynomial 11, products and truncation 4 = 63.
   */
  static Share erf(Fx fx, Share x, int f) {
    long bound = (long) Math.floor(Math.sqrt(expRange()) * Math.scalb(1.0, f));
    Share[] as = Clamp.absClamped(fx, x, bound);
    Share a = as[0];
    Share sign = as[1];
    // c = 0.4 + 0.4·p·a at G bits.
    Share c = fx.addC(fx.trunc(fx.mulC(a, Fx.enc(0.4 * ERF_P, G)), f), Fx.enc(0.4, G));
    // a² at 2f bits, exact (truncated to 36 bits only for f > 18: t = a²·log2 e needs ≥ 20 bits).
    int a2Bits = Math.min(2 * f, 36);
    Share a2 = fx.trunc(fx.mul(a, a), 2 * f - a2Bits);
    Share e = ExpLog.expCore(fx, fx.p.negA(a2), a2Bits, G, 0); // exp(−a²) at G bits
    Share y = Goldschmidt.reciprocal(fx, c, null, G, Goldschmidt.TWO_FIFTHS_TO_ONE, G);
    Share q = Poly.eval(fx, fx.addC(y, -(7L << (G - 2))), G, ERF_POLY, G); // q(t) at G bits
    Share one = fx.rsubC(1L << (2 * G), fx.mul(q, e)); // 1 − q·e at 2G bits, in [0, 1]
    Share flip = fx.mulC(fx.mul(sign, one), -2);
    return fx.trunc(fx.add(one, flip), 2 * G - f);
  }
}
