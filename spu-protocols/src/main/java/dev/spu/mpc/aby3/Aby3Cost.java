package dev.spu.mpc.aby3;

import dev.spu.mpc.Cost;

/**
 * ABY3's online cost per primitive call: payload bytes sent by the busiest party and rounds, as
 * {@link Aby3Protocol} implements them (the tests compare these with the link's measurement).
 */
final class Aby3Cost {
  private Aby3Cost() {}

  /** mulAA, andBB, open: every party sends n words; 1 round. */
  static Cost elementwise(long n) {
    return new Cost(8 * n, 1);
  }

  /** matmulAA: every party sends the m×n output words; 1 round. */
  static Cost matmul(long m, long n) {
    return new Cost(8 * m * n, 1);
  }

  /** truncA: every party sends 2n words (P0, P1: c piece + y1 piece; P2: T¹ + Z⁰); 2 rounds. */
  static Cost trunc(long n) {
    return new Cost(16 * n, 2);
  }

  /**
   * a2b: first layer (P0 sends σ2 to two parties: 2n words), five Kogge–Stone levels of two ANDs
   * (2n words each) and a last level of one AND (n words): 13n words at P0; 7 rounds.
   */
  static Cost a2b(long n) {
    return new Cost(8 * (2 * n + 5 * 2 * n + n), 7);
  }

  /**
   * b2a: first layer with a general X (P0: σ2 to two parties and γ1, 3n words), five levels of two
   * ANDs (10n words), and the opening of the last level (P0 sends n words to two parties): 15n
   * words at P0; 7 rounds.
   */
  static Cost b2a(long n) {
    return new Cost(8 * (3 * n + 5 * 2 * n + 2 * n), 7);
  }

  /**
   * msbA: first layer (2n words at P0) and six tree levels; a level that halves width w sends two
   * packed streams of n·w/2 bits (the last level only one stream of n bits); 7 rounds.
   */
  static Cost msb(int n) {
    long words = 2L * n;
    for (int w = 64; w > 2; w >>= 1) {
      words += 2L * BitStreams.words(n, w / 2);
    }
    words += BitStreams.words(n, 1);
    return new Cost(8 * words, 7);
  }

  /** Bytes the owner sends for its seed hand-over, once: (s_a, s_b) to P0, s_b to P1, s_a to P2. */
  static final long OWNER_SEEDS_BYTES = 8 * (4 + 2 + 2);

  /**
   * Input sharing of n elements, as the driver sends it (the compute parties send nothing): x2 to
   * P1 and P2 (2n words), plus {@link #OWNER_SEEDS_BYTES} on the owner's first input; 1 round. Not
   * a per-party figure: it is the owner's, counted in program totals.
   */
  static Cost input(long n, boolean first) {
    return new Cost(8 * 2 * n + (first ? OWNER_SEEDS_BYTES : 0), 1);
  }

  /** bitToA: P0 sends σ2 to two parties (2n words); 1 round. */
  static Cost bitToA(long n) {
    return new Cost(16 * n, 1);
  }
}
