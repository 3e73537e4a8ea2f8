package dev.spu.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.pphlo.DType;
import org.junit.jupiter.api.Test;

/** The README's example, kept compiling and correct. */
class MillionairesExampleTest {
  @Test
  void whoIsRicher() {
    // --- README example start
    try (Device spu = Spu.simulate(SimConfig.of("aby3", 3))) {
      // Each owner secret-shares its wealth; no party ever sees it.
      SecretTensor alice = spu.input("alice", new long[] {1_200_000}, DType.I64);
      SecretTensor bob = spu.input("bob", new long[] {950_000}, DType.I64);

      // Traced once into PPHLO, then run by the three parties on their shares.
      JitFunction<SecretTensor> richer =
          spu.jit((a, b) -> a.greater(b).select(spu.constant(1L), spu.constant(2L)));
      System.out.println(richer.text(alice, bob)); // "pphlo.greater", "pphlo.select" on !pphlo.sec

      // Only the answer is revealed, and only to the two owners.
      long who = richer.call(alice, bob).revealTo("alice").getLong(0); // 1 = alice, 2 = bob
      // --- README example end
      assertThat(who).isEqualTo(1);
      assertThat(richer.text(alice, bob))
          .contains("\"pphlo.greater\"")
          .contains("\"pphlo.select\"")
          .contains("tensor<1x!pphlo.sec<i64>>")
          .contains("tensor<1x!pphlo.sec<i1>>");
      assertThat(richer.call(bob, alice).revealTo("bob").getLong(0)).isEqualTo(2);
    }
  }
}
