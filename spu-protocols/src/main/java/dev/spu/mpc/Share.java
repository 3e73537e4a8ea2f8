package dev.spu.mpc;

import java.util.Objects;

/**
 * One party's share of a flat vector of {@code n} ring elements over Z_2^64: arithmetic (parts add
 * up across parties) or boolean (parts xor across parties, 64 bits per element in one {@code
 * long}). What {@code parts} holds is the protocol's business: REF2K one plaintext array, SEMI2K
 * one additive share, ABY3 the two replicated components {@code (x_i, x_{i+1})}. Shapes are not the
 * protocol's concern; layout ops (transpose, slice, pad, ...) are {@link #gather} on every part.
 */
public final class Share {
  /** The sharing domain. */
  public enum Kind {
    ARITH,
    BOOL
  }

  private final Kind kind;
  private final long[][] parts;

  public Share(Kind kind, long[]... parts) {
    this.kind = Objects.requireNonNull(kind);
    if (parts.length == 0) {
      throw new IllegalArgumentException("a share needs at least one part");
    }
    for (long[] p : parts) {
      if (p.length != parts[0].length) {
        throw new IllegalArgumentException("share parts of different lengths");
      }
    }
    this.parts = parts;
  }

  public Kind kind() {
    return kind;
  }

  public boolean isArith() {
    return kind == Kind.ARITH;
  }

  /** Number of elements. */
  public int size() {
    return parts[0].length;
  }

  public int numParts() {
    return parts.length;
  }

  /** The i-th component (not a copy: protocols own their arrays; callers must not mutate). */
  public long[] part(int i) {
    return parts[i];
  }

  /**
   * A local relayout: element j of the result is element {@code index[j]} of this share, or zero
   * where {@code index[j] < 0} (zero is a valid sharing of 0 in every protocol here).
   */
  public Share gather(int[] index) {
    long[][] out = new long[parts.length][index.length];
    for (int p = 0; p < parts.length; p++) {
      long[] src = parts[p];
      long[] dst = out[p];
      for (int j = 0; j < index.length; j++) {
        int i = index[j];
        dst[j] = i < 0 ? 0L : src[i];
      }
    }
    return new Share(kind, out);
  }

  /** Concatenation of shares of the same kind and protocol. */
  public static Share concat(Share... shares) {
    int total = 0;
    for (Share s : shares) {
      total += s.size();
    }
    int np = shares[0].numParts();
    long[][] out = new long[np][total];
    int off = 0;
    for (Share s : shares) {
      if (s.kind != shares[0].kind || s.numParts() != np) {
        throw new IllegalArgumentException("cannot concatenate shares of different kinds");
      }
      for (int p = 0; p < np; p++) {
        System.arraycopy(s.parts[p], 0, out[p], off, s.size());
      }
      off += s.size();
    }
    return new Share(shares[0].kind, out);
  }

  /** Never prints share contents: they are secret material. */
  @Override
  public String toString() {
    return "Share(" + kind + ", n=" + size() + ")";
  }
}
