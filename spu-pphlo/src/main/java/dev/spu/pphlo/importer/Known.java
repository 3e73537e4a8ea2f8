package dev.spu.pphlo.importer;

import dev.spu.pphlo.DType;
import dev.spu.pphlo.DenseElements;
import dev.spu.pphlo.Shape;
import java.util.Arrays;
import java.util.function.ToIntFunction;

/**
 * A public value known at import time: a source constant or the result of folding one (a loop
 * counter, a broadcast constant, ...). Integers as {@code long[]} (i1 as 0/1), floats as {@code
 * double[]}; one stored element for a splat. {@code line} is the source line of the constant a
 * non-finite value came from (0 if none), so that a misplaced ±inf can be reported where it was
 * written.
 */
final class Known {
  /** Folding of non-splat values stops at this many elements (the op is emitted instead). */
  static final int FOLD_LIMIT = 1 << 16;

  final Shape shape;
  final DType dtype;
  private final long[] ints;
  private final double[] floats;
  final int line;

  private Known(Shape shape, DType dtype, long[] ints, double[] floats, int line) {
    this.shape = shape;
    this.dtype = dtype;
    this.ints = ints;
    this.floats = floats;
    this.line = line;
    int stored = ints != null ? ints.length : floats.length;
    if (stored != 1 && stored != shape.numElements()) {
      throw new IllegalArgumentException(
          stored + " elements for shape [" + shape + "] of " + shape.numElements());
    }
  }

  static Known ofLongs(Shape s, DType d, long[] v, int line) {
    if (d.isFixedPoint()) {
      double[] f = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        f[i] = v[i];
      }
      return new Known(s, d, null, f, line);
    }
    long[] c = v.clone();
    if (d.isBoolean()) {
      for (int i = 0; i < c.length; i++) {
        c[i] = c[i] != 0 ? 1 : 0;
      }
    }
    return new Known(s, d, c, null, line);
  }

  static Known ofDoubles(Shape s, DType d, double[] v, int line) {
    if (!d.isFixedPoint()) {
      long[] l = new long[v.length];
      for (int i = 0; i < v.length; i++) {
        l[i] = toLong(v[i], d);
      }
      return new Known(s, d, l, null, line);
    }
    return new Known(s, d, null, v.clone(), finiteLine(v, line));
  }

  static Known splat(Shape s, DType d, double v) {
    return ofDoubles(s, d, new double[] {v}, 0);
  }

  private static int finiteLine(double[] v, int line) {
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return line;
      }
    }
    return 0;
  }

  /** Float → integer as StableHLO converts: toward zero; i1 is x ≠ 0. */
  static long toLong(double x, DType d) {
    if (d.isBoolean()) {
      return x != 0 ? 1 : 0;
    }
    return (long) x;
  }

  boolean isFloat() {
    return floats != null;
  }

  int size() {
    return shape.numElements();
  }

  int stored() {
    return ints != null ? ints.length : floats.length;
  }

  boolean isSplat() {
    return stored() == 1;
  }

  double d(int i) {
    int j = isSplat() ? 0 : i;
    return floats != null ? floats[j] : ints[j];
  }

  long l(int i) {
    int j = isSplat() ? 0 : i;
    return ints != null ? ints[j] : toLong(floats[j], dtype);
  }

  boolean truth(int i) {
    return d(i) != 0;
  }

  /** Every element equals {@code v}. */
  boolean allEqual(double v) {
    int n = stored();
    for (int i = 0; i < n; i++) {
      double x = floats != null ? floats[i] : ints[i];
      if (!(x == v)) {
        return false;
      }
    }
    return true;
  }

  boolean isUniform() {
    return stored() > 0 && allEqual(d(0));
  }

  boolean hasNaN() {
    if (floats != null) {
      for (double x : floats) {
        if (Double.isNaN(x)) {
          return true;
        }
      }
    }
    return false;
  }

  boolean isFinite() {
    if (floats != null) {
      for (double x : floats) {
        if (!Double.isFinite(x)) {
          return false;
        }
      }
    }
    return true;
  }

  /** The PPHLO constant payload; uniform values become a splat. */
  DenseElements toDense() {
    boolean one = size() != 1 && isUniform();
    if (floats != null) {
      return DenseElements.ofFloats(shape, dtype, one ? new double[] {floats[0]} : floats);
    }
    return DenseElements.ofInts(shape, dtype, one ? new long[] {ints[0]} : ints);
  }

  /** All elements as doubles (splats expanded). */
  double[] doubles() {
    double[] out = new double[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = d(i);
    }
    return out;
  }

  long[] longs() {
    long[] out = new long[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = l(i);
    }
    return out;
  }

  /** Whether a result of shape {@code s} computed from these operands may be folded. */
  static boolean foldable(Shape s, Known... operands) {
    if (s.numElements() <= FOLD_LIMIT) {
      return true;
    }
    for (Known k : operands) {
      if (!k.isSplat()) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------ layout

  Known reshape(Shape s) {
    return new Known(s, dtype, ints, floats, line);
  }

  /**
   * The value of shape {@code out} whose element at coordinates c is this value's element {@code
   * src(c)}, or {@code fill} where src gives −1. Splat in, splat out (when the fill agrees).
   */
  Known gather(Shape out, ToIntFunction<int[]> src, Known fill) {
    int n = out.numElements();
    boolean splatOut =
        isSplat() && (fill == null || (fill.isSplat() && fill.d(0) == d(0)) || n == 0);
    int line2 = Math.max(line, fill == null ? 0 : fill.line);
    if (splatOut && n != 1) {
      return floats != null
          ? new Known(out, dtype, null, new double[] {floats[0]}, line2)
          : new Known(out, dtype, new long[] {ints[0]}, null, line2);
    }
    int[] c = new int[out.rank()];
    if (floats != null) {
      double[] r = new double[n];
      for (int i = 0; i < n; i++) {
        int j = src.applyAsInt(c);
        r[i] = j < 0 ? fill.d(0) : d(j);
        next(c, out);
      }
      return new Known(out, dtype, null, r, line2);
    }
    long[] r = new long[n];
    for (int i = 0; i < n; i++) {
      int j = src.applyAsInt(c);
      r[i] = j < 0 ? fill.l(0) : l(j);
      next(c, out);
    }
    return new Known(out, dtype, r, null, line2);
  }

  /** Advances row-major coordinates. */
  static void next(int[] c, Shape s) {
    for (int d = c.length - 1; d >= 0; d--) {
      if (++c[d] < s.dim(d)) {
        return;
      }
      c[d] = 0;
    }
  }

  int flat(int[] c) {
    int[] st = shape.strides();
    int f = 0;
    for (int d = 0; d < c.length; d++) {
      f += c[d] * st[d];
    }
    return f;
  }

  Known broadcastInDim(Shape out, int[] dims) {
    int[] st = shape.strides();
    return gather(
        out,
        c -> {
          int f = 0;
          for (int i = 0; i < dims.length; i++) {
            f += (shape.dim(i) == 1 ? 0 : c[dims[i]]) * st[i];
          }
          return f;
        },
        null);
  }

  Known transpose(int[] perm) {
    int[] od = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      od[i] = shape.dim(perm[i]);
    }
    int[] st = shape.strides();
    return gather(
        Shape.of(od),
        c -> {
          int f = 0;
          for (int i = 0; i < perm.length; i++) {
            f += c[i] * st[perm[i]];
          }
          return f;
        },
        null);
  }

  Known slice(int[] start, int[] strides, Shape out) {
    int[] st = shape.strides();
    return gather(
        out,
        c -> {
          int f = 0;
          for (int i = 0; i < c.length; i++) {
            f += (start[i] + c[i] * strides[i]) * st[i];
          }
          return f;
        },
        null);
  }

  Known reverse(int[] dims) {
    boolean[] rev = new boolean[shape.rank()];
    for (int d : dims) {
      rev[d] = true;
    }
    int[] st = shape.strides();
    return gather(
        shape,
        c -> {
          int f = 0;
          for (int i = 0; i < c.length; i++) {
            f += (rev[i] ? shape.dim(i) - 1 - c[i] : c[i]) * st[i];
          }
          return f;
        },
        null);
  }

  Known pad(Known value, int[] lo, int[] hi, int[] interior, Shape out) {
    int[] st = shape.strides();
    return gather(
        out,
        c -> {
          int f = 0;
          for (int i = 0; i < c.length; i++) {
            int p = c[i] - lo[i];
            int step = interior[i] + 1;
            if (p < 0 || p % step != 0 || p / step >= shape.dim(i)) {
              return -1;
            }
            f += (p / step) * st[i];
          }
          return f;
        },
        value);
  }

  static Known concatenate(Known[] parts, int dim, Shape out, DType dtype) {
    int n = out.numElements();
    int[] c = new int[out.rank()];
    boolean fl = dtype.isFixedPoint();
    double[] rf = fl ? new double[n] : null;
    long[] rl = fl ? null : new long[n];
    int line = 0;
    for (Known k : parts) {
      line = Math.max(line, k.line);
    }
    for (int i = 0; i < n; i++) {
      int off = c[dim];
      int p = 0;
      while (off >= parts[p].shape.dim(dim)) {
        off -= parts[p].shape.dim(dim);
        p++;
      }
      int[] cc = c.clone();
      cc[dim] = off;
      int j = parts[p].flat(cc);
      if (fl) {
        rf[i] = parts[p].d(j);
      } else {
        rl[i] = parts[p].l(j);
      }
      next(c, out);
    }
    return new Known(out, dtype, rl, rf, line);
  }

  // ------------------------------------------------------------------ elementwise

  /** Converts to {@code d}: int → float exactly, float → int toward zero, to i1 as x ≠ 0. */
  Known convert(DType d) {
    if (d.isFixedPoint()) {
      double[] v = new double[stored()];
      for (int i = 0; i < v.length; i++) {
        v[i] = d(i);
      }
      return new Known(shape, d, null, v, line);
    }
    long[] v = new long[stored()];
    for (int i = 0; i < v.length; i++) {
      v[i] =
          floats != null
              ? toLong(floats[i], d)
              : (d.isBoolean() ? (ints[i] != 0 ? 1 : 0) : ints[i]);
    }
    return new Known(shape, d, v, null, 0);
  }

  @FunctionalInterface
  interface LongOp {
    long apply(long a, long b);
  }

  @FunctionalInterface
  interface DoubleOp {
    double apply(double a, double b);
  }

  /** Elementwise over integers (both operands of one shape); result of dtype {@code out}. */
  static Known zipLong(Known a, Known b, DType out, LongOp f) {
    int n = a.isSplat() && b.isSplat() ? 1 : a.size();
    long[] r = new long[n];
    for (int i = 0; i < n; i++) {
      r[i] = f.apply(a.l(i), b.l(i));
    }
    return ofLongs(a.shape, out, r, 0);
  }

  /** Elementwise over doubles; result of dtype {@code out} (integer results via toLong). */
  static Known zipDouble(Known a, Known b, DType out, DoubleOp f) {
    int n = a.isSplat() && b.isSplat() ? 1 : a.size();
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = f.apply(a.d(i), b.d(i));
    }
    Known k = ofDoubles(a.shape, out, r, 0);
    return out.isFixedPoint()
        ? new Known(k.shape, out, null, k.floats, Math.max(a.line, b.line))
        : k;
  }

  static Known mapLong(Known a, java.util.function.LongUnaryOperator f) {
    long[] r = new long[a.stored()];
    for (int i = 0; i < r.length; i++) {
      r[i] = f.applyAsLong(a.l(i));
    }
    return ofLongs(a.shape, a.dtype, r, 0);
  }

  static Known select(Known p, Known t, Known f) {
    int n = p.isSplat() && t.isSplat() && f.isSplat() ? 1 : t.size();
    if (t.isFloat()) {
      double[] r = new double[n];
      for (int i = 0; i < n; i++) {
        r[i] = p.truth(p.isSplat() ? 0 : i) ? t.d(i) : f.d(i);
      }
      return new Known(t.shape, t.dtype, null, r, Math.max(t.line, f.line));
    }
    long[] r = new long[n];
    for (int i = 0; i < n; i++) {
      r[i] = p.truth(p.isSplat() ? 0 : i) ? t.l(i) : f.l(i);
    }
    return new Known(t.shape, t.dtype, r, null, 0);
  }

  @Override
  public String toString() {
    String body =
        isSplat()
            ? String.valueOf(floats != null ? floats[0] : ints[0])
            : (floats != null ? Arrays.toString(floats) : Arrays.toString(ints));
    return "Known(" + shape + "x" + dtype + " " + body + ")";
  }
}
