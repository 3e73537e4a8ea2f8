package dev.spu.nn;

import dev.spu.pphlo.DType;
import dev.spu.tensor.SecretTensor;

/** Compositions of SecretTensor ops the layers and losses share. */
final class Ops {
  private Ops() {}

  /** ReLU as {@code select(x > 0, x, 0)}. */
  static SecretTensor relu(SecretTensor x) {
    return x.greater(0.0).select(x, x.zerosLike());
  }

  /**
   * The row maximum over the last axis, {@code [B, C] → [B, 1]}, as a constant for differentiation:
   * computed on the integer parts ({@code convert} to i32 truncates the fraction, and integer
   * values carry no gradient), so shifting logits by it before {@code exp} is exact (log-sum-exp is
   * shift invariant) and costs no backward pass through the max tree. The shifted logits are at
   * most 1.
   */
  static SecretTensor rowMaxNoGrad(SecretTensor z) {
    int last = z.rank() - 1;
    return z.cast(DType.I32).max(new int[] {last}, true).cast(z.dtype());
  }
}
