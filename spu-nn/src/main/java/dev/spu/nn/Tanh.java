package dev.spu.nn;

import dev.spu.tensor.SecretTensor;
import java.util.List;

/** The hyperbolic tangent, traced as the PPHLO {@code tanh} op. */
public final class Tanh extends Activation {
  @Override
  public SecretTensor forward(List<SecretTensor> p, SecretTensor x) {
    return x.tanh();
  }

  @Override
  double apply(double x) {
    return Math.tanh(x);
  }

  @Override
  double derivative(double x, double y) {
    return 1 - y * y;
  }

  @Override
  public String describe() {
    return "Tanh";
  }
}
