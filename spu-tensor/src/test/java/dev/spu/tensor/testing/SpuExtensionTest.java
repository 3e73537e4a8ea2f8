package dev.spu.tensor.testing;

import static dev.spu.tensor.testing.SpuAssertions.assertThat;
import static dev.spu.tensor.testing.SpuAssertions.withinAbsolute;
import static dev.spu.tensor.testing.SpuAssertions.withinFixedPoint;
import static dev.spu.tensor.testing.SpuAssertions.withinMathKernels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spu.tensor.Device;
import dev.spu.tensor.SecretTensor;
import dev.spu.tensor.SimConfig;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.factory.Nd4j;

/** The extension and the assertions, including that every check can fail with a useful message. */
@ExtendWith(SpuExtension.class)
class SpuExtensionTest {
  private static final Set<String> MATRIX_RUNS = ConcurrentHashMap.newKeySet();

  @SpuTest(matrix = true)
  void matrixRunsEachProtocolAsANamedInvocation(
      Device spu, SpuProtocol p, SimConfig cfg, TestInfo info) {
    assertThat(info.getDisplayName()).isEqualTo(p.displayName());
    assertThat(spu.protocol()).isEqualTo(p.protocol());
    assertThat(spu.parties()).isEqualTo(p.parties()).isEqualTo(cfg.parties());
    SecretTensor x = spu.input("alice", new double[] {1.5, -2, 0.25, 3}, 2, 2);
    assertThat(x.mul(x).add(1.0)).isCloseTo(new double[] {3.25, 5, 1.0625, 10}, withinFixedPoint());
    MATRIX_RUNS.add(info.getDisplayName());
  }

  @AfterAll
  static void allFourProtocolsRan() {
    assertThat(MATRIX_RUNS)
        .containsExactlyInAnyOrder(
            "ref2k (1 party)", "semi2k (2 parties)", "semi2k (3 parties)", "aby3 (3 parties)");
  }

  @Test
  void plainTestGetsTheDefaultDevice(Device spu) {
    assertThat(spu.protocol()).isEqualTo("aby3");
    assertThat(spu.fractionBits()).isEqualTo(18);
  }

  @SpuTest(value = SpuProtocol.SEMI2K_2, fractionBits = 16, seed = 7)
  void settingsComeFromTheAnnotation(Device spu, SimConfig cfg) {
    assertThat(spu.fractionBits()).isEqualTo(16);
    assertThat(cfg.seed()).isEqualTo(7L);
  }

  @SpuTest
  void closenessFailureNamesIndexExpectedAndActual(Device spu) {
    SecretTensor x = spu.input("alice", new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    assertThat(x).isCloseTo(new double[] {1, 2, 3, 4, 5, 6}, withinFixedPoint()).hasShape(2, 3);
    assertThatThrownBy(
            () -> assertThat(x).isCloseTo(new double[] {1, 2, 3, 4, 5.5, 6}, withinFixedPoint()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("1 of 6 elements differ")
        .hasMessageContaining("at index [1, 1] (flat 4)")
        .hasMessageContaining("expected 5.50000000 but was 5.00000000");
    assertThatThrownBy(() -> assertThat(x).hasShape(3, 2)).hasMessageContaining("[3, 2]");
    // INDArray in and out.
    assertThat(x)
        .isCloseTo(Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}}), withinAbsolute(0));
    assertThat(x.reveal()).isCloseTo(new double[] {1, 2, 3, 4, 5, 6}, withinFixedPoint());
    assertThatThrownBy(
            () ->
                assertThat(x.reveal())
                    .isCloseTo(new double[] {1, 2, 3, 4, 5, 7}, withinFixedPoint()))
        .hasMessageContaining("at index [1, 2] (flat 5)");
  }

  @SpuTest
  void mathToleranceAcceptsTheKernelsAndRejectsBugs(Device spu) {
    SecretTensor x = spu.input("alice", new double[] {-2, 0, 0.5, 3});
    double[] exact = new double[4];
    double[] wrong = new double[4];
    for (int i = 0; i < 4; i++) {
      double v = new double[] {-2, 0, 0.5, 3}[i];
      exact[i] = 1 / (1 + Math.exp(-v));
      wrong[i] = exact[i] + 0.01;
    }
    assertThat(x.sigmoid()).isCloseTo(exact, withinMathKernels());
    assertThatThrownBy(() -> assertThat(x.sigmoid()).isCloseTo(wrong, withinMathKernels()))
        .hasMessageContaining("4 of 4 elements differ");
  }

  @SpuTest
  void revealChecksSeeEveryRevealButTheAssertionsOwnReads(Device spu) {
    SecretTensor a = spu.input("alice", new double[] {1, 2});
    SecretTensor b = spu.input("bob", new double[] {3, 4});
    SecretTensor sum = a.add(b);
    assertThat(sum).isCloseTo(new double[] {4, 6}, withinFixedPoint()).wasNeverRevealed();
    assertThat(spu).revealedNothing();
    sum.revealTo("alice");
    assertThat(sum).wasRevealedOnlyTo("alice");
    assertThat(spu).revealedOnlyTo("alice");
    assertThat(a).wasNeverRevealed();
    assertThatThrownBy(() -> assertThat(a).wasRevealedOnlyTo("alice"))
        .hasMessageContaining("never revealed");
    sum.revealTo("bob");
    assertThatThrownBy(() -> assertThat(sum).wasRevealedOnlyTo("alice"))
        .hasMessageContaining("to bob");
    b.reveal();
    assertThatThrownBy(() -> assertThat(b).wasRevealedOnlyTo("bob"))
        .hasMessageContaining("all compute parties");
    assertThatThrownBy(() -> assertThat(spu).revealedOnlyTo("alice", "bob"))
        .hasMessageContaining("all compute parties");
  }

  @SpuTest({SpuProtocol.SEMI2K_2, SpuProtocol.ABY3})
  void linksNeverCarryAnInputInPlaintext(Device spu, MessageLog log) {
    double salary = 84_321.125;
    SecretTensor s = spu.input("alice", new double[] {salary});
    s.mul(s).greater(1e6).revealTo("alice");
    assertThat(log.messages()).isNotEmpty();
    assertThat(spu).neverCarriedInPlaintext(salary);
  }

  @SpuTest(SpuProtocol.REF2K)
  void plaintextCheckBitesOnTheInsecureReference(Device spu, MessageLog log) {
    double salary = 84_321.125;
    spu.input("alice", new double[] {salary});
    assertThatThrownBy(() -> assertThat(spu).neverCarriedInPlaintext(salary))
        .hasMessageContaining("driver → party 0")
        .hasMessageNotContaining("84321");
  }

  @SpuTest
  void byteAndRoundBudgets(Device spu) {
    SecretTensor x = spu.input("alice", new double[1000]);
    x.mul(x);
    long bytes = spu.stats().bytes();
    assertThat(bytes).isPositive();
    assertThat(spu).sentAtMostBytes(bytes).sentAtLeastBytes(bytes).usedAtMostRounds(100);
    assertThatThrownBy(() -> assertThat(spu).sentAtMostBytes(bytes - 1))
        .hasMessageContaining("at most");
  }
}
