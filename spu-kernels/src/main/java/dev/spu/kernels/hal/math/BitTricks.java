package dev.spu.kernels.hal.math;

import dev.spu.mpc.Protocol;
import dev.spu.mpc.Share;

/**
 * Operations on boolean shares (64 bits per element). Everything here except {@link #prefixOr} is
 * local: a GF(2)-linear map of the bits (shifts, masks by public constants, xor) is computed on
 * each party's share alone and gives a sharing of the mapped value, whatever the protocol.
 */
final class BitTricks {
  private BitTricks() {}

  /**
   * The GF(2)-linear map with {@code columns[k]} = the output bits that input bit k flips: output =
   * xor over set input bits k of columns[k]. Input bits without a column (k ≥ columns.length) are
   * dropped. Applied to a one-hot word with bit k set, the result is exactly columns[k]; several
   * inputs may share an output bit. Cost: one masked shift per distinct offset (target − source).
   */
  static Share linearMap(Protocol p, Share b, long[] columns) {
    long[] byShift = new long[127]; // index d + 63: source bits moved by d
    for (int k = 0; k < columns.length && k < 64; k++) {
      long targets = columns[k];
      while (targets != 0) {
        int j = Long.numberOfTrailingZeros(targets);
        targets &= targets - 1;
        byShift[j - k + 63] |= 1L << k;
      }
    }
    int n = b.size();
    Share acc = null;
    for (int i = 0; i < byShift.length; i++) {
      if (byShift[i] == 0) {
        continue;
      }
      int d = i - 63;
      Share part = p.andBP(b, Fx.fill(n, byShift[i]));
      if (d > 0) {
        part = p.lshiftB(part, d);
      } else if (d < 0) {
        part = p.rshiftB(part, -d);
      }
      acc = acc == null ? part : p.xorBB(acc, part);
    }
    return acc != null ? acc : p.fromPublic(Share.Kind.BOOL, new long[n]);
  }

  /** Bit {@code pos} of every element, moved to bit 0 (other bits zero). */
  static Share bit(Protocol p, Share b, int pos) {
    Share s = pos == 0 ? b : p.rshiftB(b, pos);
    return p.andBP(s, Fx.fill(b.size(), 1L));
  }

  /** Every bit set to bit 63 of the element (all ones for a negative two's-complement value). */
  static Share broadcastSign(Protocol p, Share b) {
    Share s = p.rshiftB(b, 63);
    for (int d = 1; d < 64; d <<= 1) {
      s = p.xorBB(s, p.lshiftB(s, d)); // the copies never overlap, so xor is or
    }
    return s;
  }

  /** Bit 0 flipped (the negation of a single-bit value). */
  static Share flipBit0(Protocol p, Share b) {
    return p.xorBP(b, Fx.fill(b.size(), 1L));
  }

  /**
   * Downward prefix-or: bit i of the result is the or of bits i..63 of the input, so it is the
   * thermometer code of the highest set bit (bits 0..k set). Six AND rounds (spans 1..32); or(a, b)
   * = a ⊕ b ⊕ (a ∧ b).
   */
  static Share prefixOr(Protocol p, Share b) {
    Share z = b;
    for (int d = 1; d < 64; d <<= 1) {
      Share t = p.rshiftB(z, d);
      z = p.xorBB(p.xorBB(z, t), p.andBB(z, t));
    }
    return z;
  }

  /** The one-hot word of the highest set bit (zero for zero) from a prefix-or {@code z}. */
  static Share highestBit(Protocol p, Share z) {
    return p.xorBB(z, p.rshiftB(z, 1));
  }
}
