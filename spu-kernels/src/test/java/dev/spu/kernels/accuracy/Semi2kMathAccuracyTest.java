package dev.spu.kernels.accuracy;

class Semi2kMathAccuracyTest extends MathAccuracyTest {
  @Override
  protected String protocol() {
    return "semi2k";
  }

  @Override
  protected int parties() {
    return 2;
  }
}
