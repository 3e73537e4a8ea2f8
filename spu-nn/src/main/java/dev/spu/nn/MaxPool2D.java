package dev.spu.nn;

import dev.spu.tensor.SecretTensor;
import java.util.List;

/**
 * Max pooling over k×k windows (stride k by default) on NCHW, traced as XLA does: {@code
 * reduce_window} (max) forward, and by autodiff {@code select_and_scatter} (select {@code ≥},
 * scatter add) backward, the pattern the max-pooling pass rewrites. On ties the gradient goes to
 * the first maximal element of the window (row-major), in both forms.
 */
public final class MaxPool2D extends Pool2D {
  public MaxPool2D(int k) {
    this(k, k);
  }

  public MaxPool2D(int k, int stride) {
    super(k, stride);
  }

  @Override
  public SecretTensor forward(List<SecretTensor> p, SecretTensor x) {
    return x.maxPool2d(window(), strides(), NO_PADDING);
  }

  @Override
  public Plain forwardPlain(List<DoubleTensor> p, DoubleTensor x) {
    int[] xs = x.shape();
    int[] os = outShape(xs, k, stride);
    double[] xd = x.data();
    double[] y = new double[DoubleTensor.numElements(os)];
    int[] arg = new int[y.length];
    windows(
        xs,
        k,
        stride,
        (o, in) -> {
          int best = in[0];
          for (int i = 1; i < in.length; i++) {
            if (xd[in[i]] > xd[best]) {
              best = in[i];
            }
          }
          y[o] = xd[best];
          arg[o] = best;
        });
    return new Plain(
        new DoubleTensor(os, y),
        (g, grads, needInput) -> {
          if (!needInput) {
            return null;
          }
          double[] dx = new double[xd.length];
          double[] gd = g.data();
          for (int o = 0; o < gd.length; o++) {
            dx[arg[o]] += gd[o];
          }
          return new DoubleTensor(xs, dx);
        });
  }

  @Override
  public String describe() {
    return "MaxPool2D(" + k + "x" + k + (stride != k ? ", stride " + stride : "") + ")";
  }
}
