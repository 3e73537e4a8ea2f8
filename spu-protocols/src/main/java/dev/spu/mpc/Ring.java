package dev.spu.mpc;

/**
 * Element-wise and matrix arithmetic on vectors over Z_2^64 ({@code long[]}, wrapping). Every
 * method returns a new array and checks lengths, naming the operation in the error.
 */
public final class Ring {
  private Ring() {}

  public static void checkSameLength(String op, long[] a, long[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          op + ": operands have different element counts " + a.length + " and " + b.length);
    }
  }

  public static void checkMatmul(String op, long[] a, long[] b, int m, int k, int n) {
    if (m < 0 || k < 0 || n < 0) {
      throw new IllegalArgumentException(
          op + ": negative dimension in " + m + "x" + k + " · " + k + "x" + n);
    }
    if ((long) m * k != a.length || (long) k * n != b.length) {
      throw new IllegalArgumentException(
          op
              + ": operands have "
              + a.length
              + " and "
              + b.length
              + " elements, expected "
              + m
              + "x"
              + k
              + " ("
              + ((long) m * k)
              + ") and "
              + k
              + "x"
              + n
              + " ("
              + ((long) k * n)
              + ")");
    }
  }

  public static long[] add(long[] a, long[] b) {
    checkSameLength("add", a, b);
    long[] r = new long[a.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = a[i] + b[i];
    }
    return r;
  }

  public static long[] sub(long[] a, long[] b) {
    checkSameLength("sub", a, b);
    long[] r = new long[a.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = a[i] - b[i];
    }
    return r;
  }

  public static long[] mul(long[] a, long[] b) {
    checkSameLength("mul", a, b);
    long[] r = new long[a.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = a[i] * b[i];
    }
    return r;
  }

  public static long[] neg(long[] a) {
    long[] r = new long[a.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = -a[i];
    }
    return r;
  }

  public static long[] xor(long[] a, long[] b) {
    checkSameLength("xor", a, b);
    long[] r = new long[a.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = a[i] ^ b[i];
    }
    return r;
  }

  public static long[] and(long[] a, long[] b) {
    checkSameLength("and", a, b);
    long[] r = new long[a.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = a[i] & b[i];
    }
    return r;
  }

  public static long[] shl(long[] a, int bits) {
    checkShift(bits);
    long[] r = new long[a.length];
    if (bits < 64) {
      for (int i = 0; i < r.length; i++) {
        r[i] = a[i] << bits;
      }
    }
    return r;
  }

  /** Logical right shift. */
  public static long[] shr(long[] a, int bits) {
    checkShift(bits);
    long[] r = new long[a.length];
    if (bits < 64) {
      for (int i = 0; i < r.length; i++) {
        r[i] = a[i] >>> bits;
      }
    }
    return r;
  }

  /** Arithmetic right shift. */
  public static long[] sar(long[] a, int bits) {
    checkShift(bits);
    int s = Math.min(bits, 63);
    long[] r = new long[a.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = a[i] >> s;
    }
    return r;
  }

  private static void checkShift(int bits) {
    if (bits < 0 || bits > 64) {
      throw new IllegalArgumentException("shift by " + bits + " bits: must be in 0..64");
    }
  }

  /**
   * (m×k)·(k×n), row-major, wrapping: the project's one ring matmul ({@link RingMatmul}, vector
   * kernel when available).
   */
  public static long[] matmul(long[] a, long[] b, int m, int k, int n) {
    return RingMatmul.multiply(a, b, m, k, n);
  }

  /** c += (m×k)·(k×n) in place (see {@link RingMatmul#multiplyAdd}). */
  public static void matmulAdd(long[] c, long[] a, long[] b, int m, int k, int n) {
    RingMatmul.multiplyAdd(c, a, b, m, k, n);
  }

  /** dst[i] += src[i]. */
  public static void addInPlace(long[] dst, long[] src) {
    checkSameLength("add", dst, src);
    for (int i = 0; i < dst.length; i++) {
      dst[i] += src[i];
    }
  }

  /** dst[i] ^= src[i]. */
  public static void xorInPlace(long[] dst, long[] src) {
    checkSameLength("xor", dst, src);
    for (int i = 0; i < dst.length; i++) {
      dst[i] ^= src[i];
    }
  }
}
