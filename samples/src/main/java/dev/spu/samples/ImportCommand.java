package dev.spu.samples;

import dev.spu.pphlo.Module;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.Printer;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.importer.ImportException;
import dev.spu.pphlo.importer.ImportOptions;
import dev.spu.pphlo.importer.ImportResult;
import dev.spu.pphlo.importer.Importer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spu import FILE}: reads StableHLO ({@code .mlir}) or XLA HLO ({@code .hlo}) text, lowers
 * it to PPHLO with the given argument visibilities and prints a summary, or with {@code --print}
 * the PPHLO program itself. Nothing runs.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Imports StableHLO (.mlir) or XLA HLO (.hlo) text into PPHLO.",
      "Arguments are secret unless --vis says otherwise; calls are inlined and loops unrolled."
    })
public final class ImportCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "StableHLO (.mlir) or HLO (.hlo) text.")
  Path file;

  @Option(
      names = "--vis",
      paramLabel = "s,p,...",
      description = "Visibility of each argument of the entry function: s (secret) or p (public).")
  String vis;

  @Option(
      names = "--check",
      description =
          "Self-checking program: the values of @inputs() become secret arguments (as run --check).")
  boolean check;

  @Option(names = "--print", description = "Print the PPHLO program.")
  boolean print;

  @Option(names = "--json", description = "Print one JSON summary object as the last stdout line.")
  boolean json;

  @Override
  public Integer call() {
    ImportResult r;
    try {
      r = importFile(file, vis, check);
    } catch (ImportException | IOException | IllegalArgumentException e) {
      System.err.println("spu import: " + file + ": " + e.getMessage());
      return 2;
    }
    if (print) {
      System.out.print(Printer.print(r.module()));
    }
    Map<String, Object> summary = summary(file, r);
    if (json) {
      System.out.println(Json.write(summary));
    } else if (!print) {
      printSummary(summary);
    }
    return 0;
  }

  static ImportResult importFile(Path file, String vis, boolean check) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no such file");
    }
    ImportOptions o =
        ImportOptions.defaults()
            .withVisibilities(ImportOptions.parseVisibilities(vis))
            .withInputsAsSecretArguments(check);
    return Importer.file(file, o);
  }

  static String format(Path file) throws IOException {
    return Importer.looksLikeHlo(Files.readString(file)) ? "hlo" : "stablehlo";
  }

  static Map<String, Object> summary(Path file, ImportResult r) {
    Module m = r.module();
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("file", file.toString());
    try {
      o.put("format", format(file));
    } catch (IOException e) {
      o.put("format", "unknown");
    }
    List<Object> args = new ArrayList<>();
    List<TensorType> types = m.main().argumentTypes();
    for (int i = 0; i < types.size(); i++) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("name", r.argumentNames().get(i));
      a.put("type", types.get(i).toString());
      args.add(a);
    }
    o.put("arguments", args);
    List<Object> results = new ArrayList<>();
    for (TensorType t : m.main().resultTypes().subList(0, r.resultCount())) {
      results.add(t.toString());
    }
    o.put("results", results);
    Map<String, Integer> counts = new TreeMap<>();
    for (Operation op : m.main().body()) {
      counts.merge(op.name(), 1, Integer::sum);
    }
    o.put("ops", m.main().body().size());
    o.put("op_counts", counts);
    o.put("checks", r.checks().size());
    return o;
  }

  @SuppressWarnings("unchecked")
  private static void printSummary(Map<String, Object> s) {
    System.out.println(s.get("file") + " (" + s.get("format") + ")");
    System.out.println("arguments:");
    for (Object a : (List<Object>) s.get("arguments")) {
      Map<String, Object> m = (Map<String, Object>) a;
      System.out.println("  " + m.get("name") + ": " + m.get("type"));
    }
    System.out.println("results: " + s.get("results"));
    System.out.println("PPHLO ops: " + s.get("ops") + " " + s.get("op_counts"));
    if (((Integer) s.get("checks")) > 0) {
      System.out.println("checks: " + s.get("checks") + " (run with: spu run FILE --check)");
    }
    System.out.println("(--print shows the PPHLO program)");
  }
}
