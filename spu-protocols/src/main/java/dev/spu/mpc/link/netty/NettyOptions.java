package dev.spu.mpc.link.netty;

import dev.spu.mpc.link.WanProfile;
import java.time.Duration;

/**
 * Transport settings of a Netty endpoint.
 *
 * @param connectTimeout how long a dial keeps retrying (with back-off) and how long a session waits
 *     for its peers to connect
 * @param receiveTimeout how long a receive waits for a message before failing
 * @param retryInitial first back-off between dial attempts; doubles up to {@code retryMax}
 * @param retryMax largest back-off between dial attempts
 * @param maxFrameBytes largest frame accepted (a longer one is malformed)
 * @param highWaterBytes a sender blocks while more than this many bytes to one peer are not yet
 *     written to the socket (back-pressure)
 * @param wan network emulation applied to this endpoint's outgoing messages
 */
public record NettyOptions(
    Duration connectTimeout,
    Duration receiveTimeout,
    Duration retryInitial,
    Duration retryMax,
    int maxFrameBytes,
    long highWaterBytes,
    WanProfile wan) {
  public NettyOptions {
    positive(connectTimeout, "connect timeout");
    positive(receiveTimeout, "receive timeout");
    positive(retryInitial, "retry back-off");
    positive(retryMax, "maximum retry back-off");
    if (maxFrameBytes < 1024) {
      throw new IllegalArgumentException("max frame bytes must be >= 1024, got " + maxFrameBytes);
    }
    if (highWaterBytes < 1) {
      throw new IllegalArgumentException("high-water mark must be positive, got " + highWaterBytes);
    }
    wan = wan == null ? WanProfile.NONE : wan;
  }

  private static void positive(Duration d, String what) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(what + " must be positive, got " + d);
    }
  }

  /**
   * Connect timeout 30 s, receive timeout 60 s, back-off 100 ms doubling to 2 s, frames up to 1
   * GiB, 16 MiB high-water mark, no emulation.
   */
  public static NettyOptions defaults() {
    return new NettyOptions(
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofMillis(100),
        Duration.ofSeconds(2),
        1 << 30,
        16L << 20,
        WanProfile.NONE);
  }

  public NettyOptions withConnectTimeout(Duration d) {
    return new NettyOptions(
        d, receiveTimeout, retryInitial, retryMax, maxFrameBytes, highWaterBytes, wan);
  }

  public NettyOptions withReceiveTimeout(Duration d) {
    return new NettyOptions(
        connectTimeout, d, retryInitial, retryMax, maxFrameBytes, highWaterBytes, wan);
  }

  public NettyOptions withWan(WanProfile w) {
    return new NettyOptions(
        connectTimeout, receiveTimeout, retryInitial, retryMax, maxFrameBytes, highWaterBytes, w);
  }

  public NettyOptions withHighWaterBytes(long b) {
    return new NettyOptions(
        connectTimeout, receiveTimeout, retryInitial, retryMax, maxFrameBytes, b, wan);
  }
}
