package dev.spu.mpc.ref2k;

import dev.spu.mpc.Cost;
import dev.spu.mpc.OwnerSide;
import dev.spu.mpc.PartyContext;
import dev.spu.mpc.Protocol;
import dev.spu.mpc.ProtocolFactory;

/** REF2K: the plaintext reference protocol, the oracle of the conformance tests. */
public final class Ref2kFactory implements ProtocolFactory {
  @Override
  public String name() {
    return "ref2k";
  }

  @Override
  public String securityModel() {
    return "ref2k: NOT PRIVATE. A plaintext reference for testing: every input is sent in the clear"
        + " to every compute party, and every party sees every value. Use it only as a test oracle"
        + " and for debugging, never on real data.";
  }

  @Override
  public void checkParties(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("ref2k needs at least 1 party, got " + n);
    }
  }

  @Override
  public Protocol create(PartyContext ctx) {
    checkParties(ctx.parties());
    return new Ref2kProtocol(ctx);
  }

  @Override
  public OwnerSide owner(PartyContext ctx) {
    return new Ref2kOwner(ctx);
  }

  /** Only reveals to an outside endpoint communicate (party 0 sends n longs); all else is local. */
  @Override
  public Cost theory(String primitive, int... dims) {
    switch (primitive) {
      case "mul", "matmul", "trunc", "msb", "a2b", "b2a", "and", "open":
        return Cost.FREE;
      default:
        return ProtocolFactory.super.theory(primitive, dims);
    }
  }
}
