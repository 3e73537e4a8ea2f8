package dev.spu.mpc.link;

/**
 * Network emulation for a link: every message is delayed by a one-way latency and by its
 * transmission time at the sender's egress bandwidth (the sender's messages queue behind each
 * other, as on one network interface). The paper's settings: LAN {@code (0.05 ms, 10000 Mbps)} (0.1
 * ms round trip), WAN {@code (20 ms, 300 Mbps)} (40 ms round trip).
 *
 * @param latencyMs one-way latency in milliseconds (0 for none)
 * @param bandwidthMbps egress bandwidth in megabits per second ({@code +Infinity} for unlimited)
 */
public record WanProfile(double latencyMs, double bandwidthMbps) {
  /** No emulation: messages are delivered as fast as the transport allows. */
  public static final WanProfile NONE = new WanProfile(0, Double.POSITIVE_INFINITY);

  /** The paper's LAN: 0.1 ms round trip, 10 Gbps. */
  public static final WanProfile LAN = new WanProfile(0.05, 10_000);

  /** The paper's WAN: 40 ms round trip, 300 Mbps. */
  public static final WanProfile WAN = new WanProfile(20, 300);

  public WanProfile {
    if (!(latencyMs >= 0) || Double.isInfinite(latencyMs)) {
      throw new IllegalArgumentException(
          "latency must be a finite number of milliseconds >= 0, got " + latencyMs);
    }
    if (!(bandwidthMbps > 0)) {
      throw new IllegalArgumentException(
          "bandwidth must be > 0 Mbps (Infinity for unlimited), got " + bandwidthMbps);
    }
  }

  /**
   * The profile for optional command-line values: a missing latency is 0, a missing bandwidth
   * unlimited.
   */
  public static WanProfile of(Double latencyMs, Double bandwidthMbps) {
    return new WanProfile(
        latencyMs == null ? 0 : latencyMs,
        bandwidthMbps == null ? Double.POSITIVE_INFINITY : bandwidthMbps);
  }

  /** True if this profile delays nothing. */
  public boolean isNone() {
    return latencyMs == 0 && Double.isInfinite(bandwidthMbps);
  }

  /** The one-way latency in nanoseconds. */
  public long latencyNanos() {
    return Math.round(latencyMs * 1e6);
  }

  /** The time to put {@code bytes} on the wire, in nanoseconds. */
  public long transmitNanos(long bytes) {
    return Double.isInfinite(bandwidthMbps) ? 0 : Math.round(bytes * 8e3 / bandwidthMbps);
  }

  @Override
  public String toString() {
    return isNone()
        ? "no emulation"
        : latencyMs
            + " ms one-way, "
            + (Double.isInfinite(bandwidthMbps) ? "unlimited" : bandwidthMbps + " Mbps");
  }
}
