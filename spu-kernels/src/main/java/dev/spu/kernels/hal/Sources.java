package dev.spu.kernels.hal;

import dev.spu.pphlo.DType;
import dev.spu.pphlo.DenseElements;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;

/** Public sources: constants and iota, encoded once on every party. */
public final class Sources {
  private Sources() {}

  /**
   * A constant in ring encoding: integers as they are, i1 as 0/1, floats as round(x·2^f). An
   * infinite float saturates to the edge of the encodable range (so that a {@code reduce} max with
   * init −inf works); NaN and finite values outside the range are rejected.
   */
  public static HalValue constant(Hal h, DenseElements value) {
    TensorType t = value.type();
    DType d = value.dtype();
    if (d.isFixedPoint()) {
      double[] x = value.doubles();
      long[] r = new long[x.length];
      for (int i = 0; i < x.length; i++) {
        r[i] =
            Double.isInfinite(x[i])
                ? (x[i] > 0 ? FixedPoint.maxRing() : -FixedPoint.maxRing())
                : FixedPoint.encode(x[i], h.fracBits());
      }
      return HalValue.ofPublic(t, r);
    }
    long[] x = value.longs();
    if (d == DType.I1) {
      for (int i = 0; i < x.length; i++) {
        x[i] = x[i] != 0 ? 1 : 0;
      }
    }
    return HalValue.ofPublic(t, x);
  }

  /** iota: element value = its coordinate along {@code dim} (public). */
  public static HalValue iota(Hal h, TensorType type, int dim) {
    Shape s = type.shape();
    int n = s.numElements();
    int stride = s.strides()[dim];
    int size = s.dim(dim);
    long scale = type.dtype().isFixedPoint() ? 1L << h.fracBits() : 1L;
    long[] r = new long[n];
    for (int j = 0; j < n; j++) {
      r[j] = ((j / stride) % size) * scale;
    }
    HalValue v = HalValue.ofPublic(type.withVisibility(dev.spu.pphlo.Visibility.PUBLIC), r);
    return type.isSecret() ? h.toSecret(v) : v;
  }
}
