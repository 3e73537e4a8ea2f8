package dev.spu.tensor;

import dev.spu.kernels.runtime.RuntimeConfig;
import dev.spu.mpc.link.WanProfile;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a simulated device: N compute parties as N threads in this JVM.
 *
 * @param protocol {@code ref2k}, {@code semi2k} or {@code aby3}
 * @param parties number of compute parties (aby3 needs 3)
 * @param fieldBits ring size in bits (64)
 * @param fractionBits fixed-point fraction bits (18)
 * @param seed null for secure randomness (the default); a fixed seed only for reproducible tests
 * @param timeout how long a party waits for a message before failing
 * @param latencyMs emulated one-way network latency in milliseconds (0: none)
 * @param bandwidthMbps emulated egress bandwidth per party in Mbps (+Infinity: unlimited)
 */
public record SimConfig(
    String protocol,
    int parties,
    int fieldBits,
    int fractionBits,
    Long seed,
    Duration timeout,
    double latencyMs,
    double bandwidthMbps) {
  /** No network emulation. */
  public SimConfig(
      String protocol, int parties, int fieldBits, int fractionBits, Long seed, Duration timeout) {
    this(protocol, parties, fieldBits, fractionBits, seed, timeout, 0, Double.POSITIVE_INFINITY);
  }

  public SimConfig {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(timeout, "timeout");
    if (parties < 1) {
      throw new IllegalArgumentException("parties must be >= 1, got " + parties);
    }
    if (fieldBits != 64) {
      throw new IllegalArgumentException("only a 64-bit ring is supported, got " + fieldBits);
    }
    if (fractionBits < 1 || fractionBits > 30) {
      throw new IllegalArgumentException("fractionBits must be in 1..30, got " + fractionBits);
    }
    new WanProfile(latencyMs, bandwidthMbps); // validates
  }

  /** Defaults: 64-bit ring, 18 fraction bits, secure randomness, 60 s timeout. */
  public static SimConfig of(String protocol, int parties) {
    return new SimConfig(protocol, parties, 64, 18, null, Duration.ofSeconds(60));
  }

  /** A fixed randomness seed (tests and debugging only: it makes shares predictable). */
  public SimConfig withSeed(long s) {
    return new SimConfig(
        protocol, parties, fieldBits, fractionBits, s, timeout, latencyMs, bandwidthMbps);
  }

  public SimConfig withFractionBits(int f) {
    return new SimConfig(protocol, parties, fieldBits, f, seed, timeout, latencyMs, bandwidthMbps);
  }

  public SimConfig withTimeout(Duration t) {
    return new SimConfig(
        protocol, parties, fieldBits, fractionBits, seed, t, latencyMs, bandwidthMbps);
  }

  /**
   * Emulates a network in the simulation: one-way latency (ms) and each party's egress bandwidth
   * (Mbps, +Infinity for unlimited). The paper's LAN is (0.05, 10000), its WAN (20, 300).
   */
  public SimConfig withNetwork(double latencyMs, double bandwidthMbps) {
    return new SimConfig(
        protocol, parties, fieldBits, fractionBits, seed, timeout, latencyMs, bandwidthMbps);
  }

  WanProfile wan() {
    return new WanProfile(latencyMs, bandwidthMbps);
  }

  RuntimeConfig toRuntime() {
    byte[] fixed =
        seed == null ? null : ByteBuffer.allocate(16).putLong(seed).putLong(~seed).array();
    return new RuntimeConfig(protocol, parties, fieldBits, fractionBits, fixed, timeout);
  }
}
