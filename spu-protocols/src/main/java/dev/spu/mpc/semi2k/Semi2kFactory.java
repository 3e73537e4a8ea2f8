package dev.spu.mpc.semi2k;

import dev.spu.mpc.BooleanCircuits;
import dev.spu.mpc.Cost;
import dev.spu.mpc.OwnerSide;
import dev.spu.mpc.PartyContext;
import dev.spu.mpc.Protocol;
import dev.spu.mpc.ProtocolFactory;
import java.util.Optional;

/** SEMI2K: additive N-party secret sharing over Z_2^64 with a separate trusted dealer. */
public final class Semi2kFactory implements ProtocolFactory {
  @Override
  public String name() {
    return "semi2k";
  }

  @Override
  public String securityModel() {
    return "semi2k: semi-honest (honest-but-curious) security for N >= 2 compute parties holding"
        + " additive shares. Any N-1 compute parties together learn nothing about the data beyond"
        + " what is revealed. Correlated randomness (multiplication triples, masks) comes from a"
        + " dealer: a trusted third party outside the compute parties that never sees any data, only"
        + " request kinds and sizes. The dealer must not collude with any compute party: a dealer"
        + " colluding with a single party learns everything. No protection against parties that"
        + " deviate from the protocol.";
  }

  @Override
  public void checkParties(int n) {
    if (n < 2) {
      throw new IllegalArgumentException("semi2k needs at least 2 compute parties, got " + n);
    }
  }

  @Override
  public boolean usesDealer() {
    return true;
  }

  @Override
  public Protocol create(PartyContext ctx) {
    checkParties(ctx.parties());
    return new Semi2kProtocol(ctx);
  }

  @Override
  public OwnerSide owner(PartyContext ctx) {
    return new Semi2kOwner(ctx);
  }

  @Override
  public Optional<Runnable> dealer(PartyContext ctx) {
    return Optional.of(new Semi2kDealer(ctx));
  }

  /**
   * Online cost per party as {@link Semi2kProtocol} sends it; dims are the sizes followed by the
   * party count N, e.g. {@code theory("mul", n, N)}, {@code theory("matmul", m, k, n, N)}.
   */
  @Override
  public Cost theory(String primitive, int... dims) {
    int sizes =
        switch (primitive) {
          case "matmul" -> 3;
          case "mul", "and", "trunc", "msb", "a2b", "b2a", "bit2a", "open" -> 1;
          default -> -1;
        };
    if (sizes < 0) {
      return ProtocolFactory.super.theory(primitive, dims);
    }
    if (dims.length != sizes + 1) {
      throw new IllegalArgumentException(
          "semi2k's cost depends on the party count: call theory(\""
              + primitive
              + "\", "
              + (sizes == 3 ? "m, k, n" : "n")
              + ", parties)");
    }
    long peers = dims[sizes] - 1L;
    checkParties(dims[sizes]);
    long n = dims[0];
    if (primitive.equals("matmul")) {
      long m = dims[0];
      long k = dims[1];
      long p = dims[2];
      return m * p == 0 ? Cost.FREE : new Cost(8 * (m * k + k * p) * peers, 1);
    }
    if (n == 0) {
      return Cost.FREE;
    }
    switch (primitive) {
      case "mul", "and":
        return new Cost(16 * n * peers, 1);
      case "trunc", "b2a", "open":
        return new Cost(8 * n * peers, 1);
      case "bit2a":
        return new Cost(8 * ((n + 63) / 64) * peers, 1);
      case "msb":
        int[] layers = BooleanCircuits.csaSchedule(dims[1]);
        return new Cost(
            16 * peers * (n * layers[1] + BooleanCircuits.carryAndWords(n)),
            layers[0] + BooleanCircuits.ADDER_ROUNDS);
      default: // a2b
        int[] csa = BooleanCircuits.csaSchedule(dims[1]);
        return new Cost(
            16 * n * peers * (csa[1] + BooleanCircuits.ADDER_AND_WORDS),
            csa[0] + BooleanCircuits.ADDER_ROUNDS);
    }
  }
}
