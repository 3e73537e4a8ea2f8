package dev.spu.mpc.ref2k;

import dev.spu.mpc.OwnerSide;
import dev.spu.mpc.PartyContext;
import dev.spu.mpc.Share;

/** REF2K's owner side: inputs go in the clear to every party; reveals come from party 0. */
final class Ref2kOwner implements OwnerSide {
  private final PartyContext ctx;

  Ref2kOwner(PartyContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void input(long[] plain) {
    long tag = ctx.nextTag();
    for (int p = 0; p < ctx.parties(); p++) {
      ctx.link().send(p, tag, plain);
    }
  }

  @Override
  public long[] reveal(Share.Kind kind, int n) {
    long tag = ctx.nextTag();
    long[] v = ctx.link().recv(0, tag);
    if (v.length != n) {
      throw new IllegalStateException(
          "ref2k reveal: expected " + n + " elements, party 0 sent " + v.length);
    }
    return v;
  }
}
