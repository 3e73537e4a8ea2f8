package dev.spu.nn;

import dev.spu.tensor.SecretTensor;
import java.util.List;

/**
 * Average pooling over k×k windows (stride k by default) on NCHW: {@code reduce_window} (add) times
 * the public constant 1/k² (SecretTensor's {@code avgPool2d}).
 */
public final class AvgPool2D extends Pool2D {
  public AvgPool2D(int k) {
    this(k, k);
  }

  public AvgPool2D(int k, int stride) {
    super(k, stride);
  }

  @Override
  public SecretTensor forward(List<SecretTensor> p, SecretTensor x) {
    return x.avgPool2d(window(), strides(), NO_PADDING);
  }

  @Override
  public Plain forwardPlain(List<DoubleTensor> p, DoubleTensor x) {
    int[] xs = x.shape();
    int[] os = outShape(xs, k, stride);
    double[] xd = x.data();
    double[] y = new double[DoubleTensor.numElements(os)];
    double inv = 1.0 / (k * k);
    windows(
        xs,
        k,
        stride,
        (o, in) -> {
          double s = 0;
          for (int i : in) {
            s += xd[i];
          }
          y[o] = s * inv;
        });
    return new Plain(
        new DoubleTensor(os, y),
        (g, grads, needInput) -> {
          if (!needInput) {
            return null;
          }
          double[] dx = new double[xd.length];
          double[] gd = g.data();
          windows(
              xs,
              k,
              stride,
              (o, in) -> {
                for (int i : in) {
                  dx[i] += gd[o] * inv;
                }
              });
          return new DoubleTensor(xs, dx);
        });
  }

  @Override
  public String describe() {
    return "AvgPool2D(" + k + "x" + k + (stride != k ? ", stride " + stride : "") + ")";
  }
}
