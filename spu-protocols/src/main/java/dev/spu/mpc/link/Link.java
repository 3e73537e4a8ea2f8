package dev.spu.mpc.link;

/**
 * Point-to-point messages between the endpoints of one session (see {@link Endpoints}), each
 * carrying a deterministic tag; {@link #recv} returns the message with that tag from that sender,
 * whatever the arrival order. Payloads are ring elements ({@code long[]}, 8 bytes each).
 *
 * <p>Accounting is measured here, never computed: payload bytes and messages sent per scope (op
 * label), and rounds by a Lamport clock — every message carries its sender's clock c, a receive
 * sets the clock to max(clock, c + 1) — so {@code rounds} is the length of the longest chain of
 * dependent messages (the critical path).
 *
 * <p>Traffic to or from the dealer endpoint ({@link Endpoints#dealer}) is offline correlated
 * randomness: it is counted under the scope {@code "offline:" + label}, runs its own Lamport clock,
 * and is excluded from {@link CommStats#total()}, so program and primitive totals are online only
 * (see {@link CommStats#offline()}).
 *
 * <p>A receive waits at most the link's timeout and then throws {@link LinkTimeoutException} naming
 * both endpoints and the tag; on a closed link, or waiting for a peer that has closed, it throws
 * {@link LinkClosedException} promptly: a closed or failed peer turns into an error, never a hang.
 * Sending a second message with the same (to, tag) before the first was received is an error.
 *
 * <p>Threading: one thread per endpoint uses its link (sends and receives); implementations are
 * safe for that and for concurrent senders on other endpoints.
 */
public interface Link extends AutoCloseable {
  /** This endpoint's number. */
  int self();

  /** Number of compute parties N (endpoints N and N+1 are driver and dealer). */
  int parties();

  void send(int to, long tag, long[] data);

  long[] recv(int from, long tag);

  /** Labels subsequent traffic for per-op accounting. */
  void setScope(String label);

  /** A snapshot of this endpoint's counters. */
  CommStats stats();

  @Override
  void close();
}
