package dev.spu.kernels.conformance;

/** The pass-op conformance suite on ref2k, 1 party. */
class Ref2kPassOpsTest extends PassOpsConformanceTest {
  @Override
  protected String protocol() {
    return "ref2k";
  }

  @Override
  protected int parties() {
    return 1;
  }
}
