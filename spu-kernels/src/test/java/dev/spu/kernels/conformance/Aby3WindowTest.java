package dev.spu.kernels.conformance;

/** The window-op conformance suite on aby3, 3 parties. */
class Aby3WindowTest extends WindowConformanceTest {
  @Override
  protected String protocol() {
    return "aby3";
  }

  @Override
  protected int parties() {
    return 3;
  }
}
