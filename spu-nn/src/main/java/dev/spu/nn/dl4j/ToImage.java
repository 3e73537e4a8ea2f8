package dev.spu.nn.dl4j;

import dev.spu.nn.DoubleTensor;
import dev.spu.nn.Layer;
import dev.spu.tensor.SecretTensor;
import java.util.Arrays;
import java.util.List;

/**
 * DL4J's {@code FeedForwardToCnnPreProcessor}: each flat example {@code [c·h·w]} becomes an NCHW
 * image {@code [c, h, w]} (row-major, channels first).
 */
public final class ToImage implements Layer {
  private final int c;
  private final int h;
  private final int w;

  ToImage(int c, int h, int w) {
    this.c = c;
    this.h = h;
    this.w = w;
  }

  @Override
  public int[] outputShape(int[] s) {
    if (DoubleTensor.numElements(s) != c * h * w) {
      throw new IllegalArgumentException(
          describe() + " takes examples of " + (c * h * w) + " values, got " + Arrays.toString(s));
    }
    return new int[] {c, h, w};
  }

  @Override
  public SecretTensor forward(List<SecretTensor> p, SecretTensor x) {
    return x.reshape(x.shape().dim(0), c, h, w);
  }

  @Override
  public Plain forwardPlain(List<DoubleTensor> p, DoubleTensor x) {
    int[] in = x.shape();
    return new Plain(
        x.reshape(in[0], c, h, w), (g, grads, needInput) -> needInput ? g.reshape(in) : null);
  }

  @Override
  public String describe() {
    return "ToImage(" + c + "x" + h + "x" + w + ")";
  }
}
