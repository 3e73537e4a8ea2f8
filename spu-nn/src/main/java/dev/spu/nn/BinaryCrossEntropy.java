package dev.spu.nn;

import dev.spu.tensor.SecretTensor;

/**
 * Binary cross-entropy on logits (logistic loss) {@code z[B, 1]} against 0/1 targets {@code y[B,
 * 1]}: {@code mean(softplus(z) − y·z)}, i.e. {@code −mean(y·log σ(z) + (1−y)·log(1−σ(z)))}; its
 * gradient is {@code (σ(z) − y)/B}.
 *
 * <p>Traced in the stable form {@code softplus(z) = (z + |z|)/2 + log(1 + exp(−|z|))} with {@code
 * |z| = select(z > 0, z, −z)}: one comparison (autodiff's backward selects on the same predicate),
 * {@code exp} of a non-positive argument and {@code log} on [1, 2], the fixed-point functions' most
 * accurate ranges, whatever the logits' size.
 */
public final class BinaryCrossEntropy implements Loss {
  @Override
  public SecretTensor apply(SecretTensor z, SecretTensor y) {
    SecretTensor abs = z.greater(0.0).select(z, z.neg());
    SecretTensor softplus = z.add(abs).mul(0.5).add(abs.neg().exp().log1p());
    return softplus.sub(y.mul(z)).mean();
  }

  @Override
  public double plain(DoubleTensor output, DoubleTensor target, DoubleTensor gradOutput) {
    double[] z = output.data();
    double[] y = target.data();
    double[] g = gradOutput.data();
    int n = z.length;
    double total = 0;
    for (int i = 0; i < n; i++) {
      // softplus(z) = max(z, 0) + log1p(exp(−|z|)), stable for any z
      double sp = Math.max(z[i], 0) + Math.log1p(Math.exp(-Math.abs(z[i])));
      total += sp - y[i] * z[i];
      g[i] = (1 / (1 + Math.exp(-z[i])) - y[i]) / n;
    }
    return total / n;
  }

  @Override
  public String describe() {
    return "binary-cross-entropy";
  }
}
