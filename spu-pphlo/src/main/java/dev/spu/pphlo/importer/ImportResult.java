package dev.spu.pphlo.importer;

import dev.spu.pphlo.DenseElements;
import dev.spu.pphlo.Module;
import java.util.List;

/**
 * An imported program.
 *
 * @param module the PPHLO module: one function {@code main}, every call inlined and every loop
 *     unrolled, verified
 * @param argumentNames a label per argument of {@code main} (the source's {@code jax.arg_info} or
 *     parameter name; {@code inputs#i} for the values of {@code @inputs()})
 * @param inputs the data of arguments that came from {@code @inputs()} (with {@link
 *     ImportOptions#inputsAsSecretArguments()}), in argument order
 * @param checks the {@code check.*} custom calls of a self-checking program; each appends two
 *     results to {@code main}: the value computed and the value expected
 * @param resultCount how many of {@code main}'s results are the program's own (the check values
 *     follow them)
 */
public record ImportResult(
    Module module,
    List<String> argumentNames,
    List<Input> inputs,
    List<Check> checks,
    int resultCount) {
  public ImportResult {
    argumentNames = List.copyOf(argumentNames);
    inputs = List.copyOf(inputs);
    checks = List.copyOf(checks);
  }

  /** The data of argument {@code argument}, produced by {@code @inputs()}. */
  public record Input(String name, int argument, DenseElements data) {}

  /**
   * One check: {@code kind} is the call target ({@code check.expect_close}, ...); main's results
   * {@code gotResult} and {@code expectedResult} hold the two values; {@code exact} for integer and
   * boolean values (floats compare with |got − expected| ≤ 1e-3 + 1e-3·|expected|); {@code
   * expectedValue} is the expected value as written when it is a constant (not rounded to fixed
   * point, so compare with it when present), else null.
   */
  public record Check(
      String kind,
      int line,
      int gotResult,
      int expectedResult,
      boolean exact,
      DenseElements expectedValue) {}

  /** The tolerance of float checks: |got − expected| ≤ ATOL + RTOL·|expected|. */
  public static final double ATOL = 1e-3;

  public static final double RTOL = 1e-3;

  /** Whether one element passes a check (exact for integers and booleans). */
  public static boolean passes(double got, double expected, boolean exact) {
    if (exact) {
      return got == expected;
    }
    return Math.abs(got - expected) <= ATOL + RTOL * Math.abs(expected);
  }
}
