package dev.spu.kernels.hal.math;

import dev.spu.mpc.Share;
import java.util.ArrayList;
import java.util.List;

/**
 * Polynomials on secret fixed-point values: the powers t, t², ..., t^d by a log-depth product tree
 * (level L computes t^(2^(L−1) + j) = t^(2^(L−1)) · t^j for all j at once: one product and one
 * truncation call per level, ⌈log2 d⌉ levels), then Σ c_i·t^i with public coefficients (local) and
 * a single truncation at the end.
 */
final class Poly {
  /** Fraction bits of the encoded coefficients. */
  static final int COEF_BITS = 24;

  private Poly() {}

  /**
   * Independent products to compute in the same protocol calls as the levels of a power tree (the
   * callers' own log-depth work, e.g. a product of factors, rides along at no extra round).
   */
  interface Side {
    /** Number of levels the side work needs. */
    int levels();

    /** {a, b} vectors to multiply at level {@code level} (1-based); empty arrays if none. */
    Share[][] pairs(int level);

    /** The untruncated products of that level's pairs. */
    void products(int level, Share[] products);
  }

  /**
   * t^1..t^deg (index i = t^i; index 0 unused) at {@code fp} fraction bits; t must satisfy |t| ≤ 1
   * so that products stay below 2^(2·fp). {@code side} may be null.
   */
  static Share[] powers(Fx fx, Share t, int deg, int fp, Side side) {
    Share[] pw = new Share[deg + 1];
    pw[1] = t;
    int treeLevels = 0;
    while ((1 << treeLevels) < deg) {
      treeLevels++;
    }
    int levels = Math.max(treeLevels, side == null ? 0 : side.levels());
    for (int level = 1; level <= levels; level++) {
      int base = 1 << (level - 1);
      List<Share> as = new ArrayList<>();
      List<Share> bs = new ArrayList<>();
      int first = base + 1;
      int last = Math.min(2 * base, deg);
      for (int j = first; j <= last; j++) {
        as.add(pw[base]);
        bs.add(pw[j - base]);
      }
      int own = as.size();
      Share[][] extra = side == null ? new Share[][] {{}, {}} : side.pairs(level);
      for (int i = 0; i < extra[0].length; i++) {
        as.add(extra[0][i]);
        bs.add(extra[1][i]);
      }
      if (as.isEmpty()) {
        continue;
      }
      Share[] prod = fx.mul(as.toArray(new Share[0]), bs.toArray(new Share[0]));
      if (own > 0) {
        Share[] mine = new Share[own];
        System.arraycopy(prod, 0, mine, 0, own);
        Share[] tr = fx.trunc(mine, fp);
        for (int j = first; j <= last; j++) {
          pw[j] = tr[j - first];
        }
      }
      if (extra[0].length > 0) {
        Share[] theirs = new Share[extra[0].length];
        System.arraycopy(prod, own, theirs, 0, theirs.length);
        side.products(level, theirs);
      }
    }
    return pw;
  }

  /**
   * Σ c_i·t^i from the powers (at {@code fp} bits), at fp + {@link #COEF_BITS} fraction bits and
   * not truncated. Local.
   */
  static Share sum(Fx fx, Share[] pw, double[] c, int fp) {
    int n = pw[1].size();
    Share acc = fx.p.fromPublic(Share.Kind.ARITH, Fx.fill(n, Fx.enc(c[0], fp + COEF_BITS)));
    for (int i = 1; i < c.length; i++) {
      acc = fx.add(acc, fx.mulC(pw[i], Fx.enc(c[i], COEF_BITS)));
    }
    return acc;
  }

  /** Σ c_i·t^i with t at {@code fp} bits, returned at {@code outBits} fraction bits. */
  static Share eval(Fx fx, Share t, int fp, double[] c, int outBits) {
    Share[] pw = powers(fx, t, c.length - 1, fp, null);
    return fx.trunc(sum(fx, pw, c, fp), fp + COEF_BITS - outBits);
  }
}
