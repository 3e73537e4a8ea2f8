package dev.spu.samples.privacy;

import static dev.spu.tensor.testing.SpuAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spu.tensor.Device;
import dev.spu.tensor.SecretTensor;
import dev.spu.tensor.testing.MessageLog;
import dev.spu.tensor.testing.SpuProtocol;
import dev.spu.tensor.testing.SpuTest;

/**
 * Alice and Bob multiply their secret numbers; the product is revealed to Alice. A party that is
 * not a reveal target — any compute party, and Bob — cannot obtain the result: during the reveal
 * the compute parties only send their shares to Alice and receive nothing, so their view holds no
 * more than the shares they already had (each alone uniformly random).
 */
class RevealTargetTest {
  @SpuTest({SpuProtocol.SEMI2K_2, SpuProtocol.SEMI2K_3, SpuProtocol.ABY3})
  void onlyTheRevealTargetObtainsTheResult(Device spu, MessageLog wire) {
    SecretTensor a = spu.input("alice", new double[] {12.5, -3.75});
    SecretTensor b = spu.input("bob", new double[] {2.5, 1.5});
    SecretTensor product = a.mul(b);

    wire.clear();
    double[] result = product.revealDoublesTo("alice");
    assertThat(result)
        .containsExactly(new double[] {31.25, -5.625}, org.assertj.core.data.Offset.offset(1e-3));

    // The reveal: shares flowed from the compute parties to Alice's side, nothing to any party.
    assertThat(wire.messages()).isNotEmpty().allMatch(m -> m.to() == wire.driver());
    assertThat(wire.toComputeParties()).isEmpty();
    // No single message carried the result; Bob was never a reader.
    assertThat(spu).neverCarriedInPlaintext(31.25, -5.625);
    assertThat(product).wasRevealedOnlyTo("alice");
  }

  @SpuTest(SpuProtocol.ABY3)
  void openingToEveryoneIsVisibleToTheSameChecks(Device spu, MessageLog wire) {
    // The contrast: reveal() opens the value to every compute party, and the checks say so.
    SecretTensor a = spu.input("alice", new double[] {12.5});
    SecretTensor b = spu.input("bob", new double[] {2.5});
    SecretTensor product = a.mul(b);
    wire.clear();
    product.reveal();
    assertThat(wire.toComputeParties()).isNotEmpty();
    assertThatThrownBy(() -> assertThat(product).wasRevealedOnlyTo("alice"))
        .hasMessageContaining("all compute parties");
  }
}
