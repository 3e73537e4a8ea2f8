package dev.spu.tensor;

import java.util.List;

/**
 * A scalar function's value together with its gradients ({@link Grad#valueAndGrad}); the forward
 * pass is traced once and shared. Same modes and rules as {@link Grad}.
 */
public final class ValueAndGrad {
  /** The loss and its gradients in argnums order. */
  public record Result(SecretTensor value, List<SecretTensor> grads) {
    public Result {
      grads = List.copyOf(grads);
    }

    /** The single gradient (one argnum). */
    public SecretTensor grad() {
      if (grads.size() != 1) {
        throw new IllegalStateException(grads.size() + " gradients; use grads()");
      }
      return grads.get(0);
    }
  }

  private final Differentiation core;

  ValueAndGrad(Differentiation core) {
    this.core = core;
  }

  public Result apply(SecretTensor... args) {
    List<SecretTensor> out = core.run(args);
    return new Result(out.get(0), out.subList(1, out.size()));
  }
}
