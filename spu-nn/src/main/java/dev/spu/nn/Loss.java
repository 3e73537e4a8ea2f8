package dev.spu.nn;

import dev.spu.tensor.SecretTensor;

/**
 * A training loss: the mean over the batch of a per-example loss of the network's output and the
 * target, as a scalar {@link SecretTensor} (traced, so autodiff differentiates it with the
 * network), and its double-precision twin with the gradient written out.
 */
public interface Loss {
  /** The mean loss over the batch. */
  SecretTensor apply(SecretTensor output, SecretTensor target);

  /**
   * The mean loss in double precision; writes ∂loss/∂output into {@code gradOutput} (same shape as
   * {@code output}).
   */
  double plain(DoubleTensor output, DoubleTensor target, DoubleTensor gradOutput);

  String describe();
}
