package dev.spu.samples;

import dev.spu.mpc.Cost;
import dev.spu.mpc.Protocol;
import dev.spu.mpc.RingMatmul;
import dev.spu.mpc.Share;
import dev.spu.mpc.testing.Session;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs each MPC primitive alone on secret inputs (input sharing is not part of its figure) and
 * prints, per primitive, its size, the payload bytes per party and rounds measured by the links,
 * the protocol's theoretical cost, and the median wall time over repetitions.
 */
@Command(
    name = "ops",
    mixinStandardHelpOptions = true,
    description = "Per-primitive bytes per party, rounds and median ms, measured vs theory.")
public final class BenchOpsCommand implements Callable<Integer> {
  @Mixin ProtocolOptions protocolOptions;

  @Option(
      names = "--n",
      defaultValue = "262144",
      description = "Elements per elementwise primitive. Default: ${DEFAULT-VALUE}.")
  int n;

  @Option(
      names = "--matmul",
      split = ",",
      defaultValue = "128,784,128",
      description = "m,k,n of the (m×k)·(k×n) ring matmul. Default: ${DEFAULT-VALUE}.")
  int[] mkn;

  @Option(
      names = "--reps",
      defaultValue = "5",
      description = "Timed repetitions after one warm-up. Default: ${DEFAULT-VALUE}.")
  int reps;

  @Option(names = "--json", description = "Print one JSON array as the last stdout line.")
  boolean json;

  private record Row(
      String op,
      Map<String, Object> size,
      long bytesPerParty,
      long rounds,
      Cost theory,
      double medianMs) {}

  @FunctionalInterface
  private interface Primitive {
    Share apply(Protocol p, List<Share> in);
  }

  @Override
  public Integer call() throws InterruptedException {
    if (n < 1 || reps < 1 || mkn.length != 3) {
      throw new IllegalArgumentException(
          "bench ops: need --n >= 1, --reps >= 1 and --matmul m,k,n");
    }
    // Steady state: let the ring matmul's vector kernel get compiled before anything is timed.
    if ((long) mkn[0] * mkn[1] * mkn[2] >= 1L << 22) {
      RingMatmul.awaitVectorWarm(java.time.Duration.ofSeconds(20));
    }
    var cfg = protocolOptions.simConfig();
    List<Row> rows = new ArrayList<>();
    SecureRandom rnd = new SecureRandom();
    try (Session s = Session.start(cfg.protocol(), cfg.parties())) {
      System.err.println(
          "bench ops: " + cfg.protocol() + ", " + cfg.parties() + " parties, n = " + n);
      List<Share> x = s.input(random(rnd, n, 64));
      List<Share> y = s.input(random(rnd, n, 64));
      // Truncation inputs: fixed-point products well inside the encodable range.
      List<Share> t = s.input(random(rnd, n, 50));
      List<Share> bx = s.run("a2b", p -> p.a2b(x.get(p.self()))).results();
      List<Share> by = s.run("a2b", p -> p.a2b(y.get(p.self()))).results();
      int m = mkn[0], k = mkn[1], nn = mkn[2];
      List<Share> ma = s.input(random(rnd, m * k, 64));
      List<Share> mb = s.input(random(rnd, k * nn, 64));
      Map<String, Object> size = Map.of("n", n);
      rows.add(
          measure(
              s,
              "mul",
              size,
              cfg.parties(),
              (p, in) -> p.mulAA(x.get(p.self()), y.get(p.self())),
              s.theory("mul", n)));
      rows.add(
          measure(
              s,
              "matmul",
              Map.of("m", m, "k", k, "n", nn),
              cfg.parties(),
              (p, in) -> p.matmulAA(ma.get(p.self()), mb.get(p.self()), m, k, nn),
              s.theory("matmul", m, k, nn)));
      rows.add(
          measure(
              s,
              "trunc",
              size,
              cfg.parties(),
              (p, in) -> p.truncA(t.get(p.self()), 18),
              s.theory("trunc", n)));
      rows.add(
          measure(
              s,
              "msb",
              size,
              cfg.parties(),
              (p, in) -> p.msbA(x.get(p.self())),
              s.theory("msb", n)));
      rows.add(
          measure(
              s,
              "a2b",
              size,
              cfg.parties(),
              (p, in) -> p.a2b(x.get(p.self())),
              s.theory("a2b", n)));
      rows.add(
          measure(
              s,
              "b2a",
              size,
              cfg.parties(),
              (p, in) -> p.b2a(bx.get(p.self())),
              s.theory("b2a", n)));
      rows.add(
          measure(
              s,
              "and",
              size,
              cfg.parties(),
              (p, in) -> p.andBB(bx.get(p.self()), by.get(p.self())),
              s.theory("and", n)));
    }
    print(rows);
    return 0;
  }

  private Row measure(
      Session s, String op, Map<String, Object> size, int parties, Primitive prim, Cost theory) {
    double[] ms = new double[reps];
    long bytes = 0;
    long rounds = 0;
    for (int r = -1; r < reps; r++) {
      long t0 = System.nanoTime();
      Session.Run<Share> run = s.run(op, p -> prim.apply(p, null));
      long t1 = System.nanoTime();
      if (r >= 0) {
        ms[r] = (t1 - t0) / 1e6;
      }
      bytes = run.bytesPerParty();
      rounds = run.rounds();
    }
    Arrays.sort(ms);
    double median = reps % 2 == 1 ? ms[reps / 2] : (ms[reps / 2 - 1] + ms[reps / 2]) / 2;
    System.err.printf("  %-7s done (%.1f ms median)%n", op, median);
    return new Row(op, size, bytes, rounds, theory, median);
  }

  private static long[] random(SecureRandom rnd, int count, int bits) {
    long[] v = new long[count];
    for (int i = 0; i < count; i++) {
      v[i] = bits == 64 ? rnd.nextLong() : rnd.nextLong() >> (64 - bits);
    }
    return v;
  }

  private void print(List<Row> rows) {
    if (json) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (Row r : rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("op", r.op());
        m.putAll(new java.util.TreeMap<>(r.size()));
        m.put("bytes_per_party", r.bytesPerParty());
        m.put("rounds", r.rounds());
        m.put("theory_bytes_per_party", r.theory().bytesPerParty());
        m.put("theory_rounds", r.theory().rounds());
        m.put("median_ms", Math.round(r.medianMs() * 1000) / 1000.0);
        out.add(m);
      }
      System.out.println(Json.write(out));
      return;
    }
    System.out.printf(
        "%-7s %-16s %16s %7s %16s %7s %10s%n",
        "op", "size", "bytes/party", "rounds", "theory bytes", "theory", "median ms");
    for (Row r : rows) {
      System.out.printf(
          "%-7s %-16s %16d %7d %16d %7d %10.2f%n",
          r.op(),
          sizeText(r.size()),
          r.bytesPerParty(),
          r.rounds(),
          r.theory().bytesPerParty(),
          r.theory().rounds(),
          r.medianMs());
    }
  }

  private static String sizeText(Map<String, Object> size) {
    return size.containsKey("m")
        ? size.get("m") + "x" + size.get("k") + "x" + size.get("n")
        : "n=" + size.get("n");
  }
}
