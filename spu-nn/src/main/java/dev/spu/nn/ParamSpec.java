package dev.spu.nn;

import java.util.Arrays;

/**
 * A parameter a layer owns: its name (for reports), shape, initializer and the fans the initializer
 * scales by.
 */
public record ParamSpec(String name, int[] shape, Initializer init, int fanIn, int fanOut) {
  public ParamSpec {
    shape = shape.clone();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  public int size() {
    return DoubleTensor.numElements(shape);
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }
}
