package dev.spu.nn;

import dev.spu.tensor.SecretTensor;

/**
 * Softmax cross-entropy on logits {@code z[B, C]} against one-hot (or soft) targets {@code y[B, C]}
 * (rows summing to 1): {@code mean_b(logsumexp(z_b) − ⟨y_b, z_b⟩)}. log-sum-exp shifts by the row
 * maximum taken as a constant (see {@code Ops.rowMaxNoGrad}), so autodiff's backward is {@code
 * (softmax(z) − y)/B} (one {@code exp}, one {@code log} and its reciprocal per row; no pass through
 * the max tree).
 */
public final class SoftmaxCrossEntropy implements Loss {
  @Override
  public SecretTensor apply(SecretTensor z, SecretTensor y) {
    SecretTensor m = Ops.rowMaxNoGrad(z);
    SecretTensor shifted = z.sub(m);
    SecretTensor lse = shifted.exp().sum(new int[] {1}, true).log();
    // mean over the batch of lse_b − ⟨y_b, shifted_b⟩ (the shift cancels for targets summing to 1)
    return lse.sum().sub(y.mul(shifted).sum()).div((double) z.shape().dim(0));
  }

  @Override
  public double plain(DoubleTensor output, DoubleTensor target, DoubleTensor gradOutput) {
    int b = output.dim(0);
    int c = output.dim(1);
    double[] z = output.data();
    double[] y = target.data();
    double[] g = gradOutput.data();
    double total = 0;
    for (int i = 0; i < b; i++) {
      double m = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < c; j++) {
        m = Math.max(m, z[i * c + j]);
      }
      double s = 0;
      for (int j = 0; j < c; j++) {
        s += Math.exp(z[i * c + j] - m);
      }
      double lse = m + Math.log(s);
      for (int j = 0; j < c; j++) {
        double yj = y[i * c + j];
        total += yj * (lse - z[i * c + j]);
        g[i * c + j] = (Math.exp(z[i * c + j] - lse) - yj) / b;
      }
    }
    return total / b;
  }

  @Override
  public String describe() {
    return "softmax-cross-entropy";
  }
}
