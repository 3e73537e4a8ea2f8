package dev.spu.samples.cluster;

import dev.spu.kernels.runtime.node.ClusterFile;
import dev.spu.kernels.runtime.node.NodeOptions;
import dev.spu.kernels.runtime.node.NodeService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test helper: a development cluster (5 s timeouts) and its party nodes in this JVM. */
final class LocalNodes implements AutoCloseable {
  final Path file;
  final ClusterFile cluster;
  final NodeService[] nodes;
  final List<String> log = new CopyOnWriteArrayList<>();

  LocalNodes(Path dir, String protocol, boolean insecure) throws IOException {
    file = devCluster(dir, protocol);
    cluster = ClusterFile.load(file);
    NodeOptions o =
        NodeOptions.defaults().withInsecure(insecure).withAllowFixedSeed(true).withLog(log::add);
    nodes = new NodeService[cluster.size()];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = NodeService.start(cluster, i, o);
    }
  }

  /** {@code ./spu certs} output with 5 s connect and receive timeouts (the tests' budget). */
  static Path devCluster(Path dir, String protocol) throws IOException {
    int n = protocol.equals("semi2k") ? 2 : 3;
    Path f =
        ClusterFile.createDevCluster(
            dir, n, protocol, "127.0.0.1", ClusterFile.freePorts("127.0.0.1", n + 1));
    String json = Files.readString(f, StandardCharsets.UTF_8);
    json =
        json.replace(
            "\"fraction_bits\": 18,",
            "\"fraction_bits\": 18,\n  \"connect_timeout_ms\": 5000,\n  \"receive_timeout_ms\": 5000,");
    Files.writeString(f, json, StandardCharsets.UTF_8);
    return f;
  }

  @Override
  public void close() {
    for (NodeService s : nodes) {
      s.close();
    }
  }
}
