package dev.spu.kernels.accuracy;

class Aby3MathAccuracyTest extends MathAccuracyTest {
  @Override
  protected String protocol() {
    return "aby3";
  }

  @Override
  protected int parties() {
    return 3;
  }
}
