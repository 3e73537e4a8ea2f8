package dev.spu.nn;

import dev.spu.tensor.SecretTensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba) and, with {@code amsgrad}, AMSGrad (Reddi et al.; PyTorch's form with bias
 * correction): {@code m ← β1·m + (1−β1)·g}, {@code v ← β2·v + (1−β2)·g²} (AMSGrad: {@code v̄ ←
 * max(v̄, v)} used in place of v), {@code w ← w − lr · m̂ / (sqrt(v̂) + eps)} with {@code m̂ =
 * m/(1−β1^t)}, {@code v̂ = v/(1−β2^t)}.
 *
 * <p><b>Fixed point.</b> {@code eps} defaults to 2^−10: the textbook 1e−8 encodes to 0 at 18
 * fraction bits. The private form keeps the state scaled, {@code m' = m/(1−β1)} and {@code v' =
 * v/(1−β2)}, i.e. {@code m' ← β1·m' + g} and {@code v' ← β2·v' + g²}: the same algorithm (the
 * constants move into the public per-step scalars {@code k1 = lr·(1−β1)/(1−β1^t)} and {@code k2 =
 * (1−β2)/(1−β2^t)}), but {@code (1−β2)·g²} would underflow to 0 at 2^−18 resolution for typical
 * gradients, and it saves two truncations per element. The step is traced as {@code (k1·m') /
 * (sqrt(k2·v') + eps)}: {@code sqrt}, {@code add} and {@code divide} ops, the pattern the rsqrt
 * pass rewrites. The plaintext twin runs the textbook form.
 */
public final class Adam implements Optimizer {
  /** The default eps: representable at 18 fraction bits (1e-8 is not). */
  public static final double DEFAULT_EPS = 0x1p-10;

  private final double lr;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final boolean amsgrad;

  /** β1 = 0.9, β2 = 0.999, eps = 2^−10. */
  public Adam(double lr, boolean amsgrad) {
    this(lr, 0.9, 0.999, DEFAULT_EPS, amsgrad);
  }

  public Adam(double lr, double beta1, double beta2, double eps, boolean amsgrad) {
    if (!(lr > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
      throw new IllegalArgumentException(
          "adam: need lr > 0, 0 <= beta1, beta2 < 1, eps > 0; got lr="
              + lr
              + " beta1="
              + beta1
              + " beta2="
              + beta2
              + " eps="
              + eps);
    }
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.amsgrad = amsgrad;
  }

  @Override
  public String name() {
    return amsgrad ? "amsgrad" : "adam";
  }

  @Override
  public double learningRate() {
    return lr;
  }

  public double eps() {
    return eps;
  }

  @Override
  public int slots() {
    return amsgrad ? 3 : 2;
  }

  @Override
  public int scheduleSize() {
    return 2;
  }

  @Override
  public double[] schedule(long t) {
    double k1 = lr * (1 - beta1) / (1 - Math.pow(beta1, t));
    double k2 = (1 - beta2) / (1 - Math.pow(beta2, t));
    return new double[] {k1, k2};
  }

  @Override
  public Update update(
      List<SecretTensor> params,
      List<SecretTensor> grads,
      List<SecretTensor> state,
      SecretTensor schedule) {
    int k = slots();
    SecretTensor k1 = schedule.get(0);
    SecretTensor k2 = schedule.get(1);
    List<SecretTensor> p = new ArrayList<>();
    List<SecretTensor> s = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      SecretTensor g = grads.get(i);
      SecretTensor m = state.get(i * k).mul(beta1).add(g);
      SecretTensor v = state.get(i * k + 1).mul(beta2).add(g.mul(g));
      s.add(m);
      s.add(v);
      SecretTensor second = v;
      if (amsgrad) {
        second = state.get(i * k + 2).maximum(v);
        s.add(second);
      }
      SecretTensor step = m.mul(k1).div(second.mul(k2).sqrt().add(eps));
      p.add(params.get(i).sub(step));
    }
    return new Update(p, s);
  }

  @Override
  public void updatePlain(
      List<DoubleTensor> params,
      List<DoubleTensor> grads,
      List<DoubleTensor> state,
      double[] sched) {
    // Textbook form; sched holds the private form's scalars, from which t's corrections follow.
    int k = slots();
    double c1 = sched[0] / (lr * (1 - beta1)); // 1 / (1 − β1^t)
    double c2 = sched[1] / (1 - beta2); // 1 / (1 − β2^t)
    for (int i = 0; i < params.size(); i++) {
      double[] w = params.get(i).data();
      double[] g = grads.get(i).data();
      double[] m = state.get(i * k).data();
      double[] v = state.get(i * k + 1).data();
      double[] vmax = amsgrad ? state.get(i * k + 2).data() : null;
      for (int j = 0; j < w.length; j++) {
        m[j] = beta1 * m[j] + (1 - beta1) * g[j];
        v[j] = beta2 * v[j] + (1 - beta2) * g[j] * g[j];
        double second = v[j];
        if (vmax != null) {
          second = vmax[j] = Math.max(vmax[j], v[j]);
        }
        w[j] -= lr * (m[j] * c1) / (Math.sqrt(second * c2) + eps);
      }
    }
  }

  @Override
  public String describe() {
    return name()
        + "(lr="
        + lr
        + ", beta1="
        + beta1
        + ", beta2="
        + beta2
        + ", eps=2^"
        + Math.round(Math.log(eps) / Math.log(2))
        + ")";
  }
}
