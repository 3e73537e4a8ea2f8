package dev.spu.kernels.runtime;

/**
 * A compute party (or the dealer) of a {@link LocalCluster} failed; the cause is the original
 * failure (for instance a {@link dev.spu.pphlo.TypeException} for an unsupported op), and the other
 * parties were stopped.
 */
public class PartyFailureException extends RuntimeException {
  private final int party;

  public PartyFailureException(int party, String who, Throwable cause) {
    super(who + " failed: " + cause, cause);
    this.party = party;
  }

  /** The failed party's index, or −1 for the dealer or the driver. */
  public int party() {
    return party;
  }
}
