package dev.spu.mpc.link;

/** Human-readable message tags for error messages: {@code (op id << 23) | step}. */
public final class Tags {
  private Tags() {}

  /** Bits of a tag that hold the step within an op (see {@code PartyContext#nextTag}). */
  public static final int STEP_BITS = 23;

  public static String describe(long tag) {
    return "tag "
        + tag
        + " (op "
        + (tag >>> STEP_BITS)
        + ", step "
        + (tag & ((1L << STEP_BITS) - 1))
        + ")";
  }
}
