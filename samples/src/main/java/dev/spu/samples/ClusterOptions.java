package dev.spu.samples;

import dev.spu.tensor.ClusterConfig;
import dev.spu.tensor.Device;
import dev.spu.tensor.SimConfig;
import dev.spu.tensor.Spu;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where a command runs: simulated in this JVM (the default) or on the nodes of a cluster ({@code
 * --cluster cluster.json}), and the network emulation for either.
 */
public final class ClusterOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--cluster",
      paramLabel = "FILE",
      description =
          "Run on the nodes of this cluster file (see `spu certs`, `spu node`) instead of"
              + " simulating; protocol, field and fraction bits come from the file.")
  Path cluster;

  @Option(
      names = "--insecure",
      description = "With --cluster: plain TCP instead of mutual TLS (development only).")
  boolean insecure;

  @Option(
      names = "--latency-ms",
      paramLabel = "MS",
      description =
          "Emulated one-way network latency in ms (LAN 0.05, WAN 20), in simulation and on nodes.")
  Double latencyMs;

  @Option(
      names = "--bandwidth-mbps",
      paramLabel = "MBPS",
      description = "Emulated bandwidth per party in Mbps (LAN 10000, WAN 300).")
  Double bandwidthMbps;

  /** True if the command runs on a cluster. */
  public boolean onCluster() {
    return cluster != null;
  }

  private boolean given(String option) {
    return mixee != null
        && mixee.commandLine() != null
        && mixee.commandLine().getParseResult() != null
        && mixee.commandLine().getParseResult().hasMatchedOption(option);
  }

  /** The cluster configuration (call only with --cluster); checks conflicting options. */
  public ClusterConfig clusterConfig(ProtocolOptions p) {
    ClusterConfig c = ClusterConfig.load(cluster);
    if (given("--protocol") && !p.protocol.equalsIgnoreCase(c.protocol())) {
      throw new IllegalArgumentException(
          "--protocol "
              + p.protocol
              + " conflicts with the cluster file "
              + cluster
              + ", which says "
              + c.protocol()
              + ": with --cluster the protocol comes from the file (drop --protocol)");
    }
    if (p.parties != null && p.parties != c.parties()) {
      throw new IllegalArgumentException(
          "--parties "
              + p.parties
              + " conflicts with the cluster file "
              + cluster
              + ", which lists "
              + c.parties()
              + " parties");
    }
    if (insecure) {
      System.err.println(
          "WARNING: --insecure: plain TCP without encryption or authentication; anyone on the"
              + " network can read the shares. For development only.");
    }
    c = c.withInsecure(insecure).withLog(s -> System.err.println("spu: " + s));
    if (latencyMs != null || bandwidthMbps != null) {
      c =
          c.withNetwork(
              latencyMs == null ? 0 : latencyMs,
              bandwidthMbps == null ? Double.POSITIVE_INFINITY : bandwidthMbps);
    }
    return c;
  }

  /** The simulation config with the network emulation applied. */
  public SimConfig simConfig(ProtocolOptions p) {
    if (insecure) {
      throw new IllegalArgumentException("--insecure applies only with --cluster");
    }
    SimConfig s = p.simConfig();
    if (latencyMs != null || bandwidthMbps != null) {
      s =
          s.withNetwork(
              latencyMs == null ? 0 : latencyMs,
              bandwidthMbps == null ? Double.POSITIVE_INFINITY : bandwidthMbps);
    }
    return s;
  }

  /** The device: on the cluster if --cluster was given, else simulated. */
  public Device open(ProtocolOptions p) {
    return onCluster() ? Spu.connect(clusterConfig(p)) : Spu.simulate(simConfig(p));
  }
}
