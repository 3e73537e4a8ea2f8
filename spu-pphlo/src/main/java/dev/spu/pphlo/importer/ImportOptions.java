package dev.spu.pphlo.importer;

import dev.spu.pphlo.Visibility;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How to import a program.
 *
 * @param visibilities the visibility of each argument of the entry function, in order; arguments
 *     beyond the list are secret (the default)
 * @param inputsAsSecretArguments for self-checking programs (StableHLO test-data style): the values
 *     returned by {@code @inputs()} become secret arguments of the imported program (their data is
 *     in {@link ImportResult#inputs()}) instead of public constants, so that running the program
 *     really computes on secrets
 * @param maxOps the most PPHLO ops an import may emit (guards loop unrolling)
 * @param maxLoopIterations the most iterations one {@code while} loop may unroll
 */
public record ImportOptions(
    List<Visibility> visibilities,
    boolean inputsAsSecretArguments,
    int maxOps,
    int maxLoopIterations) {
  public static final int DEFAULT_MAX_OPS = 2_000_000;
  public static final int DEFAULT_MAX_LOOP_ITERATIONS = 100_000;

  public ImportOptions {
    visibilities = List.copyOf(visibilities);
    if (maxOps < 1 || maxLoopIterations < 0) {
      throw new IllegalArgumentException("maxOps must be >= 1 and maxLoopIterations >= 0");
    }
  }

  /** Every argument secret, no input rewriting, default limits. */
  public static ImportOptions defaults() {
    return new ImportOptions(List.of(), false, DEFAULT_MAX_OPS, DEFAULT_MAX_LOOP_ITERATIONS);
  }

  public ImportOptions withVisibilities(List<Visibility> v) {
    return new ImportOptions(v, inputsAsSecretArguments, maxOps, maxLoopIterations);
  }

  public ImportOptions withInputsAsSecretArguments(boolean on) {
    return new ImportOptions(visibilities, on, maxOps, maxLoopIterations);
  }

  public ImportOptions withLimits(int ops, int loopIterations) {
    return new ImportOptions(visibilities, inputsAsSecretArguments, ops, loopIterations);
  }

  /** The visibility of argument {@code i} (secret when not given). */
  public Visibility visibility(int i) {
    return i < visibilities.size() ? visibilities.get(i) : Visibility.SECRET;
  }

  /**
   * Parses the CLI form: comma-separated {@code s}/{@code secret} and {@code p}/{@code public}
   * (case-insensitive), e.g. {@code s,p,s}.
   */
  public static List<Visibility> parseVisibilities(String spec) {
    List<Visibility> out = new ArrayList<>();
    if (spec == null || spec.isBlank()) {
      return out;
    }
    for (String part : spec.split(",")) {
      String p = part.trim().toLowerCase(Locale.ROOT);
      switch (p) {
        case "s", "sec", "secret" -> out.add(Visibility.SECRET);
        case "p", "pub", "public" -> out.add(Visibility.PUBLIC);
        default ->
            throw new IllegalArgumentException(
                "visibility '" + part.trim() + "': expected s (secret) or p (public)");
      }
    }
    return out;
  }
}
