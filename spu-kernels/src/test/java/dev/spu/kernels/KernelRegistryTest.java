package dev.spu.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spu.kernels.hal.UnsupportedOpException;
import dev.spu.pphlo.OpDef;
import dev.spu.pphlo.OpRegistry;
import org.junit.jupiter.api.Test;

class KernelRegistryTest {
  @Test
  void everyRegisteredOpHasAKernel() {
    KernelRegistry k = KernelRegistry.standard();
    for (OpDef d : OpRegistry.all()) {
      assertThat(k.contains(d.name())).as("kernel for pphlo." + d.name()).isTrue();
    }
  }

  @Test
  void unknownOpsAreAClearError() {
    assertThatThrownBy(() -> KernelRegistry.standard().get("pphlo.frobnicate"))
        .isInstanceOf(UnsupportedOpException.class)
        .hasMessageContaining("pphlo.frobnicate");
  }

  @Test
  void registeringTwiceFails() {
    assertThatThrownBy(() -> KernelRegistry.builder().addStandard().add("add", (h, o, in) -> in))
        .isInstanceOf(IllegalStateException.class);
  }
}
