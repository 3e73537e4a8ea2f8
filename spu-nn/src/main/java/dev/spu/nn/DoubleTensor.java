package dev.spu.nn;

import java.util.Arrays;

/**
 * A plaintext row-major tensor of doubles: the data type of the double-precision twin of every
 * layer, loss and optimizer (the oracle private training is compared against). Mutable on purpose
 * (optimizers update in place); no secret ever lives here, only public or revealed values.
 */
public final class DoubleTensor {
  private final int[] shape;
  private final double[] data;

  public DoubleTensor(int[] shape, double[] data) {
    this.shape = shape.clone();
    if (numElements(shape) != data.length) {
      throw new IllegalArgumentException(
          "shape "
              + Arrays.toString(shape)
              + " needs "
              + numElements(shape)
              + " values, got "
              + data.length);
    }
    this.data = data;
  }

  public static DoubleTensor zeros(int... shape) {
    return new DoubleTensor(shape, new double[numElements(shape)]);
  }

  public static int numElements(int[] shape) {
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      }
      n *= d;
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("too many elements: " + Arrays.toString(shape));
    }
    return (int) n;
  }

  public int[] shape() {
    return shape.clone();
  }

  public int dim(int i) {
    return shape[i];
  }

  public int rank() {
    return shape.length;
  }

  /** The backing array (row-major, not a copy). */
  public double[] data() {
    return data;
  }

  public int size() {
    return data.length;
  }

  /** The same data seen with another shape of equal size. */
  public DoubleTensor reshape(int... newShape) {
    return new DoubleTensor(newShape, data);
  }

  public DoubleTensor copy() {
    return new DoubleTensor(shape, data.clone());
  }

  @Override
  public String toString() {
    return "DoubleTensor" + Arrays.toString(shape);
  }
}
