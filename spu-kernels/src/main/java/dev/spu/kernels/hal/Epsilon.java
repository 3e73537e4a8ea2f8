package dev.spu.kernels.hal;

import dev.spu.pphlo.TensorType;
import java.util.Arrays;

/**
 * The {@code epsilon} op: the smallest positive fixed-point value, 2^−f, whose ring encoding is 1
 * whatever f is (the rsqrt pass adds it to keep rsqrt's argument positive).
 */
public final class Epsilon {
  private Epsilon() {}

  public static HalValue of(TensorType t) {
    if (t.isSecret() || !t.dtype().isFixedPoint()) {
      throw new IllegalArgumentException(
          "hal.epsilon: expected a public fixed-point type, got " + t);
    }
    long[] one = new long[t.numElements()];
    Arrays.fill(one, 1L);
    return HalValue.ofPublic(t, one);
  }
}
