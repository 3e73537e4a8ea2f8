package dev.spu.kernels.conformance;

/** The HAL conformance suite on ABY3 (3-party replicated sharing). */
class Aby3ConformanceTest extends HalConformanceTest {
  @Override
  protected String protocol() {
    return "aby3";
  }

  @Override
  protected int parties() {
    return 3;
  }
}
