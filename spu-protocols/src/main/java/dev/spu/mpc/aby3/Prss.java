package dev.spu.mpc.aby3;

import dev.spu.mpc.PartyContext;
import dev.spu.mpc.Prg;

/**
 * Pseudo-random secret sharing for three parties. Key {@code k_j} is known to parties {@code j−1}
 * and {@code j} (the two holders of replicated component j); party i holds {@code k_i} ("own",
 * shared with party i−1) and {@code k_{i+1}} ("next", shared with party i+1). Outputs are functions
 * of (key, nonce, stream) only, so both holders of a key derive equal values from a message tag
 * whatever order they ask in; callers pick a fresh (nonce, stream) per draw.
 */
final class Prss {
  private final int self;
  private final Prg own;
  private final Prg next;

  private Prss(int self, Prg own, Prg next) {
    this.self = self;
    this.own = own;
    this.next = next;
  }

  /**
   * Session set-up: party i samples {@code k_i} (secure randomness unless the context carries an
   * explicit test seed), sends it to party i−1 and receives {@code k_{i+1}} from party i+1. One
   * message of 16 bytes per party, one round.
   */
  static Prss agree(PartyContext ctx) {
    int self = ctx.self();
    byte[] seed = Prg.seedFor(ctx, "aby3.prss");
    long tag = ctx.nextTag();
    ctx.link().send(Aby3Protocol.prev(self), tag, Prg.toLongs(seed));
    long[] nextSeed = ctx.link().recv(Aby3Protocol.next(self), tag);
    return new Prss(self, new Prg(seed), Prg.of(nextSeed));
  }

  /** True if this party knows key {@code k_j}. */
  boolean holds(int j) {
    return j == self || j == Aby3Protocol.next(self);
  }

  /** F(k_j, nonce, stream), n words; j must be this party's own or next key. */
  long[] key(int j, long nonce, int stream, int n) {
    if (j == self) {
      return own.next(nonce, stream, n);
    }
    if (j == Aby3Protocol.next(self)) {
      return next.next(nonce, stream, n);
    }
    throw new IllegalStateException("party " + self + " does not hold PRSS key " + j);
  }

  /** This party's pair (F(k_i), F(k_{i+1})): a replicated sharing of a random value. */
  long[][] randomPair(long nonce, int stream, int n) {
    return new long[][] {own.next(nonce, stream, n), next.next(nonce, stream, n)};
  }

  /** α_i = F(k_i) − F(k_{i+1}); the three parties' values sum to zero. */
  long[] zeroA(long nonce, int stream, int n) {
    long[] a = own.next(nonce, stream, n);
    long[] b = next.next(nonce, stream, n);
    for (int i = 0; i < n; i++) {
      a[i] -= b[i];
    }
    return a;
  }

  /** α_i = F(k_i) ⊕ F(k_{i+1}); the three parties' values xor to zero. */
  long[] zeroB(long nonce, int stream, int n) {
    long[] a = own.next(nonce, stream, n);
    long[] b = next.next(nonce, stream, n);
    for (int i = 0; i < n; i++) {
      a[i] ^= b[i];
    }
    return a;
  }
}
