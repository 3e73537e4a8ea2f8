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
 * </ul>
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
    if (values.isEmpty()) {
      throw new IllegalArgumentException("sum of no values");
    }
    List<Share> vals = new ArrayList<>(values);
    while (vals.size() > 2) {
      int groups = vals.size() / 3;
      int len = vals.get(0).size();
      // One carry-save layer: for each group (a, b, c), sum = a^b^c, carry = maj(a,b,c) << 1, with
      // maj = ((a^c) & (b^c)) ^ c.
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
    return vals.size() == 1 ? vals.get(0) : add(p, vals.get(0), vals.get(1));
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
