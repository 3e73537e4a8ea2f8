package dev.spu.mpc;

/**
 * The theoretical online cost of one primitive call, per compute party: payload bytes it sends (the
 * maximum over parties) and sequential communication rounds. Offline (dealer) traffic is not
 * included.
 */
public record Cost(long bytesPerParty, long rounds) {
  public static final Cost FREE = new Cost(0, 0);

  public Cost {
    if (bytesPerParty < 0 || rounds < 0) {
      throw new IllegalArgumentException(
          "negative cost: " + bytesPerParty + " bytes, " + rounds + " rounds");
    }
  }

  /** Sequential composition: bytes and rounds add. */
  public Cost then(Cost o) {
    return new Cost(bytesPerParty + o.bytesPerParty, rounds + o.rounds);
  }
}
