package dev.spu.mpc.testing;

import dev.spu.mpc.Protocol;
import dev.spu.mpc.Share;
import dev.spu.mpc.link.RecordingLink;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * A statistical privacy check of a coalition's view. For each of two secrets, run many independent
 * sessions (distinct seeds) of the same program and collect the coalition's view: every payload its
 * members receive (in order, including dealer messages), their input shares and their output
 * shares, as one vector of 64-bit words. If the protocol is private against that coalition, the
 * view's distribution does not depend on the secret, so for every word position the two samples
 * come from the same distribution.
 *
 * <p>A leak can hide in a combination of words that are each uniform (an opened value is the sum of
 * every party's message). So the view also gets, for every tag, the element-wise sum and xor of the
 * payloads under that tag from distinct senders that the coalition sent or received (one per
 * sender, equal lengths): exactly the values the coalition reconstructs when a round opens
 * something. In a private protocol those are uniform or fixed; a mask that is too short shows up.
 *
 * <p>Test per word: two-sample Kolmogorov–Smirnov on the word as an unsigned number (dominated by
 * the high bits) and on its bit reversal (dominated by the low bits). With W words, 2W tests at
 * level {@code familyAlpha / (2W)} each (Bonferroni): the chance that a private protocol is flagged
 * is at most {@code familyAlpha}. Sessions use fixed, distinct seeds, so a run is reproducible.
 *
 * <p>The program must not open anything: its output stays shared. Use a single-party coalition for
 * protocols like ABY3 whose threshold is one.
 */
public final class ViewPrivacy {
  private ViewPrivacy() {}

  /** The computation on the shared secret (inside one op; must not reveal). */
  @FunctionalInterface
  public interface Program {
    Share apply(Protocol p, Share secret);
  }

  /** The outcome: the largest KS distance seen, where, and the per-test threshold. */
  public record Report(
      int words, int sessions, double worstD, int worstWord, String worstTest, double threshold) {
    public boolean leaks() {
      return worstD > threshold;
    }

    @Override
    public String toString() {
      return String.format(
          "%d view words, %d sessions per secret: worst KS D = %.4f (word %d, %s), threshold %.4f",
          words, sessions, worstD, worstWord, worstTest, threshold);
    }
  }

  /**
   * Runs {@code sessions} sessions per secret and compares the coalition's views.
   *
   * @param coalition compute parties whose views are joined
   * @param familyAlpha the false-positive rate for the whole comparison (e.g. 1e-6)
   */
  public static Report compare(
      String protocol,
      int parties,
      int[] coalition,
      long[] secretA,
      long[] secretB,
      int sessions,
      Program program,
      double familyAlpha) {
    if (secretA.length != secretB.length) {
      throw new IllegalArgumentException("the two secrets must have the same length");
    }
    long[][] a = new long[sessions][];
    long[][] b = new long[sessions][];
    for (int s = 0; s < sessions; s++) {
      a[s] = view(protocol, parties, coalition, secretA, program, seed(protocol, "A", s));
      b[s] = view(protocol, parties, coalition, secretB, program, seed(protocol, "B", s));
    }
    return test(a, b, familyAlpha);
  }

  private static byte[] seed(String protocol, String which, int s) {
    return ByteBuffer.allocate(16)
        .putInt(protocol.hashCode())
        .putInt(which.hashCode())
        .putLong(s)
        .array();
  }

  /** One session's coalition view. */
  public static long[] view(
      String protocol, int parties, int[] coalition, long[] secret, Program program, byte[] seed) {
    List<long[]> pieces = new ArrayList<>();
    try (Session s = Session.builder(protocol, parties).fixedSeed(seed).record(coalition).start()) {
      List<Share> in = s.input(secret);
      List<Share> out = s.run("program", p -> program.apply(p, in.get(p.self()))).results();
      TreeMap<Long, TreeMap<Integer, long[]>> byTag = new TreeMap<>();
      for (int c : coalition) {
        for (RecordingLink.Entry e : s.log(c)) {
          byTag.computeIfAbsent(e.tag(), t -> new TreeMap<>()).putIfAbsent(e.from(), e.data());
        }
      }
      for (TreeMap<Integer, long[]> msgs : byTag.values()) {
        if (msgs.size() < 2) {
          continue;
        }
        int len = msgs.firstEntry().getValue().length;
        if (msgs.values().stream().anyMatch(x -> x.length != len)) {
          continue;
        }
        long[] sum = new long[len];
        long[] xor = new long[len];
        for (long[] x : msgs.values()) {
          for (int i = 0; i < len; i++) {
            sum[i] += x[i];
            xor[i] ^= x[i];
          }
        }
        pieces.add(sum);
        pieces.add(xor);
      }
      for (int c : coalition) {
        pieces.addAll(s.received(c));
        for (int q = 0; q < in.get(c).numParts(); q++) {
          pieces.add(in.get(c).part(q));
        }
        for (int q = 0; q < out.get(c).numParts(); q++) {
          pieces.add(out.get(c).part(q));
        }
      }
    }
    int total = pieces.stream().mapToInt(x -> x.length).sum();
    long[] v = new long[total];
    int o = 0;
    for (long[] x : pieces) {
      System.arraycopy(x, 0, v, o, x.length);
      o += x.length;
    }
    return v;
  }

  /** Word-by-word two-sample KS tests between view samples a and b (sessions × words). */
  public static Report test(long[][] a, long[][] b, double familyAlpha) {
    int words = a[0].length;
    for (long[][] sample : new long[][][] {a, b}) {
      for (long[] v : sample) {
        if (v.length != words) {
          throw new IllegalStateException(
              "views differ in length ("
                  + v.length
                  + " vs "
                  + words
                  + "): the protocol's message"
                  + " pattern depends on something other than sizes");
        }
      }
    }
    int tests = Math.max(1, 2 * words);
    double alpha = familyAlpha / tests;
    int n = a.length;
    int m = b.length;
    double threshold = Math.sqrt(-Math.log(alpha / 2) / 2) * Math.sqrt((n + m) / (double) (n * m));
    double worst = 0;
    int worstWord = -1;
    String worstTest = "-";
    long[] xa = new long[n];
    long[] xb = new long[m];
    for (int w = 0; w < words; w++) {
      for (int rev = 0; rev < 2; rev++) {
        for (int i = 0; i < n; i++) {
          xa[i] = key(a[i][w], rev == 1);
        }
        for (int i = 0; i < m; i++) {
          xb[i] = key(b[i][w], rev == 1);
        }
        double d = ks(xa, xb);
        if (d > worst) {
          worst = d;
          worstWord = w;
          worstTest = rev == 1 ? "low bits" : "high bits";
        }
      }
    }
    return new Report(words, n, worst, worstWord, worstTest, threshold);
  }

  /** Order-preserving map of an unsigned (optionally bit-reversed) word to a signed long. */
  private static long key(long x, boolean reverse) {
    return (reverse ? Long.reverse(x) : x) ^ Long.MIN_VALUE;
  }

  /** The two-sample Kolmogorov–Smirnov statistic sup |F_a − F_b| (sorts its arguments). */
  public static double ks(long[] a, long[] b) {
    Arrays.sort(a);
    Arrays.sort(b);
    int i = 0;
    int j = 0;
    double d = 0;
    while (i < a.length && j < b.length) {
      long v = Math.min(a[i], b[j]);
      while (i < a.length && a[i] == v) {
        i++;
      }
      while (j < b.length && b[j] == v) {
        j++;
      }
      d = Math.max(d, Math.abs(i / (double) a.length - j / (double) b.length));
    }
    return d;
  }
}
