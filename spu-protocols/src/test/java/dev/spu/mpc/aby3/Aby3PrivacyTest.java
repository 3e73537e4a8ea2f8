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
 * by word and pair by pair ({@link ViewPrivacy}). The family-wise false-positive rate of each
 * comparison is {@value #FAMILY_ALPHA} (Bonferroni over all its tests), so across the 8 primitives
 * × 3 parties of one run a private protocol fails by chance with probability below 24 × {@value
 * #FAMILY_ALPHA}. The default suite uses {@value #FAST_SESSIONS} sessions per secret (catches
 * deterministic and gross leaks); the slow one {@value #SLOW_SESSIONS}.
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
    ViewPrivacy.Scenario mul =
        (s, x) -> {
          List<Share> a = in(s, x);
          return s.run("mul", p -> p.mulAA(a.get(p.self()), a.get(p.self()))).results();
        };
    ViewPrivacy.Scenario matmul =
        (s, x) -> {
          List<Share> a = in(s, x);
          return s.run("matmul", p -> p.matmulAA(a.get(p.self()), a.get(p.self()), 2, 1, 2))
              .results();
        };
    ViewPrivacy.Scenario trunc =
        (s, x) -> {
          List<Share> a = in(s, x);
          return s.run("trunc", p -> p.truncA(a.get(p.self()), 18)).results();
        };
    ViewPrivacy.Scenario a2b =
        (s, x) -> {
          List<Share> a = in(s, x);
          return s.run("a2b", p -> p.a2b(a.get(p.self()))).results();
        };
    ViewPrivacy.Scenario msb =
        (s, x) -> {
          List<Share> a = in(s, x);
          return s.run("msb", p -> p.msbA(a.get(p.self()))).results();
        };
    ViewPrivacy.Scenario b2a =
        (s, x) -> {
          List<Share> a = in(s, x);
          return s.run("b2a", p -> p.b2a(p.a2b(a.get(p.self())))).results();
        };
    ViewPrivacy.Scenario bit =
        (s, x) -> {
          List<Share> a = in(s, x);
          return s.run("bitToA", p -> p.bitToA(p.msbA(a.get(p.self())))).results();
        };
    ViewPrivacy.Scenario and =
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
    return Stream.of(
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
      String name, ViewPrivacy.Scenario sc, long[] x, long[] y, int sessions) {
    long[][][] va = ViewPrivacy.sample(sc, x, sessions, name + "/A");
    long[][][] vb = ViewPrivacy.sample(sc, y, sessions, name + "/B");
    for (int p = 0; p < 3; p++) {
      ViewPrivacy.Result r = ViewPrivacy.compare(va[p], vb[p], FAMILY_ALPHA);
      assertThat(r.passed()).as("%s: view of party %d: %s", name, p, r).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void aSinglePartysViewDoesNotDependOnTheSecret(
      String name, ViewPrivacy.Scenario sc, long[] x, long[] y) {
    check(name, sc, x, y, FAST_SESSIONS);
  }

  @Tag("slow")
  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void aSinglePartysViewDoesNotDependOnTheSecretOverManySessions(
      String name, ViewPrivacy.Scenario sc, long[] x, long[] y) {
    check(name, sc, x, y, SLOW_SESSIONS);
  }

  /**
   * The harness must be able to fail: a view that holds the opened value. (An opening's three
   * components are a relation among three words, beyond the pair tests; the view here holds the
   * opened value itself, as a broken protocol would.)
   */
  @Test
  void theHarnessDetectsALeak() {
    ViewPrivacy.Scenario open =
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
    long[][][] va = ViewPrivacy.sample(open, new long[] {3, 1L << 20}, FAST_SESSIONS, "leak/A");
    long[][][] vb = ViewPrivacy.sample(open, new long[] {5, 1L << 21}, FAST_SESSIONS, "leak/B");
    for (int p = 0; p < 3; p++) {
      assertThat(ViewPrivacy.compare(va[p], vb[p], FAMILY_ALPHA).passed())
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
    ViewPrivacy.Result res = ViewPrivacy.compare(a, b, FAMILY_ALPHA);
    assertThat(res.passed()).as(res.toString()).isFalse();
    assertThat(res.where()).contains("sum");
  }
}
