package dev.spu.nn;

import dev.spu.tensor.SecretTensor;
import java.util.List;

/**
 * A first-order optimizer in two forms that agree: {@link #update} traced into the training step
 * (parameters and state stay on the device, secret-shared, between steps) and {@link #updatePlain}
 * in double precision for the plaintext twin.
 *
 * <p>State: {@link #slots()} tensors per parameter, each of the parameter's shape, zero initially,
 * laid out parameter-major ({@code state[i · slots + s]}). Step-dependent scalars (Adam's bias
 * corrections) are public: {@link #schedule} computes them on the driver for step t and the trainer
 * passes them as a public argument, so the traced program is the same for every step.
 */
public interface Optimizer {
  /** e.g. {@code sgd}, {@code adam}, {@code amsgrad}. */
  String name();

  double learningRate();

  /**
   * The factor the trainer multiplies the loss by before differentiating (1: none). An optimizer
   * that wants {@code c·∇loss} rather than {@code ∇loss} says so here, so that the scaling happens
   * on the loss's public cotangent seed and costs no product over the parameters.
   */
  default double gradientScale() {
    return 1;
  }

  /** State tensors per parameter. */
  int slots();

  /** How many public per-step scalars {@link #schedule} returns (0: none). */
  default int scheduleSize() {
    return 0;
  }

  /** The public scalars for step {@code t} (1-based). */
  default double[] schedule(long t) {
    return new double[0];
  }

  /** New parameters and new state after one step. */
  record Update(List<SecretTensor> params, List<SecretTensor> state) {}

  /**
   * Records one step. {@code schedule} is a public vector of {@link #scheduleSize()} elements, or
   * null when that is 0.
   */
  Update update(
      List<SecretTensor> params,
      List<SecretTensor> grads,
      List<SecretTensor> state,
      SecretTensor schedule);

  /**
   * {@link #update} on a device whose fixed-point encoding has {@code fractionBits} fraction bits
   * (what {@link dev.spu.nn.train.Trainer} calls). An optimizer may use f to place its truncations
   * (see {@link Sgd}); the default ignores it.
   */
  default Update update(
      List<SecretTensor> params,
      List<SecretTensor> grads,
      List<SecretTensor> state,
      SecretTensor schedule,
      int fractionBits) {
    return update(params, grads, state, schedule);
  }

  /** One step in double precision, in place on {@code params} and {@code state}. */
  void updatePlain(
      List<DoubleTensor> params,
      List<DoubleTensor> grads,
      List<DoubleTensor> state,
      double[] sched);

  String describe();
}
