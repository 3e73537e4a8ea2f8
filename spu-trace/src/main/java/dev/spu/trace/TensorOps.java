package dev.spu.trace;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.DenseElements;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.TypeException;
import dev.spu.pphlo.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * NumPy semantics on top of PPHLO, recorded into a {@link Tracer}: broadcasting, true division,
 * reductions over axes, batched matmul, indexing. Every method only adds PPHLO ops (no hidden
 * computation), so compiler passes see everything. The user API ({@code SecretTensor}) and, later,
 * autodiff rules call these.
 *
 * <p>Errors are {@link TypeException}s raised at trace time whose message names the PPHLO op and
 * the operand types as the caller passed them.
 */
public final class TensorOps {
  private TensorOps() {}

  // ---------------------------------------------------------------- constants

  /** A public constant of the given shape with every element {@code v} (a splat). */
  public static Value full(Tracer t, Shape shape, DType dtype, double v) {
    if (dtype.isFixedPoint()) {
      return t.constant(DenseElements.ofFloats(shape, dtype, new double[] {v}));
    }
    if (v != Math.rint(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(
          "constant " + v + " is not an integer; it cannot have dtype " + dtype);
    }
    return full(t, shape, dtype, (long) v);
  }

  /** A public integer (or fixed-point) constant of the given shape with every element {@code v}. */
  public static Value full(Tracer t, Shape shape, DType dtype, long v) {
    if (dtype.isFixedPoint()) {
      return t.constant(DenseElements.ofFloats(shape, dtype, new double[] {v}));
    }
    if (dtype == DType.I1 && v != 0 && v != 1) {
      throw new IllegalArgumentException("an i1 constant must be 0 or 1, got " + v);
    }
    return t.constant(DenseElements.ofInts(shape, dtype, new long[] {v}));
  }

  /** A public constant from row-major doubles (fixed-point dtypes) or integral doubles. */
  public static Value constant(Tracer t, Shape shape, DType dtype, double[] values) {
    if (dtype.isFixedPoint()) {
      return t.constant(DenseElements.ofFloats(shape, dtype, values));
    }
    long[] l = new long[values.length];
    for (int i = 0; i < l.length; i++) {
      if (values[i] != Math.rint(values[i])) {
        throw new IllegalArgumentException(
            "element " + i + " is not an integer; it cannot have dtype " + dtype);
      }
      l[i] = (long) values[i];
    }
    return t.constant(DenseElements.ofInts(shape, dtype, l));
  }

  public static Value constant(Tracer t, Shape shape, DType dtype, long[] values) {
    if (dtype.isFixedPoint()) {
      double[] d = new double[values.length];
      for (int i = 0; i < d.length; i++) {
        d[i] = values[i];
      }
      return t.constant(DenseElements.ofFloats(shape, dtype, d));
    }
    return t.constant(DenseElements.ofInts(shape, dtype, values));
  }

  /** The fixed-point type an integer dtype becomes under true division or mean. */
  public static DType floatFor(DType d) {
    if (d.isFixedPoint()) {
      return d;
    }
    return d.bits() > 32 ? DType.F64 : DType.F32;
  }

  /** The dtype of a Java {@code double} operand next to a tensor of dtype {@code x}. */
  public static DType scalarDType(DType x, double v) {
    return floatFor(x);
  }

  /**
   * The dtype of a Java {@code long} operand next to a tensor of dtype {@code x}: the tensor's own
   * integer type, or an integer (i32, or i64 if needed) next to fixed point, so that a product
   * needs no truncation (integer × fixed point).
   */
  public static DType scalarDType(DType x, long v) {
    if (x.isFixedPoint() || x == DType.I1) {
      return v == (int) v ? DType.I32 : DType.I64;
    }
    return x;
  }

  // ---------------------------------------------------------------- broadcasting

  /** The NumPy broadcast of the operands' shapes, or a TypeException naming {@code op}. */
  public static Shape broadcastShape(String op, TensorType... ts) {
    int rank = 0;
    for (TensorType t : ts) {
      rank = Math.max(rank, t.shape().rank());
    }
    int[] out = new int[rank];
    Arrays.fill(out, 1);
    for (TensorType t : ts) {
      Shape s = t.shape();
      int off = rank - s.rank();
      for (int i = 0; i < s.rank(); i++) {
        int d = s.dim(i);
        int o = out[off + i];
        if (o == 1) {
          out[off + i] = d;
        } else if (d != 1 && d != o) {
          throw error(
              op,
              List.of(ts),
              "shapes "
                  + shapesOf(ts)
                  + " cannot be broadcast together (NumPy rules: align from the right, each"
                  + " dimension equal or 1); reshape or broadcastTo first");
        }
      }
    }
    return Shape.of(out);
  }

  /** Broadcasts {@code x} to {@code shape} by NumPy rules (one broadcast_in_dim, or nothing). */
  public static Value broadcastTo(Tracer t, Value x, Shape shape) {
    Shape s = x.type().shape();
    if (s.equals(shape)) {
      return x;
    }
    int off = shape.rank() - s.rank();
    boolean ok = off >= 0;
    for (int i = 0; ok && i < s.rank(); i++) {
      ok = s.dim(i) == 1 || s.dim(i) == shape.dim(off + i);
    }
    if (!ok) {
      throw error(
          "broadcast_in_dim",
          List.of(x.type()),
          "cannot broadcast shape ["
              + s
              + "] to ["
              + shape
              + "] (NumPy rules: align from the right, each dimension equal or 1)");
    }
    int[] dims = new int[s.rank()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = off + i;
    }
    return t.op(
        "broadcast_in_dim",
        Attributes.of("broadcast_dimensions", dims),
        x.type().withShape(shape),
        x);
  }

  // ---------------------------------------------------------------- elementwise

  /**
   * An elementwise binary op ({@code add}, {@code subtract}, {@code multiply}, {@code maximum},
   * {@code minimum}, {@code and}, {@code or}, {@code xor}, comparisons) with NumPy broadcasting.
   */
  public static Value binary(Tracer t, String op, Value a, Value b) {
    Shape s = broadcastShape(op, a.type(), b.type());
    return t.op(op, Attributes.EMPTY, broadcastTo(t, a, s), broadcastTo(t, b, s));
  }

  /** True division: integer operands are converted to fixed point first (as NumPy's {@code /}). */
  public static Value divide(Tracer t, Value a, Value b) {
    broadcastShape("divide", a.type(), b.type());
    DType d = DType.promote(a.type().dtype(), b.type().dtype());
    if (!d.isFixedPoint()) {
      DType f = floatFor(d);
      a = convert(t, a, f);
      b = convert(t, b, f);
    }
    return binary(t, "divide", a, b);
  }

  /** A unary op keeping the operand type ({@code negate}, {@code abs}, {@code not}, ...). */
  public static Value unary(Tracer t, String op, Value x) {
    return t.op(op, Attributes.EMPTY, x);
  }

  /** {@code select(pred, onTrue, onFalse)} with all three broadcast together. */
  public static Value select(Tracer t, Value pred, Value onTrue, Value onFalse) {
    Shape s = broadcastShape("select", pred.type(), onTrue.type(), onFalse.type());
    return t.op(
        "select",
        Attributes.EMPTY,
        broadcastTo(t, pred, s),
        broadcastTo(t, onTrue, s),
        broadcastTo(t, onFalse, s));
  }

  /** {@code clamp(min, x, max)} with the bounds broadcast to the operand. */
  public static Value clamp(Tracer t, Value min, Value x, Value max) {
    Shape s = broadcastShape("clamp", min.type(), x.type(), max.type());
    return t.op(
        "clamp",
        Attributes.EMPTY,
        broadcastTo(t, min, s),
        broadcastTo(t, x, s),
        broadcastTo(t, max, s));
  }

  /** Changes the dtype (nothing if it already is {@code dtype}). */
  public static Value convert(Tracer t, Value x, DType dtype) {
    if (x.type().dtype() == dtype) {
      return x;
    }
    return t.op("convert", Attributes.EMPTY, x.type().withDType(dtype), x);
  }

  // ---------------------------------------------------------------- linear algebra

  /**
   * NumPy {@code matmul}: (k)·(k), (m×k)·(k), (k)·(k×n), (m×k)·(k×n), and batched operands of rank
   * ≥ 3 whose leading (batch) dimensions broadcast.
   */
  public static Value matmul(Tracer t, Value a, Value b) {
    TensorType ta = a.type();
    TensorType tb = b.type();
    int ra = ta.shape().rank();
    int rb = tb.shape().rank();
    boolean batched = ra > 2 || rb > 2;
    String op = batched || (ra == 1 && rb == 2) ? "dot_general" : "dot";
    if (ra == 0 || rb == 0) {
      throw error(op, List.of(ta, tb), "matmul needs operands of rank >= 1 (use multiply)");
    }
    int ka = ta.shape().dim(ra - 1);
    int kb = rb == 1 ? tb.shape().dim(0) : tb.shape().dim(rb - 2);
    if (ka != kb) {
      throw error(
          op,
          List.of(ta, tb),
          "contracting dimensions differ ("
              + ka
              + " vs "
              + kb
              + "): matmul contracts the last dimension of lhs with the "
              + (rb == 1 ? "only" : "second-to-last")
              + " dimension of rhs");
    }
    if (!batched) {
      if (ra == 1 && rb == 2) {
        return dotGeneral(t, a, b, new int[0], new int[0], new int[] {0}, new int[] {0});
      }
      return t.op("dot", Attributes.EMPTY, a, b);
    }
    boolean vecA = ra == 1;
    boolean vecB = rb == 1;
    Value x = vecA ? reshape(t, a, 1, ka) : a;
    Value y = vecB ? reshape(t, b, kb, 1) : b;
    int[] sx = x.type().shape().dims();
    int[] sy = y.type().shape().dims();
    Shape bx = Shape.of(Arrays.copyOf(sx, sx.length - 2));
    Shape by = Shape.of(Arrays.copyOf(sy, sy.length - 2));
    Shape batch =
        broadcastShape(
            op,
            ta.withShape(bx), // batch dimensions only, for the message
            tb.withShape(by));
    int nb = batch.rank();
    int m = sx[sx.length - 2];
    int n = sy[sy.length - 1];
    x = broadcastTo(t, x, append(batch, m, ka));
    y = broadcastTo(t, y, append(batch, kb, n));
    int[] bd = new int[nb];
    for (int i = 0; i < nb; i++) {
      bd[i] = i;
    }
    Value out = dotGeneral(t, x, y, bd, bd, new int[] {nb + 1}, new int[] {nb});
    if (vecA || vecB) {
      int[] od = out.type().shape().dims();
      List<Integer> keep = new ArrayList<>();
      for (int i = 0; i < od.length; i++) {
        if ((vecA && i == nb) || (vecB && i == od.length - 1)) {
          continue;
        }
        keep.add(od[i]);
      }
      out = reshape(t, out, keep.stream().mapToInt(Integer::intValue).toArray());
    }
    return out;
  }

  /** A raw {@code dot_general}. */
  public static Value dotGeneral(
      Tracer t,
      Value a,
      Value b,
      int[] lhsBatch,
      int[] rhsBatch,
      int[] lhsContract,
      int[] rhsContract) {
    Attributes attrs =
        Attributes.builder()
            .put("lhs_batching_dimensions", lhsBatch)
            .put("rhs_batching_dimensions", rhsBatch)
            .put("lhs_contracting_dimensions", lhsContract)
            .put("rhs_contracting_dimensions", rhsContract)
            .build();
    return t.op("dot_general", attrs, a, b);
  }

  private static Shape append(Shape s, int... more) {
    int[] d = Arrays.copyOf(s.dims(), s.rank() + more.length);
    System.arraycopy(more, 0, d, s.rank(), more.length);
    return Shape.of(d);
  }

  // ---------------------------------------------------------------- layout

  /** Permutes dimensions; no permutation reverses them (NumPy's default). */
  public static Value transpose(Tracer t, Value x, int... perm) {
    int r = x.type().shape().rank();
    int[] p = perm;
    if (p == null || p.length == 0) {
      p = new int[r];
      for (int i = 0; i < r; i++) {
        p[i] = r - 1 - i;
      }
    }
    return t.op("transpose", Attributes.of("permutation", p), x);
  }

  /** Reshapes to {@code dims}; one dimension may be -1 (inferred). */
  public static Value reshape(Tracer t, Value x, int... dims) {
    TensorType tx = x.type();
    int[] d = dims.clone();
    int infer = -1;
    long known = 1;
    for (int i = 0; i < d.length; i++) {
      if (d[i] == -1 && infer < 0) {
        infer = i;
      } else if (d[i] < 0) {
        throw error("reshape", List.of(tx), "invalid target shape " + Arrays.toString(dims));
      } else {
        known *= d[i];
      }
    }
    int n = tx.numElements();
    if (infer >= 0) {
      if (known == 0 || n % known != 0) {
        throw error(
            "reshape",
            List.of(tx),
            "cannot infer -1 in " + Arrays.toString(dims) + " for " + n + " elements");
      }
      d[infer] = (int) (n / known);
      known *= d[infer];
    }
    if (known != n) {
      throw error(
          "reshape",
          List.of(tx),
          "cannot reshape " + n + " elements into " + Arrays.toString(dims));
    }
    Shape s = Shape.of(d);
    if (s.equals(tx.shape())) {
      return x;
    }
    return t.op("reshape", Attributes.EMPTY, tx.withShape(s), x);
  }

  /** A strided slice ({@code strides} null means all ones). */
  public static Value slice(Tracer t, Value x, int[] start, int[] limit, int[] strides) {
    int[] st = strides;
    if (st == null) {
      st = new int[start.length];
      Arrays.fill(st, 1);
    }
    Attributes attrs =
        Attributes.builder()
            .put("start_indices", start)
            .put("limit_indices", limit)
            .put("strides", st)
            .build();
    return t.op("slice", attrs, x);
  }

  /** Elements {@code [start, limit)} along one axis (negative axis counts from the end). */
  public static Value sliceAxis(Tracer t, Value x, int axis, int start, int limit) {
    Shape s = x.type().shape();
    int ax = normalizeAxis("slice", x.type(), axis);
    int[] lo = new int[s.rank()];
    int[] hi = s.dims();
    lo[ax] = start;
    hi[ax] = limit;
    return slice(t, x, lo, hi, null);
  }

  /**
   * Indexes the leading dimensions ({@code x[i]}, {@code x[i, j]}); negative indices count from the
   * end. The result drops the indexed dimensions.
   */
  public static Value index(Tracer t, Value x, int... idx) {
    TensorType tx = x.type();
    Shape s = tx.shape();
    if (idx.length > s.rank()) {
      throw error(
          "slice",
          List.of(tx),
          "too many indices " + Arrays.toString(idx) + " for rank " + s.rank());
    }
    int[] lo = new int[s.rank()];
    int[] hi = s.dims();
    for (int i = 0; i < idx.length; i++) {
      int k = idx[i] < 0 ? idx[i] + s.dim(i) : idx[i];
      if (k < 0 || k >= s.dim(i)) {
        throw error(
            "slice",
            List.of(tx),
            "index " + idx[i] + " out of range for dimension " + i + " of size " + s.dim(i));
      }
      lo[i] = k;
      hi[i] = k + 1;
    }
    Value v = slice(t, x, lo, hi, null);
    return reshape(t, v, Arrays.copyOfRange(s.dims(), idx.length, s.rank()));
  }

  /** Concatenates along {@code axis} (negative counts from the end). */
  public static Value concat(Tracer t, int axis, Value... xs) {
    if (xs.length == 0) {
      throw new IllegalArgumentException("concatenate needs at least one tensor");
    }
    int ax = normalizeAxis("concatenate", xs[0].type(), axis);
    if (xs.length == 1) {
      return xs[0];
    }
    return t.op("concatenate", Attributes.of("dimension", ax), xs);
  }

  /** Pads with a public constant; {@code interior} may be null (no interior padding). */
  public static Value pad(Tracer t, Value x, int[] low, int[] high, int[] interior, double value) {
    int[] in = interior == null ? new int[low.length] : interior;
    DType d = x.type().dtype();
    Value pv =
        d.isFixedPoint()
            ? full(t, Shape.SCALAR, d, value)
            : full(t, Shape.SCALAR, d, checkIntegral("pad", x.type(), value));
    Attributes attrs =
        Attributes.builder()
            .put("edge_padding_low", low)
            .put("edge_padding_high", high)
            .put("interior_padding", in)
            .build();
    return t.op("pad", attrs, x, pv);
  }

  // ---------------------------------------------------------------- reductions

  /** Sum over {@code axes} (all axes if empty); i1 is summed as i32 (counts). */
  public static Value sum(Tracer t, Value x, int[] axes, boolean keepDims) {
    int[] ax = normalizeAxes("reduce", x.type(), axes);
    Value y = x.type().dtype() == DType.I1 ? convert(t, x, DType.I32) : x;
    Value init = full(t, Shape.SCALAR, y.type().dtype(), 0L);
    Value r =
        t.op(
            "reduce",
            Attributes.builder().put("dimensions", ax).put("kind", "add").build(),
            y,
            init);
    return keepDims ? reshape(t, r, keptShape(x.type().shape(), ax)) : r;
  }

  /** Mean over {@code axes}: the sum times the public constant 1/n (fixed point). */
  public static Value mean(Tracer t, Value x, int[] axes, boolean keepDims) {
    int[] ax = normalizeAxes("reduce", x.type(), axes);
    long n = 1;
    for (int a : ax) {
      n *= x.type().shape().dim(a);
    }
    if (n == 0) {
      throw error("reduce", List.of(x.type()), "mean over an empty axis");
    }
    Value s = sum(t, x, ax, keepDims);
    TensorType ts = s.type();
    return t.op(
        "multiply", Attributes.EMPTY, s, full(t, ts.shape(), floatFor(ts.dtype()), 1.0 / n));
  }

  /** Maximum over {@code axes} (all if empty), as a tree of {@code maximum} ops (log depth). */
  public static Value max(Tracer t, Value x, int[] axes, boolean keepDims) {
    return extremum(t, x, axes, keepDims, "maximum");
  }

  /** Minimum over {@code axes} (all if empty), as a tree of {@code minimum} ops (log depth). */
  public static Value min(Tracer t, Value x, int[] axes, boolean keepDims) {
    return extremum(t, x, axes, keepDims, "minimum");
  }

  private static Value extremum(Tracer t, Value x, int[] axes, boolean keepDims, String op) {
    int[] ax = normalizeAxes(op, x.type(), axes);
    Value y = x;
    for (int a : ax) {
      int n = y.type().shape().dim(a);
      if (n == 0) {
        throw error(op, List.of(x.type()), "reduction over empty axis " + a);
      }
      // Overlapping halves cover every element; max/min are idempotent.
      while (n > 1) {
        int c = (n + 1) / 2;
        Value lo = sliceAxis(t, y, a, 0, c);
        Value hi = sliceAxis(t, y, a, n - c, n);
        y = t.op(op, Attributes.EMPTY, lo, hi);
        n = c;
      }
    }
    if (keepDims) {
      return y;
    }
    Shape s = x.type().shape();
    boolean[] drop = new boolean[s.rank()];
    for (int a : ax) {
      drop[a] = true;
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < s.rank(); i++) {
      if (!drop[i]) {
        out.add(s.dim(i));
      }
    }
    return reshape(t, y, out.stream().mapToInt(Integer::intValue).toArray());
  }

  private static int[] keptShape(Shape s, int[] axes) {
    int[] d = s.dims();
    for (int a : axes) {
      d[a] = 1;
    }
    return d;
  }

  // ---------------------------------------------------------------- helpers

  /** Axes normalized to 0..rank-1, sorted; empty means all axes. */
  public static int[] normalizeAxes(String op, TensorType x, int[] axes) {
    int r = x.shape().rank();
    if (axes == null || axes.length == 0) {
      int[] all = new int[r];
      for (int i = 0; i < r; i++) {
        all[i] = i;
      }
      return all;
    }
    boolean[] seen = new boolean[r];
    for (int a : axes) {
      int k = normalizeAxis(op, x, a);
      if (seen[k]) {
        throw error(op, List.of(x), "axis " + a + " repeated in " + Arrays.toString(axes));
      }
      seen[k] = true;
    }
    int[] out = new int[axes.length];
    int j = 0;
    for (int i = 0; i < r; i++) {
      if (seen[i]) {
        out[j++] = i;
      }
    }
    return out;
  }

  public static int normalizeAxis(String op, TensorType x, int axis) {
    int r = x.shape().rank();
    int k = axis < 0 ? axis + r : axis;
    if (k < 0 || k >= r) {
      throw error(op, List.of(x), "axis " + axis + " out of range for rank " + r);
    }
    return k;
  }

  private static long checkIntegral(String op, TensorType x, double v) {
    if (v != Math.rint(v) || Double.isInfinite(v)) {
      throw error(op, List.of(x), "a non-integer constant cannot have dtype " + x.dtype());
    }
    return (long) v;
  }

  private static String shapesOf(TensorType... ts) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ts.length; i++) {
      sb.append(i == 0 ? "" : ", ").append('[').append(ts[i].shape()).append(']');
    }
    return sb.toString();
  }

  /** A trace-time error in the format of spu-pphlo's type rules. */
  public static TypeException error(String op, List<TensorType> operands, String expected) {
    return new TypeException("'pphlo." + op + "' with operands " + operands + ": " + expected);
  }
}
