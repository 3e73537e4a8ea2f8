package dev.spu.pphlo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The shared type rules. Data-type promotion ({@link DType#promote}) and visibility narrowing
 * ({@link Visibility#narrow}) are applied here and nowhere else.
 */
public final class TypeRules {
  private TypeRules() {}

  /** The promoted dtype and narrowed visibility of a list of operand types. */
  public static DType promoteAll(List<TensorType> ts) {
    DType d = ts.get(0).dtype();
    for (TensorType t : ts) {
      d = DType.promote(d, t.dtype());
    }
    return d;
  }

  public static Visibility narrowAll(List<TensorType> ts) {
    Visibility v = Visibility.PUBLIC;
    for (TensorType t : ts) {
      v = Visibility.narrow(v, t.visibility());
    }
    return v;
  }

  static TypeException error(String op, List<TensorType> operands, String expected) {
    return new TypeException("'pphlo." + op + "' with operands " + operands + ": " + expected);
  }

  static List<TensorType> one(TensorType t) {
    return List.of(t);
  }

  static void requireSameShapes(String op, List<TensorType> ts) {
    Shape s = ts.get(0).shape();
    for (TensorType t : ts) {
      if (!t.shape().equals(s)) {
        throw error(
            op,
            ts,
            "expected operands of the same shape (broadcast explicitly with broadcast_in_dim)");
      }
    }
  }

  static TensorType declaredSingle(
      String op, List<TensorType> operands, List<TensorType> declared) {
    if (declared == null || declared.size() != 1) {
      throw error(op, operands, "the result type must be declared");
    }
    return declared.get(0);
  }

  static List<TensorType> constant(
      String op, List<TensorType> operands, Attributes a, List<TensorType> declared) {
    DenseElements value = a.getDense("value");
    long[] ints = value.rawLongs();
    if (ints != null) {
      DType dt = value.dtype();
      // i1 holds 0/1; iN accepts the signed and the unsigned spelling of an N-bit pattern.
      long min = dt.isBoolean() ? 0 : dt.bits() == 64 ? Long.MIN_VALUE : -(1L << (dt.bits() - 1));
      long max = dt.isBoolean() ? 1 : dt.bits() == 64 ? Long.MAX_VALUE : (1L << dt.bits()) - 1;
      for (int i = 0; i < ints.length; i++) {
        if (ints[i] < min || ints[i] > max) {
          throw error(
              op,
              operands,
              "element "
                  + i
                  + " of the "
                  + dt
                  + " constant is "
                  + ints[i]
                  + ", outside ["
                  + min
                  + ", "
                  + max
                  + "]");
        }
      }
    }
    return one(value.type());
  }

  static List<TensorType> iota(
      String op, List<TensorType> operands, Attributes a, List<TensorType> declared) {
    TensorType t = declaredSingle(op, operands, declared);
    long dim = a.getLong("iota_dimension");
    if (t.shape().rank() == 0 || dim < 0 || dim >= t.shape().rank() || t.isSecret()) {
      throw error(
          op,
          operands,
          "expected a public result of rank >= 1 and 0 <= iota_dimension < rank, got "
              + t
              + " and "
              + dim);
    }
    return one(t);
  }

  /** Arithmetic needs numbers: an i1 operand is rejected (convert the predicate first). */
  static void requireNumeric(String op, List<TensorType> ts) {
    for (TensorType t : ts) {
      if (t.dtype().isBoolean()) {
        throw error(op, ts, "expected numeric operands, not i1 (convert the predicate first)");
      }
    }
  }

  static List<TensorType> elementwiseBinary(
      String op, List<TensorType> ts, Attributes a, List<TensorType> d) {
    requireSameShapes(op, ts);
    requireNumeric(op, ts);
    return one(new TensorType(ts.get(0).shape(), promoteAll(ts), narrowAll(ts)));
  }

  static List<TensorType> logicalBinary(
      String op, List<TensorType> ts, Attributes a, List<TensorType> d) {
    requireSameShapes(op, ts);
    for (TensorType t : ts) {
      if (t.dtype().isFixedPoint()) {
        throw error(op, ts, "expected integer or i1 operands");
      }
    }
    return one(new TensorType(ts.get(0).shape(), promoteAll(ts), narrowAll(ts)));
  }

  /** Shifts: integer operands of one shape (neither i1 nor fixed point). */
  static List<TensorType> shift(String op, List<TensorType> ts, Attributes a, List<TensorType> d) {
    requireSameShapes(op, ts);
    for (TensorType t : ts) {
      if (t.dtype().isFixedPoint() || t.dtype().isBoolean()) {
        throw error(op, ts, "expected integer operands (i8..i64), not i1 or floating point");
      }
    }
    return one(new TensorType(ts.get(0).shape(), promoteAll(ts), narrowAll(ts)));
  }

  static List<TensorType> logicalUnary(
      String op, List<TensorType> ts, Attributes a, List<TensorType> d) {
    if (ts.get(0).dtype().isFixedPoint()) {
      throw error(op, ts, "expected an integer or i1 operand");
    }
    return one(ts.get(0));
  }

  static List<TensorType> compare(
      String op, List<TensorType> ts, Attributes a, List<TensorType> d) {
    requireSameShapes(op, ts);
    return one(new TensorType(ts.get(0).shape(), DType.I1, narrowAll(ts)));
  }

  static List<TensorType> sameAsOperand(
      String op, List<TensorType> ts, Attributes a, List<TensorType> d) {
    if (ts.get(0).dtype().isBoolean()) {
      throw error(op, ts, "expected a numeric operand, not i1");
    }
    return one(ts.get(0));
  }

  /**
   * For unary math ops (exp, log, ...): a floating-point (fixed-point) operand, result of the same
   * type; an integer operand is rejected (the frontend converts it first, as JAX does).
   */
  public static List<TensorType> unaryFloat(
      String op, List<TensorType> ts, Attributes a, List<TensorType> d) {
    TensorType t = ts.get(0);
    if (!t.dtype().isFixedPoint()) {
      throw error(
          op, ts, "expected a floating-point (fixed-point) operand; convert integers first");
    }
    return one(t);
  }

  static List<TensorType> select(String op, List<TensorType> ts, Attributes a, List<TensorType> d) {
    TensorType p = ts.get(0);
    TensorType x = ts.get(1);
    TensorType y = ts.get(2);
    if (p.dtype() != DType.I1) {
      throw error(op, ts, "expected an i1 predicate as first operand");
    }
    if (!x.shape().equals(y.shape()) || !(p.shape().equals(x.shape()) || p.shape().rank() == 0)) {
      throw error(
          op, ts, "expected branches of one shape and a predicate of that shape or a scalar");
    }
    DType dt = DType.promote(x.dtype(), y.dtype());
    return one(new TensorType(x.shape(), dt, narrowAll(ts)));
  }

  static List<TensorType> clamp(String op, List<TensorType> ts, Attributes a, List<TensorType> d) {
    TensorType x = ts.get(1);
    requireNumeric(op, ts);
    for (TensorType bound : List.of(ts.get(0), ts.get(2))) {
      if (!(bound.shape().equals(x.shape()) || bound.shape().rank() == 0)) {
        throw error(
            op, ts, "expected bounds of the operand's shape or scalars (clamp(min, x, max))");
      }
    }
    return one(new TensorType(x.shape(), promoteAll(ts), narrowAll(ts)));
  }

  static List<TensorType> convert(
      String op, List<TensorType> ts, Attributes a, List<TensorType> declared) {
    TensorType t = declaredSingle(op, ts, declared);
    TensorType x = ts.get(0);
    if (!t.shape().equals(x.shape())) {
      throw error(op, ts, "expected a result of the operand's shape, got " + t);
    }
    if (x.isSecret() && !t.isSecret()) {
      throw error(
          op, ts, "cannot convert a secret to public (reveal is not a conversion), got " + t);
    }
    return one(t);
  }

  static List<TensorType> dot(String op, List<TensorType> ts, Attributes a, List<TensorType> d) {
    requireNumeric(op, ts);
    Shape l = ts.get(0).shape();
    Shape r = ts.get(1).shape();
    Shape out;
    if (l.rank() == 1 && r.rank() == 1 && l.dim(0) == r.dim(0)) {
      out = Shape.SCALAR;
    } else if (l.rank() == 2 && r.rank() == 1 && l.dim(1) == r.dim(0)) {
      out = Shape.of(l.dim(0));
    } else if (l.rank() == 1 && r.rank() == 2 && l.dim(0) == r.dim(0)) {
      out = Shape.of(r.dim(1));
    } else if (l.rank() == 2 && r.rank() == 2 && l.dim(1) == r.dim(0)) {
      out = Shape.of(l.dim(0), r.dim(1));
    } else {
      throw error(op, ts, "expected (k)·(k), (m×k)·(k), (k)·(k×n) or (m×k)·(k×n) operands");
    }
    return one(new TensorType(out, promoteAll(ts), narrowAll(ts)));
  }

  static List<TensorType> dotGeneral(
      String op, List<TensorType> ts, Attributes a, List<TensorType> d) {
    requireNumeric(op, ts);
    Shape l = ts.get(0).shape();
    Shape r = ts.get(1).shape();
    int[] lb = a.getInts("lhs_batching_dimensions");
    int[] rb = a.getInts("rhs_batching_dimensions");
    int[] lc = a.getInts("lhs_contracting_dimensions");
    int[] rc = a.getInts("rhs_contracting_dimensions");
    if (lb.length != rb.length || lc.length != rc.length) {
      throw error(op, ts, "expected as many lhs as rhs batching and contracting dimensions");
    }
    for (int i = 0; i < lb.length; i++) {
      checkDim(op, ts, l, lb[i]);
      checkDim(op, ts, r, rb[i]);
      if (l.dim(lb[i]) != r.dim(rb[i])) {
        throw error(op, ts, "batching dimensions " + lb[i] + " and " + rb[i] + " differ in size");
      }
    }
    for (int i = 0; i < lc.length; i++) {
      checkDim(op, ts, l, lc[i]);
      checkDim(op, ts, r, rc[i]);
      if (l.dim(lc[i]) != r.dim(rc[i])) {
        throw error(
            op, ts, "contracting dimensions " + lc[i] + " and " + rc[i] + " differ in size");
      }
    }
    requireDistinct(op, ts, l, "lhs", lb, lc);
    requireDistinct(op, ts, r, "rhs", rb, rc);
    List<Integer> out = new ArrayList<>();
    for (int b : lb) {
      out.add(l.dim(b));
    }
    out.addAll(freeDims(l, lb, lc));
    out.addAll(freeDims(r, rb, rc));
    return one(
        new TensorType(
            Shape.of(out.stream().mapToInt(Integer::intValue).toArray()),
            promoteAll(ts),
            narrowAll(ts)));
  }

  private static void checkDim(String op, List<TensorType> ts, Shape s, int dim) {
    if (dim < 0 || dim >= s.rank()) {
      throw error(op, ts, "dimension " + dim + " out of range for shape " + s);
    }
  }

  /** A dimension may be batching or contracting, once. */
  private static void requireDistinct(
      String op, List<TensorType> ts, Shape s, String side, int[] batch, int[] contract) {
    boolean[] used = new boolean[s.rank()];
    for (int[] dims : new int[][] {batch, contract}) {
      for (int x : dims) {
        if (used[x]) {
          throw error(
              op,
              ts,
              side
                  + " dimension "
                  + x
                  + " appears twice among "
                  + side
                  + "_batching_dimensions "
                  + Arrays.toString(batch)
                  + " and "
                  + side
                  + "_contracting_dimensions "
                  + Arrays.toString(contract));
        }
        used[x] = true;
      }
    }
  }

  private static List<Integer> freeDims(Shape s, int[] batch, int[] contract) {
    Set<Integer> used = new java.util.HashSet<>();
    Arrays.stream(batch).forEach(used::add);
    Arrays.stream(contract).forEach(used::add);
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < s.rank(); i++) {
      if (!used.contains(i)) {
        out.add(s.dim(i));
      }
    }
    return out;
  }

  static List<TensorType> transpose(
      String op, List<TensorType> ts, Attributes a, List<TensorType> d) {
    Shape s = ts.get(0).shape();
    int[] perm = a.getInts("permutation");
    boolean[] seen = new boolean[s.rank()];
    if (perm.length != s.rank()) {
      throw error(
          op,
          ts,
          "expected a permutation of length " + s.rank() + ", got " + Arrays.toString(perm));
    }
    int[] out = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      if (perm[i] < 0 || perm[i] >= s.rank() || seen[perm[i]]) {
        throw error(
            op,
            ts,
            "expected a permutation of 0.." + (s.rank() - 1) + ", got " + Arrays.toString(perm));
      }
      seen[perm[i]] = true;
      out[i] = s.dim(perm[i]);
    }
    return one(ts.get(0).withShape(Shape.of(out)));
  }

  static List<TensorType> reshape(
      String op, List<TensorType> ts, Attributes a, List<TensorType> declared) {
    TensorType t = declaredSingle(op, ts, declared);
    TensorType x = ts.get(0);
    if (t.numElements() != x.numElements()
        || t.dtype() != x.dtype()
        || t.visibility() != x.visibility()) {
      throw error(
          op, ts, "expected a result with the same element count, dtype and visibility, got " + t);
    }
    return one(t);
  }

  static List<TensorType> broadcastInDim(
      String op, List<TensorType> ts, Attributes a, List<TensorType> declared) {
    TensorType t = declaredSingle(op, ts, declared);
    TensorType x = ts.get(0);
    int[] dims = a.getInts("broadcast_dimensions");
    if (dims.length != x.shape().rank()
        || t.dtype() != x.dtype()
        || t.visibility() != x.visibility()) {
      throw error(
          op,
          ts,
          "expected broadcast_dimensions of length "
              + x.shape().rank()
              + " and a result of the same dtype and visibility, got "
              + Arrays.toString(dims)
              + " -> "
              + t);
    }
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < 0 || dims[i] >= t.shape().rank() || (i > 0 && dims[i] <= dims[i - 1])) {
        throw error(
            op,
            ts,
            "broadcast_dimensions "
                + Arrays.toString(dims)
                + " must be increasing and < result rank "
                + t.shape().rank());
      }
    }
    for (int i = 0; i < dims.length; i++) {
      int xd = x.shape().dim(i);
      if (xd != 1 && xd != t.shape().dim(dims[i])) {
        throw error(
            op, ts, "operand dimension " + i + " of size " + xd + " cannot broadcast to " + t);
      }
    }
    return one(t);
  }

  static List<TensorType> slice(String op, List<TensorType> ts, Attributes a, List<TensorType> d) {
    Shape s = ts.get(0).shape();
    int[] start = a.getInts("start_indices");
    int[] limit = a.getInts("limit_indices");
    int[] strides = a.getInts("strides");
    if (start.length != s.rank() || limit.length != s.rank() || strides.length != s.rank()) {
      throw error(
          op, ts, "expected start_indices, limit_indices and strides of length " + s.rank());
    }
    int[] out = new int[s.rank()];
    for (int i = 0; i < s.rank(); i++) {
      if (start[i] < 0 || limit[i] > s.dim(i) || start[i] > limit[i] || strides[i] < 1) {
        throw error(
            op,
            ts,
            "slice ["
                + start[i]
                + ":"
                + limit[i]
                + ":"
                + strides[i]
                + "] out of range for dimension "
                + i
                + " of size "
                + s.dim(i));
      }
      out[i] = (int) (((long) limit[i] - start[i] + strides[i] - 1) / strides[i]);
    }
    return one(ts.get(0).withShape(Shape.of(out)));
  }

  static List<TensorType> concatenate(
      String op, List<TensorType> ts, Attributes a, List<TensorType> d) {
    long d64 = a.getLong("dimension");
    Shape s0 = ts.get(0).shape();
    if (d64 < 0 || d64 >= s0.rank()) {
      throw error(op, ts, "dimension " + d64 + " out of range for rank " + s0.rank());
    }
    int dim = (int) d64;
    int total = 0;
    for (TensorType t : ts) {
      Shape s = t.shape();
      if (s.rank() != s0.rank()) {
        throw error(op, ts, "expected operands of one rank");
      }
      for (int i = 0; i < s.rank(); i++) {
        if (i != dim && s.dim(i) != s0.dim(i)) {
          throw error(op, ts, "expected operands that agree except in dimension " + dim);
        }
      }
      total += s.dim(dim);
      if (total < 0) {
        throw error(op, ts, "concatenated dimension " + dim + " is too large");
      }
    }
    int[] out = s0.dims();
    out[dim] = total;
    return one(new TensorType(Shape.of(out), promoteAll(ts), narrowAll(ts)));
  }

  static List<TensorType> pad(String op, List<TensorType> ts, Attributes a, List<TensorType> d) {
    Shape s = ts.get(0).shape();
    if (ts.get(1).shape().rank() != 0) {
      throw error(op, ts, "expected a scalar padding value");
    }
    int[] lo = a.getInts("edge_padding_low");
    int[] hi = a.getInts("edge_padding_high");
    int[] in = a.getInts("interior_padding");
    if (lo.length != s.rank() || hi.length != s.rank() || in.length != s.rank()) {
      throw error(
          op,
          ts,
          "expected edge_padding_low, edge_padding_high and interior_padding of length "
              + s.rank());
    }
    int[] out = new int[s.rank()];
    for (int i = 0; i < s.rank(); i++) {
      if (in[i] < 0) {
        throw error(op, ts, "interior_padding must be non-negative");
      }
      long n = (long) lo[i] + hi[i] + s.dim(i) + (long) Math.max(0, s.dim(i) - 1) * in[i];
      if (n < 0 || n > Integer.MAX_VALUE) {
        throw error(
            op, ts, "padding makes dimension " + i + " " + (n < 0 ? "negative" : "too large"));
      }
      out[i] = (int) n;
    }
    return one(new TensorType(Shape.of(out), promoteAll(ts), narrowAll(ts)));
  }

  static final Set<String> REDUCE_KINDS = Set.of("add", "mul", "max", "min");

  static List<TensorType> reduce(String op, List<TensorType> ts, Attributes a, List<TensorType> d) {
    Shape s = ts.get(0).shape();
    if (ts.get(1).shape().rank() != 0) {
      throw error(op, ts, "expected a scalar init value");
    }
    String kind = a.getString("kind");
    if (!REDUCE_KINDS.contains(kind)) {
      throw error(op, ts, "kind '" + kind + "' is not one of " + REDUCE_KINDS);
    }
    int[] dims = a.getInts("dimensions");
    boolean[] drop = new boolean[s.rank()];
    for (int x : dims) {
      if (x < 0 || x >= s.rank() || drop[x]) {
        throw error(
            op, ts, "dimensions " + Arrays.toString(dims) + " invalid for rank " + s.rank());
      }
      drop[x] = true;
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < s.rank(); i++) {
      if (!drop[i]) {
        out.add(s.dim(i));
      }
    }
    return one(
        new TensorType(
            Shape.of(out.stream().mapToInt(Integer::intValue).toArray()),
            promoteAll(ts),
            narrowAll(ts)));
  }
}
