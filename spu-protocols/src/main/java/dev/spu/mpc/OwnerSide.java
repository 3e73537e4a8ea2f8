package dev.spu.mpc;

/**
 * What an endpoint outside the compute parties (the driver, on behalf of a named data owner or
 * reveal reader) does in a protocol: split an input into shares and send each compute party only
 * its own, and reconstruct a value revealed to it. Tags come from its {@link PartyContext}, in step
 * with the parties' matching {@link Protocol#input} / {@link Protocol#openTo} calls.
 */
public interface OwnerSide {
  /** Secret-shares {@code plain} (ring elements) to the compute parties. */
  void input(long[] plain);

  /** Receives and reconstructs an n-element value that the parties open to this endpoint. */
  long[] reveal(Share.Kind kind, int n);
}
