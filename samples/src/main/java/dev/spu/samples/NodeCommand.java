package dev.spu.samples;

import dev.spu.kernels.runtime.node.ClusterFile;
import dev.spu.kernels.runtime.node.NodeOptions;
import dev.spu.kernels.runtime.node.NodeService;
import dev.spu.mpc.link.Endpoints;
import dev.spu.mpc.link.WanProfile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spu node}: runs one compute party (or the dealer) of a cluster until stopped; drivers
 * ({@code --cluster} commands, {@code Spu.connect}) open sessions on it.
 */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description =
        "Runs a long-lived node (one compute party, or the dealer) of a cluster file; stop it with"
            + " Ctrl-C.")
public final class NodeCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "The cluster file (see `spu certs`).")
  Path config;

  static final class Role {
    @Option(names = "--party", paramLabel = "N", description = "Run compute party N (0-based).")
    Integer party;

    @Option(names = "--dealer", description = "Run the dealer (SEMI2K's offline randomness).")
    boolean dealer;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Role role;

  @Option(
      names = "--insecure",
      description = "Plain TCP instead of mutual TLS (development only; drivers must agree).")
  boolean insecure;

  @Option(names = "--latency-ms", paramLabel = "MS", description = "Emulated one-way latency.")
  Double latencyMs;

  @Option(names = "--bandwidth-mbps", paramLabel = "MBPS", description = "Emulated bandwidth.")
  Double bandwidthMbps;

  @Option(
      names = "--allow-fixed-seed",
      description =
          "Accept a driver's fixed randomness seed (reproducible tests only: it makes shares"
              + " predictable).")
  boolean allowFixedSeed;

  @Override
  public Integer call() throws InterruptedException {
    ClusterFile file = ClusterFile.load(config);
    int n = file.size();
    int endpoint;
    if (role.dealer) {
      endpoint = Endpoints.dealer(n);
    } else {
      if (role.party < 0 || role.party >= n) {
        throw new IllegalArgumentException(
            "--party " + role.party + ": the cluster file lists parties 0.." + (n - 1));
      }
      endpoint = role.party;
    }
    if (insecure) {
      System.err.println(
          "WARNING: --insecure: plain TCP without encryption or authentication; anyone on the"
              + " network can read the shares. For development only.");
    }
    NodeOptions opts =
        NodeOptions.defaults()
            .withInsecure(insecure)
            .withWan(WanProfile.of(latencyMs, bandwidthMbps))
            .withAllowFixedSeed(allowFixedSeed);
    NodeService node = NodeService.start(file, endpoint, opts);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stopped.countDown();
                },
                "spu-node-shutdown"));
    ClusterFile.Node me = file.node(endpoint);
    System.err.println(
        "spu node: "
            + node.name()
            + " listening on "
            + me.host()
            + ":"
            + node.port()
            + " ("
            + node.transportName()
            + ", "
            + file.protocol()
            + ", "
            + n
            + " parties"
            + (opts.wan().isNone() ? "" : ", emulating " + opts.wan())
            + ")");
    stopped.await();
    return 0;
  }
}
