package dev.spu.nn;

import java.util.Random;

/**
 * How a parameter's initial values are drawn, from a seeded {@link Random} so that the private
 * model and its plaintext twin start from the same weights.
 */
public enum Initializer {
  /** Glorot (Xavier) uniform: U(−a, a), a = sqrt(6 / (fanIn + fanOut)) (Keras' default). */
  GLOROT_UNIFORM,
  /** He (Kaiming) normal: N(0, 2 / fanIn), for layers followed by ReLU. */
  HE_NORMAL,
  /** He uniform: U(−a, a), a = sqrt(6 / fanIn). */
  HE_UNIFORM,
  /** All zeros (biases). */
  ZEROS;

  /** {@code n} values for a parameter with the given fan-in and fan-out. */
  public double[] sample(Random rng, int n, int fanIn, int fanOut) {
    double[] v = new double[n];
    switch (this) {
      case GLOROT_UNIFORM -> uniform(rng, v, Math.sqrt(6.0 / (fanIn + fanOut)));
      case HE_UNIFORM -> uniform(rng, v, Math.sqrt(6.0 / fanIn));
      case HE_NORMAL -> {
        double sd = Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < n; i++) {
          v[i] = sd * rng.nextGaussian();
        }
      }
      case ZEROS -> {}
    }
    return v;
  }

  private static void uniform(Random rng, double[] v, double a) {
    for (int i = 0; i < v.length; i++) {
      v[i] = (2 * rng.nextDouble() - 1) * a;
    }
  }
}
