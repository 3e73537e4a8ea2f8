package dev.spu.kernels.accuracy;

class Semi2k3MathAccuracyTest extends MathAccuracyTest {
  @Override
  protected String protocol() {
    return "semi2k";
  }

  @Override
  protected int parties() {
    return 3;
  }
}
