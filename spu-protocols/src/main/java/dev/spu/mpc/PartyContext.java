package dev.spu.mpc;

import dev.spu.mpc.link.Link;

/**
 * One endpoint's session state: its link, its randomness setting and the deterministic tag counter.
 * Tags are (op id, step within the op): the executor calls {@link #beginOp} before each op and
 * every message of that op takes the next step, so all parties derive equal tags from program
 * position.
 */
public final class PartyContext {
  private final Link link;
  private final byte[] fixedSeed;
  private long opId;
  private int step;

  /**
   * @param fixedSeed null for secure randomness (the default); a seed only for reproducible tests
   *     and debugging
   */
  public PartyContext(Link link, byte[] fixedSeed) {
    this.link = link;
    this.fixedSeed = fixedSeed == null ? null : fixedSeed.clone();
  }

  public Link link() {
    return link;
  }

  public int self() {
    return link.self();
  }

  /** Number of compute parties. */
  public int parties() {
    return link.parties();
  }

  /** Null unless a fixed seed was explicitly requested for tests. */
  public byte[] fixedSeed() {
    return fixedSeed == null ? null : fixedSeed.clone();
  }

  /** Starts a new op: resets the step counter and labels the link's accounting. */
  public void beginOp(long opId, String label) {
    if (opId < 0 || opId >= (1L << 40)) {
      throw new IllegalArgumentException("op id out of range: " + opId);
    }
    this.opId = opId;
    this.step = 0;
    link.setScope(label);
  }

  public long currentOp() {
    return opId;
  }

  /** The next message tag of the current op. */
  public long nextTag() {
    if (step >= (1 << 23)) {
      throw new IllegalStateException("op " + opId + " used more than 2^23 message steps");
    }
    return (opId << 23) | step++;
  }
}
