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
 * <p>A receive waits at most the link's timeout and then throws {@link LinkException} naming the
 * peer; a closed or failed peer turns into an error, never a hang.
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
