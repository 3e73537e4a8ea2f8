package dev.spu.kernels.conformance;

/** The HAL conformance suite on SEMI2K with 4 parties (and the dealer). */
class Semi2k4ConformanceTest extends HalConformanceTest {
  @Override
  protected String protocol() {
    return "semi2k";
  }

  @Override
  protected int parties() {
    return 4;
  }
}
