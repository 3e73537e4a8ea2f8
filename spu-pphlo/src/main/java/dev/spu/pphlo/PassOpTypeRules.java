package dev.spu.pphlo;

import java.util.List;

/**
 * Type rules of the ops the optimizer passes introduce (paper §3.5; {@code dev.spu.pphlo.passes}):
 *
 * <ul>
 *   <li>{@code prefer_a(x)}: the same value and type; tells the runtime to hold a secret predicate
 *       as an arithmetic share from now on, so that the selects reusing it convert it once.
 *   <li>{@code epsilon()}: declared public fixed-point result, every element the smallest positive
 *       fixed-point value (2^−f; f is a runtime setting).
 *   <li>{@code argmax(x, init)} with window attributes ({@link WindowSpec}, no dilations): two
 *       results, the window maxima exactly as {@code reduce_window(x, init) {kind = "max"}} and the
 *       one-hot i1 index of each window's first maximum among its elements (window order, ties to
 *       the earlier tap), shape {@code windows × K} for K = window size; padding taps are 0.
 *   <li>{@code maxpool_scatter(onehot, source, init)} with the same window attributes and a
 *       declared result type (the pooled operand's shape): {@code init + Σ onehot · source}
 *       scattered back to the operand positions, exactly {@code select_and_scatter(x, source, init)
 *       {select = "ge", scatter = "add"}} when {@code onehot} is argmax's index of x.
 * </ul>
 */
final class PassOpTypeRules {
  private PassOpTypeRules() {}

  /** prefer_a: identity on types (any dtype; a no-op unless the value is a secret predicate). */
  static List<TensorType> preferA(
      String op, List<TensorType> ts, Attributes a, List<TensorType> d) {
    return TypeRules.one(ts.get(0));
  }

  /** epsilon: a declared public fixed-point type. */
  static List<TensorType> epsilon(
      String op, List<TensorType> ts, Attributes a, List<TensorType> declared) {
    TensorType t = TypeRules.declaredSingle(op, ts, declared);
    if (t.isSecret() || !t.dtype().isFixedPoint()) {
      throw TypeRules.error(
          op, ts, "expected a declared public floating-point (fixed-point) result, got " + t);
    }
    return TypeRules.one(t);
  }

  /** argmax(x, init): (window maxima, one-hot index windows × K). */
  static List<TensorType> argmax(String op, List<TensorType> ts, Attributes a, List<TensorType> d) {
    TypeRules.requireNumeric(op, ts);
    requireScalarInit(op, ts, 1);
    TensorType x = ts.get(0);
    WindowSpec w = WindowSpec.parse(a, x.shape().rank(), false);
    Shape out = w.outputShape(x.shape());
    TensorType max = new TensorType(out, TypeRules.promoteAll(ts), TypeRules.narrowAll(ts));
    TensorType onehot = new TensorType(withWindow(out, w), DType.I1, x.visibility());
    return List.of(max, onehot);
  }

  /** maxpool_scatter(onehot, source, init): declared result shape, promoted and narrowed. */
  static List<TensorType> maxpoolScatter(
      String op, List<TensorType> ts, Attributes a, List<TensorType> declared) {
    TensorType decl = TypeRules.declaredSingle(op, ts, declared);
    TensorType onehot = ts.get(0);
    TensorType source = ts.get(1);
    if (onehot.dtype() != DType.I1) {
      throw TypeRules.error(op, ts, "expected an i1 one-hot index (argmax's second result)");
    }
    TypeRules.requireNumeric(op, ts.subList(1, 3));
    requireScalarInit(op, ts, 2);
    Shape s = decl.shape();
    WindowSpec w = WindowSpec.parse(a, s.rank(), false);
    Shape windows = w.outputShape(s);
    if (!source.shape().equals(windows) || !onehot.shape().equals(withWindow(windows, w))) {
      throw TypeRules.error(
          op,
          ts,
          "for a result of shape ["
              + s
              + "] expected a source of the window output shape ["
              + windows
              + "] and a one-hot index of shape ["
              + withWindow(windows, w)
              + "]");
    }
    DType dt = DType.promote(source.dtype(), ts.get(2).dtype());
    return TypeRules.one(new TensorType(s, dt, TypeRules.narrowAll(ts)));
  }

  /** The window output shape with one more dimension, the window size K. */
  static Shape withWindow(Shape windows, WindowSpec w) {
    long k = 1;
    for (int x : w.window()) {
      k *= x;
    }
    if (k > Integer.MAX_VALUE) {
      throw new TypeException(w + ": window of " + k + " taps is too large");
    }
    int[] dims = new int[windows.rank() + 1];
    System.arraycopy(windows.dims(), 0, dims, 0, windows.rank());
    dims[windows.rank()] = (int) k;
    return Shape.of(dims);
  }

  private static void requireScalarInit(String op, List<TensorType> ts, int i) {
    if (ts.get(i).shape().rank() != 0) {
      throw TypeRules.error(op, ts, "expected a scalar init value as operand " + i);
    }
  }
}
