package dev.spu.mpc.semi2k;

import dev.spu.mpc.OwnerSide;
import dev.spu.mpc.PartyContext;
import dev.spu.mpc.Protocol;
import dev.spu.mpc.ProtocolFactory;

/** SEMI2K (work in progress). */
public final class Semi2kFactory implements ProtocolFactory {
  @Override
  public String name() {
    return "semi2k";
  }

  @Override
  public String securityModel() {
    return "semi2k: not yet available";
  }

  @Override
  public void checkParties(int n) {
    if (n < 2) {
      throw new IllegalArgumentException("semi2k needs at least 2 parties, got " + n);
    }
  }

  @Override
  public boolean usesDealer() {
    return true;
  }

  @Override
  public Protocol create(PartyContext ctx) {
    throw new UnsupportedOperationException("semi2k not yet available");
  }

  @Override
  public OwnerSide owner(PartyContext ctx) {
    throw new UnsupportedOperationException("semi2k not yet available");
  }
}
