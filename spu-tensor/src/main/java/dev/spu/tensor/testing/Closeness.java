package dev.spu.tensor.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Element-by-element comparison with a readable report of the mismatches. */
final class Closeness {
  private static final int SHOWN = 5;

  private Closeness() {}

  /** Null if {@code actual} matches {@code expected}, else the failure message. */
  static String compare(
      String what, int[] shape, double[] expected, double[] actual, Tolerance.Bound tol) {
    if (expected.length != actual.length) {
      return String.format(
          Locale.ROOT,
          "Expecting %s to be close to %d expected values, but it has %d elements",
          what,
          expected.length,
          actual.length);
    }
    List<String> bad = new ArrayList<>();
    int count = 0;
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      if (!tol.accepts(expected[i], actual[i])) {
        count++;
        worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        if (bad.size() < SHOWN) {
          bad.add(
              String.format(
                  Locale.ROOT,
                  "  at index %s: expected %.9g but was %.9g (difference %.3g)",
                  index(i, shape),
                  expected[i],
                  actual[i],
                  Math.abs(actual[i] - expected[i])));
        }
      }
    }
    if (count == 0) {
      return null;
    }
    return String.format(
            Locale.ROOT,
            "Expecting %s to be close to the expected values (%s),%n"
                + "but %d of %d elements differ (largest difference %.3g):%n",
            what,
            tol.text(),
            count,
            expected.length,
            worst)
        + String.join(System.lineSeparator(), bad)
        + (count > SHOWN ? System.lineSeparator() + "  ... and " + (count - SHOWN) + " more" : "");
  }

  /** {@code [i, j, ...]} of flat index {@code flat} in a row-major {@code shape}. */
  static String index(int flat, int[] shape) {
    if (shape == null || shape.length <= 1) {
      return "[" + flat + "]";
    }
    int[] idx = new int[shape.length];
    int r = flat;
    for (int d = shape.length - 1; d >= 0; d--) {
      int n = Math.max(1, shape[d]);
      idx[d] = r % n;
      r /= n;
    }
    StringBuilder sb = new StringBuilder("[");
    for (int d = 0; d < idx.length; d++) {
      sb.append(d > 0 ? ", " : "").append(idx[d]);
    }
    return sb.append("] (flat ").append(flat).append(')').toString();
  }
}
