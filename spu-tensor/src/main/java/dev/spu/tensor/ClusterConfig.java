package dev.spu.tensor;

import dev.spu.kernels.runtime.node.ClusterFile;
import dev.spu.kernels.runtime.node.RemoteCluster;
import dev.spu.mpc.link.WanProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Settings of a device whose compute parties are separate node processes ({@code ./spu node}), read
 * from a {@code cluster.json} (see {@code ./spu certs}): the parties' addresses, the certificates,
 * and the protocol, field and fraction bits every party shares.
 *
 * <pre>{@code
 * try (Device spu = Spu.connect(ClusterConfig.load(Path.of("cluster.json")))) {
 *   // the same code as with Spu.simulate(...)
 * }
 * }</pre>
 *
 * Mutual TLS by default; {@link #withInsecure} switches to plain TCP (the nodes must run with
 * {@code --insecure} too).
 */
public final class ClusterConfig {
  private final ClusterFile file;
  private final boolean insecure;
  private final Duration connectTimeout;
  private final Duration timeout;
  private final Long seed;
  private final WanProfile wan;
  private final Consumer<String> log;

  private ClusterConfig(
      ClusterFile file,
      boolean insecure,
      Duration connectTimeout,
      Duration timeout,
      Long seed,
      WanProfile wan,
      Consumer<String> log) {
    this.file = file;
    this.insecure = insecure;
    this.connectTimeout = connectTimeout;
    this.timeout = timeout;
    this.seed = seed;
    this.wan = wan;
    this.log = log;
  }

  /**
   * Reads and validates a cluster file.
   *
   * @throws IllegalArgumentException naming the file and the problem
   */
  public static ClusterConfig load(Path clusterJson) {
    return new ClusterConfig(ClusterFile.load(clusterJson), false, null, null, null, null, s -> {});
  }

  /** Plain TCP instead of mutual TLS (development only; the nodes must agree). */
  public ClusterConfig withInsecure(boolean b) {
    return new ClusterConfig(file, b, connectTimeout, timeout, seed, wan, log);
  }

  /** How long to keep trying to reach the nodes (default: the file's, 30 s). */
  public ClusterConfig withConnectTimeout(Duration d) {
    return new ClusterConfig(file, insecure, d, timeout, seed, wan, log);
  }

  /** How long any party waits for one message (default: the file's, 60 s). */
  public ClusterConfig withTimeout(Duration d) {
    return new ClusterConfig(file, insecure, connectTimeout, d, seed, wan, log);
  }

  /**
   * A fixed randomness seed (tests only: shares become predictable; the nodes must run with {@code
   * --allow-fixed-seed}). The same seed gives the same results as {@code SimConfig.withSeed(seed)}.
   */
  public ClusterConfig withSeed(long s) {
    return new ClusterConfig(file, insecure, connectTimeout, timeout, s, wan, log);
  }

  /** Network emulation for the session on every node: one-way latency (ms), bandwidth (Mbps). */
  public ClusterConfig withNetwork(double latencyMs, double bandwidthMbps) {
    return new ClusterConfig(
        file,
        insecure,
        connectTimeout,
        timeout,
        seed,
        new WanProfile(latencyMs, bandwidthMbps),
        log);
  }

  /** Where connection notices go (default: nowhere). */
  public ClusterConfig withLog(Consumer<String> l) {
    return new ClusterConfig(file, insecure, connectTimeout, timeout, seed, wan, l);
  }

  public Path path() {
    return file.source();
  }

  public String protocol() {
    return file.protocol();
  }

  public int parties() {
    return file.size();
  }

  public int fieldBits() {
    return file.fieldBits();
  }

  public int fractionBits() {
    return file.fractionBits();
  }

  /** {@code tls} or {@code tcp}. */
  public String transport() {
    return insecure ? "tcp" : "tls";
  }

  /** The compute parties' {@code host:port}, by party. */
  public List<String> addresses() {
    return file.partyAddresses();
  }

  ClusterFile file() {
    return file;
  }

  RemoteCluster.Options driverOptions() {
    byte[] fixed =
        seed == null
            ? null
            : SimConfig.of(protocol(), parties()).withSeed(seed).toRuntime().fixedSeed();
    return new RemoteCluster.Options(insecure, connectTimeout, timeout, fixed, wan, log);
  }

  @Override
  public String toString() {
    return "ClusterConfig["
        + protocol()
        + ", "
        + parties()
        + " parties at "
        + addresses()
        + ", "
        + transport()
        + "]";
  }
}
