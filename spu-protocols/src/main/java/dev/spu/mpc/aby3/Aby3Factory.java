package dev.spu.mpc.aby3;

import dev.spu.mpc.Cost;
import dev.spu.mpc.OwnerSide;
import dev.spu.mpc.PartyContext;
import dev.spu.mpc.Protocol;
import dev.spu.mpc.ProtocolFactory;
import java.util.Arrays;

/**
 * ABY3: three-party replicated secret sharing over Z_2^64 (Mohassel and Rindal, CCS 2018),
 * semi-honest with an honest majority. Session set-up agrees the pairwise PRSS keys (op id 0, one
 * 16-byte message per party); no dealer, no offline phase. Input sharing costs the owner 16n bytes
 * per input (x2 to P1 and P2; the other components come from seeds handed over at its first input,
 * see {@link Aby3Cost#input}).
 */
public final class Aby3Factory implements ProtocolFactory {
  @Override
  public String name() {
    return "aby3";
  }

  @Override
  public String securityModel() {
    return "aby3: 3 compute parties, semi-honest (they follow the protocol), honest majority."
        + " Any single party learns nothing about secret values beyond what is revealed to it:"
        + " every message it receives is masked by randomness it does not know. Any two colluding"
        + " parties together hold all three share components and learn everything."
        + " No protection against a party that deviates from the protocol (no MACs).";
  }

  @Override
  public void checkParties(int n) {
    if (n != 3) {
      throw new IllegalArgumentException(
          "aby3 needs exactly 3 compute parties, got " + n + " (use semi2k for other counts)");
    }
  }

  @Override
  public Protocol create(PartyContext ctx) {
    checkParties(ctx.parties());
    ctx.beginOp(0, "aby3.setup");
    return new Aby3Protocol(ctx, Prss.agree(ctx));
  }

  @Override
  public OwnerSide owner(PartyContext ctx) {
    checkParties(ctx.parties());
    return new Aby3Owner(ctx);
  }

  /**
   * Exact bytes sent by the busiest party and rounds, as measured by the link. Labels: {@code mul},
   * {@code and}, {@code open}, {@code trunc}, {@code msb}, {@code a2b}, {@code b2a}, {@code bitToA}
   * with {@code dims = {n}}; {@code matmul} with {@code {m, k, n}}; an optional trailing party
   * count must be 3.
   */
  @Override
  public Cost theory(String primitive, int... dims) {
    int want = "matmul".equals(primitive) ? 3 : 1;
    if (dims.length == want + 1) {
      checkParties(dims[want]);
    } else if (dims.length != want) {
      throw new IllegalArgumentException(
          "aby3 theory("
              + primitive
              + "): expected "
              + want
              + " dimension(s) and an optional party count, got "
              + Arrays.toString(dims));
    }
    for (int i = 0; i < want; i++) {
      if (dims[i] < 0) {
        throw new IllegalArgumentException(
            "aby3 theory(" + primitive + "): negative dimension in " + Arrays.toString(dims));
      }
    }
    int n = dims[0];
    switch (primitive) {
      case "mul":
      case "and":
      case "open":
        return Aby3Cost.elementwise(n);
      case "matmul":
        return Aby3Cost.matmul(dims[0], dims[2]);
      case "trunc":
        return Aby3Cost.trunc(n);
      case "msb":
        return Aby3Cost.msb(n);
      case "a2b":
        return Aby3Cost.a2b(n);
      case "b2a":
        return Aby3Cost.b2a(n);
      case "bitToA":
      case "bit2a":
        return Aby3Cost.bitToA(n);
      default:
        return ProtocolFactory.super.theory(primitive, dims);
    }
  }
}
