package dev.spu.pphlo.passes;

import dev.spu.pphlo.Function;
import dev.spu.pphlo.Module;
import dev.spu.pphlo.Printer;
import dev.spu.pphlo.TypeException;
import dev.spu.pphlo.Verifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An ordered selection of the standard passes ({@link #names()} lists them in the standard order),
 * run over every function of a module. Immutable; {@link #run} is thread-safe.
 *
 * <ul>
 *   <li>{@link #standard()} — every pass (the default), {@link #none()} — no pass;
 *   <li>{@link #parse(String)} — the {@code --passes} syntax: {@code all}, {@code none} or a
 *       comma-separated list of names (run in the standard order whatever the list order);
 *   <li>{@link #without(String...)} — {@code --no-pass NAME};
 *   <li>{@link #dumpingTo(Path)} — {@code --dump-ir DIR}: each module run gets a directory {@code
 *       DIR/module-NNN} with {@code 00-input.pphlo} and, per pass, {@code KK-<pass>.before.pphlo}
 *       and {@code KK-<pass>.after.pphlo}, plus {@code stats.txt}.
 * </ul>
 *
 * <p>After each pass the module is verified; a pass producing an ill-typed module is a bug and
 * fails with the pass named.
 */
public final class PassPipeline {
  private static final PassPipeline STANDARD = new PassPipeline(StandardPasses.ALL, null);
  private static final PassPipeline NONE = new PassPipeline(List.of(), null);

  private final List<Pass> passes;
  private final Path dumpDir;
  private final AtomicInteger dumped = new AtomicInteger();

  private PassPipeline(List<Pass> passes, Path dumpDir) {
    this.passes = List.copyOf(passes);
    this.dumpDir = dumpDir;
  }

  /** Every standard pass, in the standard order. */
  public static PassPipeline standard() {
    return STANDARD;
  }

  /** No pass: programs run as traced. */
  public static PassPipeline none() {
    return NONE;
  }

  /** The names of all standard passes, in the standard order. */
  public static List<String> allNames() {
    return StandardPasses.ALL.stream().map(Pass::name).toList();
  }

  /** The one-line summary of a standard pass. */
  public static String summary(String name) {
    return find(name).summary();
  }

  /**
   * {@code all}, {@code none}, or comma-separated pass names (whitespace ignored, case
   * insensitive); throws {@link IllegalArgumentException} naming an unknown pass and the known
   * ones.
   */
  public static PassPipeline parse(String spec) {
    String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
    if (s.equals("all")) {
      return STANDARD;
    }
    if (s.equals("none") || s.isEmpty()) {
      return NONE;
    }
    Set<String> wanted = new LinkedHashSet<>();
    for (String part : s.split(",")) {
      String n = part.trim();
      if (!n.isEmpty()) {
        find(n);
        wanted.add(n);
      }
    }
    return only(wanted);
  }

  /** Exactly the named passes, in the standard order. */
  public static PassPipeline only(Collection<String> names) {
    for (String n : names) {
      find(n);
    }
    List<Pass> ps = new ArrayList<>();
    for (Pass p : StandardPasses.ALL) {
      if (names.contains(p.name())) {
        ps.add(p);
      }
    }
    return new PassPipeline(ps, null);
  }

  /** This selection minus the named passes (each must be a known pass name). */
  public PassPipeline without(String... names) {
    Set<String> drop = new LinkedHashSet<>();
    for (String n : names) {
      drop.add(find(n.trim().toLowerCase(Locale.ROOT)).name());
    }
    List<Pass> ps = passes.stream().filter(p -> !drop.contains(p.name())).toList();
    return new PassPipeline(ps, dumpDir);
  }

  /** The same selection, dumping the IR before and after each pass under {@code dir}. */
  public PassPipeline dumpingTo(Path dir) {
    return new PassPipeline(passes, dir);
  }

  /** The enabled passes' names, in run order. */
  public List<String> names() {
    return passes.stream().map(Pass::name).toList();
  }

  public boolean isEmpty() {
    return passes.isEmpty();
  }

  public boolean isEnabled(String name) {
    return names().contains(name);
  }

  /** The dump directory, or null. */
  public Path dumpDir() {
    return dumpDir;
  }

  /** A module after a pipeline, with what each pass did. */
  public record Result(Module module, List<PassStats> stats) {
    public int totalRewrites() {
      return stats.stream().mapToInt(PassStats::rewrites).sum();
    }

    /** One line per pass: name, rewrites, ops before → after, time. */
    public String table() {
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format("%-26s %8s %8s %8s %9s%n", "pass", "rewrites", "ops_in", "ops_out", "ms"));
      for (PassStats s : stats) {
        sb.append(
            String.format(
                Locale.ROOT,
                "%-26s %8d %8d %8d %9.2f%n",
                s.pass(),
                s.rewrites(),
                s.opsBefore(),
                s.opsAfter(),
                s.micros() / 1000.0));
      }
      return sb.toString();
    }
  }

  /** Runs the enabled passes over every function of {@code module}, verifying after each. */
  public Result run(Module module) {
    Path dir =
        dumpDir == null
            ? null
            : dumpDir.resolve(String.format("module-%03d", dumped.incrementAndGet()));
    if (dir != null) {
      write(dir.resolve("00-input.pphlo"), Printer.print(module));
    }
    List<PassStats> stats = new ArrayList<>();
    Module m = module;
    for (int k = 0; k < passes.size(); k++) {
      Pass p = passes.get(k);
      String prefix = String.format("%02d-%s", k + 1, p.name());
      if (dir != null) {
        write(dir.resolve(prefix + ".before.pphlo"), Printer.print(m));
      }
      long t0 = System.nanoTime();
      int before = opCount(m);
      int rewrites = 0;
      List<Function> fs = new ArrayList<>();
      for (Function f : m.functions()) {
        PassResult r = p.run(f);
        rewrites += r.rewrites();
        fs.add(r.function());
      }
      Module next = rewrites == 0 ? m : new Module(fs);
      if (next != m) {
        try {
          Verifier.verify(next);
        } catch (TypeException e) {
          throw new IllegalStateException(
              "pass '" + p.name() + "' produced an ill-typed module (a bug): " + e.getMessage(), e);
        }
      }
      long micros = (System.nanoTime() - t0) / 1000;
      stats.add(new PassStats(p.name(), rewrites, before, opCount(next), micros));
      m = next;
      if (dir != null) {
        write(dir.resolve(prefix + ".after.pphlo"), Printer.print(m));
      }
    }
    Result res = new Result(m, List.copyOf(stats));
    if (dir != null) {
      write(dir.resolve("stats.txt"), res.table());
    }
    return res;
  }

  private static int opCount(Module m) {
    return m.functions().stream().mapToInt(f -> f.body().size()).sum();
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("--dump-ir: cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static Pass find(String name) {
    for (Pass p : StandardPasses.ALL) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown pass '"
            + name
            + "'; known passes: "
            + String.join(", ", allNames())
            + " (or all, none)");
  }

  @Override
  public String toString() {
    return passes.isEmpty() ? "none" : String.join(",", names());
  }
}
