package dev.spu.nn;

import dev.spu.tensor.SecretTensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Stochastic gradient descent with (heavy-ball) momentum, PyTorch's form {@code v ← μ·v + g},
 * {@code w ← w − lr·v}, run on the <b>scaled momentum</b> {@code u = lr·v}: {@code u ← μ·u + lr·g},
 * {@code w ← w − u}. For a constant lr this is the same algorithm (same parameters after every
 * step); the state slot holds u, not v. With μ = 0 there is no state: {@code w ← w − lr·g}.
 *
 * <p><b>One truncation per parameter.</b> {@code μ·u + lr·g} is traced as one fixed-point
 * expression: both terms are secret × public <em>integer</em> products with the coefficients scaled
 * by 2^f ({@code K_μ = round(μ·2^f)}, {@code K_lr = round(lr·2^f)}; int × fixed needs no
 * truncation), their sum is then multiplied by the public fixed-point 2^−f (encoded exactly as 1),
 * the only fixed × fixed product and so the only truncation; {@code w − u} is local. The
 * coefficients carry the same 2^−(f+1) rounding as fixed-point constants would, and the product
 * before the truncation is as large as any fixed × fixed product's ({@code |u|·2^2f}). The textbook
 * form truncates twice (μ·v and lr·v). f comes from the device through {@link
 * Optimizer#update(List, List, List, SecretTensor, int)}; the four-argument {@link #update} assumes
 * the default f = 18. The plaintext twin runs the same u recursion in double.
 *
 * <p><b>Folded learning rate</b> ({@link #folded}): {@code lr·g} is instead obtained by
 * differentiating {@code lr·loss} ({@link #gradientScale}): lr multiplies the loss's public
 * cotangent and reaches the parameters through the backward pass's existing products, and the step
 * is {@code u ← μ·u + g'}, {@code w ← w − u} (also one truncation; the state is u as well). The
 * price is precision: the backward pass carries values lr times smaller in fixed point.
 */
public final class Sgd implements Optimizer {
  /** The default momentum (MP-SPDZ's and Keras' common choice for these networks). */
  public static final double DEFAULT_MOMENTUM = 0.9;

  /** The fraction bits the four-argument {@link #update} assumes (the runtime's default). */
  public static final int DEFAULT_FRACTION_BITS = 18;

  private final double lr;
  private final double momentum;
  private final boolean folded;

  public Sgd(double lr) {
    this(lr, DEFAULT_MOMENTUM);
  }

  public Sgd(double lr, double momentum) {
    this(lr, momentum, false);
  }

  /** With {@code folded}, lr is applied through the loss (see the class comment). */
  public static Sgd folded(double lr, double momentum) {
    return new Sgd(lr, momentum, true);
  }

  private Sgd(double lr, double momentum, boolean folded) {
    if (!(lr > 0) || !(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException(
          "sgd: need lr > 0 and 0 <= momentum < 1, got lr=" + lr + " momentum=" + momentum);
    }
    this.lr = lr;
    this.momentum = momentum;
    this.folded = folded;
  }

  @Override
  public double gradientScale() {
    return folded ? lr : 1;
  }

  @Override
  public String name() {
    return "sgd";
  }

  @Override
  public double learningRate() {
    return lr;
  }

  public double momentum() {
    return momentum;
  }

  @Override
  public int slots() {
    return momentum == 0 ? 0 : 1;
  }

  @Override
  public Update update(
      List<SecretTensor> params,
      List<SecretTensor> grads,
      List<SecretTensor> state,
      SecretTensor schedule) {
    return update(params, grads, state, schedule, DEFAULT_FRACTION_BITS);
  }

  @Override
  public Update update(
      List<SecretTensor> params,
      List<SecretTensor> grads,
      List<SecretTensor> state,
      SecretTensor schedule,
      int fractionBits) {
    long kMu = 0;
    long kLr = 0;
    double unscale = Math.scalb(1.0, -fractionBits); // encodes as exactly 1 at f fraction bits
    if (momentum != 0 && !folded) {
      kMu = Math.round(Math.scalb(momentum, fractionBits));
      kLr = Math.round(Math.scalb(lr, fractionBits));
      if (kLr == 0) {
        throw new IllegalArgumentException(
            "sgd: lr="
                + lr
                + " is below the fixed-point resolution 2^-"
                + fractionBits
                + "; use a larger lr or more fraction bits");
      }
    }
    List<SecretTensor> p = new ArrayList<>();
    List<SecretTensor> s = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      SecretTensor g = grads.get(i);
      SecretTensor step;
      if (momentum == 0) {
        step = folded ? g : g.mul(lr);
      } else if (folded) {
        step = state.get(i).mul(momentum).add(g);
        s.add(step);
      } else {
        // (K_μ·u + K_lr·g) · 2^−f: two untruncated int × fixed products, one truncation.
        step = state.get(i).mul(kMu).add(g.mul(kLr)).mul(unscale);
        s.add(step);
      }
      p.add(params.get(i).sub(step));
    }
    return new Update(p, s);
  }

  /** The scaled-momentum recursion in double: {@code u ← μ·u + lr·g}, {@code w ← w − u}. */
  @Override
  public void updatePlain(
      List<DoubleTensor> params,
      List<DoubleTensor> grads,
      List<DoubleTensor> state,
      double[] sched) {
    for (int i = 0; i < params.size(); i++) {
      double[] w = params.get(i).data();
      double[] g = grads.get(i).data();
      double[] u = momentum != 0 ? state.get(i).data() : null;
      for (int j = 0; j < w.length; j++) {
        double step = lr * g[j];
        if (u != null) {
          step = u[j] = momentum * u[j] + step;
        }
        w[j] -= step;
      }
    }
  }

  @Override
  public String describe() {
    return "sgd(lr=" + lr + ", momentum=" + momentum + (folded ? ", lr folded" : "") + ")";
  }
}
