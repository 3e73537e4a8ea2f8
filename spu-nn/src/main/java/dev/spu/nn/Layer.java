package dev.spu.nn;

import dev.spu.tensor.SecretTensor;
import java.util.List;

/**
 * One layer of a network, in two forms that must agree: {@link #forward} on {@link SecretTensor}s
 * (traced into PPHLO and differentiated by autodiff; parameters and data may each be public or
 * secret) and {@link #forwardPlain} on doubles with a hand-written backward pass (the plaintext
 * twin the private training is measured against).
 *
 * <p>Layers are stateless descriptions: parameters are passed in (in {@link #parameters} order), so
 * one layer object serves the private model, its plaintext twin and any number of traces. Tensors
 * are batched: dimension 0 is the batch; shapes given to {@link #outputShape} and {@link
 * #parameters} are those of one example.
 */
public interface Layer {
  /** The output shape of one example given its input shape; fails on an incompatible input. */
  int[] outputShape(int[] inputShape);

  /** The parameters for that input shape, in the order {@link #forward} takes them. */
  default List<ParamSpec> parameters(int[] inputShape) {
    return List.of();
  }

  /** The batched forward pass, recorded as PPHLO ops. */
  SecretTensor forward(List<SecretTensor> params, SecretTensor x);

  /** The batched forward pass in double precision, with its backward pass. */
  Plain forwardPlain(List<DoubleTensor> params, DoubleTensor x);

  /** A short description, e.g. {@code Dense(784→128)}. */
  String describe();

  /** A plaintext forward result and how to propagate a gradient back through it. */
  record Plain(DoubleTensor output, Backward backward) {}

  /** The backward pass of one plaintext forward call. */
  @FunctionalInterface
  interface Backward {
    /**
     * Adds ∂loss/∂param into {@code paramGrads} (same order and shapes as the parameters) given
     * ∂loss/∂output, and returns ∂loss/∂input, or null when {@code needInput} is false (the first
     * layer: the data needs no gradient).
     */
    DoubleTensor apply(DoubleTensor gradOutput, List<DoubleTensor> paramGrads, boolean needInput);
  }
}
