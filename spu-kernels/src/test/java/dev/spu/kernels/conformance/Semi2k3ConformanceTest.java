package dev.spu.kernels.conformance;

/** The HAL conformance suite on SEMI2K with 3 parties (and the dealer). */
class Semi2k3ConformanceTest extends HalConformanceTest {
  @Override
  protected String protocol() {
    return "semi2k";
  }

  @Override
  protected int parties() {
    return 3;
  }
}
