package dev.spu.kernels.runtime.node;

import dev.spu.mpc.link.Endpoints;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test helper: a development cluster in a directory and its nodes running in this JVM. */
final class TestNodes implements AutoCloseable {
  final ClusterFile file;
  final NodeService[] nodes;
  final NodeService dealer;
  final List<String> log = new CopyOnWriteArrayList<>();
  final NodeOptions options;

  /** {@code n} parties, the dealer node only if the protocol uses one; 5 s timeouts. */
  TestNodes(Path dir, String protocol, int n, boolean insecure) throws IOException {
    int[] ports = ClusterFile.freePorts("127.0.0.1", n + 1);
    Path f = ClusterFile.createDevCluster(dir, n, protocol, "127.0.0.1", ports);
    file = ClusterFile.load(f).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
    options =
        NodeOptions.defaults().withInsecure(insecure).withAllowFixedSeed(true).withLog(log::add);
    nodes = new NodeService[n];
    for (int i = 0; i < n; i++) {
      nodes[i] = NodeService.start(file, i, options);
    }
    dealer =
        file.factory().usesDealer() ? NodeService.start(file, Endpoints.dealer(n), options) : null;
  }

  /** Starts party {@code i}'s node again (after a halt). */
  void restart(int i) {
    nodes[i] = NodeService.start(file, i, options);
  }

  RemoteCluster.Options driverOptions(boolean insecure, byte[] seed) {
    return new RemoteCluster.Options(
        insecure, Duration.ofSeconds(5), Duration.ofSeconds(5), seed, null, log::add);
  }

  @Override
  public void close() {
    for (NodeService s : nodes) {
      if (s != null) {
        s.close();
      }
    }
    if (dealer != null) {
      dealer.close();
    }
  }
}
