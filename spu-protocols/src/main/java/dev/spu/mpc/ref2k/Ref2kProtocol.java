package dev.spu.mpc.ref2k;

import dev.spu.mpc.PartyContext;
import dev.spu.mpc.Ring;
import dev.spu.mpc.Share;
import dev.spu.mpc.Share.Kind;
import dev.spu.mpc.SinglePartProtocol;

/**
 * REF2K: every party holds the plaintext ({@code parts = {plaintext}}) and computes every primitive
 * locally with exact ring arithmetic. Truncation is the exact arithmetic shift; msb is the exact
 * sign bit. Not private by design.
 */
final class Ref2kProtocol extends SinglePartProtocol {
  Ref2kProtocol(PartyContext ctx) {
    super(ctx);
  }

  @Override
  public String name() {
    return "ref2k";
  }

  /** Every party holds the plaintext, so every party takes in a public value. */
  @Override
  protected boolean holdsPublic() {
    return true;
  }

  @Override
  public long[] open(Share a) {
    return v(a).clone();
  }

  @Override
  public long[] openTo(Share a, int endpoint) {
    long tag = ctx.nextTag();
    if (endpoint < ctx.parties()) {
      return endpoint == ctx.self() ? v(a).clone() : null;
    }
    if (ctx.self() == 0) {
      ctx.link().send(endpoint, tag, v(a));
    }
    return null;
  }

  @Override
  public Share mulAA(Share a, Share b) {
    expect("mulAA", a, Kind.ARITH);
    expect("mulAA", b, Kind.ARITH);
    return arith(Ring.mul(v(a), v(b)));
  }

  @Override
  public Share matmulAA(Share a, Share b, int m, int k, int n) {
    return arith(Ring.matmul(v(a), v(b), m, k, n));
  }

  @Override
  public Share truncA(Share a, int bits) {
    expect("truncA", a, Kind.ARITH);
    return arith(Ring.sar(v(a), bits));
  }

  @Override
  public Share msbA(Share a) {
    expect("msbA", a, Kind.ARITH);
    return bool(Ring.shr(v(a), 63));
  }

  @Override
  public Share a2b(Share a) {
    expect("a2b", a, Kind.ARITH);
    return bool(v(a).clone());
  }

  @Override
  public Share b2a(Share b) {
    expect("b2a", b, Kind.BOOL);
    return arith(v(b).clone());
  }

  @Override
  public Share bitToA(Share b) {
    expect("bitToA", b, Kind.BOOL);
    long[] x = v(b);
    long[] r = new long[x.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = x[i] & 1L;
    }
    return arith(r);
  }

  @Override
  public Share andBB(Share a, Share b) {
    expect("andBB", a, Kind.BOOL);
    expect("andBB", b, Kind.BOOL);
    return bool(Ring.and(v(a), v(b)));
  }
}
