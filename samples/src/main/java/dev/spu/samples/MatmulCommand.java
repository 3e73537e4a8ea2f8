package dev.spu.samples;

import dev.spu.tensor.ClusterConfig;
import dev.spu.tensor.ClusterStats;
import dev.spu.tensor.CommTotals;
import dev.spu.tensor.Device;
import dev.spu.tensor.JitFunction;
import dev.spu.tensor.SecretTensor;
import dev.spu.tensor.Spu;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A secret fixed-point matrix product of two owners' matrices (alice's m×k, bob's k×n), timed in
 * simulation or on a cluster: the transport's cost beside the protocol's.
 */
@Command(
    name = "matmul",
    mixinStandardHelpOptions = true,
    description =
        "Times a secret m×k · k×n fixed-point matrix product (inputs from alice and bob), in"
            + " simulation or on a cluster.")
public final class MatmulCommand implements Callable<Integer> {
  @Mixin ProtocolOptions protocolOptions;

  @Mixin ClusterOptions clusterOptions;

  @Option(names = "--m", defaultValue = "128", description = "Rows of alice's matrix.")
  int m;

  @Option(names = "--k", defaultValue = "784", description = "Inner dimension.")
  int k;

  @Option(names = "--n", defaultValue = "128", description = "Columns of bob's matrix.")
  int n;

  @Option(names = "--reps", defaultValue = "5", description = "Timed repetitions (median).")
  int reps;

  @Option(names = "--json", description = "Print one JSON object as the last stdout line.")
  boolean json;

  @Override
  public Integer call() {
    if (m < 1 || k < 1 || n < 1 || reps < 1) {
      throw new IllegalArgumentException("--m, --k, --n and --reps must be positive");
    }
    ClusterConfig cluster =
        clusterOptions.onCluster() ? clusterOptions.clusterConfig(protocolOptions) : null;
    double[] a = new Random(1).doubles((long) m * k, -1, 1).toArray();
    double[] b = new Random(2).doubles((long) k * n, -1, 1).toArray();
    long t0 = System.nanoTime();
    try (Device d =
        cluster != null
            ? Spu.connect(cluster)
            : Spu.simulate(clusterOptions.simConfig(protocolOptions))) {
      double connect = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      SecretTensor x = d.input("alice", a, m, k);
      SecretTensor y = d.input("bob", b, k, n);
      double inputs = (System.nanoTime() - t1) / 1e9;
      JitFunction<SecretTensor> mm = d.jit((u, v) -> u.matmul(v));
      mm.call(x, y); // warm-up: tracing, first run
      ClusterStats w0 = ClusterStats.of(d).orElse(null);
      d.resetStats();
      double[] secs = new double[reps];
      SecretTensor z = null;
      for (int r = 0; r < reps; r++) {
        long s = System.nanoTime();
        z = mm.call(x, y);
        secs[r] = (System.nanoTime() - s) / 1e9;
      }
      CommTotals c = d.stats();
      ClusterStats wire = w0 == null ? null : ClusterStats.of(d).orElseThrow().minus(w0);
      double check = z.revealDoubles()[0];
      double expect = 0;
      for (int i = 0; i < k; i++) {
        expect += a[i] * b[i * n]; // z[0][0]
      }
      Arrays.sort(secs);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("device", d.description());
      out.put("protocol", d.protocol());
      out.put("shape", m + "x" + k + "x" + n);
      out.put("seconds", secs[reps / 2]);
      out.put("connect_seconds", connect);
      out.put("input_seconds", inputs);
      out.put("bytes", c.bytes() / reps);
      out.put("bytes_per_party", c.bytesPerParty() / reps);
      out.put("rounds", c.rounds() / reps);
      if (wire != null) {
        out.put("transport", cluster.transport());
        out.put("addresses", cluster.addresses());
        out.put("wire_bytes", wire.wireBytes() / reps);
        out.put("framing_bytes", wire.framingBytes() / reps);
        out.put("control_bytes", wire.controlBytes() / reps);
      }
      out.put("abs_error_z00", Math.abs(check - expect));
      if (json) {
        System.out.println(Json.write(out));
      } else {
        out.forEach((key, v) -> System.out.println(key + ": " + v));
      }
    }
    return 0;
  }
}
