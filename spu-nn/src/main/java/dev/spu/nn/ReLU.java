package dev.spu.nn;

import dev.spu.tensor.SecretTensor;
import java.util.List;

/**
 * {@code max(x, 0)}, traced as {@code select(x > 0, x, 0)}: the backward pass is {@code select(p,
 * g, 0)} on the same predicate value {@code p}, so the program has one comparison per ReLU and the
 * select-reuse pass can see both selects.
 */
public final class ReLU extends Activation {
  @Override
  public SecretTensor forward(List<SecretTensor> p, SecretTensor x) {
    return Ops.relu(x);
  }

  @Override
  double apply(double x) {
    return x > 0 ? x : 0;
  }

  @Override
  double derivative(double x, double y) {
    return x > 0 ? 1 : 0;
  }

  @Override
  public String describe() {
    return "ReLU";
  }
}
