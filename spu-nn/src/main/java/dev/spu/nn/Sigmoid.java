package dev.spu.nn;

import dev.spu.tensor.SecretTensor;
import java.util.List;

/** The logistic function {@code 1 / (1 + exp(−x))}, traced as the PPHLO {@code logistic} op. */
public final class Sigmoid extends Activation {
  @Override
  public SecretTensor forward(List<SecretTensor> p, SecretTensor x) {
    return x.sigmoid();
  }

  @Override
  double apply(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Override
  double derivative(double x, double y) {
    return y * (1 - y);
  }

  @Override
  public String describe() {
    return "Sigmoid";
  }
}
