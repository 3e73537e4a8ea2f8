package dev.spu.pphlo;

import java.util.Arrays;

/**
 * The payload of a {@code constant}: integer elements as {@code long[]} or floating-point elements
 * as {@code double[]} (exactly one is non-null), with the public tensor type they form. Printed as
 * {@code dense<[[1, 2], [3, 4]]> : tensor<2x2xi32>} (a splat prints a single element).
 */
public final class DenseElements {
  private final Shape shape;
  private final DType dtype;
  private final long[] ints;
  private final double[] floats;

  private DenseElements(Shape shape, DType dtype, long[] ints, double[] floats) {
    this.shape = shape;
    this.dtype = dtype;
    this.ints = ints;
    this.floats = floats;
  }

  public static DenseElements ofInts(Shape shape, DType dtype, long[] values) {
    if (dtype.isFixedPoint()) {
      throw new IllegalArgumentException("integer payload for floating type " + dtype);
    }
    checkSize(shape, values.length);
    return new DenseElements(shape, dtype, values.clone(), null);
  }

  public static DenseElements ofFloats(Shape shape, DType dtype, double[] values) {
    if (!dtype.isFixedPoint()) {
      throw new IllegalArgumentException("floating payload for integer type " + dtype);
    }
    checkSize(shape, values.length);
    return new DenseElements(shape, dtype, null, values.clone());
  }

  private static void checkSize(Shape shape, int n) {
    if (n != shape.numElements() && n != 1) {
      throw new IllegalArgumentException(
          "dense payload has " + n + " elements, shape " + shape + " needs " + shape.numElements());
    }
  }

  public Shape shape() {
    return shape;
  }

  public DType dtype() {
    return dtype;
  }

  /** The public tensor type of the constant. */
  public TensorType type() {
    return new TensorType(shape, dtype, Visibility.PUBLIC);
  }

  public boolean isSplat() {
    return (ints != null ? ints.length : floats.length) == 1 && shape.numElements() != 1;
  }

  /** All elements as long (splats expanded); only for integer types. */
  public long[] longs() {
    if (ints == null) {
      throw new IllegalStateException("constant of type " + dtype + " has no integer payload");
    }
    return expand(ints);
  }

  /** All elements as double (splats expanded); integers are converted. */
  public double[] doubles() {
    if (floats != null) {
      if (floats.length == shape.numElements()) {
        return floats.clone();
      }
      double[] out = new double[shape.numElements()];
      Arrays.fill(out, floats[0]);
      return out;
    }
    long[] l = longs();
    double[] out = new double[l.length];
    for (int i = 0; i < l.length; i++) {
      out[i] = l[i];
    }
    return out;
  }

  /** The stored elements, not expanded (length 1 for a splat). */
  public long[] rawLongs() {
    return ints == null ? null : ints.clone();
  }

  public double[] rawDoubles() {
    return floats == null ? null : floats.clone();
  }

  private long[] expand(long[] v) {
    if (v.length == shape.numElements()) {
      return v.clone();
    }
    long[] out = new long[shape.numElements()];
    Arrays.fill(out, v[0]);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DenseElements d
        && shape.equals(d.shape)
        && dtype == d.dtype
        && Arrays.equals(ints, d.ints)
        && Arrays.equals(floats, d.floats);
  }

  @Override
  public int hashCode() {
    return shape.hashCode() * 31 + Arrays.hashCode(ints) + Arrays.hashCode(floats);
  }
}
