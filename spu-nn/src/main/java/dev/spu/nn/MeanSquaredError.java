package dev.spu.nn;

import dev.spu.tensor.SecretTensor;

/** {@code mean((output − target)²)} over all elements. */
public final class MeanSquaredError implements Loss {
  @Override
  public SecretTensor apply(SecretTensor output, SecretTensor target) {
    SecretTensor e = output.sub(target);
    return e.mul(e).mean();
  }

  @Override
  public double plain(DoubleTensor output, DoubleTensor target, DoubleTensor gradOutput) {
    double[] o = output.data();
    double[] t = target.data();
    double[] g = gradOutput.data();
    double s = 0;
    int n = o.length;
    for (int i = 0; i < n; i++) {
      double e = o[i] - t[i];
      s += e * e;
      g[i] = 2 * e / n;
    }
    return s / n;
  }

  @Override
  public String describe() {
    return "mse";
  }
}
