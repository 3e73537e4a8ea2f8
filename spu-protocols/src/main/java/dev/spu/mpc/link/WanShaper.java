package dev.spu.mpc.link;

import java.util.concurrent.locks.LockSupport;

/**
 * One sender's egress under a {@link WanProfile}: messages leave one after another at the bandwidth
 * and arrive a latency later. Thread-safe.
 */
public final class WanShaper {
  private final WanProfile profile;
  private long busyUntil; // guarded by this

  public WanShaper(WanProfile profile) {
    this.profile = profile;
  }

  public WanProfile profile() {
    return profile;
  }

  /**
   * The {@link System#nanoTime()} at which a message of {@code bytes} sent now is delivered; 0 if
   * the profile delays nothing.
   */
  public synchronized long deliverAt(long bytes) {
    if (profile.isNone()) {
      return 0;
    }
    long now = System.nanoTime();
    long start = busyUntil - now > 0 ? busyUntil : now;
    busyUntil = start + profile.transmitNanos(bytes);
    return busyUntil + profile.latencyNanos();
  }

  /**
   * Waits until {@code deadline} ({@link System#nanoTime()}; 0 or past: no wait).
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public static void awaitDelivery(long deadline) throws InterruptedException {
    if (deadline == 0) {
      return;
    }
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }
}
