package dev.spu.kernels.hal.math;

/**
 * The error function in double precision (Java has none): the Maclaurin series for |x| ≤ 2.5 and
 * the continued fraction of erfc beyond (relative error ~1e-15). Used for public operands and as
 * the reference of accuracy tests.
 */
public final class Erf {
  private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

  private Erf() {}

  public static double erf(double x) {
    if (Double.isNaN(x)) {
      return x;
    }
    double a = Math.abs(x);
    double r = a <= 2.5 ? series(a) : 1 - erfcFraction(a);
    return Math.copySign(r, x);
  }

  /** 2/√π · Σ (−1)^n x^(2n+1) / (n! (2n+1)). */
  private static double series(double x) {
    double x2 = x * x;
    double term = x; // (−1)^n x^(2n+1) / n!
    double sum = x;
    for (int n = 1; n < 200; n++) {
      term *= -x2 / n;
      double add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
        break;
      }
    }
    return TWO_OVER_SQRT_PI * sum;
  }

  /**
   * erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))) by the modified
   * Lentz algorithm, for x &gt; 2.
   */
  private static double erfcFraction(double x) {
    double tiny = 1e-300;
    double f = x;
    double c = x;
    double d = 0;
    for (int n = 1; n < 500; n++) {
      double an = n / 2.0;
      d = x + an * d;
      d = d == 0 ? tiny : d;
      c = x + an / c;
      c = c == 0 ? tiny : c;
      d = 1 / d;
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) {
        break;
      }
    }
    return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
  }
}
