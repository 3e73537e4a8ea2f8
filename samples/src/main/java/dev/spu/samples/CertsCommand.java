package dev.spu.samples;

import dev.spu.kernels.runtime.node.ClusterFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spu certs}: a development CA, keys and certificates for the parties, the driver and the
 * dealer, and a {@code cluster.json} for nodes on one host with free ports.
 */
@Command(
    name = "certs",
    mixinStandardHelpOptions = true,
    description =
        "Creates a development CA, a key and certificate per party, the driver and the dealer,"
            + " and DIR/cluster.json for nodes on one host (free ports).")
public final class CertsCommand implements Callable<Integer> {
  @Option(names = "--parties", defaultValue = "3", description = "Compute parties (default 3).")
  int parties;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Output directory: created if missing, must be empty if it exists.")
  Path out;

  @Option(
      names = "--protocol",
      defaultValue = "aby3",
      description = "Protocol written to cluster.json (default ${DEFAULT-VALUE}).")
  String protocol;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Host of every node in cluster.json (default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--json", description = "Print one JSON object as the last stdout line.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if (parties < 1) {
      throw new IllegalArgumentException("--parties must be at least 1, got " + parties);
    }
    int[] ports = ClusterFile.freePorts(host, parties + 1);
    Path file = ClusterFile.createDevCluster(out, parties, protocol, host, ports);
    System.err.println(
        "spu certs: wrote a development CA, keys and certificates for "
            + parties
            + " parties, the driver and the dealer, and "
            + file);
    System.err.println("Start the nodes (one terminal each):");
    for (int i = 0; i < parties; i++) {
      System.err.println("  ./spu node --config " + file + " --party " + i);
    }
    System.err.println("  ./spu node --config " + file + " --dealer   # only for semi2k");
    System.err.println("then: ./spu millionaires --cluster " + file);
    System.err.println(
        "Keys are development keys (ca.key signs the others): keep DIR private, never reuse it in"
            + " production.");
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("cluster", file.toString());
      m.put("protocol", protocol);
      m.put("parties", parties);
      java.util.List<String> addrs = new java.util.ArrayList<>();
      for (int i = 0; i < parties; i++) {
        addrs.add(host + ":" + ports[i]);
      }
      m.put("addresses", addrs);
      m.put("dealer", host + ":" + ports[parties]);
      System.out.println(Json.write(m));
    } else {
      System.out.println(file);
    }
    return 0;
  }
}
