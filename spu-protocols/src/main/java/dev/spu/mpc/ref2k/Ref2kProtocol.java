package dev.spu.mpc.ref2k;

import dev.spu.mpc.PartyContext;
import dev.spu.mpc.Protocol;
import dev.spu.mpc.Ring;
import dev.spu.mpc.Share;
import dev.spu.mpc.Share.Kind;

/**
 * REF2K: every party holds the plaintext ({@code parts = {plaintext}}) and computes every primitive
 * locally with exact ring arithmetic. Truncation is the exact arithmetic shift; msb is the exact
 * sign bit. Not private by design.
 */
final class Ref2kProtocol implements Protocol {
  private final PartyContext ctx;

  Ref2kProtocol(PartyContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public String name() {
    return "ref2k";
  }

  @Override
  public PartyContext context() {
    return ctx;
  }

  private static long[] v(Share s) {
    return s.part(0);
  }

  private static Share arith(long[] x) {
    return new Share(Kind.ARITH, x);
  }

  private static Share bool(long[] x) {
    return new Share(Kind.BOOL, x);
  }

  private static void expect(String op, Share s, Kind kind) {
    if (s.kind() != kind) {
      throw new IllegalArgumentException(op + ": expected a " + kind + " share, got " + s);
    }
  }

  @Override
  public Share input(int owner, int n) {
    if (owner >= 0 && owner < ctx.parties()) {
      throw new IllegalArgumentException(
          "input: owner must be an endpoint outside the compute parties (the driver), got party "
              + owner);
    }
    long tag = ctx.nextTag();
    long[] x = ctx.link().recv(owner, tag);
    if (x.length != n) {
      throw new IllegalStateException("input: expected " + n + " elements, owner sent " + x.length);
    }
    return arith(x);
  }

  @Override
  public Share fromPublic(Kind kind, long[] p) {
    return new Share(kind, p.clone());
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
  public Share negA(Share a) {
    expect("negA", a, Kind.ARITH);
    return arith(Ring.neg(v(a)));
  }

  @Override
  public Share addAA(Share a, Share b) {
    expect("addAA", a, Kind.ARITH);
    expect("addAA", b, Kind.ARITH);
    return arith(Ring.add(v(a), v(b)));
  }

  @Override
  public Share addAP(Share a, long[] p) {
    expect("addAP", a, Kind.ARITH);
    return arith(Ring.add(v(a), p));
  }

  @Override
  public Share mulAP(Share a, long[] p) {
    expect("mulAP", a, Kind.ARITH);
    return arith(Ring.mul(v(a), p));
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
  public Share matmulAP(Share a, long[] p, int m, int k, int n) {
    return arith(Ring.matmul(v(a), p, m, k, n));
  }

  @Override
  public Share matmulPA(long[] p, Share b, int m, int k, int n) {
    return arith(Ring.matmul(p, v(b), m, k, n));
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
  public Share xorBB(Share a, Share b) {
    expect("xorBB", a, Kind.BOOL);
    expect("xorBB", b, Kind.BOOL);
    return bool(Ring.xor(v(a), v(b)));
  }

  @Override
  public Share xorBP(Share a, long[] p) {
    expect("xorBP", a, Kind.BOOL);
    return bool(Ring.xor(v(a), p));
  }

  @Override
  public Share andBB(Share a, Share b) {
    expect("andBB", a, Kind.BOOL);
    expect("andBB", b, Kind.BOOL);
    return bool(Ring.and(v(a), v(b)));
  }

  @Override
  public Share andBP(Share a, long[] p) {
    expect("andBP", a, Kind.BOOL);
    return bool(Ring.and(v(a), p));
  }

  @Override
  public Share lshiftB(Share a, int bits) {
    expect("lshiftB", a, Kind.BOOL);
    return bool(Ring.shl(v(a), bits));
  }

  @Override
  public Share rshiftB(Share a, int bits) {
    expect("rshiftB", a, Kind.BOOL);
    return bool(Ring.shr(v(a), bits));
  }
}
