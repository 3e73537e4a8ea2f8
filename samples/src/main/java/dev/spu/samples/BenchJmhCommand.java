package dev.spu.samples;

import dev.spu.mpc.RingMatmul;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * Runs the JMH benchmarks in {@code dev.spu.samples.jmh} (ring matmul per kernel; mulAA, msb, a2b,
 * truncation and matmulAA under ABY3 and SEMI2K(3) in simulation) and prints, per benchmark, the
 * median over measurement iterations (plus G multiply-adds/s for the ring matmul). Arguments are
 * JMH's own (an include regex, {@code -p protocol=aby3}, {@code -f}, {@code -wi}, {@code -i},
 * {@code -w}, {@code -r}, {@code -h}, ...); unset ones default to 1 fork, 2 warm-up iterations of 1
 * s and 3 measurement iterations of 2 s.
 */
@Command(
    name = "jmh",
    description =
        "JMH benchmarks: ring matmul (vector/scalar), mulAA, msb, a2b, trunc, matmulAA on aby3 and"
            + " semi2k(3). Extra arguments go to JMH (regex, -p k=v, -f, -wi, -i, -w, -r, -h).")
public final class BenchJmhCommand implements Callable<Integer> {
  /** What runs when no include regex is given. */
  static final String DEFAULT_INCLUDE = "dev\\.spu\\.samples\\.jmh\\..*";

  @Option(names = "--help", usageHelp = true, description = "Show this help (JMH's: -h).")
  boolean help;

  @Unmatched List<String> jmhArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    CommandLineOptions cmd;
    try {
      cmd = new CommandLineOptions(jmhArgs.toArray(new String[0]));
    } catch (CommandLineOptionException e) {
      System.err.println("bench jmh: " + e.getMessage() + " (see ./spu bench jmh -h)");
      return 2;
    }
    if (cmd.shouldHelp()) {
      cmd.showHelp();
      return 0;
    }
    OptionsBuilder b = defaults(cmd);
    Runner runner = new Runner(b.build());
    if (cmd.shouldList()) {
      runner.list();
      return 0;
    }
    System.err.println(
        "bench jmh: Vector API "
            + (RingMatmul.vectorAvailable() ? "available" : "absent (scalar ring kernel only)"));
    Collection<RunResult> results = runner.run();
    summarize(results);
    return 0;
  }

  /** JMH options with our defaults for whatever the command line left unset. */
  static OptionsBuilder defaults(CommandLineOptions cmd) {
    OptionsBuilder b = new OptionsBuilder();
    b.parent(cmd);
    if (cmd.getIncludes().isEmpty()) {
      b.include(DEFAULT_INCLUDE);
    }
    if (!cmd.getForkCount().hasValue()) {
      b.forks(1);
    }
    if (!cmd.getWarmupIterations().hasValue()) {
      b.warmupIterations(2);
    }
    if (!cmd.getWarmupTime().hasValue()) {
      b.warmupTime(TimeValue.seconds(1));
    }
    if (!cmd.getMeasurementIterations().hasValue()) {
      b.measurementIterations(3);
    }
    if (!cmd.getMeasurementTime().hasValue()) {
      b.measurementTime(TimeValue.seconds(2));
    }
    return b;
  }

  private static void summarize(Collection<RunResult> results) {
    System.out.println();
    System.out.println(
        "Medians over measurement iterations (wall ms/op; CPU ms/op of the benchmark thread and of"
            + " the whole JVM):");
    for (RunResult r : results) {
      List<Double> wall = new ArrayList<>();
      List<Double> threadCpu = new ArrayList<>();
      List<Double> processCpu = new ArrayList<>();
      for (BenchmarkResult br : r.getBenchmarkResults()) {
        for (IterationResult ir : br.getIterationResults()) {
          wall.add(ir.getPrimaryResult().getScore());
          Map<String, Result> aux = ir.getSecondaryResults();
          double calls = score(aux, "calls");
          if (calls > 0) {
            threadCpu.add(score(aux, "threadCpuNanos") / calls / 1e6);
            processCpu.add(score(aux, "processCpuNanos") / calls / 1e6);
          }
        }
      }
      if (wall.isEmpty()) {
        continue;
      }
      double median = median(wall);
      String unit = r.getPrimaryResult().getScoreUnit();
      String name = r.getParams().getBenchmark().replaceFirst("^dev\\.spu\\.samples\\.jmh\\.", "");
      StringBuilder params = new StringBuilder();
      for (String key : r.getParams().getParamsKeys()) {
        params.append(params.length() == 0 ? "" : " ").append(key).append('=');
        params.append(r.getParams().getParam(key));
      }
      StringBuilder extra = new StringBuilder();
      if (!threadCpu.isEmpty()) {
        extra.append(
            String.format("  cpu: thread %.3f, jvm %.3f", median(threadCpu), median(processCpu)));
      }
      if (name.startsWith("RingMatmulBench") && unit.equals("ms/op")) {
        Map<String, Long> d = dims(r);
        double macs = (double) d.get("m") * d.get("k") * d.get("n");
        extra.append(String.format("  G multiply-adds/s: %.2f wall", macs / (median * 1e6)));
        if (!threadCpu.isEmpty()) {
          extra.append(String.format(", %.2f per core", macs / (median(threadCpu) * 1e6)));
        }
      }
      System.out.printf("  %-24s %-50s %10.3f %s%s%n", name, params, median, unit, extra);
    }
  }

  private static double score(Map<String, Result> aux, String key) {
    Result x = aux.get(key);
    return x == null ? 0 : x.getScore();
  }

  private static Map<String, Long> dims(RunResult r) {
    return Map.of(
        "m", Long.parseLong(r.getParams().getParam("m")),
        "k", Long.parseLong(r.getParams().getParam("k")),
        "n", Long.parseLong(r.getParams().getParam("n")));
  }

  static double median(List<Double> xs) {
    double[] v = xs.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    int h = v.length / 2;
    return v.length % 2 == 1 ? v[h] : (v[h - 1] + v[h]) / 2;
  }
}
