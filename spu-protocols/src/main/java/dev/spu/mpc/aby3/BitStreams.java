package dev.spu.mpc.aby3;

/**
 * Packed bit streams for the msb reduction tree: n elements of w bits each (w a power of two),
 * element e in stream bits [e·w, (e+1)·w), 64 stream bits per {@code long}. Every operation is
 * xor-linear, so applying it to each replicated component of a boolean sharing is valid.
 */
final class BitStreams {
  private BitStreams() {}

  /** Words holding n elements of w bits. */
  static int words(int n, int w) {
    return (int) (((long) n * w + 63) >>> 6);
  }

  /** Gathers the 32 even-position bits of x into the low half. */
  static long evenBits(long x) {
    x &= 0x5555555555555555L;
    x = (x | (x >>> 1)) & 0x3333333333333333L;
    x = (x | (x >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
    x = (x | (x >>> 4)) & 0x00FF00FF00FF00FFL;
    x = (x | (x >>> 8)) & 0x0000FFFF0000FFFFL;
    x = (x | (x >>> 16)) & 0x00000000FFFFFFFFL;
    return x;
  }

  /**
   * Halves the element width: the bits at odd ({@code odd = true}) or even positions of each
   * element, as a stream of width w/2. Works word by word because w is even.
   */
  static long[] half(long[] s, int n, int w, boolean odd) {
    long[] out = new long[words(n, w / 2)];
    int shift = odd ? 1 : 0;
    for (int i = 0; i < s.length; i++) {
      long h = evenBits(s[i] >>> shift);
      out[i >>> 1] |= h << ((i & 1) << 5);
    }
    return out;
  }

  /** Concatenation of two word arrays (one message for two AND operand halves). */
  static long[] cat(long[] a, long[] b) {
    long[] r = new long[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  static long[] slice(long[] a, int from, int len) {
    long[] r = new long[len];
    System.arraycopy(a, from, r, 0, len);
    return r;
  }

  /** A width-1 stream of n bits to one element per word (bit 0). */
  static long[] unpackBits(long[] s, int n) {
    long[] r = new long[n];
    for (int e = 0; e < n; e++) {
      r[e] = (s[e >>> 6] >>> (e & 63)) & 1L;
    }
    return r;
  }
}
