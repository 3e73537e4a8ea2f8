package dev.spu.mpc.semi2k;

import dev.spu.mpc.OwnerSide;
import dev.spu.mpc.PartyContext;
import dev.spu.mpc.Prg;
import dev.spu.mpc.Share;

/**
 * SEMI2K's owner side: an input is split into N additive shares (N−1 pseudo-random, the last the
 * difference) and party j receives only share j; a reveal sums (or xors) the N shares.
 */
final class Semi2kOwner implements OwnerSide {
  private final PartyContext ctx;
  private final Prg prg;

  Semi2kOwner(PartyContext ctx) {
    this.ctx = ctx;
    this.prg = new Prg(Prg.seedFor(ctx, "semi2k-owner"));
  }

  @Override
  public void input(long[] plain) {
    long tag = ctx.nextTag();
    int n = ctx.parties();
    long[] last = plain.clone();
    for (int j = 1; j < n; j++) {
      long[] share = prg.next(tag, j, plain.length);
      for (int i = 0; i < last.length; i++) {
        last[i] -= share[i];
      }
      ctx.link().send(j, tag, share);
    }
    ctx.link().send(0, tag, last);
  }

  @Override
  public long[] reveal(Share.Kind kind, int size) {
    long tag = ctx.nextTag();
    long[] acc = new long[size];
    for (int j = 0; j < ctx.parties(); j++) {
      long[] s = ctx.link().recv(j, tag);
      if (s.length != size) {
        throw new IllegalStateException(
            "semi2k reveal: party " + j + " sent " + s.length + " elements, expected " + size);
      }
      for (int i = 0; i < size; i++) {
        acc[i] = kind == Share.Kind.ARITH ? acc[i] + s[i] : acc[i] ^ s[i];
      }
    }
    return acc;
  }
}
