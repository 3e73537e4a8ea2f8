package dev.spu.mpc.semi2k;

import dev.spu.mpc.Prg;

/**
 * The correlated randomness of SEMI2K and how each holder derives its part from a seed it shares
 * with the dealer. Party i expands its pieces from {@code Prg(seed_i)} with the nonce taken from
 * the message tag of the op step, on PRG streams named below; party 0's piece of every correlated
 * output (the c of a triple, the shares of a mask's bits) is instead the single correction that the
 * dealer computes from all seeds and sends to party 0 alone. So the dealer's only online-relevant
 * message is that correction, and no compute party ever holds a whole triple or mask.
 */
final class Correlations {
  private Correlations() {}

  // Request kinds (party 0 -> dealer: {kind, nonce, dims...}).
  static final long MUL = 1;
  static final long MATMUL = 2;
  static final long AND = 3;
  static final long TRUNC = 4;
  static final long B2A = 5;
  static final long BIT = 6;

  // PRG streams per nonce.
  static final int S_A = 0;
  static final int S_B = 1;
  static final int S_C = 2;
  static final int S_R = 3;
  static final int S_MSB = 4;
  static final int S_HI = 5;
  static final int S_BITS = 6;

  /** Dealer request/reply tags: a range no op tag reaches (op ids are below 2^40). */
  static final long REQUEST_TAG_BASE = 1L << 62;

  static String kindName(long kind) {
    return switch ((int) kind) {
      case 1 -> "mul triple";
      case 2 -> "matmul triple";
      case 3 -> "and triple";
      case 4 -> "truncation mask";
      case 5 -> "b2a mask";
      case 6 -> "random bit";
      default -> "unknown kind " + kind;
    };
  }

  static long[] stream(Prg prg, long nonce, int stream, int n) {
    return prg.next(nonce, stream, n);
  }

  /** A random boolean share of one bit per element (bit 0), from the stream S_R. */
  static long[] bits(Prg prg, long nonce, int n) {
    long[] r = prg.next(nonce, S_R, n);
    for (int i = 0; i < n; i++) {
      r[i] &= 1L;
    }
    return r;
  }
}
