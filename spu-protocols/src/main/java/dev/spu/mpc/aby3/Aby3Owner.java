package dev.spu.mpc.aby3;

import dev.spu.mpc.OwnerSide;
import dev.spu.mpc.PartyContext;
import dev.spu.mpc.Share;

/**
 * ABY3 on the driver endpoint. Input sharing uses two owner seeds: s_a, known to P0 and P2, and
 * s_b, known to P0 and P1. For an input with message tag t, x0 = F(s_a, t), x1 = F(s_b, t) and x2 =
 * x − x0 − x1; only x2 travels, to P1 and P2 (16n bytes in all, one round), and P0 derives its pair
 * (x0, x1) from the seeds alone (it receives an empty message, which keeps its round clock in
 * step). The seeds are sent once, at the first input, under that op's first tag (P0 gets both, 4
 * words; P1 s_b and P2 s_a, 2 words each): the parties receive them in their first {@link
 * Aby3Protocol#input}, so nobody waits on set-up order. A reveal is reconstructed from the three
 * parties' first components.
 */
final class Aby3Owner implements OwnerSide {
  private final PartyContext ctx;
  private OwnerSeeds seeds;

  Aby3Owner(PartyContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void input(long[] plain) {
    if (seeds == null) {
      seeds = OwnerSeeds.create(ctx);
    }
    long tag = ctx.nextTag();
    int n = plain.length;
    long[] x0 = seeds.a().next(tag, 0, n);
    long[] x1 = seeds.b().next(tag, 0, n);
    long[] x2 = x0; // overwritten in place: x2 = x − x0 − x1
    for (int i = 0; i < n; i++) {
      x2[i] = plain[i] - x0[i] - x1[i];
    }
    // P0 gets an empty message: no data, but its round clock stays in step with P1 and P2, so
    // the next op is not credited with the input's round (the Lamport accounting of every link).
    ctx.link().send(0, tag, new long[0]);
    ctx.link().send(1, tag, x2);
    ctx.link().send(2, tag, x2);
  }

  @Override
  public long[] reveal(Share.Kind kind, int n) {
    long tag = ctx.nextTag();
    long[] r = new long[n];
    for (int p = 0; p < 3; p++) {
      long[] v = ctx.link().recv(p, tag);
      if (v.length != n) {
        throw new IllegalStateException(
            "aby3 reveal: expected " + n + " elements, party " + p + " sent " + v.length);
      }
      for (int i = 0; i < n; i++) {
        r[i] = kind == Share.Kind.ARITH ? r[i] + v[i] : r[i] ^ v[i];
      }
    }
    return r;
  }
}
