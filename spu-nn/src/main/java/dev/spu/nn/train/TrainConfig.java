package dev.spu.nn.train;

/**
 * Hyper-parameters of a training run shared by the private run and its plaintext twin.
 *
 * @param epochs passes over the training set
 * @param batchSize examples per step (the last batch of an epoch may be smaller)
 * @param maxSteps stop after this many steps in total (0: no limit)
 * @param seed seeds the initial parameters and the per-epoch shuffles
 */
public record TrainConfig(int epochs, int batchSize, int maxSteps, long seed) {
  public TrainConfig {
    if (epochs < 1 || batchSize < 1 || maxSteps < 0) {
      throw new IllegalArgumentException(
          "need epochs >= 1, batch >= 1, steps >= 0; got epochs="
              + epochs
              + " batch="
              + batchSize
              + " steps="
              + maxSteps);
    }
  }
}
