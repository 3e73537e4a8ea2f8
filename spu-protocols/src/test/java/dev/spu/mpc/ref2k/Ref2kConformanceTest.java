package dev.spu.mpc.ref2k;

import dev.spu.mpc.ProtocolConformanceTest;

class Ref2kConformanceTest extends ProtocolConformanceTest {
  @Override
  protected String protocol() {
    return "ref2k";
  }

  @Override
  protected int parties() {
    return 2;
  }
}
