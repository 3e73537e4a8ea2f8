package dev.spu.tensor.testing;

import java.util.Locale;

/**
 * How close an actual value must be to the expected one: {@code |actual − expected| ≤ abs + rel ·
 * |expected|}. {@link #withinFixedPoint()} scales with the device's fraction bits.
 */
public final class Tolerance {
  private final double abs;
  private final double rel;
  private final int ulps; // > 0: abs = rel = ulps · 2^-f, f taken from the device at check time
  private final String name;

  private Tolerance(double abs, double rel, int ulps, String name) {
    if (!(abs >= 0) || !(rel >= 0)) {
      throw new IllegalArgumentException(
          "tolerances must be >= 0, got abs " + abs + ", rel " + rel);
    }
    this.abs = abs;
    this.rel = rel;
    this.ulps = ulps;
    this.name = name;
  }

  /**
   * Fixed-point arithmetic (add, mul, matmul, convolution, pooling): 256 units in the last place
   * (2^(8−f), 9.8e-4 at f = 18) absolute plus the same relative; room for the truncation error of a
   * few hundred accumulated products, far below any real bug.
   */
  public static Tolerance withinFixedPoint() {
    return new Tolerance(0, 0, 256, "fixed point");
  }

  /**
   * The fixed-point math kernels (exp, log, reciprocal, sigmoid, tanh, softmax, ...): 1e-4 +
   * 1e-3·|expected|, their documented accuracy at f = 18.
   */
  public static Tolerance withinMathKernels() {
    return new Tolerance(1e-4, 1e-3, 0, "math kernels");
  }

  /** An absolute tolerance. */
  public static Tolerance absolute(double abs) {
    return new Tolerance(abs, 0, 0, null);
  }

  /** An absolute plus relative tolerance. */
  public static Tolerance of(double abs, double rel) {
    return new Tolerance(abs, rel, 0, null);
  }

  /** This tolerance for values with {@code fractionBits} fraction bits. */
  Bound bound(int fractionBits) {
    if (ulps > 0) {
      double u = ulps * Math.pow(2, -fractionBits);
      return new Bound(u, u, describe(u, u) + ", " + name + " at f = " + fractionBits);
    }
    return new Bound(abs, rel, describe(abs, rel) + (name == null ? "" : ", " + name));
  }

  private static String describe(double a, double r) {
    return String.format(Locale.ROOT, "|actual - expected| <= %.3g + %.3g·|expected|", a, r);
  }

  /** A resolved tolerance. */
  record Bound(double abs, double rel, String text) {
    boolean accepts(double expected, double actual) {
      if (Double.isNaN(expected) || Double.isNaN(actual)) {
        return Double.isNaN(expected) && Double.isNaN(actual);
      }
      return Math.abs(actual - expected) <= abs + rel * Math.abs(expected);
    }
  }

  @Override
  public String toString() {
    return ulps > 0 ? "within " + name + " (" + ulps + " ulps)" : "within " + bound(18).text();
  }
}
