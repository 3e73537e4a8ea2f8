package dev.spu.mpc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Protocol-independent boolean circuits on boolean shares (64 bits per element), built from {@link
 * Protocol#andBB} (interactive) and xor/shift (local). Every layer batches its ANDs into one {@code
 * andBB} call, so one layer costs one round.
 *
 * <ul>
 *   <li>{@link #add}: Kogge–Stone parallel-prefix adder mod 2^64: 7 AND layers (generate, then 6
 *       prefix levels), 12 n-word ANDs in total (levels 1..5 update generate and propagate, the
 *       last only generate).
 *   <li>{@link #sum}: adds several numbers: carry-save (3:2) layers reduce them to two, one AND per
 *       group of three, then {@link #add}. See {@link #csaSchedule}.
 *   <li>{@link #msbOfSum}: the top bit of a sum: the same carry-save layers, then a carry-only
 *       circuit (a prefix tree that halves the bit width at each of its 6 levels, with the bits of
 *       all elements packed densely), 7 AND layers of {@link #carryAndWords} words.
 * </ul>
 *
 * <p>Bit selections and packing are applied to every part of a share alike; they are linear over
 * GF(2), so they are local for any xor-based sharing.
 */
public final class BooleanCircuits {
  private BooleanCircuits() {}

  /** AND layers of the Kogge–Stone adder. */
  public static final int ADDER_ROUNDS = 7;

  /** n-word ANDs of the Kogge–Stone adder, per element. */
  public static final int ADDER_AND_WORDS = 12;

  /** a + b mod 2^64 on boolean shares. */
  public static Share add(Protocol p, Share a, Share b) {
    Share g = p.andBB(a, b);
    Share prop = p.xorBB(a, b);
    Share sumNoCarry = prop;
    for (int d = 1; d < 64; d <<= 1) {
      if (d < 32) {
        // g ^= prop & (g << d); prop &= prop << d — one batched AND.
        Share both =
            p.andBB(Share.concat(prop, prop), Share.concat(p.lshiftB(g, d), p.lshiftB(prop, d)));
        Share[] halves = split(both, a.size());
        g = p.xorBB(g, halves[0]);
        prop = halves[1];
      } else {
        g = p.xorBB(g, p.andBB(prop, p.lshiftB(g, d)));
      }
    }
    return p.xorBB(sumNoCarry, p.lshiftB(g, 1));
  }

  /** Σ values mod 2^64 on boolean shares (at least one value). */
  public static Share sum(Protocol p, List<Share> values) {
    List<Share> vals = reduceToTwo(p, values);
    return vals.size() == 1 ? vals.get(0) : add(p, vals.get(0), vals.get(1));
  }

  /**
   * The most significant bit of Σ values mod 2^64, in bit 0 of a boolean share (other bits zero).
   */
  public static Share msbOfSum(Protocol p, List<Share> values) {
    List<Share> two = reduceToTwo(p, values);
    if (two.size() == 1) {
      return p.rshiftB(two.get(0), 63);
    }
    Share a = two.get(0);
    Share b = two.get(1);
    int n = a.size();
    // Bits 0..62 of a and b, moved up by one above a zero "carry-in" position 0.
    Share g = p.lshiftB(p.andBB(a, b), 1);
    Share prop = p.lshiftB(p.xorBB(a, b), 1);
    for (int w = 64; w >= 2; w >>= 1) {
      int half = w / 2;
      Share gLo = local(g, x -> pack(even(x), half));
      Share gHi = local(g, x -> pack(odd(x), half));
      Share pHi = local(prop, x -> pack(odd(x), half));
      if (w > 2) {
        Share pLo = local(prop, x -> pack(even(x), half));
        Share[] r = split(p.andBB(Share.concat(pHi, pHi), Share.concat(gLo, pLo)), pHi.size());
        g = local(p.xorBB(gHi, r[0]), x -> unpack(x, half, n));
        prop = local(r[1], x -> unpack(x, half, n));
      } else {
        g = local(p.xorBB(gHi, p.andBB(pHi, gLo)), x -> unpack(x, half, n));
      }
    }
    // msb = a63 ^ b63 ^ carry into bit 63.
    return p.xorBB(p.rshiftB(p.xorBB(a, b), 63), g);
  }

  /**
   * Words ANDed by the carry-only circuit of {@link #msbOfSum} on n elements (two operands): the
   * generate word, then per level the packed (propagate & generate, propagate & propagate) halves.
   */
  public static long carryAndWords(long n) {
    long words = n;
    for (int w = 64; w >= 2; w >>= 1) {
      long packed = (n * (w / 2) + 63) / 64;
      words += w > 2 ? 2 * packed : packed;
    }
    return words;
  }

  /** Carry-save layers until at most two values remain. */
  private static List<Share> reduceToTwo(Protocol p, List<Share> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("sum of no values");
    }
    List<Share> vals = new ArrayList<>(values);
    while (vals.size() > 2) {
      int groups = vals.size() / 3;
      int len = vals.get(0).size();
      // For each group (a, b, c): sum = a^b^c, carry = maj(a,b,c) << 1, maj = ((a^c)&(b^c))^c.
      Share[] left = new Share[groups];
      Share[] right = new Share[groups];
      for (int g = 0; g < groups; g++) {
        Share c = vals.get(3 * g + 2);
        left[g] = p.xorBB(vals.get(3 * g), c);
        right[g] = p.xorBB(vals.get(3 * g + 1), c);
      }
      Share[] ands = split(p.andBB(Share.concat(left), Share.concat(right)), len);
      List<Share> next = new ArrayList<>();
      for (int g = 0; g < groups; g++) {
        Share c = vals.get(3 * g + 2);
        next.add(p.xorBB(left[g], vals.get(3 * g + 1)));
        next.add(p.lshiftB(p.xorBB(ands[g], c), 1));
      }
      next.addAll(vals.subList(3 * groups, vals.size()));
      vals = next;
    }
    return vals;
  }

  /** The same local transformation of every part of a share. */
  public static Share local(Share s, java.util.function.UnaryOperator<long[]> f) {
    long[][] parts = new long[s.numParts()][];
    for (int q = 0; q < parts.length; q++) {
      parts[q] = f.apply(s.part(q));
    }
    return new Share(s.kind(), parts);
  }

  /** The even-position bits of each word, compressed into its low 32 bits. */
  static long[] even(long[] x) {
    long[] r = new long[x.length];
    for (int i = 0; i < x.length; i++) {
      r[i] = compressEven(x[i]);
    }
    return r;
  }

  /** The odd-position bits of each word, compressed into its low 32 bits. */
  static long[] odd(long[] x) {
    long[] r = new long[x.length];
    for (int i = 0; i < x.length; i++) {
      r[i] = compressEven(x[i] >>> 1);
    }
    return r;
  }

  static long compressEven(long x) {
    x &= 0x5555555555555555L;
    x = (x | (x >>> 1)) & 0x3333333333333333L;
    x = (x | (x >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
    x = (x | (x >>> 4)) & 0x00FF00FF00FF00FFL;
    x = (x | (x >>> 8)) & 0x0000FFFF0000FFFFL;
    return (x | (x >>> 16)) & 0x00000000FFFFFFFFL;
  }

  /** Packs the low {@code bits} bits (a power of two ≤ 64) of every element densely. */
  static long[] pack(long[] x, int bits) {
    int per = 64 / bits;
    long mask = bits == 64 ? -1L : (1L << bits) - 1;
    long[] r = new long[(x.length + per - 1) / per];
    for (int i = 0; i < x.length; i++) {
      r[i / per] |= (x[i] & mask) << (bits * (i % per));
    }
    return r;
  }

  /** The inverse of {@link #pack} for n elements. */
  static long[] unpack(long[] packed, int bits, int n) {
    int per = 64 / bits;
    long mask = bits == 64 ? -1L : (1L << bits) - 1;
    long[] r = new long[n];
    for (int i = 0; i < n; i++) {
      r[i] = (packed[i / per] >>> (bits * (i % per))) & mask;
    }
    return r;
  }

  /**
   * The carry-save schedule for adding {@code count} numbers: {layers, groups over all layers}.
   * Each layer is one AND round of (its groups)·n words.
   */
  public static int[] csaSchedule(int count) {
    int layers = 0;
    int groups = 0;
    int k = count;
    while (k > 2) {
      int g = k / 3;
      layers++;
      groups += g;
      k -= g;
    }
    return new int[] {layers, groups};
  }

  /** Splits a share of k·len elements into k consecutive shares of len elements. */
  public static Share[] split(Share s, int len) {
    int k = len == 0 ? 0 : s.size() / len;
    Share[] out = new Share[k];
    for (int i = 0; i < k; i++) {
      long[][] parts = new long[s.numParts()][];
      for (int q = 0; q < parts.length; q++) {
        parts[q] = Arrays.copyOfRange(s.part(q), i * len, (i + 1) * len);
      }
      out[i] = new Share(s.kind(), parts);
    }
    return out;
  }
}
