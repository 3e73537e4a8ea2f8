package dev.spu.kernels.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.spu.kernels.hal.FixedPoint;
import dev.spu.kernels.hal.math.Erf;
import dev.spu.kernels.hal.math.MathOptions;
import dev.spu.kernels.runtime.LocalCluster;
import dev.spu.kernels.runtime.PartyFailureException;
import dev.spu.kernels.runtime.RuntimeConfig;
import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.FunctionBuilder;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Value;
import dev.spu.pphlo.Visibility;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The documented behaviour outside each function's domain (saturation, never garbage), the public
 * path (double, and a clear error outside the domain) and the alternative methods, under ABY3.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MathEdgeTest {
  static final int F = 18;
  static final double ULP = 0x1p-18;
  private LocalCluster cluster;

  @BeforeAll
  void start() {
    cluster = new LocalCluster(RuntimeConfig.defaults("aby3", 3));
  }

  @AfterAll
  void stop() {
    cluster.close();
  }

  private static double[] eval(LocalCluster c, String op, Visibility v, double... x) {
    TensorType t = new TensorType(Shape.of(x.length), DType.F32, v);
    FunctionBuilder b = new FunctionBuilder("main");
    Value a = b.addArgument(t);
    Value out = b.op(op, Attributes.EMPTY, a);
    return FixedPoint.decode(c.evaluate(b.build(out), List.of(FixedPoint.encode(x, F))).get(0), F);
  }

  private double[] secret(String op, double... x) {
    return eval(cluster, op, Visibility.SECRET, x);
  }

  private static double[] binary(LocalCluster c, String op, double[] x, double[] y) {
    TensorType t = new TensorType(Shape.of(x.length), DType.F32, Visibility.SECRET);
    FunctionBuilder b = new FunctionBuilder("main");
    Value out = b.op(op, Attributes.EMPTY, b.addArgument(t), b.addArgument(t));
    return FixedPoint.decode(
        c.evaluate(b.build(out), List.of(FixedPoint.encode(x, F), FixedPoint.encode(y, F))).get(0),
        F);
  }

  @Test
  void expSaturatesOutsideItsRange() {
    double[] r = secret("exponential", 30, 1000, -13, -1000, 18);
    double top = Math.exp(26 * Math.log(2) - 2 * ULP); // the upper clamp, t just below 26
    assertThat(r[0]).isCloseTo(top, within(top * 1e-4));
    assertThat(r[1]).isCloseTo(top, within(top * 1e-4));
    assertThat(r[2]).isCloseTo(0, within(2 * ULP));
    assertThat(r[3]).isCloseTo(0, within(2 * ULP));
    assertThat(r[4]).isCloseTo(Math.exp(18), within(Math.exp(18) * 1e-4));
  }

  @Test
  void logTreatsNonPositiveInputsAsOneUlp() {
    double[] r = secret("log", 0, -5, -1e9, 1e12, 0x1p-18);
    double least = -F * Math.log(2);
    assertThat(r[0]).isCloseTo(least, within(1e-5));
    assertThat(r[1]).isCloseTo(least, within(1e-5));
    assertThat(r[2]).isCloseTo(least, within(1e-5));
    assertThat(r[3]).isCloseTo(Math.log(1e12), within(1e-4));
    assertThat(r[4]).isCloseTo(least, within(1e-5));
  }

  @Test
  void reciprocalAtZeroOneUlpAndBeyondTheWindow() {
    double[] r = secret("reciprocal", 0, -ULP, ULP, 0x1p30, -0x1p22, 1e12);
    assertThat(r[0]).isEqualTo(0x1p18);
    assertThat(r[1]).isEqualTo(-0x1p18);
    assertThat(r[2]).isEqualTo(0x1p18);
    assertThat(r[3]).isCloseTo(0, within(ULP)); // beyond the window: 0 (exact < 1 ulp)
    assertThat(r[4]).isCloseTo(-0x1p-22, within(ULP));
    assertThat(r[5]).isCloseTo(0, within(ULP));
  }

  @Test
  void divideByZeroAndOutsideTheWindowGivesZero() {
    double[] r =
        binary(
            cluster, "divide", new double[] {5, -7, 3, 1e6}, new double[] {0, 0x1p18, -0.5, 1e3});
    assertThat(r[0]).isEqualTo(0);
    assertThat(r[1]).isEqualTo(0);
    assertThat(r[2]).isCloseTo(-6, within(1e-4));
    assertThat(r[3]).isCloseTo(1e3, within(1e-4 + 1e-3 * 1e3)); // |a| > 2^10, q in range
  }

  @Test
  void rootsOfNonPositiveValues() {
    double[] s = secret("sqrt", 0, -4, -1e9, 0x1p40);
    assertThat(s[0]).isEqualTo(0);
    assertThat(s[1]).isEqualTo(0);
    assertThat(s[2]).isEqualTo(0);
    assertThat(s[3]).isCloseTo(0x1p20, within(0x1p20 * 1e-5));
    double[] r = secret("rsqrt", 0, -4, 0x1p39, 0x1p-18);
    assertThat(r[0]).isCloseTo(512, within(512 * 1e-5));
    assertThat(r[1]).isCloseTo(512, within(512 * 1e-5));
    assertThat(r[2]).isCloseTo(0, within(ULP)); // beyond the window (true 2^-19.5)
    assertThat(r[3]).isCloseTo(512, within(512 * 1e-5));
  }

  @Test
  void sigmoidTanhErfSaturateCleanly() {
    double[] s = secret("logistic", -1e6, -40, 40, 1e6);
    assertThat(s).containsExactly(new double[] {0, 0, 1, 1}, within(2 * ULP));
    double[] t = secret("tanh", -1e6, -9, 9, 1e6);
    assertThat(t).containsExactly(new double[] {-1, -1, 1, 1}, within(2 * ULP));
    double[] e = secret("erf", -1e6, -5, 5, 1e6);
    assertThat(e).containsExactly(new double[] {-1, -1, 1, 1}, within(2 * ULP));
  }

  @Test
  void publicOperandsAreComputedInDoubleAndRejectedOutsideTheDomain() {
    double[] r = eval(cluster, "log", Visibility.PUBLIC, 1, Math.E, 0.5);
    assertThat(r).containsExactly(new double[] {0, 1, Math.log(0.5)}, within(ULP));
    assertThat(eval(cluster, "erf", Visibility.PUBLIC, 0.5)[0])
        .isCloseTo(0.5204998778130465, within(ULP));
    for (String[] bad : new String[][] {{"log", "0"}, {"sqrt", "-1"}, {"reciprocal", "0"}}) {
      try (LocalCluster c = new LocalCluster(RuntimeConfig.defaults("ref2k", 1))) {
        assertThatThrownBy(() -> eval(c, bad[0], Visibility.PUBLIC, 1, Double.parseDouble(bad[1])))
            .isInstanceOf(PartyFailureException.class)
            .hasMessageContaining("pphlo." + bad[0])
            .hasMessageContaining("element 1")
            .hasMessageNotContaining(bad[1] + ".0");
      }
    }
  }

  @Test
  void alternativeMethodsAreSelectableAndCheaper() {
    RuntimeConfig cheap =
        RuntimeConfig.defaults("aby3", 3)
            .withMath(
                MathOptions.DEFAULT
                    .withExp(MathOptions.Exp.LIMIT)
                    .withSigmoid(MathOptions.Sigmoid.LINEAR));
    try (LocalCluster c = new LocalCluster(cheap)) {
      MathCatalog.Function exp = MathAccuracyTest.function("exp");
      AccuracyRunner.Result limit = AccuracyRunner.run(c, exp, 200, 3);
      AccuracyRunner.Result split = AccuracyRunner.run(cluster, exp, 200, 3);
      assertThat(limit.rounds()).isLessThan(split.rounds());
      assertThat(limit.maxErrOverTol()).isGreaterThan(1); // the limit form misses the target
      double[] near = eval(c, "exponential", Visibility.SECRET, 0.5, -0.5);
      assertThat(near[0]).isCloseTo(Math.exp(0.5), within(1e-3));
      assertThat(near[1]).isCloseTo(Math.exp(-0.5), within(1e-3));
      double[] lin = eval(c, "logistic", Visibility.SECRET, 0, 2, -10, 10);
      assertThat(lin).containsExactly(new double[] {0.5, 0.75, 0, 1}, within(2 * ULP));
    }
  }

  @Test
  void doubleErfAgreesWithKnownValues() {
    double[][] known = {
      {0, 0},
      {0.1, 0.1124629160182849},
      {0.5, 0.5204998778130465},
      {1, 0.8427007929497149},
      {2, 0.9953222650189527},
      {2.5, 0.9995930479825550},
      {3, 0.9999779095030014},
      {4, 0.9999999845827421},
      {-1.5, -0.9661051464753108},
      {6, 1.0}
    };
    for (double[] k : known) {
      assertThat(Erf.erf(k[0])).as("erf(%s)", k[0]).isCloseTo(k[1], within(1e-14));
    }
  }
}
