package dev.spu.mpc.aby3;

import dev.spu.mpc.PartyContext;
import dev.spu.mpc.Prg;

/**
 * The two input-sharing seeds of one data-owner endpoint: s_a (known to the owner, P0 and P2)
 * generates component x0 and s_b (owner, P0 and P1) generates x1. Either PRG may be null on a party
 * that does not hold that seed.
 */
record OwnerSeeds(Prg a, Prg b) {
  /**
   * The owner's side of the one-time hand-over, under the current op's next tag: samples both seeds
   * (secure randomness unless the context carries a test seed) and sends (s_a, s_b) to P0, s_b to
   * P1 and s_a to P2.
   */
  static OwnerSeeds create(PartyContext ctx) {
    long[] sa = Prg.toLongs(Prg.seedFor(ctx, "aby3.owner.a"));
    long[] sb = Prg.toLongs(Prg.seedFor(ctx, "aby3.owner.b"));
    long tag = ctx.nextTag();
    ctx.link().send(0, tag, new long[] {sa[0], sa[1], sb[0], sb[1]});
    ctx.link().send(1, tag, sb);
    ctx.link().send(2, tag, sa);
    return new OwnerSeeds(Prg.of(sa), Prg.of(sb));
  }

  /** A party's side of the hand-over: receives its seeds from {@code owner} under the next tag. */
  static OwnerSeeds receive(PartyContext ctx, int owner) {
    long tag = ctx.nextTag();
    long[] m = ctx.link().recv(owner, tag);
    int self = ctx.self();
    int expected = self == 0 ? 4 : 2;
    if (m.length != expected) {
      throw new IllegalStateException(
          "aby3 input: the owner's seed message to party "
              + self
              + " has "
              + m.length
              + " words, expected "
              + expected
              + " (are the owner and the parties running the same protocol?)");
    }
    switch (self) {
      case 0:
        return new OwnerSeeds(Prg.of(new long[] {m[0], m[1]}), Prg.of(new long[] {m[2], m[3]}));
      case 1:
        return new OwnerSeeds(null, Prg.of(m));
      default:
        return new OwnerSeeds(Prg.of(m), null);
    }
  }
}
