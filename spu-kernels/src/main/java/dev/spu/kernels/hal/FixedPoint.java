package dev.spu.kernels.hal;

/**
 * Fixed-point encoding of reals in the ring Z_2^64: x is stored as round(x · 2^f) with f fraction
 * bits (default 18 on FM64).
 *
 * <p><b>Encodable range.</b> An encoding e must satisfy |e| &lt; 2^62 ({@link #RING_BOUND}), that
 * is |x| &lt; 2^(62−f) (about 1.76e13 for f = 18). This is the range in which comparison by the
 * most significant bit of a difference is correct: for |a|, |b| &lt; 2^62 the true difference a − b
 * has |a − b| &lt; 2^63, so it does not wrap modulo 2^64 and its top bit is its sign. Integer
 * tensors live in the ring as they are and obey the same bound for comparisons.
 *
 * <p>Products need more room: a fixed × fixed product is formed in the ring before truncation, so
 * |x · y| &lt; 2^(62−2f) (2^26 for f = 18) for secret operands.
 *
 * <p>Errors name the element index and the range, never the value (it may be a secret input).
 */
public final class FixedPoint {
  /** Exclusive bound on |encoding|: 2^62. */
  public static final long RING_BOUND = 1L << 62;

  /** Default fraction bits on FM64. */
  public static final int DEFAULT_FRACTION_BITS = 18;

  private FixedPoint() {}

  /** The largest double |x| whose encoding stays inside the range (just below 2^(62−f)). */
  public static double maxEncodable(int fracBits) {
    checkFracBits(fracBits);
    return Math.nextDown(Math.scalb(1.0, 62 - fracBits));
  }

  /** The largest encoding in range, 2^62 − 1. */
  public static long maxRing() {
    return RING_BOUND - 1;
  }

  /** Encodes every element as round(x · 2^f) (ties to even). */
  public static long[] encode(double[] x, int fracBits) {
    checkFracBits(fracBits);
    long[] out = new long[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = encodeOne(x[i], fracBits, i);
    }
    return out;
  }

  /** Encodes one value; {@code index} is only used in the error message. */
  public static long encode(double x, int fracBits) {
    checkFracBits(fracBits);
    return encodeOne(x, fracBits, 0);
  }

  private static long encodeOne(double x, int fracBits, int index) {
    double s = Math.rint(Math.scalb(x, fracBits));
    // NaN fails both comparisons; infinities and out-of-range values fail one.
    if (!(s < (double) RING_BOUND && s > -(double) RING_BOUND)) {
      throw new IllegalArgumentException(
          "fixed-point encoding: element "
              + index
              + " is not a finite number in the encodable range |x| < 2^"
              + (62 - fracBits)
              + " (|x · 2^"
              + fracBits
              + "| < 2^62, "
              + fracBits
              + " fraction bits)");
    }
    return (long) s;
  }

  /** Decodes ring elements: r · 2^−f. */
  public static double[] decode(long[] r, int fracBits) {
    checkFracBits(fracBits);
    double[] out = new double[r.length];
    for (int i = 0; i < r.length; i++) {
      out[i] = Math.scalb((double) r[i], -fracBits);
    }
    return out;
  }

  public static double decode(long r, int fracBits) {
    return Math.scalb((double) r, -fracBits);
  }

  /**
   * The floor of (a · b) / 2^f computed exactly on the 128-bit product, modulo 2^64: the public
   * counterpart of a ring multiply followed by an arithmetic right shift (truncation).
   */
  public static long mulTrunc(long a, long b, int fracBits) {
    long lo = a * b;
    if (fracBits == 0) {
      return lo;
    }
    long hi = Math.multiplyHigh(a, b);
    return (hi << (64 - fracBits)) | (lo >>> fracBits);
  }

  static void checkFracBits(int fracBits) {
    if (fracBits < 0 || fracBits > 60) {
      throw new IllegalArgumentException(
          "fraction bits must be in [0, 60], got " + fracBits + " (default 18 on FM64)");
    }
  }
}
