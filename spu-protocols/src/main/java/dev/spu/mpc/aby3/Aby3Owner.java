package dev.spu.mpc.aby3;

import dev.spu.mpc.OwnerSide;
import dev.spu.mpc.PartyContext;
import dev.spu.mpc.Prg;
import dev.spu.mpc.Share;

/**
 * ABY3 on the driver endpoint: splits an input into x0, x1 (random) and x2 = x − x0 − x1 and sends
 * party i only its pair (x_i, x_{i+1}) — 16n bytes to each party, one round; reconstructs a reveal
 * from the three parties' first components.
 */
final class Aby3Owner implements OwnerSide {
  private final PartyContext ctx;
  private final Prg prg;

  Aby3Owner(PartyContext ctx) {
    this.ctx = ctx;
    this.prg = new Prg(Prg.seedFor(ctx, "aby3.owner"));
  }

  @Override
  public void input(long[] plain) {
    long tag = ctx.nextTag();
    int n = plain.length;
    long[][] x = new long[3][];
    x[0] = prg.next(tag, 0, n);
    x[1] = prg.next(tag, 1, n);
    x[2] = new long[n];
    for (int i = 0; i < n; i++) {
      x[2][i] = plain[i] - x[0][i] - x[1][i];
    }
    for (int p = 0; p < 3; p++) {
      long[] msg = new long[2 * n];
      System.arraycopy(x[p], 0, msg, 0, n);
      System.arraycopy(x[(p + 1) % 3], 0, msg, n, n);
      ctx.link().send(p, tag, msg);
    }
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
