package dev.spu.kernels.accuracy;

class Ref2kMathAccuracyTest extends MathAccuracyTest {
  @Override
  protected String protocol() {
    return "ref2k";
  }

  @Override
  protected int parties() {
    return 1;
  }
}
