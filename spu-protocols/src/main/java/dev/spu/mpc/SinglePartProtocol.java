package dev.spu.mpc;

import dev.spu.mpc.Share.Kind;

/**
 * Base of the protocols whose share is one part per party (REF2K: the plaintext, SEMI2K: an
 * additive share): the local ops that are linear in that part (negation, share-share add and xor,
 * products and matmuls with a public operand, and with a public mask, shifts) are the same for both
 * and live here. Public constants enter the sharing only on the parties for which {@link
 * #holdsPublic()} is true (all of them in REF2K, party 0 in SEMI2K); everything interactive stays
 * in the subclass.
 */
public abstract class SinglePartProtocol implements Protocol {
  protected final PartyContext ctx;

  protected SinglePartProtocol(PartyContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public PartyContext context() {
    return ctx;
  }

  /**
   * Whether this party's part takes in a public value: true when every party holds the whole value,
   * party 0 only when parts add up (or xor) to it.
   */
  protected abstract boolean holdsPublic();

  // ---- plumbing ----

  protected static long[] v(Share s) {
    return s.part(0);
  }

  protected static Share arith(long[] x) {
    return new Share(Kind.ARITH, x);
  }

  protected static Share bool(long[] x) {
    return new Share(Kind.BOOL, x);
  }

  protected final void expect(String op, Share s, Kind kind) {
    if (s.kind() != kind || s.numParts() != 1) {
      throw new IllegalArgumentException(
          op
              + ": expected a "
              + name()
              + " "
              + kind
              + " share, got "
              + s
              + " with "
              + s.numParts()
              + " parts");
    }
  }

  // ---- input ----

  @Override
  public Share input(int owner, int size) {
    if (owner >= 0 && owner < ctx.parties()) {
      throw new IllegalArgumentException(
          "input: owner must be an endpoint outside the compute parties (the driver), got party "
              + owner);
    }
    long[] x = ctx.link().recv(owner, ctx.nextTag());
    if (x.length != size) {
      throw new IllegalStateException(
          "input: expected " + size + " elements, the owner sent " + x.length);
    }
    return arith(x);
  }

  @Override
  public Share fromPublic(Kind kind, long[] p) {
    return new Share(kind, holdsPublic() ? p.clone() : new long[p.length]);
  }

  // ---- arithmetic (local) ----

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
    Ring.checkSameLength("addAP", v(a), p);
    return arith(holdsPublic() ? Ring.add(v(a), p) : v(a).clone());
  }

  @Override
  public Share mulAP(Share a, long[] p) {
    expect("mulAP", a, Kind.ARITH);
    return arith(Ring.mul(v(a), p));
  }

  @Override
  public Share matmulAP(Share a, long[] p, int m, int k, int n) {
    expect("matmulAP", a, Kind.ARITH);
    return arith(Ring.matmul(v(a), p, m, k, n));
  }

  @Override
  public Share matmulPA(long[] p, Share b, int m, int k, int n) {
    expect("matmulPA", b, Kind.ARITH);
    return arith(Ring.matmul(p, v(b), m, k, n));
  }

  // ---- boolean (local) ----

  @Override
  public Share xorBB(Share a, Share b) {
    expect("xorBB", a, Kind.BOOL);
    expect("xorBB", b, Kind.BOOL);
    return bool(Ring.xor(v(a), v(b)));
  }

  @Override
  public Share xorBP(Share a, long[] p) {
    expect("xorBP", a, Kind.BOOL);
    Ring.checkSameLength("xorBP", v(a), p);
    return bool(holdsPublic() ? Ring.xor(v(a), p) : v(a).clone());
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
