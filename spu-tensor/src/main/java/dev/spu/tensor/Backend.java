package dev.spu.tensor;

import dev.spu.pphlo.Function;
import dev.spu.pphlo.TensorType;

/**
 * What a {@link Device} needs from the parties that execute: values live on the parties in
 * per-party tables under handle ids the device chooses; the user side only ever holds ids and
 * types. Implementations: {@link SimBackend} (threads in this JVM); a remote one later.
 *
 * <p>Calls come from one thread at a time (the device serializes them).
 */
interface Backend extends AutoCloseable {
  /** Secret input: the driver, on behalf of a data owner, shares {@code ring}. */
  void input(long handle, TensorType type, long[] ring);

  /** A public value known to every party. */
  void publicValue(long handle, TensorType type, long[] ring);

  /** Runs {@code f} on every party over the argument handles, storing results under new ids. */
  void run(Function f, long[] args, long[] results);

  /** Opens a value to every party and returns it (ring encoding). */
  long[] open(long handle, TensorType type);

  /** Reveals a value to the driver only (ring encoding); the parties learn nothing. */
  long[] revealTo(long handle, TensorType type);

  /** Drops a handle on every party. */
  void free(long handle);

  /** Number of values held per party (diagnostics and tests). */
  int liveHandles();

  /** Cumulative per-endpoint counters: compute parties first, then the driver. */
  RawStats rawStats();

  int parties();

  int fractionBits();

  String protocol();

  String securityModel();

  /** Lets {@code tap} observe every message between endpoints (simulation only). */
  default void addMessageTap(dev.spu.mpc.link.MessageTap tap) {
    throw new UnsupportedOperationException(
        "message taps exist only on simulated devices (Spu.simulate), not on " + protocol());
  }

  @Override
  void close();

  /** Per compute party bytes sent and Lamport clock; the driver's bytes sent. */
  record RawStats(long[] partyBytes, long[] partyRounds, long driverBytes) {}
}
