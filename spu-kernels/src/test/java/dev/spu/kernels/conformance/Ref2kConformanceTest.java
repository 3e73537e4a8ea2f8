package dev.spu.kernels.conformance;

/** The HAL conformance suite on REF2K (plaintext reference protocol), 2 parties. */
class Ref2kConformanceTest extends HalConformanceTest {
  @Override
  protected String protocol() {
    return "ref2k";
  }

  @Override
  protected int parties() {
    return 2;
  }
}
