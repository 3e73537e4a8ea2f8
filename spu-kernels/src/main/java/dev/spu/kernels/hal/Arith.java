package dev.spu.kernels.hal;

import dev.spu.mpc.Protocol;
import dev.spu.mpc.Share;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.TensorType;
import java.math.BigInteger;

/**
 * Elementwise arithmetic. Operands are first brought to the promoted dtype ({@link DType#promote}):
 * an int operand of a fixed-point add is scaled by 2^f; a product needs no scaling (int × fixed is
 * a plain ring multiply) and only fixed × fixed is truncated by f.
 *
 * <p>Integers keep ring semantics: values are sign-extended 64-bit ring elements and arithmetic
 * wraps modulo 2^64, not at the dtype's width (an i32 sum that overflows 32 bits keeps its 64-bit
 * value), identically for public and secret operands.
 */
public final class Arith {
  private Arith() {}

  // ---------------------------------------------------------------- ring level (same encoding)

  static TensorType resultType(HalValue a, HalValue b, DType d) {
    return Hal.type(a.shape(), d, Hal.vis(a, b));
  }

  /** Ring addition of the encodings, result dtype {@code d}. */
  static HalValue ringAdd(Hal h, DType d, HalValue a, HalValue b) {
    TensorType t = resultType(a, b, d);
    if (a.isPublic() && b.isPublic()) {
      return HalValue.ofPublic(t, RingOps.add(a.publicData(), b.publicData()));
    }
    Protocol p = h.protocol();
    if (a.isPublic()) {
      return HalValue.ofSecret(t, p.addAP(h.arith(b), a.publicData()));
    }
    if (b.isPublic()) {
      return HalValue.ofSecret(t, p.addAP(h.arith(a), b.publicData()));
    }
    return HalValue.ofSecret(t, p.addAA(h.arith(a), h.arith(b)));
  }

  static HalValue ringNeg(Hal h, HalValue a) {
    if (a.isPublic()) {
      return HalValue.ofPublic(a.type(), RingOps.neg(a.publicData()));
    }
    return HalValue.ofSecret(a.type(), h.protocol().negA(h.arith(a)));
  }

  static HalValue ringSub(Hal h, DType d, HalValue a, HalValue b) {
    TensorType t = resultType(a, b, d);
    if (a.isPublic() && b.isPublic()) {
      return HalValue.ofPublic(t, RingOps.sub(a.publicData(), b.publicData()));
    }
    return ringAdd(h, d, a, ringNeg(h, b));
  }

  /** Ring product of the encodings (no truncation), result dtype {@code d}. */
  static HalValue ringMul(Hal h, DType d, HalValue a, HalValue b) {
    TensorType t = resultType(a, b, d);
    if (a.isPublic() && b.isPublic()) {
      return HalValue.ofPublic(t, RingOps.mul(a.publicData(), b.publicData()));
    }
    Protocol p = h.protocol();
    if (a.isPublic()) {
      return HalValue.ofSecret(t, p.mulAP(h.arith(b), a.publicData()));
    }
    if (b.isPublic()) {
      return HalValue.ofSecret(t, p.mulAP(h.arith(a), b.publicData()));
    }
    return HalValue.ofSecret(t, p.mulAA(h.arith(a), h.arith(b)));
  }

  static HalValue constantLike(Hal h, HalValue like, DType d, long ring) {
    return HalValue.ofPublic(
        Hal.type(like.shape(), d, dev.spu.pphlo.Visibility.PUBLIC),
        RingOps.fill(like.numElements(), ring));
  }

  // ---------------------------------------------------------------- ops

  public static HalValue add(Hal h, HalValue a, HalValue b) {
    Hal.requireSameShape("add", a, b);
    DType d = DType.promote(a.dtype(), b.dtype());
    return ringAdd(h, d, h.cast(a, d), h.cast(b, d));
  }

  public static HalValue subtract(Hal h, HalValue a, HalValue b) {
    Hal.requireSameShape("subtract", a, b);
    DType d = DType.promote(a.dtype(), b.dtype());
    return ringSub(h, d, h.cast(a, d), h.cast(b, d));
  }

  public static HalValue negate(Hal h, HalValue a) {
    return ringNeg(h, a);
  }

  /**
   * fixed × fixed: ring product, then truncation by f (public: exact floor of the 128-bit product;
   * secret: truncA, error ≤ 1 ulp). int × fixed and int × int: ring product only.
   */
  public static HalValue multiply(Hal h, HalValue a, HalValue b) {
    Hal.requireSameShape("multiply", a, b);
    DType d = DType.promote(a.dtype(), b.dtype());
    boolean trunc = a.dtype().isFixedPoint() && b.dtype().isFixedPoint();
    if (trunc && a.isPublic() && b.isPublic()) {
      return HalValue.ofPublic(
          resultType(a, b, d), RingOps.mulTrunc(a.publicData(), b.publicData(), h.fracBits()));
    }
    HalValue r = ringMul(h, d, a, b);
    return trunc ? h.truncate(r, h.fracBits()) : r;
  }

  /**
   * Division. public ÷ public: integers truncate toward zero (Java/StableHLO); fixed point is the
   * quotient rounded to the nearest ulp. secret ÷ public with a fixed-point result: multiply by the
   * reciprocal encoded with f + s fraction bits (2^s ≤ the smallest |divisor|, so the reciprocal
   * keeps ≥ f significant bits), then truncate by f + s; error ≤ 1 ulp + |x|·2^−(s+1) ulp. Secret
   * integer ÷ public integer and anything ÷ secret are not supported yet.
   */
  public static HalValue divide(Hal h, HalValue a, HalValue b) {
    Hal.requireSameShape("divide", a, b);
    DType d = DType.promote(a.dtype(), b.dtype());
    if (b.isSecret()) {
      throw new UnsupportedOpException(
          "'pphlo.divide' of "
              + a.type()
              + " by the secret "
              + b.type()
              + ": division by a secret arrives with the fixed-point math capability"
              + " (reciprocal); divide by a public value or reveal the divisor");
    }
    if (a.isSecret() && !d.isFixedPoint()) {
      throw new UnsupportedOpException(
          "'pphlo.divide' of the secret integer "
              + a.type()
              + " by "
              + b.type()
              + ": secret integer division arrives with the fixed-point math capability;"
              + " convert to a floating type first");
    }
    long[] y = h.cast(b, d).publicData();
    for (int i = 0; i < y.length; i++) {
      if (y[i] == 0) {
        throw new IllegalArgumentException(
            "'pphlo.divide': element " + i + " of the public divisor " + b.type() + " is zero");
      }
    }
    HalValue x = h.cast(a, d);
    TensorType t = resultType(a, b, d);
    if (x.isPublic()) {
      long[] xs = x.publicData();
      long[] q = new long[xs.length];
      for (int i = 0; i < q.length; i++) {
        q[i] = d.isFixedPoint() ? divFixed(xs[i], y[i], h.fracBits()) : xs[i] / y[i];
      }
      return HalValue.ofPublic(t, q);
    }
    return secretDivPublic(h, x, b, y, t);
  }

  private static HalValue secretDivPublic(
      Hal h, HalValue x, HalValue b, long[] yFixed, TensorType t) {
    int f = h.fracBits();
    // The divisor's real values (b may be an int tensor or fixed point; yFixed is its encoding).
    double minAbs = Double.POSITIVE_INFINITY;
    double[] dv = FixedPoint.decode(yFixed, f);
    for (double v : dv) {
      minAbs = Math.min(minAbs, Math.abs(v));
    }
    int s = Math.max(0, Math.min(Math.getExponent(minAbs), 60 - 2 * f));
    long[] recip = new long[dv.length];
    for (int i = 0; i < dv.length; i++) {
      recip[i] = Math.round(Math.scalb(1.0, f + s) / dv[i]);
    }
    Share prod = h.protocol().mulAP(h.arith(x), recip);
    return HalValue.ofSecret(t, h.protocol().truncA(prod, f + s));
  }

  /** round(x · 2^f / y), ties away from zero, modulo 2^64. */
  static long divFixed(long x, long y, int f) {
    if (Math.abs(x) < (1L << (62 - f)) && y != Long.MIN_VALUE) {
      long num = x << f;
      long q = num / y;
      long r = num % y;
      if (Math.abs(r) >= Math.abs(y) - Math.abs(r)) {
        q += ((num < 0) == (y < 0)) ? 1 : -1;
      }
      return q;
    }
    BigInteger num = BigInteger.valueOf(x).shiftLeft(f);
    BigInteger den = BigInteger.valueOf(y);
    BigInteger[] qr = num.divideAndRemainder(den);
    BigInteger q = qr[0];
    if (qr[1].abs().shiftLeft(1).compareTo(den.abs()) >= 0) {
      q = q.add(BigInteger.valueOf(num.signum() * den.signum()));
    }
    return q.longValue();
  }

  /** Remainder with the sign of the dividend (C fmod); public operands only. */
  public static HalValue remainder(Hal h, HalValue a, HalValue b) {
    Hal.requireSameShape("remainder", a, b);
    if (a.isSecret() || b.isSecret()) {
      throw new UnsupportedOpException(
          "'pphlo.remainder' of "
              + a.type()
              + " and "
              + b.type()
              + ": remainder is supported on public operands only");
    }
    DType d = DType.promote(a.dtype(), b.dtype());
    long[] x = h.cast(a, d).publicData();
    long[] y = h.cast(b, d).publicData();
    long[] r = new long[x.length];
    for (int i = 0; i < r.length; i++) {
      if (y[i] == 0) {
        throw new IllegalArgumentException(
            "'pphlo.remainder': element " + i + " of the public divisor " + b.type() + " is zero");
      }
      r[i] = x[i] % y[i];
    }
    return HalValue.ofPublic(resultType(a, b, d), r);
  }

  /**
   * Power. public ^ public: integers by repeated squaring (ring semantics; a negative exponent
   * gives 0 unless the base is ±1), fixed point via double pow re-encoded. secret ^ public with
   * non-negative integral exponents: square-and-multiply (a fixed-point base truncates once per
   * product). A secret exponent, or a negative or fractional one with a secret base, is not
   * supported yet.
   */
  public static HalValue power(Hal h, HalValue a, HalValue b) {
    Hal.requireSameShape("power", a, b);
    DType d = DType.promote(a.dtype(), b.dtype());
    if (b.isSecret()) {
      throw new UnsupportedOpException(
          "'pphlo.power' of "
              + a.type()
              + " with the secret exponent "
              + b.type()
              + ": secret exponents arrive with the fixed-point math capability (exp/log)");
    }
    long[] e = exponents(h, b);
    HalValue x = h.cast(a, d);
    TensorType t = resultType(a, b, d);
    int f = h.fracBits();
    if (x.isPublic()) {
      long[] xs = x.publicData();
      long[] out = new long[xs.length];
      if (d.isFixedPoint()) {
        double[] base = FixedPoint.decode(xs, f);
        double[] ex = FixedPoint.decode(h.cast(b, d).publicData(), f);
        double[] res = new double[xs.length];
        for (int i = 0; i < res.length; i++) {
          res[i] = Math.pow(base[i], ex[i]);
        }
        return HalValue.ofPublic(t, FixedPoint.encode(res, f));
      }
      for (int i = 0; i < out.length; i++) {
        out[i] = intPow(xs[i], e[i]);
      }
      return HalValue.ofPublic(t, out);
    }
    long maxE = 0;
    for (int i = 0; i < e.length; i++) {
      if (e[i] < 0 || e[i] == Long.MIN_VALUE) {
        throw new UnsupportedOpException(
            "'pphlo.power' of the secret "
                + a.type()
                + ": element "
                + i
                + " of the public exponent is negative or not an integer; only non-negative"
                + " integral exponents are supported for secret bases (negative ones arrive with"
                + " the reciprocal)");
      }
      maxE = Math.max(maxE, e[i]);
    }
    HalValue result = constantLike(h, x, d, d.isFixedPoint() ? h.fxpOne() : 1L);
    boolean resultIsOne = true; // skip the product (and its truncation) by the initial 1
    HalValue base = x;
    for (int bit = 0; (maxE >> bit) != 0; bit++) {
      long[] mask = new long[e.length];
      boolean any = false;
      boolean all = true;
      for (int i = 0; i < e.length; i++) {
        mask[i] = (e[i] >> bit) & 1;
        any |= mask[i] != 0;
        all &= mask[i] != 0;
      }
      if (any) {
        HalValue prod = resultIsOne ? base : multiply(h, result, base);
        resultIsOne = false;
        if (all) {
          result = prod;
        } else {
          // result + mask · (prod − result): a public per-element choice, local.
          HalValue m =
              HalValue.ofPublic(
                  Hal.type(x.shape(), DType.I64, dev.spu.pphlo.Visibility.PUBLIC), mask);
          result = ringAdd(h, d, result, ringMul(h, d, m, ringSub(h, d, prod, result)));
        }
      }
      if ((maxE >> (bit + 1)) != 0) {
        base = multiply(h, base, base);
      }
    }
    return (t.isSecret() ? h.toSecret(result) : result).retype(t);
  }

  /**
   * Integer exponents from a public int or integral fixed-point tensor (MIN_VALUE: not integral).
   */
  private static long[] exponents(Hal h, HalValue b) {
    long[] y = b.publicData();
    long[] e = new long[y.length];
    for (int i = 0; i < y.length; i++) {
      if (b.dtype().isFixedPoint()) {
        long frac = y[i] & (h.fxpOne() - 1);
        e[i] = frac == 0 ? y[i] >> h.fracBits() : Long.MIN_VALUE;
      } else {
        e[i] = y[i];
      }
    }
    return e;
  }

  static long intPow(long base, long e) {
    if (e < 0) {
      return base == 1 ? 1 : base == -1 ? ((e & 1) == 0 ? 1 : -1) : 0;
    }
    long r = 1;
    long b = base;
    while (e != 0) {
      if ((e & 1) != 0) {
        r *= b;
      }
      b *= b;
      e >>>= 1;
    }
    return r;
  }
}
