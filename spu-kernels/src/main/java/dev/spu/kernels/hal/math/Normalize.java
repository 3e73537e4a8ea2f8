package dev.spu.kernels.hal.math;

import dev.spu.mpc.Protocol;
import dev.spu.mpc.Share;
import java.util.ArrayList;
import java.util.List;

/**
 * Normalisation by the highest set bit, the common first step of reciprocal, log, sqrt and rsqrt.
 *
 * <p>With k the position of the highest set bit of the encoding X (so X ∈ [2^k, 2^(k+1))), any
 * function of k that a one-hot word can express becomes an arithmetic share: the caller gives, per
 * wanted word, the value (a bit pattern) for each k of the window, e.g. {@code 1 << (W − 1 − k)}
 * (the normalising factor: X · 2^(W−1−k) ∈ [2^(W−1), 2^W)) or {@code k} itself (its binary digits).
 *
 * <p>Steps: {@code a2b} of X; for signed inputs the one's complement ¬X of negative values (|X| −
 * 1, whose highest bit is that of |X| unless |X| is a power of two, where the normalised value
 * comes out as exactly −1, still in range); a downward prefix-or (6 AND rounds) gives the
 * thermometer code, its lowest bit says "nonzero", and z ⊕ (z ≫ 1) the one-hot word of k; the words
 * are linear maps of the one-hot word (local); one {@code b2a} converts them all. Rounds: a2b + 6 +
 * b2a (ABY3: 7 + 6 + 7 = 20; SEMI2K with 2 parties: 7 + 6 + 1 = 14).
 */
final class Normalize {
  private Normalize() {}

  /** Extra single-bit outputs (0/1 as arithmetic shares). */
  enum Flag {
    /** x &lt; 0. */
    SIGN,
    /** Unsigned mode: x ≤ 0 (zero, or negative: treated as out of range). */
    NON_POSITIVE,
    /** Signed mode: x ∈ {0, −1} (the one's complement magnitude is zero). */
    ZERO_MAGNITUDE
  }

  /**
   * @param x arithmetic share of the encodings
   * @param signed normalise |x| (negative values by their one's complement) rather than x as an
   *     unsigned value (a negative x then has k = 63)
   * @param maps per output word, the word for each k (index k); k beyond a map's length gives 0
   * @return one arithmetic share per map, then one per flag, in order
   */
  static Share[] run(Fx fx, Share x, boolean signed, long[][] maps, Flag... flags) {
    Protocol p = fx.p;
    Share b = p.a2b(x);
    Share y = signed ? p.xorBB(b, BitTricks.broadcastSign(p, b)) : b;
    Share z = BitTricks.prefixOr(p, y);
    Share h = BitTricks.highestBit(p, z);
    List<Share> words = new ArrayList<>();
    for (long[] m : maps) {
      words.add(BitTricks.linearMap(p, h, m));
    }
    for (Flag f : flags) {
      Share nonZero = BitTricks.bit(p, z, 0);
      Share word =
          switch (f) {
            case SIGN -> BitTricks.bit(p, b, 63);
              // x = 0 and x < 0 are disjoint (a negative x has bit 63, so z's bit 0 is set).
            case NON_POSITIVE -> p.xorBB(BitTricks.flipBit0(p, nonZero), BitTricks.bit(p, b, 63));
            case ZERO_MAGNITUDE -> BitTricks.flipBit0(p, nonZero);
          };
      words.add(word);
    }
    return fx.b2a(words.toArray(new Share[0]));
  }

  /** A map of {@code window} entries with value(k). */
  static long[] map(int window, java.util.function.IntToLongFunction value) {
    long[] m = new long[window];
    for (int k = 0; k < window; k++) {
      m[k] = value.applyAsLong(k);
    }
    return m;
  }
}
