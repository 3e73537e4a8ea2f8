package dev.spu.mpc.aby3;

import dev.spu.mpc.OwnerSide;
import dev.spu.mpc.PartyContext;
import dev.spu.mpc.Protocol;
import dev.spu.mpc.ProtocolFactory;

/** Placeholder until the ABY3 implementation lands (owned by the ABY3 helper, who replaces it). */
public final class Aby3Factory implements ProtocolFactory {
  @Override
  public String name() {
    return "aby3";
  }

  @Override
  public String securityModel() {
    return "aby3: not yet available";
  }

  @Override
  public void checkParties(int n) {
    if (n != 3) {
      throw new IllegalArgumentException("aby3 needs exactly 3 parties, got " + n);
    }
  }

  @Override
  public Protocol create(PartyContext ctx) {
    throw new UnsupportedOperationException("aby3 not yet available");
  }

  @Override
  public OwnerSide owner(PartyContext ctx) {
    throw new UnsupportedOperationException("aby3 not yet available");
  }
}
