package dev.spu.kernels.hal;

/**
 * Plaintext ring arithmetic on public {@code long[]} data (Z_2^64, wrapping): what every party
 * computes locally for public ⊗ public. Fixed-point products use the exact 128-bit product and a
 * floor shift, the public counterpart of a ring multiply followed by truncation.
 */
final class RingOps {
  private RingOps() {}

  static long[] add(long[] a, long[] b) {
    long[] r = new long[a.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = a[i] + b[i];
    }
    return r;
  }

  static long[] sub(long[] a, long[] b) {
    long[] r = new long[a.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = a[i] - b[i];
    }
    return r;
  }

  static long[] neg(long[] a) {
    long[] r = new long[a.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = -a[i];
    }
    return r;
  }

  static long[] mul(long[] a, long[] b) {
    long[] r = new long[a.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = a[i] * b[i];
    }
    return r;
  }

  static long[] scale(long[] a, long c) {
    long[] r = new long[a.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = a[i] * c;
    }
    return r;
  }

  /** floor(a · b / 2^f) per element, exact on the 128-bit product. */
  static long[] mulTrunc(long[] a, long[] b, int f) {
    long[] r = new long[a.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = FixedPoint.mulTrunc(a[i], b[i], f);
    }
    return r;
  }

  /** Arithmetic right shift (floor division by 2^bits). */
  static long[] sra(long[] a, int bits) {
    long[] r = new long[a.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = a[i] >> bits;
    }
    return r;
  }

  static long[] fill(int n, long v) {
    long[] r = new long[n];
    java.util.Arrays.fill(r, v);
    return r;
  }

  /**
   * (m×k)·(k×n) with every output accumulated exactly in 128 bits and then shifted right by f
   * (floor): the exact fixed-point matrix product, modulo 2^64.
   */
  static long[] matmulTrunc(long[] a, long[] b, int m, int k, int n, int f) {
    long[] c = new long[m * n];
    long[] hi = new long[n];
    long[] lo = new long[n];
    for (int i = 0; i < m; i++) {
      java.util.Arrays.fill(hi, 0);
      java.util.Arrays.fill(lo, 0);
      for (int t = 0; t < k; t++) {
        long av = a[i * k + t];
        if (av == 0) {
          continue;
        }
        int bt = t * n;
        for (int j = 0; j < n; j++) {
          long bv = b[bt + j];
          long pl = av * bv;
          long ph = Math.multiplyHigh(av, bv);
          long s = lo[j] + pl;
          // Unsigned carry out of the low word.
          if (Long.compareUnsigned(s, pl) < 0) {
            ph++;
          }
          lo[j] = s;
          hi[j] += ph;
        }
      }
      for (int j = 0; j < n; j++) {
        c[i * n + j] = f == 0 ? lo[j] : (hi[j] << (64 - f)) | (lo[j] >>> f);
      }
    }
    return c;
  }
}
