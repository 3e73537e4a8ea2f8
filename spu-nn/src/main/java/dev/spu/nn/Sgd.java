package dev.spu.nn;

import dev.spu.tensor.SecretTensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Stochastic gradient descent with (heavy-ball) momentum, PyTorch's form: {@code v ← μ·v + g},
 * {@code w ← w − lr·v}. With μ = 0 there is no state: {@code w ← w − lr·g}.
 *
 * <p><b>Folded learning rate</b> ({@link #folded}): for a constant lr the same algorithm runs on
 * {@code v' = lr·v} as {@code v' ← μ·v' + lr·g}, {@code w ← w − v'}, and {@code lr·g} is obtained
 * by differentiating {@code lr·loss} ({@link #gradientScale}): lr multiplies the loss's public
 * cotangent and reaches the parameters through the backward pass's existing products, so a step
 * costs one truncation per parameter (μ·v') instead of two. The price is precision: the backward
 * pass carries values lr times smaller in fixed point.
 */
public final class Sgd implements Optimizer {
  /** The default momentum (MP-SPDZ's and Keras' common choice for these networks). */
  public static final double DEFAULT_MOMENTUM = 0.9;

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
    List<SecretTensor> p = new ArrayList<>();
    List<SecretTensor> s = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      SecretTensor step = grads.get(i);
      if (momentum != 0) {
        step = state.get(i).mul(momentum).add(step);
        s.add(step);
      }
      p.add(params.get(i).sub(folded ? step : step.mul(lr)));
    }
    return new Update(p, s);
  }

  @Override
  public void updatePlain(
      List<DoubleTensor> params,
      List<DoubleTensor> grads,
      List<DoubleTensor> state,
      double[] sched) {
    for (int i = 0; i < params.size(); i++) {
      double[] w = params.get(i).data();
      double[] g = grads.get(i).data();
      double[] v = momentum != 0 ? state.get(i).data() : null;
      for (int j = 0; j < w.length; j++) {
        double step = g[j];
        if (v != null) {
          step = v[j] = momentum * v[j] + step;
        }
        w[j] -= lr * step;
      }
    }
  }

  @Override
  public String describe() {
    return "sgd(lr=" + lr + ", momentum=" + momentum + (folded ? ", lr folded" : "") + ")";
  }
}
