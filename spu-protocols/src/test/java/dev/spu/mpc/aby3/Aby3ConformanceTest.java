package dev.spu.mpc.aby3;

import dev.spu.mpc.ProtocolConformanceTest;

/** The shared conformance suite on ABY3 with its three parties. */
class Aby3ConformanceTest extends ProtocolConformanceTest {
  @Override
  protected String protocol() {
    return "aby3";
  }

  @Override
  protected int parties() {
    return 3;
  }
}
