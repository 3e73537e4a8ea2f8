package dev.spu.trace;

import dev.spu.pphlo.TensorType;
import java.util.Arrays;
import java.util.List;

/**
 * The input signature a traced program depends on: the shape, dtype and visibility of every
 * argument, in order. Two calls with equal signatures reuse one traced {@link
 * dev.spu.pphlo.Module}; values never enter the key.
 */
public record Signature(List<TensorType> types) {
  public Signature {
    types = List.copyOf(types);
  }

  public static Signature of(TensorType... types) {
    return new Signature(Arrays.asList(types));
  }

  public int arity() {
    return types.size();
  }

  @Override
  public String toString() {
    return types.toString();
  }
}
