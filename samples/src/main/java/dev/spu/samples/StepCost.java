package dev.spu.samples;

import dev.spu.kernels.hal.FixedPoint;
import dev.spu.kernels.runtime.LocalCluster;
import dev.spu.kernels.runtime.RuntimeConfig;
import dev.spu.mpc.link.CommStats;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.Module;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Value;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The cost of one run of a program on a fresh simulated cluster, per op kind: payload bytes summed
 * over the compute parties and the driver (input sharing and reveals included, under their own
 * scopes) and rounds (the maximum advance over parties). Inputs are random fixed-point values in
 * [0.01, 0.1) (positive, so roots and logs stay in their domain; MPC costs do not depend on
 * values).
 */
record StepCost(long bytes, long rounds, double seconds, Map<String, Long> bytesByOp) {

  static StepCost measure(Module m, String protocol, int parties, PrintStream log) {
    Function f = m.main();
    Random r = new Random(7);
    int fb = FixedPoint.DEFAULT_FRACTION_BITS;
    List<long[]> args = new ArrayList<>();
    for (Value a : f.arguments()) {
      TensorType t = a.type();
      long[] x = new long[t.numElements()];
      for (int i = 0; i < x.length; i++) {
        double v = 0.01 + 0.09 * r.nextDouble();
        x[i] =
            t.dtype().isFixedPoint()
                ? FixedPoint.encode(v, fb)
                : (t.dtype().isBoolean() ? r.nextInt(2) : 1);
      }
      args.add(x);
    }
    try (LocalCluster c = new LocalCluster(RuntimeConfig.defaults(protocol, parties))) {
      List<CommStats> before = c.stats();
      CommStats drvBefore = c.driverStats();
      long t0 = System.nanoTime();
      c.evaluate(f, args);
      double secs = (System.nanoTime() - t0) / 1e9;
      List<CommStats> after = c.stats();
      CommStats drvAfter = c.driverStats();
      Map<String, Long> byOp = new TreeMap<>();
      long bytes = 0;
      long rounds = 0;
      for (int p = 0; p < after.size(); p++) {
        bytes += after.get(p).total().bytes() - before.get(p).total().bytes();
        rounds = Math.max(rounds, after.get(p).total().rounds() - before.get(p).total().rounds());
        add(byOp, after.get(p), before.get(p));
      }
      bytes += drvAfter.total().bytes() - drvBefore.total().bytes();
      add(byOp, drvAfter, drvBefore);
      byOp.values().removeIf(v -> v == 0);
      log.printf(
          Locale.ROOT,
          "spu compile: measured %d ops on %s: %.2f MB, %d rounds, %.2f s%n",
          f.body().size(),
          protocol,
          bytes / 1e6,
          rounds,
          secs);
      return new StepCost(bytes, rounds, secs, byOp);
    }
  }

  private static void add(Map<String, Long> byOp, CommStats now, CommStats then) {
    for (Map.Entry<String, CommStats.Counters> e : now.byScope().entrySet()) {
      if (e.getKey().startsWith(CommStats.OFFLINE_PREFIX)) {
        continue;
      }
      long b = e.getValue().bytes() - then.scope(e.getKey()).bytes();
      byOp.merge(e.getKey(), b, Long::sum);
    }
  }

  Map<String, Object> toJson() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("bytes", bytes);
    o.put("rounds", rounds);
    o.put("seconds", seconds);
    o.put("bytes_by_op", new LinkedHashMap<>(bytesByOp));
    return o;
  }

  static void printComparison(StepCost a, StepCost b, PrintStream out) {
    out.println("// cost of one step (traced -> optimized):");
    out.printf(Locale.ROOT, "//   %-22s %14d -> %14d%n", "bytes", a.bytes, b.bytes);
    out.printf(Locale.ROOT, "//   %-22s %14d -> %14d%n", "rounds", a.rounds, b.rounds);
    out.printf(Locale.ROOT, "//   %-22s %14.3f -> %14.3f%n", "seconds", a.seconds, b.seconds);
    TreeSet<String> ops = new TreeSet<>(a.bytesByOp.keySet());
    ops.addAll(b.bytesByOp.keySet());
    for (String op : ops) {
      out.printf(
          Locale.ROOT,
          "//   bytes %-16s %14d -> %14d%n",
          op,
          a.bytesByOp.getOrDefault(op, 0L),
          b.bytesByOp.getOrDefault(op, 0L));
    }
  }
}
