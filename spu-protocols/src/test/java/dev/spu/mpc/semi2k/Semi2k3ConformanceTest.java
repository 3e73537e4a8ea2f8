package dev.spu.mpc.semi2k;

import dev.spu.mpc.ProtocolConformanceTest;

class Semi2k3ConformanceTest extends ProtocolConformanceTest {
  @Override
  protected String protocol() {
    return "semi2k";
  }

  @Override
  protected int parties() {
    return 3;
  }
}
