package dev.spu.mpc.aby3;

import dev.spu.mpc.Share;
import dev.spu.mpc.testing.Session;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A statistical test that one party's view does not depend on the secret, complementing the shared
 * {@link dev.spu.mpc.testing.ViewPrivacy} (per-word KS and per-tag reconstructed words) with
 * per-bit tests and tests on every pair of words. A view is every word the party receives (PRSS
 * set-up, input shares, every protocol message) followed by its output share components. Views are
 * sampled over many sessions, each with its own seed, for two secrets; then for every view word we
 * run two-sample tests between the two secrets' samples:
 *
 * <ul>
 *   <li>per bit, a two-proportion z-test (catches any unmasked or biased bit);
 *   <li>per word, a two-sample Kolmogorov–Smirnov test on the unsigned value;
 *   <li>per pair of words, bitwise z-tests on their sum, difference and xor (catches a mask that is
 *       reused, e.g. two messages whose difference is the secret).
 * </ul>
 *
 * All p-values are compared with {@code familyAlpha / (number of tests)} (Bonferroni), so the
 * probability that a private protocol fails the whole check by chance is at most {@code
 * familyAlpha}.
 */
final class PairwisePrivacy {
  private PairwisePrivacy() {}

  /** Runs the computation under test in a fresh session on a secret; returns the output shares. */
  @FunctionalInterface
  interface Scenario {
    List<Share> run(Session s, long[] secret);
  }

  /** Views of all three parties: [party][session][word]. */
  static long[][][] sample(Scenario sc, long[] secret, int sessions, String seedLabel) {
    long[][][] views = new long[3][sessions][];
    for (int i = 0; i < sessions; i++) {
      byte[] seed = (seedLabel + "#" + i).getBytes(StandardCharsets.UTF_8);
      try (Session s = Session.builder("aby3", 3).fixedSeed(seed).record(0, 1, 2).start()) {
        List<Share> out = sc.run(s, secret);
        for (int p = 0; p < 3; p++) {
          List<long[]> words = new ArrayList<>(s.received(p));
          if (out != null) {
            Share sh = out.get(p);
            for (int c = 0; c < sh.numParts(); c++) {
              words.add(sh.part(c));
            }
          }
          views[p][i] = flatten(words);
        }
      }
    }
    return views;
  }

  private static long[] flatten(List<long[]> parts) {
    int n = 0;
    for (long[] p : parts) {
      n += p.length;
    }
    long[] r = new long[n];
    int o = 0;
    for (long[] p : parts) {
      System.arraycopy(p, 0, r, o, p.length);
      o += p.length;
    }
    return r;
  }

  /** The outcome: the smallest p-value, where it was found, and the Bonferroni threshold. */
  record Result(int tests, double minP, String where, double threshold) {
    boolean passed() {
      return minP >= threshold;
    }

    @Override
    public String toString() {
      return String.format(
          "%d tests, smallest p = %.3g at %s, Bonferroni threshold %.3g",
          tests, minP, where, threshold);
    }
  }

  /** Compares two samples of views ([session][word], equal word counts). */
  static Result compare(long[][] a, long[][] b, double familyAlpha) {
    int words = a[0].length;
    for (long[] v : a) {
      check(v.length == words);
    }
    for (long[] v : b) {
      check(v.length == words);
    }
    double minP = 1;
    String where = "-";
    int tests = 0;
    long[] colA = new long[a.length];
    long[] colB = new long[b.length];
    for (int w = 0; w < words; w++) {
      column(a, w, colA);
      column(b, w, colB);
      double[] bits = bitTests(colA, colB);
      tests += 64;
      for (int j = 0; j < 64; j++) {
        if (bits[j] < minP) {
          minP = bits[j];
          where = "word " + w + " bit " + j;
        }
      }
      double ks = ksTest(colA, colB);
      tests++;
      if (ks < minP) {
        minP = ks;
        where = "word " + w + " (KS)";
      }
    }
    long[] pa = new long[a.length];
    long[] pb = new long[b.length];
    String[] ops = {"sum", "difference", "xor"};
    for (int w1 = 0; w1 < words; w1++) {
      for (int w2 = w1 + 1; w2 < words; w2++) {
        for (int op = 0; op < 3; op++) {
          combine(a, w1, w2, op, pa);
          combine(b, w1, w2, op, pb);
          double[] bits = bitTests(pa, pb);
          tests += 64;
          for (int j = 0; j < 64; j++) {
            if (bits[j] < minP) {
              minP = bits[j];
              where = ops[op] + " of words " + w1 + ", " + w2 + " bit " + j;
            }
          }
        }
      }
    }
    return new Result(tests, minP, where, familyAlpha / tests);
  }

  private static void check(boolean ok) {
    if (!ok) {
      throw new IllegalArgumentException("views of different lengths: the program is not SPMD");
    }
  }

  private static void column(long[][] v, int w, long[] out) {
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i][w];
    }
  }

  private static void combine(long[][] v, int w1, int w2, int op, long[] out) {
    for (int i = 0; i < v.length; i++) {
      long x = v[i][w1];
      long y = v[i][w2];
      out[i] = op == 0 ? x + y : op == 1 ? x - y : x ^ y;
    }
  }

  /** Two-sided p-values of two-proportion z-tests, one per bit. */
  static double[] bitTests(long[] a, long[] b) {
    int[] ca = new int[64];
    int[] cb = new int[64];
    for (long x : a) {
      for (int j = 0; j < 64; j++) {
        ca[j] += (int) ((x >>> j) & 1L);
      }
    }
    for (long x : b) {
      for (int j = 0; j < 64; j++) {
        cb[j] += (int) ((x >>> j) & 1L);
      }
    }
    double[] p = new double[64];
    for (int j = 0; j < 64; j++) {
      double pa = (double) ca[j] / a.length;
      double pb = (double) cb[j] / b.length;
      double pooled = (double) (ca[j] + cb[j]) / (a.length + b.length);
      double var = pooled * (1 - pooled) * (1.0 / a.length + 1.0 / b.length);
      if (var == 0) {
        p[j] = pa == pb ? 1 : 0; // a constant bit: equal in both samples or a certain leak
      } else {
        p[j] = erfc(Math.abs(pa - pb) / Math.sqrt(2 * var));
      }
    }
    return p;
  }

  /** Two-sample Kolmogorov–Smirnov p-value on unsigned values (asymptotic, Stephens' form). */
  static double ksTest(long[] a, long[] b) {
    long[] x = unsignedSorted(a);
    long[] y = unsignedSorted(b);
    int i = 0;
    int j = 0;
    double d = 0;
    while (i < x.length && j < y.length) {
      long v = Math.min(x[i], y[j]);
      while (i < x.length && x[i] == v) {
        i++;
      }
      while (j < y.length && y[j] == v) {
        j++;
      }
      d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
    }
    double ne = (double) x.length * y.length / (x.length + y.length);
    double sq = Math.sqrt(ne);
    double lambda = (sq + 0.12 + 0.11 / sq) * d;
    return kolmogorovQ(lambda);
  }

  private static long[] unsignedSorted(long[] a) {
    long[] r = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = a[i] ^ Long.MIN_VALUE;
    }
    Arrays.sort(r);
    return r;
  }

  private static double kolmogorovQ(double lambda) {
    if (lambda < 0.2) {
      return 1;
    }
    double sum = 0;
    double sign = 1;
    for (int k = 1; k <= 100; k++) {
      double term = sign * Math.exp(-2.0 * k * k * lambda * lambda);
      sum += term;
      if (Math.abs(term) < 1e-16) {
        break;
      }
      sign = -sign;
    }
    return Math.max(0, Math.min(1, 2 * sum));
  }

  /** Complementary error function (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r =
        t
            * Math.exp(
                -z * z
                    - 1.26551223
                    + t
                        * (1.00002368
                            + t
                                * (0.37409196
                                    + t
                                        * (0.09678418
                                            + t
                                                * (-0.18628806
                                                    + t
                                                        * (0.27886807
                                                            + t
                                                                * (-1.13520398
                                                                    + t
                                                                        * (1.48851587
                                                                            + t
                                                                                * (-0.82215223
                                                                                    + t
                                                                                        * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }
}
