package dev.spu.pphlo;

import java.util.List;
import java.util.Set;

/**
 * Type rules of the windowed ops: {@code convolution}, {@code reduce_window} and {@code
 * select_and_scatter}. Attributes are read by {@link ConvolutionSpec} and {@link WindowSpec}, which
 * the kernels and the tracer share.
 */
final class WindowTypeRules {
  private WindowTypeRules() {}

  /** Kinds of {@code reduce_window}. */
  static final Set<String> REDUCE_WINDOW_KINDS = Set.of("add", "max", "min");

  /** {@code select} kinds of {@code select_and_scatter}: ≥ picks the first max, ≤ the first min. */
  static final Set<String> SELECT_KINDS = Set.of("ge", "le");

  /** {@code scatter} kinds of {@code select_and_scatter}. */
  static final Set<String> SCATTER_KINDS = Set.of("add");

  /** convolution(lhs, rhs): promoted dtype, narrowed visibility, shape from the spec. */
  static List<TensorType> convolution(
      String op, List<TensorType> ts, Attributes a, List<TensorType> d) {
    TypeRules.requireNumeric(op, ts);
    ConvolutionSpec spec = ConvolutionSpec.parse(a);
    Shape out = spec.outputShape(ts.get(0).shape(), ts.get(1).shape());
    return TypeRules.one(new TensorType(out, TypeRules.promoteAll(ts), TypeRules.narrowAll(ts)));
  }

  /** reduce_window(x, init; kind, window attributes): init scalar; promoted, narrowed. */
  static List<TensorType> reduceWindow(
      String op, List<TensorType> ts, Attributes a, List<TensorType> d) {
    TypeRules.requireNumeric(op, ts);
    requireScalar(op, ts, 1, "init value");
    String kind = a.getString("kind");
    if (!REDUCE_WINDOW_KINDS.contains(kind)) {
      throw TypeRules.error(
          op, ts, "kind '" + kind + "' is not one of " + sorted(REDUCE_WINDOW_KINDS));
    }
    Shape x = ts.get(0).shape();
    Shape out = WindowSpec.parse(a, x.rank(), true).outputShape(x);
    return TypeRules.one(new TensorType(out, TypeRules.promoteAll(ts), TypeRules.narrowAll(ts)));
  }

  /**
   * select_and_scatter(operand, source, init; select, scatter, window attributes): source of the
   * window output shape, init scalar; result of the operand's shape, dtype promoted from source and
   * init, visibility narrowed over all three (a secret operand makes the selection secret).
   */
  static List<TensorType> selectAndScatter(
      String op, List<TensorType> ts, Attributes a, List<TensorType> d) {
    TypeRules.requireNumeric(op, ts);
    requireScalar(op, ts, 2, "init value");
    String select = a.getString("select");
    if (!SELECT_KINDS.contains(select)) {
      throw TypeRules.error(
          op, ts, "select '" + select + "' is not one of " + sorted(SELECT_KINDS));
    }
    String scatter = a.getString("scatter");
    if (!SCATTER_KINDS.contains(scatter)) {
      throw TypeRules.error(
          op, ts, "scatter '" + scatter + "' is not one of " + sorted(SCATTER_KINDS));
    }
    Shape x = ts.get(0).shape();
    Shape windows = WindowSpec.parse(a, x.rank(), false).outputShape(x);
    if (!ts.get(1).shape().equals(windows)) {
      throw TypeRules.error(
          op,
          ts,
          "expected a source of the window output shape ["
              + windows
              + "] (one value per window), got ["
              + ts.get(1).shape()
              + "]");
    }
    DType dt = DType.promote(ts.get(1).dtype(), ts.get(2).dtype());
    return TypeRules.one(new TensorType(x, dt, TypeRules.narrowAll(ts)));
  }

  private static void requireScalar(String op, List<TensorType> ts, int i, String what) {
    if (ts.get(i).shape().rank() != 0) {
      throw TypeRules.error(op, ts, "expected a scalar " + what + " as operand " + i);
    }
  }

  private static String sorted(Set<String> s) {
    return new java.util.TreeSet<>(s).toString();
  }
}
