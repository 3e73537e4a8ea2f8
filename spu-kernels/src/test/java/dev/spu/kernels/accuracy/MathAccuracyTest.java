package dev.spu.kernels.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spu.kernels.runtime.LocalCluster;
import dev.spu.kernels.runtime.RuntimeConfig;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixed-point math function on random secret points of its domain (uniform, log-uniform and
 * the edges), checked point by point against the target |got − exact| ≤ 1e-4 + 1e-3·|exact| with
 * exact = f(decode(encode(x))). Subclasses give the protocol; the 10,000-point version is {@link
 * MathAccuracySlowTest} and {@code spu accuracy}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MathAccuracyTest {
  static final int POINTS = 500;

  protected abstract String protocol();

  protected abstract int parties();

  protected int points() {
    return POINTS;
  }

  private LocalCluster cluster;

  @BeforeAll
  void start() {
    cluster = new LocalCluster(RuntimeConfig.defaults(protocol(), parties()));
  }

  @AfterAll
  void stop() {
    cluster.close();
  }

  static Stream<String> functions() {
    return MathCatalog.all().stream().map(MathCatalog.Function::name);
  }

  static MathCatalog.Function function(String name) {
    return MathCatalog.all().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void withinTheTargetOnItsDomain(String name) {
    MathCatalog.Function fn = function(name);
    AccuracyRunner.Result r =
        AccuracyRunner.run(cluster, fn, points(), name.hashCode() * 31L + protocol().hashCode());
    int w = r.worst();
    assertThat(r.maxErrOverTol())
        .as(
            "%s on %s: worst at x=%s y=%s: got %s, exact %s",
            name, protocol(), r.x()[w], r.y() == null ? "-" : r.y()[w], r.got()[w], r.exact()[w])
        .isLessThanOrEqualTo(1.0);
    // The domain's ends were tested.
    assertThat(r.lo()).isCloseTo(fn.lo(), within(1e-5));
    assertThat(r.hi()).isCloseTo(fn.hi(), within(1e-5));
    if (!protocol().equals("ref2k")) {
      assertThat(r.rounds()).as("rounds").isPositive();
      assertThat(r.bytes()).as("bytes").isPositive();
    }
  }

  /** Vectorised: the round count does not depend on the number of elements. */
  @Test
  void roundsDoNotGrowWithTheNumberOfElements() {
    if (protocol().equals("ref2k")) {
      return;
    }
    for (MathCatalog.Function fn : MathCatalog.all()) {
      // (≥ 10 points: power's first edges have integral exponents, which take another method.)
      long small = AccuracyRunner.run(cluster, fn, 12, 1).rounds();
      long large = AccuracyRunner.run(cluster, fn, 400, 2).rounds();
      assertThat(large).as(fn.name()).isEqualTo(small);
    }
  }
}
