package dev.spu.nn;

import dev.spu.tensor.SecretTensor;
import java.util.List;

/**
 * Softmax over the last axis: {@code e = exp(x − m)} with m the row maximum taken as a constant
 * (log-sum-exp is shift invariant, so no gradient is needed through it), then {@code e ·
 * reciprocal(Σ e)}: one reciprocal per row. For training with cross-entropy use {@link
 * SoftmaxCrossEntropy} on the logits instead (cheaper and exact); this layer is for models that
 * output probabilities.
 */
public final class Softmax implements Layer {
  @Override
  public int[] outputShape(int[] inputShape) {
    return inputShape.clone();
  }

  @Override
  public SecretTensor forward(List<SecretTensor> p, SecretTensor x) {
    SecretTensor e = x.sub(Ops.rowMaxNoGrad(x)).exp();
    return e.mul(e.sum(new int[] {x.rank() - 1}, true).reciprocal());
  }

  @Override
  public Plain forwardPlain(List<DoubleTensor> p, DoubleTensor x) {
    int[] s = x.shape();
    int c = s[s.length - 1];
    int rows = x.size() / c;
    double[] xd = x.data();
    double[] y = new double[xd.length];
    for (int r = 0; r < rows; r++) {
      double m = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < c; j++) {
        m = Math.max(m, xd[r * c + j]);
      }
      double sum = 0;
      for (int j = 0; j < c; j++) {
        y[r * c + j] = Math.exp(xd[r * c + j] - m);
        sum += y[r * c + j];
      }
      for (int j = 0; j < c; j++) {
        y[r * c + j] /= sum;
      }
    }
    return new Plain(
        new DoubleTensor(s, y),
        (g, grads, needInput) -> {
          if (!needInput) {
            return null;
          }
          double[] gd = g.data();
          double[] dx = new double[xd.length];
          for (int r = 0; r < rows; r++) {
            double dot = 0;
            for (int j = 0; j < c; j++) {
              dot += gd[r * c + j] * y[r * c + j];
            }
            for (int j = 0; j < c; j++) {
              dx[r * c + j] = y[r * c + j] * (gd[r * c + j] - dot);
            }
          }
          return new DoubleTensor(s, dx);
        });
  }

  @Override
  public String describe() {
    return "Softmax";
  }
}
