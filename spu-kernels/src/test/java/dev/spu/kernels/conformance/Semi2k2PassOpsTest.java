package dev.spu.kernels.conformance;

/** The pass-op conformance suite on semi2k, 2 parties. */
class Semi2k2PassOpsTest extends PassOpsConformanceTest {
  @Override
  protected String protocol() {
    return "semi2k";
  }

  @Override
  protected int parties() {
    return 2;
  }
}
