package dev.spu.mpc;

/**
 * The MPC primitive set, as one compute party sees it. Every party of a session holds its own
 * instance and calls the same methods in the same order (SPMD); every interactive call draws its
 * message tags from {@link PartyContext#nextTag()}, so the order of calls, never the arrival order
 * of messages, pairs up sends and receives.
 *
 * <p>All values are vectors of n elements of Z_2^64 ({@code long[]}, wrapping arithmetic). Boolean
 * shares hold 64 bits per element; single-bit results (msb, comparisons) live in bit 0. Public
 * operands ({@code long[] p}) are known to every party. Matrices are row-major.
 *
 * <p>Naming follows the paper: the suffix says the operand kinds (A = arithmetic share, B = boolean
 * share, P = public). Implementations: REF2K (plaintext reference, the test oracle), SEMI2K
 * (additive N-party with a separate dealer), ABY3 (3-party replicated).
 *
 * <p>Threading: an instance is used by one thread at a time (its party's executor thread).
 */
public interface Protocol {
  /** Short name: {@code ref2k}, {@code semi2k}, {@code aby3}. */
  String name();

  PartyContext context();

  default int parties() {
    return context().parties();
  }

  default int self() {
    return context().self();
  }

  // ---- input and output ----

  /** Receives this party's share of an n-element input that endpoint {@code owner} shares. */
  Share input(int owner, int n);

  /** A sharing of a public value, without communication. */
  Share fromPublic(Share.Kind kind, long[] p);

  /** Opens a share to every compute party. */
  long[] open(Share a);

  /**
   * Opens a share to one endpoint only: a compute party (it gets the value, others get null) or an
   * outside endpoint such as the driver (every party returns null; the endpoint reconstructs with
   * its {@link OwnerSide}).
   */
  long[] openTo(Share a, int endpoint);

  // ---- arithmetic shares ----

  Share negA(Share a);

  Share addAA(Share a, Share b);

  Share addAP(Share a, long[] p);

  Share mulAP(Share a, long[] p);

  Share mulAA(Share a, Share b);

  /** (m×k)·(k×n) on shares; the result is m×n. */
  Share matmulAA(Share a, Share b, int m, int k, int n);

  Share matmulAP(Share a, long[] p, int m, int k, int n);

  Share matmulPA(long[] p, Share b, int m, int k, int n);

  /**
   * Arithmetic right shift by {@code bits} of a shared value, for fixed-point products. The default
   * never wraps for inputs in the encodable range (|x| < 2^62); the error is at most 1 ulp.
   */
  Share truncA(Share a, int bits);

  /** The most significant bit (sign) of an arithmetic share, as a boolean share in bit 0. */
  Share msbA(Share a);

  // ---- conversions ----

  /** Arithmetic to boolean sharing of all 64 bits. */
  Share a2b(Share a);

  /** Boolean (all 64 bits) to arithmetic sharing. */
  Share b2a(Share b);

  /** A boolean share of one bit (bit 0) to an arithmetic share of 0 or 1. */
  Share bitToA(Share b);

  // ---- boolean shares ----

  Share xorBB(Share a, Share b);

  Share xorBP(Share a, long[] p);

  Share andBB(Share a, Share b);

  Share andBP(Share a, long[] p);

  /** Logical left shift of every element's bits. */
  Share lshiftB(Share a, int bits);

  /** Logical right shift of every element's bits. */
  Share rshiftB(Share a, int bits);
}
