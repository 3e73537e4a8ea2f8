package dev.spu.mpc.aby3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.mpc.Share;
import dev.spu.mpc.testing.Session;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The view of any single party (PRSS set-up, its input shares, every message it receives, its
 * output shares) has the same distribution whatever the secret: for each primitive, views are
 * sampled over many sessions with distinct seeds for two very different secrets and compared word
 * by word and pair by pair ({@link PairwisePrivacy}). The family-wise false-positive rate of each
 * comparison is {@value #FAMILY_ALPHA} (Bonferroni over all its tests), so across the 9 scenarios
 * (input sharing and 8 primitives) × 3 parties of one run a private protocol fails by chance with
 * probability below 27 × {@value #FAMILY_ALPHA}. The default suite uses {@value #FAST_SESSIONS}
 * sessions per secret (catches deterministic and gross leaks); the slow one {@value
 * #SLOW_SESSIONS}.
 */
class Aby3PrivacyTest {
  static final double FAMILY_ALPHA = 1e-4;
  static final int FAST_SESSIONS = 60;
  static final int SLOW_SESSIONS = 1000;

  private static List<Share> in(Session s, long[] x) {
    return s.input(x);
  }

  /** Two elements per secret: small against huge, positive against negative, 0 against −1. */
  static Stream<Arguments> scenarios() {
    long[] small = {3, 1L << 20};
    long[] huge = {-(1L << 62) + 12345, (1L << 62) - 7};
    long[] zero = {0, 0};
    long[] ones = {-1, Long.MIN_VALUE};
    PairwisePrivacy.Scenario mul =
        (s, x) -> {
          List<Share> a = in(s, x);
          return s.run("mul", p -> p.mulAA(a.get(p.self()), a.get(p.self()))).results();
        };
    PairwisePrivacy.Scenario matmul =
        (s, x) -> {
          List<Share> a = in(s, x);
          return s.run("matmul", p -> p.matmulAA(a.get(p.self()), a.get(p.self()), 2, 1, 2))
              .results();
        };
    PairwisePrivacy.Scenario trunc =
        (s, x) -> {
          List<Share> a = in(s, x);
          return s.run("trunc", p -> p.truncA(a.get(p.self()), 18)).results();
        };
    PairwisePrivacy.Scenario a2b =
        (s, x) -> {
          List<Share> a = in(s, x);
          return s.run("a2b", p -> p.a2b(a.get(p.self()))).results();
        };
    PairwisePrivacy.Scenario msb =
        (s, x) -> {
          List<Share> a = in(s, x);
          return s.run("msb", p -> p.msbA(a.get(p.self()))).results();
        };
    PairwisePrivacy.Scenario b2a =
        (s, x) -> {
          List<Share> a = in(s, x);
          return s.run("b2a", p -> p.b2a(p.a2b(a.get(p.self())))).results();
        };
    PairwisePrivacy.Scenario bit =
        (s, x) -> {
          List<Share> a = in(s, x);
          return s.run("bitToA", p -> p.bitToA(p.msbA(a.get(p.self())))).results();
        };
    PairwisePrivacy.Scenario and =
        (s, x) -> {
          List<Share> a = in(s, x);
          return s.run(
                  "and",
                  p -> {
                    Share b = p.a2b(a.get(p.self()));
                    return p.andBB(b, p.rshiftB(b, 1));
                  })
              .results();
        };
    PairwisePrivacy.Scenario input = Aby3PrivacyTest::in;
    return Stream.of(
        Arguments.of("input", input, small, huge),
        Arguments.of("mulAA", mul, small, huge),
        Arguments.of("matmulAA", matmul, small, huge),
        Arguments.of("truncA", trunc, small, huge),
        Arguments.of("a2b", a2b, zero, ones),
        Arguments.of("msbA", msb, small, huge),
        Arguments.of("b2a", b2a, zero, ones),
        Arguments.of("bitToA", bit, small, huge),
        Arguments.of("andBB", and, zero, ones));
  }

  private static void check(
      String name, PairwisePrivacy.Scenario sc, long[] x, long[] y, int sessions) {
    long[][][] va = PairwisePrivacy.sample(sc, x, sessions, name + "/A");
    long[][][] vb = PairwisePrivacy.sample(sc, y, sessions, name + "/B");
    for (int p = 0; p < 3; p++) {
      PairwisePrivacy.Result r = PairwisePrivacy.compare(va[p], vb[p], FAMILY_ALPHA);
      assertThat(r.passed()).as("%s: view of party %d: %s", name, p, r).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void aSinglePartysViewDoesNotDependOnTheSecret(
      String name, PairwisePrivacy.Scenario sc, long[] x, long[] y) {
    check(name, sc, x, y, FAST_SESSIONS);
  }

  @Tag("slow")
  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void aSinglePartysViewDoesNotDependOnTheSecretOverManySessions(
      String name, PairwisePrivacy.Scenario sc, long[] x, long[] y) {
    check(name, sc, x, y, SLOW_SESSIONS);
  }

  // ---- the shared harness (dev.spu.mpc.testing.ViewPrivacy): per-word KS on high and low bits,
  // plus the per-tag sums and xors a party can reconstruct; family-wise alpha 1e-6 ----

  private static final long[] ZERO4 = {0, 0, 0, 0};
  private static final long[] EXTREME4 = {
    -(1L << 62), (1L << 62) - 1, (1L << 61) + 12345, -0x1555555555555555L
  };

  /** Every interactive primitive in one program, nothing opened. */
  private static Share everything(dev.spu.mpc.Protocol p, Share x) {
    Share y = p.truncA(p.mulAA(x, x), 18);
    Share b = p.a2b(y);
    Share m = p.bitToA(p.msbA(x));
    Share c = p.b2a(p.andBB(b, p.a2b(x)));
    Share z = p.matmulAA(x, y, 2, 2, 2);
    return p.addAA(p.addAA(m, c), p.addAA(z, p.truncA(x, 40)));
  }

  private static void sharedHarness(int party, int sessions) {
    dev.spu.mpc.testing.ViewPrivacy.Report r =
        dev.spu.mpc.testing.ViewPrivacy.compare(
            "aby3",
            3,
            new int[] {party},
            ZERO4,
            EXTREME4,
            sessions,
            Aby3PrivacyTest::everything,
            1e-6);
    assertThat(r.words()).isGreaterThan(100);
    assertThat(r.leaks()).as("party %d: %s", party, r).isFalse();
  }

  @ParameterizedTest(name = "party {0}")
  @org.junit.jupiter.params.provider.ValueSource(ints = {0, 1, 2})
  void sharedHarnessFindsNoLeakInAnySingleView(int party) {
    sharedHarness(party, 60);
  }

  @Tag("slow")
  @ParameterizedTest(name = "party {0}")
  @org.junit.jupiter.params.provider.ValueSource(ints = {0, 1, 2})
  void sharedHarnessFindsNoLeakInAnySingleViewOverManySessions(int party) {
    sharedHarness(party, 1000);
  }

  /**
   * The harness must be able to fail: a view that holds the opened value. (An opening's three
   * components are a relation among three words, beyond the pair tests; the view here holds the
   * opened value itself, as a broken protocol would.)
   */
  @Test
  void theHarnessDetectsALeak() {
    PairwisePrivacy.Scenario open =
        (s, x) -> {
          List<Share> a = in(s, x);
          return s.run(
                  "open",
                  p -> {
                    long[] v = p.open(a.get(p.self()));
                    return new Share(Share.Kind.ARITH, v, v);
                  })
              .results();
        };
    long[][][] va = PairwisePrivacy.sample(open, new long[] {3, 1L << 20}, FAST_SESSIONS, "leak/A");
    long[][][] vb = PairwisePrivacy.sample(open, new long[] {5, 1L << 21}, FAST_SESSIONS, "leak/B");
    for (int p = 0; p < 3; p++) {
      assertThat(PairwisePrivacy.compare(va[p], vb[p], FAMILY_ALPHA).passed())
          .as("party %d", p)
          .isFalse();
    }
  }

  /** A subtler leak the per-word tests miss and the pair tests catch: x − r next to r. */
  @Test
  void thePairTestsDetectAReusedMask() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
    long[][] a = new long[FAST_SESSIONS][];
    long[][] b = new long[FAST_SESSIONS][];
    for (int i = 0; i < FAST_SESSIONS; i++) {
      long r = rnd.nextLong();
      long r2 = rnd.nextLong();
      a[i] = new long[] {r, 1000 - r};
      b[i] = new long[] {r2, -(1L << 61) - r2};
    }
    PairwisePrivacy.Result res = PairwisePrivacy.compare(a, b, FAMILY_ALPHA);
    assertThat(res.passed()).as(res.toString()).isFalse();
    assertThat(res.where()).contains("sum");
  }
}
