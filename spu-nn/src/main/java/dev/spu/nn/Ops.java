package dev.spu.nn;

import dev.spu.tensor.SecretTensor;

/** Compositions of SecretTensor ops the layers and losses share. */
final class Ops {
  private Ops() {}

  /** ReLU as {@code select(x > 0, x, 0)}. */
  static SecretTensor relu(SecretTensor x) {
    return x.maximum(0.0); // TODO select form once a public zero is available in traces
  }
}
