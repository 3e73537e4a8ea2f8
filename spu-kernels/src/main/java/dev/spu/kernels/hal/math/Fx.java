package dev.spu.kernels.hal.math;

import dev.spu.kernels.hal.Indexing;
import dev.spu.mpc.Protocol;
import dev.spu.mpc.Share;
import java.util.Arrays;

/**
 * Share-level building blocks of the approximations: ring arithmetic with public constants, and
 * interactive steps that take several independent vectors at once, so that each step is one
 * protocol call (one round trip) for all of them. Values are ring integers; the number of fraction
 * bits of each is the caller's bookkeeping.
 */
final class Fx {
  final Protocol p;

  Fx(Protocol p) {
    this.p = p;
  }

  static long[] fill(int n, long v) {
    long[] r = new long[n];
    Arrays.fill(r, v);
    return r;
  }

  /** round(x · 2^bits), for constants. */
  static long enc(double x, int bits) {
    double s = Math.rint(Math.scalb(x, bits));
    if (!(Math.abs(s) < 0x1p62)) {
      throw new IllegalArgumentException("internal: constant too large for the ring");
    }
    return (long) s;
  }

  // ---------------------------------------------------------------- local

  Share add(Share a, Share b) {
    return p.addAA(a, b);
  }

  Share sub(Share a, Share b) {
    return p.addAA(a, p.negA(b));
  }

  Share addC(Share a, long c) {
    return c == 0 ? a : p.addAP(a, fill(a.size(), c));
  }

  Share mulC(Share a, long c) {
    return c == 1 ? a : p.mulAP(a, fill(a.size(), c));
  }

  /** c − a. */
  Share rsubC(long c, Share a) {
    return addC(p.negA(a), c);
  }

  Share zero(int n) {
    return p.fromPublic(Share.Kind.ARITH, new long[n]);
  }

  // ---------------------------------------------------------------- interactive, batched

  /** a[i] · b[i] for every i in one {@code mulAA} call (no truncation). */
  Share[] mul(Share[] a, Share[] b) {
    if (a.length == 1) {
      return new Share[] {p.mulAA(a[0], b[0])};
    }
    return split(p.mulAA(Share.concat(a), Share.concat(b)), a);
  }

  Share mul(Share a, Share b) {
    return p.mulAA(a, b);
  }

  /** Every a[i] shifted right by {@code bits} in one {@code truncA} call. */
  Share[] trunc(Share[] a, int bits) {
    if (bits == 0) {
      return a;
    }
    if (a.length == 1) {
      return new Share[] {p.truncA(a[0], bits)};
    }
    return split(p.truncA(Share.concat(a), bits), a);
  }

  Share trunc(Share a, int bits) {
    return bits == 0 ? a : p.truncA(a, bits);
  }

  /** a · b truncated by {@code bits}: a fixed-point product. */
  Share mulTrunc(Share a, Share b, int bits) {
    return trunc(p.mulAA(a, b), bits);
  }

  /** Bit 0 of each boolean share, as arithmetic 0/1, in one {@code bitToA} call. */
  Share[] bitsToA(Share... bits) {
    Share[] masked = new Share[bits.length];
    for (int i = 0; i < bits.length; i++) {
      masked[i] = p.andBP(bits[i], fill(bits[i].size(), 1L));
    }
    return split(p.bitToA(masked.length == 1 ? masked[0] : Share.concat(masked)), bits);
  }

  /** Boolean (64-bit) to arithmetic for every word in one {@code b2a} call. */
  Share[] b2a(Share... words) {
    return split(p.b2a(words.length == 1 ? words[0] : Share.concat(words)), words);
  }

  /** The sign bit of every vector, as boolean shares (bit 0), in one {@code msbA} call. */
  Share[] msb(Share... a) {
    return split(p.msbA(a.length == 1 ? a[0] : Share.concat(a)), a);
  }

  /** Cuts {@code s} into pieces the sizes of {@code like}. */
  static Share[] split(Share s, Share[] like) {
    Share[] out = new Share[like.length];
    if (like.length == 1) {
      out[0] = s;
      return out;
    }
    int off = 0;
    for (int i = 0; i < like.length; i++) {
      out[i] = s.gather(Indexing.range(off, like[i].size()));
      off += like[i].size();
    }
    return out;
  }
}
