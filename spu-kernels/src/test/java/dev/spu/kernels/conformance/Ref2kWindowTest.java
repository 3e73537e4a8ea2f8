package dev.spu.kernels.conformance;

/** The window-op conformance suite on ref2k, 2 parties. */
class Ref2kWindowTest extends WindowConformanceTest {
  @Override
  protected String protocol() {
    return "ref2k";
  }

  @Override
  protected int parties() {
    return 2;
  }
}
