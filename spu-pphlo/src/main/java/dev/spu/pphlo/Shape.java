package dev.spu.pphlo;

import java.util.Arrays;

/** An immutable static tensor shape; rank 0 is a scalar. Row-major everywhere. */
public final class Shape {
  public static final Shape SCALAR = new Shape(new int[0]);

  private final int[] dims;

  private Shape(int[] dims) {
    this.dims = dims;
  }

  public static Shape of(int... dims) {
    for (int d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(dims));
      }
    }
    return dims.length == 0 ? SCALAR : new Shape(dims.clone());
  }

  public static Shape of(long... dims) {
    int[] d = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < 0 || dims[i] > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "dimension out of range in shape " + Arrays.toString(dims));
      }
      d[i] = (int) dims[i];
    }
    return of(d);
  }

  public int rank() {
    return dims.length;
  }

  public int dim(int i) {
    return dims[i];
  }

  /** A copy of the dimensions. */
  public int[] dims() {
    return dims.clone();
  }

  public long[] dimsAsLong() {
    long[] d = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      d[i] = dims[i];
    }
    return d;
  }

  /** Number of elements (1 for a scalar). Throws if it does not fit an int. */
  public int numElements() {
    long n = 1;
    for (int d : dims) {
      n *= d;
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "tensor of shape " + this + " has more than 2^31 elements");
      }
    }
    return (int) n;
  }

  /** Row-major strides in elements. */
  public int[] strides() {
    int[] s = new int[dims.length];
    int acc = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= dims[i];
    }
    return s;
  }

  /** MLIR spelling without the element type: {@code 4x3} (empty for a scalar). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < dims.length; i++) {
      if (i > 0) {
        sb.append('x');
      }
      sb.append(dims[i]);
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }
}
