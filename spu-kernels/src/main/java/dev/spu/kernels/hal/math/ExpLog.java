package dev.spu.kernels.hal.math;

import dev.spu.mpc.Protocol;
import dev.spu.mpc.Share;

/**
 * exp and log of secret fixed-point values.
 *
 * <p><b>exp</b> (exp2 split): t = x·log2(e) is formed exactly with 56 fraction bits (a product by a
 * public constant), shifted by g so that it is non-negative, and bit-decomposed ({@code a2b}). Its
 * integer part i + g (6 bits, {@code bitToA}) gives 2^(i+g) = Π (1 + (2^(2^j) − 1)·b_j) as an exact
 * ring integer (a product tree riding on the polynomial's rounds); the fraction r = t − i (local)
 * gives 2^r by a degree-6 polynomial in r − ½ (relative error 1.9e-9). exp = 2^r · 2^(i+g) at g
 * fraction bits. Valid for t ∈ [−g, i_max + 1): the caller clamps.
 *
 * <p><b>log</b>: normalisation x = c·2^(k+1−f), c ∈ [½, 1) ({@link Normalize}); log c by a degree-8
 * polynomial in c − ¾ (abs. error 2.9e-8), plus (k + 1 − f)·ln 2, one truncation at the end.
 */
final class ExpLog {
  /** Internal fraction bits of polynomial arguments and results. */
  static final int FP = 28;

  /** Fraction bits of t = x·log2(e) before the split. */
  static final int FT = 56;

  static final double LOG2E = 1.4426950408889634;
  static final double LN2 = 0.6931471805599453;

  /** 2^(s + ½) for s ∈ [−½, ½]: max relative error 1.9e-9. */
  static final double[] EXP2 = {
    1.4142135631569204,
    0.9802581790742699,
    0.33973153035974546,
    0.07849350232642395,
    0.01360259762576393,
    0.0018950364263289666,
    0.00021702230425110278
  };

  /** log(¾ + t) for t ∈ [−¼, ¼]: max absolute error 2.9e-8. */
  static final double[] LOG = {
    -0.2876820812873863,
    1.3333323318779537,
    -0.8888831582362204,
    0.7903340439092235,
    -0.7907390774100077,
    0.830953555488711,
    -0.9129130039148955,
    1.3112191255611876,
    -1.6127046777511966
  };

  private ExpLog() {}

  /**
   * exp(z) at {@code g} fraction bits for z at {@code fz} fraction bits, valid for z·log2(e) ∈ [−g,
   * iMax + 1) (the caller clamps z); 2^r keeps {@code min(28, 60 − iMax − g)} bits so that the
   * final product stays below 2^62. Rounds (ABY3): a2b 7, bitToA 1, truncation 2, three product
   * levels 9, truncation 2, product and truncation 3 = 24.
   */
  static Share expCore(Fx fx, Share z, int fz, int g, int iMax) {
    Protocol p = fx.p;
    int n = z.size();
    int pBits = Math.min(FP, 60 - iMax - g);
    if (pBits < 12 || iMax + g > 62 || FT - fz < 16) {
      throw new IllegalArgumentException("internal: exp parameters out of range");
    }
    Share t = fx.mulC(z, Fx.enc(LOG2E, FT - fz)); // t·2^FT, exact product
    Share u = fx.addC(t, (long) g << FT); // ≥ 0 when t ≥ −g
    Share ub = p.a2b(u);
    Share[] bitsB = new Share[6];
    for (int j = 0; j < 6; j++) {
      bitsB[j] = BitTricks.bit(p, ub, FT + j);
    }
    Share[] b = fx.bitsToA(bitsB);
    Share frac = u; // u − (i + g)·2^FT ∈ [0, 2^FT)
    for (int j = 0; j < 6; j++) {
      frac = fx.sub(frac, fx.mulC(b[j], 1L << (FT + j)));
    }
    Share s = fx.addC(fx.trunc(frac, FT - FP), -(1L << (FP - 1))); // r − ½ at FP bits
    Share[] factor = new Share[6];
    for (int j = 0; j < 6; j++) {
      factor[j] = fx.addC(fx.mulC(b[j], (1L << (1 << j)) - 1), 1); // 2^(2^j·b_j)
    }
    PowerOfTwo side = new PowerOfTwo(factor);
    Share[] pw = Poly.powers(fx, s, EXP2.length - 1, FP, side);
    Share twoR = fx.trunc(Poly.sum(fx, pw, EXP2, FP), FP + Poly.COEF_BITS - pBits);
    return fx.mulTrunc(twoR, side.result, pBits);
  }

  /** The product of six factors in three levels, computed alongside the power tree. */
  private static final class PowerOfTwo implements Poly.Side {
    private final Share[] f;
    private Share f01;
    private Share f23;
    private Share f45;
    private Share f0123;
    Share result;

    PowerOfTwo(Share[] f) {
      this.f = f;
    }

    @Override
    public int levels() {
      return 3;
    }

    @Override
    public Share[][] pairs(int level) {
      return switch (level) {
        case 1 -> new Share[][] {{f[0], f[2], f[4]}, {f[1], f[3], f[5]}};
        case 2 -> new Share[][] {{f01}, {f23}};
        default -> new Share[][] {{f0123}, {f45}};
      };
    }

    @Override
    public void products(int level, Share[] prod) {
      switch (level) {
        case 1 -> {
          f01 = prod[0];
          f23 = prod[1];
          f45 = prod[2];
        }
        case 2 -> f0123 = prod[0];
        default -> result = prod[0];
      }
    }
  }

  /**
   * The exponent bound of {@link #exp}: the largest i = ⌊x·log2 e⌋ whose result still fits with ≥
   * 12 bits of 2^r (relative 2.4e-4), capped at 25 (x ≤ 18.02; for f = 18, 2^r keeps 17 bits).
   */
  static int expIMax(int f) {
    return Math.min(25, 60 - 12 - f);
  }

  /** Lower clamp of {@link #exp} (encoding at {@code fz} bits): t = −f, where exp ≈ 2^−f. */
  static long expLow(int f, int fz) {
    return (long) Math.ceil(-f * LN2 * Math.scalb(1.0, fz)) + 1;
  }

  /** Upper clamp of {@link #exp}: just below t = iMax + 1. */
  static long expHigh(int f, int fz) {
    return (long) Math.floor((expIMax(f) + 1) * LN2 * Math.scalb(1.0, fz)) - 1;
  }

  /**
   * exp(x) at f fraction bits, x at {@code fz} fraction bits: x is clamped to [−f·ln 2, (iMax+1)·ln
   * 2) first ([−12.48, 18.02) for f = 18), so below the result saturates at ≈ 2^−f and above at
   * exp(18.02). Rounds (ABY3): clamp 9 + core 24 = 33.
   */
  static Share exp(Fx fx, Share x, int fz, int f) {
    Share xc = Clamp.clamp(fx, x, expLow(f, fz), expHigh(f, fz));
    return expCore(fx, xc, fz, f, expIMax(f));
  }

  /**
   * The limit method (1 + x/2^n)^(2^n) with n squarings: cheap (n products, no bit decomposition)
   * but its relative error grows like x²/2^(n+1) (4 % at |x| = 4 for n = 8). Valid for x ∈ [−2^n,
   * (62 − 2f)·ln 2 / 2 · 2]: no clamp, so beyond (below: a negative base; above: an overflowing
   * square) the result is undefined. Rounds (ABY3): 2 + 3n.
   */
  static Share expLimit(Fx fx, Share x, int f, int n) {
    Share y = fx.addC(fx.trunc(x, n), 1L << f);
    for (int i = 0; i < n; i++) {
      y = fx.mulTrunc(y, y, f);
    }
    return y;
  }

  /**
   * log(x) at {@code outBits} fraction bits for x at f fraction bits; x ≤ 0 is treated as the
   * smallest positive value 2^−f (result −f·ln 2). Rounds (ABY3): normalisation 20, product 1,
   * truncation 2, three power levels 9, truncation 2 = 34.
   */
  static Share logCore(Fx fx, Share x, int f, int outBits) {
    int w = 62;
    long[] r = Normalize.map(w, k -> 1L << (w - 1 - k));
    long[] kk = Normalize.map(w, k -> k);
    Share[] nm = Normalize.run(fx, x, false, new long[][] {r, kk}, Normalize.Flag.NON_POSITIVE);
    // c·2^62 ∈ [2^61, 2^62); a non-positive x becomes 1 ulp: c = ½, k = 0.
    Share c = fx.add(fx.mul(x, nm[0]), fx.mulC(nm[2], 1L << (w - 1)));
    Share t = fx.addC(fx.trunc(c, w - FP), -(3L << (FP - 2)));
    Share[] pw = Poly.powers(fx, t, LOG.length - 1, FP, null);
    int sumBits = FP + Poly.COEF_BITS;
    long ln2 = Fx.enc(LN2, sumBits);
    Share exponent = fx.addC(fx.mulC(nm[1], ln2), (1L - f) * ln2);
    return fx.trunc(fx.add(Poly.sum(fx, pw, LOG, FP), exponent), sumBits - outBits);
  }
}
