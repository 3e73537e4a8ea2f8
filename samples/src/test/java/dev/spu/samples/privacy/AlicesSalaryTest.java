package dev.spu.samples.privacy;

import static dev.spu.tensor.testing.SpuAssertions.assertThat;
import static dev.spu.tensor.testing.SpuAssertions.withinFixedPoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spu.tensor.Device;
import dev.spu.tensor.SecretTensor;
import dev.spu.tensor.testing.MessageLog;
import dev.spu.tensor.testing.SpuProtocol;
import dev.spu.tensor.testing.SpuTest;

/**
 * Alice wants to know whether she gets Bob's raise (3 % for salaries above his threshold), without
 * telling anyone her salary and without Bob telling her his threshold.
 */
class AlicesSalaryTest {
  static final double SALARY = 73_250.5;
  static final double THRESHOLD = 70_000.25;

  @SpuTest({SpuProtocol.SEMI2K_2, SpuProtocol.SEMI2K_3, SpuProtocol.ABY3})
  void alicesSalaryNeverAppearsInPlaintextOnAnyLinkOrParty(Device spu, MessageLog wire) {
    // Alice and Bob each secret-share their number: every party gets a random-looking share.
    SecretTensor salary = spu.input("alice", SALARY);
    SecretTensor threshold = spu.input("bob", THRESHOLD);

    // The parties compute on shares only.
    SecretTensor newSalary = salary.greater(threshold).select(salary.mul(1.03), salary);

    // Only Alice learns her new salary (1.03 is a fixed-point constant: rounded by up to 2^-19).
    double[] mine = newSalary.revealDoublesTo("alice");
    assertThat(mine[0]).isCloseTo(SALARY * 1.03, org.assertj.core.api.Assertions.within(0.2));
    assertThat(newSalary).wasRevealedOnlyTo("alice");

    // Every message between parties, owners and dealer was recorded: what each party ever learns
    // arrives in one of them. Neither number, nor the new salary Alice got, was ever on the wire.
    assertThat(wire.messages()).isNotEmpty();
    assertThat(spu).neverCarriedInPlaintext(SALARY, THRESHOLD, mine[0]);
  }

  @SpuTest(SpuProtocol.REF2K)
  void theSameCheckCatchesTheInsecureReferenceProtocol(Device spu, MessageLog wire) {
    // REF2K is the plaintext oracle: the "shares" are the values. The check must notice.
    spu.input("alice", SALARY);
    assertThatThrownBy(() -> assertThat(spu).neverCarriedInPlaintext(SALARY))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("driver → party 0")
        .hasMessageNotContaining("73250");
  }

  @SpuTest(SpuProtocol.ABY3)
  void bobsThresholdStaysSecretToo(Device spu) {
    SecretTensor salary = spu.input("alice", SALARY);
    SecretTensor threshold = spu.input("bob", THRESHOLD);
    assertThat(salary).isSecret();
    assertThat(threshold).isSecret();
    assertThat(salary.sub(threshold)).isCloseTo(SALARY - THRESHOLD, withinFixedPoint());
    assertThat(threshold).wasNeverRevealed();
  }
}
