package dev.spu.tensor;

import dev.spu.kernels.hal.FixedPoint;
import dev.spu.pphlo.DType;

/**
 * Ring encoding of plaintext on the owner/reader side: fixed point {@code round(x·2^f)} for
 * f16/f32/f64, integers as they are. Messages name indices, never values.
 */
final class Codec {
  private Codec() {}

  static long[] encode(double[] x, DType d, int fracBits) {
    if (d.isFixedPoint()) {
      return FixedPoint.encode(x, fracBits);
    }
    long[] r = new long[x.length];
    for (int i = 0; i < x.length; i++) {
      if (x[i] != Math.rint(x[i]) || Double.isInfinite(x[i])) {
        throw new IllegalArgumentException(
            "element " + i + " is not an integer; it cannot be encoded as " + d);
      }
      r[i] = checkRange((long) x[i], d, i);
    }
    return r;
  }

  static long[] encode(long[] x, DType d, int fracBits) {
    if (d.isFixedPoint()) {
      double[] v = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        v[i] = x[i];
      }
      return FixedPoint.encode(v, fracBits);
    }
    long[] r = new long[x.length];
    for (int i = 0; i < x.length; i++) {
      r[i] = checkRange(x[i], d, i);
    }
    return r;
  }

  private static long checkRange(long v, DType d, int i) {
    if (d == DType.I1 ? (v != 0 && v != 1) : d.bits() < 64 && v != signExtend(v, d.bits())) {
      throw new IllegalArgumentException("element " + i + " is out of range for " + d);
    }
    return v;
  }

  /** Ring values of an integer dtype, normalized to its width (i1 to 0/1). */
  static long[] normalizeInts(long[] r, DType d) {
    long[] out = new long[r.length];
    for (int i = 0; i < r.length; i++) {
      out[i] = d == DType.I1 ? r[i] & 1L : d.bits() < 64 ? signExtend(r[i], d.bits()) : r[i];
    }
    return out;
  }

  static double[] decode(long[] r, DType d, int fracBits) {
    if (d.isFixedPoint()) {
      return FixedPoint.decode(r, fracBits);
    }
    long[] n = normalizeInts(r, d);
    double[] out = new double[n.length];
    for (int i = 0; i < n.length; i++) {
      out[i] = n[i];
    }
    return out;
  }

  private static long signExtend(long v, int bits) {
    int s = 64 - bits;
    return (v << s) >> s;
  }
}
