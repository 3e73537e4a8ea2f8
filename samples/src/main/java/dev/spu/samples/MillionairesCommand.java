package dev.spu.samples;

import dev.spu.pphlo.DType;
import dev.spu.tensor.ClusterConfig;
import dev.spu.tensor.ClusterStats;
import dev.spu.tensor.CommTotals;
import dev.spu.tensor.Device;
import dev.spu.tensor.JitFunction;
import dev.spu.tensor.SecretTensor;
import dev.spu.tensor.Spu;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Yao's millionaires on vectors (the paper's Figure 3): Alice and Bob secret-share their wealth,
 * the device computes {@code select(greater(a, b), a, b)} and who is richer, and only the results
 * are revealed.
 */
@Command(
    name = "millionaires",
    mixinStandardHelpOptions = true,
    description =
        "Alice and Bob learn the elementwise maximum of their secret vectors and who is richer.")
public final class MillionairesCommand implements Callable<Integer> {
  @Mixin ProtocolOptions protocolOptions;

  @Mixin ClusterOptions clusterOptions;

  @Option(
      names = "--alice",
      split = ",",
      defaultValue = "3,7,1,9",
      description = "Alice's wealth (integers).")
  long[] alice;

  @Option(
      names = "--bob",
      split = ",",
      defaultValue = "5,2,8,9",
      description = "Bob's wealth (integers).")
  long[] bob;

  @Option(names = "--json", description = "Print one JSON object as the last stdout line.")
  boolean json;

  /** What the run produced, for the CLI and for the demo. */
  public record Outcome(
      String protocol,
      int parties,
      String securityModel,
      long[] max,
      List<String> richer,
      String pphlo,
      CommTotals comm) {}

  @Override
  public Integer call() {
    if (alice.length != bob.length) {
      throw new IllegalArgumentException(
          "--alice has "
              + alice.length
              + " values and --bob "
              + bob.length
              + ": give vectors of one length");
    }
    Outcome o;
    ClusterStats wire = null;
    ClusterConfig cluster =
        clusterOptions.onCluster() ? clusterOptions.clusterConfig(protocolOptions) : null;
    long start = System.nanoTime();
    try (Device device =
        cluster != null
            ? Spu.connect(cluster)
            : Spu.simulate(clusterOptions.simConfig(protocolOptions))) {
      ClusterStats before = ClusterStats.of(device).orElse(null);
      o = run(device, alice, bob);
      if (before != null) {
        wire = ClusterStats.of(device).orElseThrow().minus(before);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("protocol", o.protocol());
      m.put("parties", o.parties());
      m.put("security_model", o.securityModel());
      m.put("result", o.max());
      m.put("richer", o.richer());
      m.put("pphlo", o.pphlo());
      m.put("bytes", o.comm().bytes());
      m.put("bytes_per_party", o.comm().bytesPerParty());
      m.put("rounds", o.comm().rounds());
      m.put("seconds", seconds);
      if (cluster != null) {
        m.put("transport", cluster.transport());
        m.put("addresses", cluster.addresses());
        // Bytes on the sockets (all endpoints): payload + frame headers + commands + TLS records.
        m.put("wire_bytes", wire.wireBytes());
        m.put("framing_bytes", wire.framingBytes());
        m.put("control_bytes", wire.controlBytes());
      }
      System.out.println(Json.write(m));
    } else {
      print(o);
      if (cluster != null) {
        System.out.println(
            "cluster: "
                + cluster.transport()
                + " "
                + cluster.addresses()
                + ", "
                + wire.wireBytes()
                + " bytes on the wire");
      }
    }
    return 0;
  }

  static void print(Outcome o) {
    System.out.println("protocol: " + o.protocol() + " (" + o.parties() + " parties)");
    System.out.println("security model: " + o.securityModel());
    System.out.println("maximum:  " + java.util.Arrays.toString(o.max()));
    System.out.println("richer:   " + o.richer());
    System.out.println(
        "communication: " + o.comm().bytes() + " bytes in total, " + o.comm().rounds() + " rounds");
    System.out.println("PPHLO program:");
    System.out.println(o.pphlo());
  }

  static Outcome run(ProtocolOptions options, long[] alice, long[] bob) {
    try (Device device = Spu.simulate(options.simConfig())) {
      return run(device, alice, bob);
    }
  }

  /** The job on any device (simulated or a cluster): the same user code. */
  static Outcome run(Device device, long[] alice, long[] bob) {
    int n = alice.length;
    {
      device.resetStats(); // count the job (inputs, program, reveals), not the session set-up
      SecretTensor a = device.input("alice", alice, DType.I32, n);
      SecretTensor b = device.input("bob", bob, DType.I32, n);
      JitFunction<List<SecretTensor>> millionaires =
          device.jit(
              (x, y) -> {
                SecretTensor aliceRicher = x.greater(y);
                return List.of(SecretTensor.where(aliceRicher, x, y), aliceRicher, y.greater(x));
              });
      List<SecretTensor> out = millionaires.call(a, b);
      long[] max = out.get(0).reveal().toLongVector();
      long[] aliceRicher = out.get(1).reveal().toLongVector();
      long[] bobRicher = out.get(2).reveal().toLongVector();
      List<String> richer = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        richer.add(aliceRicher[i] != 0 ? "alice" : bobRicher[i] != 0 ? "bob" : "tie");
      }
      return new Outcome(
          device.protocol(),
          device.parties(),
          device.securityModel(),
          max,
          richer,
          millionaires.text(a, b),
          device.stats());
    }
  }
}
