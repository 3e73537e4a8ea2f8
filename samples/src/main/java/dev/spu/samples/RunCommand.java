package dev.spu.samples;

import dev.spu.pphlo.Module;
import dev.spu.pphlo.importer.ImportException;
import dev.spu.pphlo.importer.ImportResult;
import dev.spu.tensor.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spu run FILE}: imports StableHLO or HLO text and runs it privately. The data comes from
 * {@code .npy} files ({@code --inputs}), random values ({@code --random}) or, for a self-checking
 * program, its {@code @inputs()} ({@code --check}); one data owner ({@code alice}) inputs every
 * secret argument, the program goes through the optimizer passes and the protocol's kernels, and
 * the results are revealed. With {@code --check} every check must hold within |got − expected| ≤
 * 1e-3 + 1e-3·|expected| (exact for integers and booleans); the exit code is 1 otherwise.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Imports StableHLO (.mlir) or XLA HLO (.hlo) text and runs it on secret inputs.",
      "Data: --inputs a.npy,b.npy, --random, or --check for self-checking programs."
    })
public final class RunCommand implements Callable<Integer> {
  static final String OWNER = "alice";
  static final int MAX_JSON_VALUES = 4096;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "StableHLO (.mlir) or HLO (.hlo) text.")
  Path file;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Data data;

  static final class Data {
    @Option(
        names = "--inputs",
        split = ",",
        paramLabel = "a.npy,b.npy",
        description = "One .npy file per argument of the entry function, in order.")
    List<Path> inputs;

    @Option(
        names = "--random",
        description = "Random arguments: floats in [-1, 1], integers in [-8, 8], booleans.")
    boolean random;

    @Option(
        names = "--check",
        description =
            "Self-checking program: the values of @inputs() are alice's secret inputs; the"
                + " check.* calls must hold.")
    boolean check;
  }

  @Option(
      names = "--vis",
      paramLabel = "s,p,...",
      description = "Visibility of each argument: s (secret, the default) or p (public).")
  String vis;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed of --random. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Mixin ProtocolOptions protocolOptions;

  @Mixin ClusterOptions clusterOptions;

  @Mixin PassOptions passOptions;

  @Option(names = "--json", description = "Print one JSON object as the last stdout line.")
  boolean json;

  @Override
  public Integer call() {
    ImportResult imp;
    List<ProgramRunner.ArgData> args;
    try {
      imp = ImportCommand.importFile(file, vis, data.check);
      args = arguments(imp);
    } catch (ImportException | IOException | IllegalArgumentException e) {
      System.err.println("spu run: " + file + ": " + e.getMessage());
      return 2;
    }
    ProgramRunner.Outcome o;
    String protocol;
    int parties;
    try (Device device = clusterOptions.open(protocolOptions)) {
      protocol = device.protocol();
      parties = device.parties();
      o = ProgramRunner.run(device, imp, passOptions.pipeline(), args, OWNER);
    }
    if (json) {
      System.out.println(Json.write(toJson(o, protocol, parties)));
    } else {
      print(o, protocol, parties);
    }
    return o.ok() ? 0 : 1;
  }

  private List<ProgramRunner.ArgData> arguments(ImportResult imp) throws IOException {
    Module m = imp.module();
    if (data.check) {
      return ProgramRunner.checkInputs(imp);
    }
    if (data.random) {
      return ProgramRunner.randomInputs(m, seed);
    }
    List<ProgramRunner.ArgData> out = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (Path p : data.inputs) {
      NpyFile.Array a = NpyFile.read(p);
      out.add(new ProgramRunner.ArgData(a.shape(), a.doubles(), a.longs()));
      sources.add(p.toString());
    }
    ProgramRunner.checkArguments(m, out, sources);
    return out;
  }

  private Map<String, Object> toJson(ProgramRunner.Outcome o, String protocol, int parties) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", file.toString());
    m.put("protocol", protocol);
    m.put("parties", parties);
    m.put("passes", passOptions.describe());
    m.put("ok", o.ok());
    m.put("max_abs_err", o.maxAbsErr());
    List<Object> checks = new ArrayList<>();
    for (ProgramRunner.CheckResult c : o.checks()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("kind", c.kind());
      e.put("line", c.line());
      e.put("ok", c.ok());
      e.put("max_abs_err", c.maxAbsErr());
      e.put("elements", c.elements());
      e.put("failures", c.failures());
      checks.add(e);
    }
    m.put("checks", checks);
    List<Object> outs = new ArrayList<>();
    for (ProgramRunner.Output out : o.outputs()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("type", out.type().toString());
      e.put("shape", out.type().shape().dims());
      double[] v = out.values();
      e.put("values", v.length > MAX_JSON_VALUES ? Arrays.copyOf(v, MAX_JSON_VALUES) : v);
      if (v.length > MAX_JSON_VALUES) {
        e.put("truncated", true);
      }
      outs.add(e);
    }
    m.put("outputs", outs);
    m.put("ops", o.ops());
    m.put("ops_optimized", o.optimizedOps());
    m.put("bytes", o.comm().bytes());
    m.put("bytes_per_party", o.comm().bytesPerParty());
    m.put("rounds", o.comm().rounds());
    m.put("seconds", o.seconds());
    return m;
  }

  private void print(ProgramRunner.Outcome o, String protocol, int parties) {
    System.out.println(
        file
            + ": "
            + protocol
            + " ("
            + parties
            + " parties), passes "
            + passOptions.describe()
            + ", "
            + o.ops()
            + " ops ("
            + o.optimizedOps()
            + " after passes)");
    for (int i = 0; i < o.outputs().size(); i++) {
      ProgramRunner.Output out = o.outputs().get(i);
      double[] v = out.values();
      String shown = Arrays.toString(v.length > 16 ? Arrays.copyOf(v, 16) : v);
      System.out.println(
          "result " + i + ": " + out.type() + " = " + shown + (v.length > 16 ? " ..." : ""));
    }
    for (ProgramRunner.CheckResult c : o.checks()) {
      System.out.println(
          String.format(
              Locale.ROOT,
              "%s (line %d): %s, max |got - expected| = %.3g over %d elements%s",
              c.kind(),
              c.line(),
              c.ok() ? "ok" : "FAILED",
              c.maxAbsErr(),
              c.elements(),
              c.ok() ? "" : " (" + c.failures() + " outside tolerance)"));
    }
    System.out.println(
        "communication: "
            + o.comm().bytes()
            + " bytes, "
            + o.comm().rounds()
            + " rounds; "
            + String.format(Locale.ROOT, "%.3f s", o.seconds()));
  }
}
