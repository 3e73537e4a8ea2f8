package dev.spu.samples;

import dev.spu.nn.train.Model;
import dev.spu.nn.train.PaperModels;
import dev.spu.nn.train.Trainer;
import dev.spu.pphlo.Module;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.Printer;
import dev.spu.pphlo.passes.PassPipeline;
import dev.spu.pphlo.passes.PassStats;
import dev.spu.tensor.Device;
import dev.spu.tensor.SimConfig;
import dev.spu.tensor.Spu;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spu compile}: traces one training step of a model (forward, loss, backward, optimizer
 * update: the program {@code spu train} runs per batch), runs the selected optimizer passes and
 * prints the optimized PPHLO, what each pass did and the op counts before and after. Nothing is
 * executed.
 */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the optimized PPHLO of one training step and per-pass statistics.",
      "Models: lr, A, B, C, D; optimizers: sgd, adam, amsgrad."
    })
public final class CompileCommand implements Callable<Integer> {
  @Mixin PassOptions passOptions;

  @Mixin ProtocolOptions protocolOptions;

  @Option(
      names = "--measure",
      description =
          "Also run the step once as traced and once optimized on a simulated cluster (--protocol,"
              + " --parties) with random inputs, and report bytes and rounds per op kind.")
  boolean measure;

  @Option(
      names = "--measure-optimized-only",
      description = "With --measure: skip the run as traced (for tables over many selections).")
  boolean optimizedOnly;

  @Option(names = "--model", required = true, description = "lr, A, B, C or D.")
  String model;

  @Option(
      names = "--optimizer",
      defaultValue = "sgd",
      description = "sgd, adam or amsgrad. Default: ${DEFAULT-VALUE}.")
  String optimizer;

  @Option(names = "--batch", description = "Batch size (default: lr 64, A-D 128).")
  Integer batch;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the optimized PPHLO to FILE instead of stdout.")
  Path output;

  @Option(names = "--no-ir", description = "Print only the statistics, not the PPHLO.")
  boolean noIr;

  @Option(names = "--json", description = "Print one JSON object as the last stdout line.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    String m = PaperModels.canonical(model);
    PassPipeline passes = passOptions.pipeline();
    int b = batch != null ? batch : PaperModels.defaultBatch(m);
    Module traced;
    long t0 = System.nanoTime();
    // Tracing needs a device (jit functions belong to one); nothing runs on it.
    try (Device d = Spu.simulate(SimConfig.of("ref2k", 1))) {
      d.setPasses(PassPipeline.none());
      Model net = PaperModels.model(m);
      double lr = PaperModels.defaultLearningRate(m, optimizer.toLowerCase(Locale.ROOT));
      Trainer t = new Trainer(d, net, PaperModels.optimizer(optimizer, lr));
      traced = t.program(b, m.equals("lr") ? 1 : 10);
    }
    double traceSeconds = (System.nanoTime() - t0) / 1e9;
    PassPipeline.Result r = passes.run(traced);
    String ir = Printer.print(r.module());
    if (output != null) {
      Files.writeString(output, ir, StandardCharsets.UTF_8);
      System.err.println("spu compile: wrote " + output);
    } else if (!noIr) {
      System.out.print(ir);
    }
    Map<String, Integer> before = opCounts(traced);
    Map<String, Integer> after = opCounts(r.module());
    StepCost costBefore = null;
    StepCost costAfter = null;
    if (measure) {
      SimConfig sim = protocolOptions.simConfig();
      costBefore =
          optimizedOnly
              ? null
              : StepCost.measure(traced, sim.protocol(), sim.parties(), System.err);
      costAfter = StepCost.measure(r.module(), sim.protocol(), sim.parties(), System.err);
    }
    if (json) {
      Map<String, Object> o = toJson(m, b, passes, r, before, after, traceSeconds);
      if (measure) {
        o.put("protocol", protocolOptions.simConfig().protocol());
        if (costBefore != null) {
          o.put("traced_cost", costBefore.toJson());
        }
        o.put("optimized_cost", costAfter.toJson());
      }
      System.out.println(Json.write(o));
    } else {
      System.out.printf(
          Locale.ROOT,
          "%n// one training step of %s (%s, batch %d), passes: %s%n",
          m,
          optimizer,
          b,
          passes);
      for (String line : r.table().split("\n")) {
        System.out.println("// " + line);
      }
      System.out.println("// op counts (traced -> optimized):");
      TreeSet<String> ops = new TreeSet<>(before.keySet());
      ops.addAll(after.keySet());
      for (String op : ops) {
        int x = before.getOrDefault(op, 0);
        int y = after.getOrDefault(op, 0);
        System.out.printf(Locale.ROOT, "//   %-22s %6d -> %6d%s%n", op, x, y, x != y ? "  *" : "");
      }
      if (measure && costBefore != null) {
        StepCost.printComparison(costBefore, costAfter, System.out);
      }
    }
    return 0;
  }

  static Map<String, Integer> opCounts(Module m) {
    Map<String, Integer> c = new TreeMap<>();
    for (Operation op : m.main().body()) {
      c.merge(op.name(), 1, Integer::sum);
    }
    return c;
  }

  private static Map<String, Object> toJson(
      String model,
      int batch,
      PassPipeline passes,
      PassPipeline.Result r,
      Map<String, Integer> before,
      Map<String, Integer> after,
      double traceSeconds) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("model", model);
    o.put("batch", batch);
    o.put("passes", passes.names());
    List<Object> stats = new ArrayList<>();
    for (PassStats s : r.stats()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("pass", s.pass());
      e.put("rewrites", s.rewrites());
      e.put("ops_before", s.opsBefore());
      e.put("ops_after", s.opsAfter());
      e.put("micros", s.micros());
      stats.add(e);
    }
    o.put("stats", stats);
    o.put("ops_traced", before.values().stream().mapToInt(Integer::intValue).sum());
    o.put("ops_optimized", after.values().stream().mapToInt(Integer::intValue).sum());
    o.put("op_counts_traced", before);
    o.put("op_counts_optimized", after);
    o.put("trace_seconds", traceSeconds);
    return o;
  }
}
