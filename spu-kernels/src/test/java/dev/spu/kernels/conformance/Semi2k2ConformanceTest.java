package dev.spu.kernels.conformance;

/** The HAL conformance suite on SEMI2K with 2 parties (and the dealer). */
class Semi2k2ConformanceTest extends HalConformanceTest {
  @Override
  protected String protocol() {
    return "semi2k";
  }

  @Override
  protected int parties() {
    return 2;
  }
}
