package dev.spu.kernels.runtime;

import dev.spu.kernels.hal.FixedPoint;
import dev.spu.kernels.hal.math.MathOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one session, identical on every party.
 *
 * @param protocol protocol name ({@code ref2k}, {@code semi2k}, {@code aby3})
 * @param parties number of compute parties
 * @param fieldBits ring size k of Z_2^k; only 64 (FM64) for now
 * @param fractionBits fixed-point fraction bits f (default 18)
 * @param fixedSeed null for secure randomness (the default); a seed only for reproducible tests
 * @param timeout how long a party waits for a message before failing
 * @param math the approximation methods of the fixed-point math ops (null: {@link
 *     MathOptions#DEFAULT})
 */
public record RuntimeConfig(
    String protocol,
    int parties,
    int fieldBits,
    int fractionBits,
    byte[] fixedSeed,
    Duration timeout,
    MathOptions math) {
  public RuntimeConfig {
    Objects.requireNonNull(protocol, "protocol");
    if (parties < 1) {
      throw new IllegalArgumentException(
          "a session needs at least one compute party, got " + parties);
    }
    if (fieldBits != 64) {
      throw new IllegalArgumentException(
          "field bits " + fieldBits + " not supported: only FM64 (64) is implemented");
    }
    if (fractionBits < 1 || fractionBits > 30) {
      throw new IllegalArgumentException(
          "fraction bits must be in [1, 30] on FM64, got " + fractionBits + " (default 18)");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    fixedSeed = fixedSeed == null ? null : fixedSeed.clone();
    math = math == null ? MathOptions.DEFAULT : math;
  }

  /** The config with the default math options. */
  public RuntimeConfig(
      String protocol,
      int parties,
      int fieldBits,
      int fractionBits,
      byte[] fixedSeed,
      Duration timeout) {
    this(protocol, parties, fieldBits, fractionBits, fixedSeed, timeout, MathOptions.DEFAULT);
  }

  /** FM64, f = 18, secure randomness, 60 s timeout. */
  public static RuntimeConfig defaults(String protocol, int parties) {
    return new RuntimeConfig(
        protocol, parties, 64, FixedPoint.DEFAULT_FRACTION_BITS, null, Duration.ofSeconds(60));
  }

  @Override
  public byte[] fixedSeed() {
    return fixedSeed == null ? null : fixedSeed.clone();
  }

  public RuntimeConfig withFixedSeed(byte[] seed) {
    return new RuntimeConfig(protocol, parties, fieldBits, fractionBits, seed, timeout, math);
  }

  public RuntimeConfig withFractionBits(int f) {
    return new RuntimeConfig(protocol, parties, fieldBits, f, fixedSeed, timeout, math);
  }

  public RuntimeConfig withTimeout(Duration t) {
    return new RuntimeConfig(protocol, parties, fieldBits, fractionBits, fixedSeed, t, math);
  }

  public RuntimeConfig withMath(MathOptions m) {
    return new RuntimeConfig(protocol, parties, fieldBits, fractionBits, fixedSeed, timeout, m);
  }

  /** Never prints the seed. */
  @Override
  public String toString() {
    return "RuntimeConfig[protocol="
        + protocol
        + ", parties="
        + parties
        + ", fieldBits="
        + fieldBits
        + ", fractionBits="
        + fractionBits
        + ", randomness="
        + (fixedSeed == null ? "secure" : "fixed seed (tests only)")
        + ", timeout="
        + timeout
        + ", math="
        + math
        + "]";
  }
}
