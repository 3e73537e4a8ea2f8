package dev.spu.trace;

/** erf in double precision for the interpreter (Maclaurin series; |x| ≤ 3 in the tests). */
final class ErfRef {
  private ErfRef() {}

  static double erf(double x) {
    double x2 = x * x;
    double term = x;
    double sum = x;
    for (int n = 1; n < 400 && Math.abs(term) > 1e-18 * Math.abs(sum); n++) {
      term *= -x2 / n;
      sum += term / (2 * n + 1);
    }
    return 2 / Math.sqrt(Math.PI) * sum;
  }
}
