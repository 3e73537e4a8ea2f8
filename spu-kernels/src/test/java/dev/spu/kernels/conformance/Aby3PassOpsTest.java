package dev.spu.kernels.conformance;

/** The pass-op conformance suite on aby3, 3 parties. */
class Aby3PassOpsTest extends PassOpsConformanceTest {
  @Override
  protected String protocol() {
    return "aby3";
  }

  @Override
  protected int parties() {
    return 3;
  }
}
