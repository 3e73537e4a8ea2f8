package dev.spu.pphlo.importer;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.ConvolutionSpec;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.TypeException;
import dev.spu.pphlo.Value;
import dev.spu.pphlo.Visibility;
import dev.spu.pphlo.WindowSpec;
import dev.spu.pphlo.importer.Converter.Env;
import dev.spu.pphlo.importer.Converter.IVal;
import dev.spu.pphlo.importer.Converter.T;
import dev.spu.pphlo.importer.Converter.Tup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The table of source ops the importer lowers: one entry per StableHLO op (HLO ops are renamed to
 * these by {@link HloParser}), each a small handler producing PPHLO ops through the {@link
 * Converter}. Known (import-time) operands are folded where that is exact (integers, booleans,
 * layout of any constant, comparisons); floating-point arithmetic is always emitted so that the
 * runtime's fixed-point semantics apply.
 */
final class StableHloOps {
  private StableHloOps() {}

  /** Lowers one source op whose operands are already resolved. */
  @FunctionalInterface
  interface Handler {
    List<IVal> apply(Converter cv, Ast.Op op, Env env, List<IVal> args);
  }

  private static final Map<String, Handler> TABLE = new TreeMap<>();

  private static void add(String name, Handler h) {
    if (TABLE.put(name, h) != null) {
      throw new IllegalStateException("source op registered twice: " + name);
    }
  }

  static Handler handler(String name) {
    return TABLE.get(name);
  }

  static List<String> names() {
    return new ArrayList<>(TABLE.keySet());
  }

  private static final Map<String, String> COMPARE =
      Map.of(
          "EQ", "equal",
          "NE", "not_equal",
          "GT", "greater",
          "GE", "greater_equal",
          "LT", "less",
          "LE", "less_equal");

  static {
    // Sources.
    add("constant", StableHloOps::constant);
    add("iota", StableHloOps::iota);

    // Elementwise.
    for (String op :
        List.of(
            "add",
            "subtract",
            "multiply",
            "divide",
            "maximum",
            "minimum",
            "remainder",
            "power",
            "and",
            "or",
            "xor",
            "shift_left",
            "shift_right_arithmetic",
            "shift_right_logical")) {
      add(op, (cv, o, env, a) -> binary(op, cv, o, a));
    }
    add("compare", StableHloOps::compare);
    for (String op : List.of("negate", "abs", "sign", "not")) {
      add(op, (cv, o, env, a) -> intUnary(op, cv, o, a));
    }
    for (String op :
        List.of("exponential", "log", "log_plus_one", "logistic", "tanh", "sqrt", "rsqrt", "erf")) {
      add(op, (cv, o, env, a) -> emitUnary(op, cv, o, a));
    }
    add("exponential_minus_one", StableHloOps::expm1);
    add("is_finite", StableHloOps::isFinite);
    add("select", StableHloOps::select);
    add("clamp", StableHloOps::clamp);
    add(
        "convert",
        (cv, o, env, a) -> List.of(cv.convertTo(t(cv, o, a, 0), cv.declaredDType(o, 0), o)));

    // Identities.
    for (String op : List.of("optimization_barrier", "reduce_precision", "copy")) {
      add(op, (cv, o, env, a) -> a);
    }

    // Layout.
    add("broadcast_in_dim", StableHloOps::broadcastInDim);
    add("broadcast", StableHloOps::broadcast);
    add("reshape", StableHloOps::reshape);
    add("transpose", StableHloOps::transpose);
    add("reverse", StableHloOps::reverse);
    add("slice", StableHloOps::slice);
    add("dynamic_slice", StableHloOps::dynamicSlice);
    add("dynamic_update_slice", StableHloOps::dynamicUpdateSlice);
    add("concatenate", StableHloOps::concatenate);
    add("pad", StableHloOps::pad);

    // Linear algebra and windows.
    add("dot_general", StableHloOps::dotGeneral);
    add("dot", (cv, o, env, a) -> List.of(emit2(cv, o, "dot", null, a)));
    add("convolution", StableHloOps::convolution);
    add("reduce", StableHloOps::reduce);
    add("reduce_window", StableHloOps::reduceWindow);
    add("select_and_scatter", StableHloOps::selectAndScatter);

    // Structure.
    add("while", StableHloOps::whileLoop);
    add("if", StableHloOps::ifOp);
    add("case", StableHloOps::caseOp);
    add("call", (cv, o, env, a) -> cv.call(cv.symbol(o, "callee"), a, o));
    add("composite", (cv, o, env, a) -> cv.call(cv.symbol(o, "decomposition"), a, o));
    add("custom_call", StableHloOps::customCall);
    add("tuple", (cv, o, env, a) -> List.of(new Tup(a)));
    add("get_tuple_element", StableHloOps::getTupleElement);
    // The StableHLO interpreter's check ops (same meaning as the check.* custom calls).
    for (String op :
        List.of(
            "check.expect_eq",
            "check.expect_eq_const",
            "check.expect_almost_eq",
            "check.expect_almost_eq_const",
            "check.expect_close")) {
      add(op, (cv, o, env, a) -> check(cv, o, op, a));
    }
  }

  // ------------------------------------------------------------------ helpers

  private static T t(Converter cv, Ast.Op op, List<IVal> args, int i) {
    if (i >= args.size()) {
      throw cv.error(op, "expected at least " + (i + 1) + " operands, got " + args.size());
    }
    return cv.tensor(args.get(i), op, i);
  }

  private static void arity(Converter cv, Ast.Op op, List<IVal> args, int n) {
    if (args.size() != n) {
      throw cv.error(op, "expected " + n + " operands, got " + args.size());
    }
  }

  private static IVal emit2(Converter cv, Ast.Op op, String pphlo, Attributes a, List<IVal> args) {
    arity(cv, op, args, 2);
    return cv.emitT(
        op, pphlo, a, null, cv.value(t(cv, op, args, 0), op), cv.value(t(cv, op, args, 1), op));
  }

  private static boolean allEqual(T t, double v) {
    return t.known != null && t.known.allEqual(v);
  }

  private static boolean known(T... ts) {
    for (T t : ts) {
      if (t.known == null) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIota(int[] p) {
    for (int i = 0; i < p.length; i++) {
      if (p[i] != i) {
        return false;
      }
    }
    return true;
  }

  private static int[] range(int from, int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = from + i;
    }
    return r;
  }

  // ------------------------------------------------------------------ sources

  private static List<IVal> constant(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    Object v = cv.attr(op, "value");
    if (!(v instanceof Known k)) {
      throw cv.error(op, "expected a dense constant value, got " + Attrs.describe(v));
    }
    return List.of(new T(k));
  }

  private static List<IVal> iota(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    Shape s = cv.declaredShape(op, 0);
    DType d = cv.declaredDType(op, 0);
    int dim = (int) cv.integer(op, "iota_dimension");
    if (dim < 0 || dim >= s.rank()) {
      throw cv.error(op, "iota_dimension " + dim + " out of range for shape [" + s + "]");
    }
    if (s.numElements() <= Known.FOLD_LIMIT) {
      int[] st = s.strides();
      long[] v = new long[s.numElements()];
      for (int i = 0; i < v.length; i++) {
        v[i] = (i / st[dim]) % s.dim(dim);
      }
      return List.of(new T(Known.ofLongs(s, d, v, 0)));
    }
    TensorType type = new TensorType(s, d, Visibility.PUBLIC);
    return List.of(cv.emitT(op, "iota", Attributes.of("iota_dimension", dim), type));
  }

  // ------------------------------------------------------------------ elementwise

  private static List<IVal> binary(String pphlo, Converter cv, Ast.Op op, List<IVal> args) {
    arity(cv, op, args, 2);
    T a = t(cv, op, args, 0);
    T b = t(cv, op, args, 1);
    // ±inf as the identity of max/min: the op vanishes.
    if (pphlo.equals("maximum") && a.shape.equals(b.shape)) {
      if (allEqual(b, Double.NEGATIVE_INFINITY)) {
        return List.of(a);
      }
      if (allEqual(a, Double.NEGATIVE_INFINITY)) {
        return List.of(b);
      }
    }
    if (pphlo.equals("minimum") && a.shape.equals(b.shape)) {
      if (allEqual(b, Double.POSITIVE_INFINITY)) {
        return List.of(a);
      }
      if (allEqual(a, Double.POSITIVE_INFINITY)) {
        return List.of(b);
      }
    }
    if (known(a, b)
        && a.shape.equals(b.shape)
        && a.dtype == b.dtype
        && Known.foldable(a.shape, a.known, b.known)) {
      Known f = foldBinary(pphlo, a.known, b.known);
      if (f != null) {
        return List.of(new T(f));
      }
    }
    return List.of(cv.emitT(op, pphlo, null, null, cv.value(a, op), cv.value(b, op)));
  }

  /** Exact folds: integer/boolean arithmetic and logic, max/min of anything; else null. */
  private static Known foldBinary(String op, Known a, Known b) {
    DType d = a.dtype;
    if (d.isFixedPoint()) {
      return switch (op) {
        case "maximum" -> Known.zipDouble(a, b, d, Math::max);
        case "minimum" -> Known.zipDouble(a, b, d, Math::min);
        default -> null;
      };
    }
    if ((op.equals("divide") || op.equals("remainder")) && !nonZero(b)) {
      return null;
    }
    return switch (op) {
      case "add" -> d.isBoolean() ? null : Known.zipLong(a, b, d, Long::sum);
      case "subtract" -> d.isBoolean() ? null : Known.zipLong(a, b, d, (x, y) -> x - y);
      case "multiply" -> d.isBoolean() ? null : Known.zipLong(a, b, d, (x, y) -> x * y);
      case "divide" -> Known.zipLong(a, b, d, (x, y) -> x / y);
      case "remainder" -> Known.zipLong(a, b, d, (x, y) -> x % y);
      case "maximum" -> Known.zipLong(a, b, d, Math::max);
      case "minimum" -> Known.zipLong(a, b, d, Math::min);
      case "and" -> Known.zipLong(a, b, d, (x, y) -> x & y);
      case "or" -> Known.zipLong(a, b, d, (x, y) -> x | y);
      case "xor" -> Known.zipLong(a, b, d, (x, y) -> x ^ y);
      default -> null;
    };
  }

  private static boolean nonZero(Known k) {
    for (long x : k.longs()) {
      if (x == 0) {
        return false;
      }
    }
    return true;
  }

  private static List<IVal> compare(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    arity(cv, op, args, 2);
    String dir = cv.enumValue(op, "comparison_direction");
    String pphlo = COMPARE.get(dir);
    if (pphlo == null) {
      throw cv.error(op, "comparison direction " + dir + " (supported: " + COMPARE.keySet() + ")");
    }
    T a = t(cv, op, args, 0);
    T b = t(cv, op, args, 1);
    if (known(a, b) && a.shape.equals(b.shape) && Known.foldable(a.shape, a.known, b.known)) {
      Known.DoubleOp f =
          switch (dir) {
            case "EQ" -> (x, y) -> x == y ? 1 : 0;
            case "NE" -> (x, y) -> x != y ? 1 : 0;
            case "GT" -> (x, y) -> x > y ? 1 : 0;
            case "GE" -> (x, y) -> x >= y ? 1 : 0;
            case "LT" -> (x, y) -> x < y ? 1 : 0;
            default -> (x, y) -> x <= y ? 1 : 0;
          };
      if (a.known.isFloat() || b.known.isFloat()) {
        return List.of(new T(Known.zipDouble(a.known, b.known, DType.I1, f)));
      }
      // Integers compare exactly as longs: apply the direction to sign(x − y) against 0.
      return List.of(
          new T(
              Known.zipLong(
                  a.known, b.known, DType.I1, (x, y) -> (long) f.apply(Long.compare(x, y), 0))));
    }
    return List.of(cv.emitT(op, pphlo, null, null, cv.value(a, op), cv.value(b, op)));
  }

  private static List<IVal> intUnary(String pphlo, Converter cv, Ast.Op op, List<IVal> args) {
    arity(cv, op, args, 1);
    T x = t(cv, op, args, 0);
    if (x.known != null && !x.known.isFloat()) {
      boolean bool = x.dtype.isBoolean();
      Known f =
          switch (pphlo) {
            case "negate" -> bool ? null : Known.mapLong(x.known, v -> -v);
            case "abs" -> bool ? null : Known.mapLong(x.known, Math::abs);
            case "sign" -> bool ? null : Known.mapLong(x.known, Long::signum);
            default -> Known.mapLong(x.known, v -> bool ? 1 - v : ~v);
          };
      if (f != null) {
        return List.of(new T(f));
      }
    }
    return emitUnary(pphlo, cv, op, args);
  }

  private static List<IVal> emitUnary(String pphlo, Converter cv, Ast.Op op, List<IVal> args) {
    arity(cv, op, args, 1);
    return List.of(cv.emitT(op, pphlo, null, null, cv.value(t(cv, op, args, 0), op)));
  }

  /** expm1(x) = exp(x) − 1. */
  private static List<IVal> expm1(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    arity(cv, op, args, 1);
    T x = t(cv, op, args, 0);
    Value e = cv.emit(op, "exponential", null, null, cv.value(x, op));
    Value one = cv.value(Converter.splat(x.shape, x.dtype, 1), op);
    return List.of(cv.emitT(op, "subtract", null, null, e, one));
  }

  /** Fixed-point values are always finite: true everywhere, unless the value is known. */
  private static List<IVal> isFinite(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    arity(cv, op, args, 1);
    T x = t(cv, op, args, 0);
    if (x.known != null) {
      double[] v = x.known.doubles();
      long[] r = new long[v.length];
      for (int i = 0; i < v.length; i++) {
        r[i] = Double.isFinite(v[i]) ? 1 : 0;
      }
      return List.of(new T(Known.ofLongs(x.shape, DType.I1, r, 0)));
    }
    return List.of(Converter.splat(x.shape, DType.I1, 1));
  }

  private static List<IVal> select(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    arity(cv, op, args, 3);
    T p = t(cv, op, args, 0);
    T a = t(cv, op, args, 1);
    T b = t(cv, op, args, 2);
    if (p.known != null && p.known.isUniform()) {
      return List.of(p.known.truth(0) ? a : b);
    }
    if (known(p, a, b)
        && a.shape.equals(b.shape)
        && a.dtype == b.dtype
        && Known.foldable(a.shape, p.known, a.known, b.known)) {
      return List.of(new T(Known.select(p.known, a.known, b.known)));
    }
    return List.of(
        cv.emitT(op, "select", null, null, cv.value(p, op), cv.value(a, op), cv.value(b, op)));
  }

  private static List<IVal> clamp(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    arity(cv, op, args, 3);
    T lo = t(cv, op, args, 0);
    T x = t(cv, op, args, 1);
    T hi = t(cv, op, args, 2);
    return List.of(
        cv.emitT(op, "clamp", null, null, cv.value(lo, op), cv.value(x, op), cv.value(hi, op)));
  }

  // ------------------------------------------------------------------ layout

  private static List<IVal> broadcastInDim(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    arity(cv, op, args, 1);
    return List.of(
        broadcastInDim(
            cv,
            op,
            t(cv, op, args, 0),
            cv.declaredShape(op, 0),
            cv.ints(op, "broadcast_dimensions")));
  }

  static T broadcastInDim(Converter cv, Ast.Op op, T x, Shape out, int[] dims) {
    if (dims.length != x.shape.rank()) {
      throw cv.error(
          op,
          "broadcast_dimensions "
              + Arrays.toString(dims)
              + " do not match the operand rank "
              + x.shape.rank());
    }
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < 0
          || dims[i] >= out.rank()
          || (x.shape.dim(i) != 1 && x.shape.dim(i) != out.dim(dims[i]))) {
        throw cv.error(
            op,
            "cannot broadcast [" + x.shape + "] to [" + out + "] along " + Arrays.toString(dims));
      }
    }
    if (x.shape.equals(out) && isIota(dims)) {
      return x;
    }
    if (x.known != null && Known.foldable(out, x.known)) {
      return new T(x.known.broadcastInDim(out, dims));
    }
    // PPHLO wants increasing broadcast dimensions: transpose the operand first.
    Integer[] order = new Integer[dims.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (i, j) -> Integer.compare(dims[i], dims[j]));
    int[] perm = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    int[] sorted = new int[dims.length];
    for (int i = 0; i < perm.length; i++) {
      sorted[i] = dims[perm[i]];
    }
    T y = transpose(cv, op, x, perm);
    return cv.emitT(
        op,
        "broadcast_in_dim",
        Attributes.of("broadcast_dimensions", sorted),
        new TensorType(out, y.dtype, y.visibility()),
        cv.value(y, op));
  }

  private static List<IVal> broadcast(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    arity(cv, op, args, 1);
    T x = t(cv, op, args, 0);
    int[] sizes = cv.ints(op, "broadcast_sizes");
    int[] out = new int[sizes.length + x.shape.rank()];
    System.arraycopy(sizes, 0, out, 0, sizes.length);
    System.arraycopy(x.shape.dims(), 0, out, sizes.length, x.shape.rank());
    return List.of(broadcastInDim(cv, op, x, Shape.of(out), range(sizes.length, x.shape.rank())));
  }

  private static List<IVal> reshape(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    arity(cv, op, args, 1);
    T x = t(cv, op, args, 0);
    Shape out = cv.declaredShape(op, 0);
    if (out.numElements() != x.shape.numElements()) {
      throw cv.error(op, "cannot reshape [" + x.shape + "] to [" + out + "]");
    }
    if (out.equals(x.shape)) {
      return List.of(x);
    }
    if (x.known != null) {
      return List.of(new T(x.known.reshape(out)));
    }
    return List.of(
        cv.emitT(
            op, "reshape", null, new TensorType(out, x.dtype, x.visibility()), cv.value(x, op)));
  }

  private static List<IVal> transpose(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    arity(cv, op, args, 1);
    return List.of(transpose(cv, op, t(cv, op, args, 0), cv.ints(op, "permutation")));
  }

  static T transpose(Converter cv, Ast.Op op, T x, int[] perm) {
    if (perm.length == x.shape.rank() && isIota(perm)) {
      return x;
    }
    boolean[] seen = new boolean[x.shape.rank()];
    for (int p : perm) {
      if (perm.length != seen.length || p < 0 || p >= seen.length || seen[p]) {
        throw cv.error(op, "permutation " + Arrays.toString(perm) + " of rank " + seen.length);
      }
      seen[p] = true;
    }
    if (x.known != null && Known.foldable(x.shape, x.known)) {
      return new T(x.known.transpose(perm));
    }
    return cv.emitT(op, "transpose", Attributes.of("permutation", perm), null, cv.value(x, op));
  }

  /**
   * reverse: each reversed dimension of size n is a product with the public n×n anti-identity
   * (integer, so a fixed-point operand needs no truncation and a secret one no communication).
   */
  private static List<IVal> reverse(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    arity(cv, op, args, 1);
    T x = t(cv, op, args, 0);
    int[] dims = cv.ints(op, "dimensions");
    for (int d : dims) {
      if (d < 0 || d >= x.shape.rank()) {
        throw cv.error(op, "dimension " + d + " out of range for [" + x.shape + "]");
      }
    }
    if (x.known != null && Known.foldable(x.shape, x.known)) {
      return List.of(new T(x.known.reverse(dims)));
    }
    if (x.dtype.isBoolean()) {
      throw cv.error(op, "reversing an i1 tensor is not supported (convert it first)");
    }
    T y = x;
    int r = x.shape.rank();
    for (int d : dims) {
      int n = x.shape.dim(d);
      if (n <= 1) {
        continue;
      }
      long[] p = new long[n * n];
      for (int i = 0; i < n; i++) {
        p[i * n + (n - 1 - i)] = 1;
      }
      DType pd = y.dtype.isFixedPoint() ? DType.I32 : y.dtype;
      T perm = new T(Known.ofLongs(Shape.of(n, n), pd, p, 0));
      Attributes a =
          Attributes.builder()
              .put("lhs_batching_dimensions", new long[0])
              .put("rhs_batching_dimensions", new long[0])
              .put("lhs_contracting_dimensions", new long[] {d})
              .put("rhs_contracting_dimensions", new long[] {0})
              .build();
      T moved = cv.emitT(op, "dot_general", a, null, cv.value(y, op), cv.value(perm, op));
      int[] back = new int[r];
      for (int i = 0; i < r; i++) {
        back[i] = i < d ? i : i == d ? r - 1 : i - 1;
      }
      y = transpose(cv, op, moved, back);
    }
    return List.of(y);
  }

  private static List<IVal> slice(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    arity(cv, op, args, 1);
    T x = t(cv, op, args, 0);
    int r = x.shape.rank();
    int[] start = cv.ints(op, "start_indices");
    int[] limit = cv.ints(op, "limit_indices");
    int[] strides = cv.intsOr(op, "strides", Converter.ones(r));
    return List.of(slice(cv, op, x, start, limit, strides));
  }

  static T slice(Converter cv, Ast.Op op, T x, int[] start, int[] limit, int[] strides) {
    int r = x.shape.rank();
    if (start.length != r || limit.length != r || strides.length != r) {
      throw cv.error(op, "slice indices of rank " + start.length + " for [" + x.shape + "]");
    }
    int[] out = new int[r];
    boolean identity = true;
    for (int i = 0; i < r; i++) {
      if (start[i] < 0 || limit[i] > x.shape.dim(i) || start[i] > limit[i] || strides[i] < 1) {
        throw cv.error(
            op,
            "slice ["
                + start[i]
                + ":"
                + limit[i]
                + ":"
                + strides[i]
                + "] out of range for ["
                + x.shape
                + "]");
      }
      out[i] = (limit[i] - start[i] + strides[i] - 1) / strides[i];
      identity &= out[i] == x.shape.dim(i) && start[i] == 0 && (strides[i] == 1 || out[i] <= 1);
    }
    if (identity) {
      return x;
    }
    if (x.known != null && Known.foldable(Shape.of(out), x.known)) {
      return new T(x.known.slice(start, strides, Shape.of(out)));
    }
    Attributes a =
        Attributes.builder()
            .put("start_indices", start)
            .put("limit_indices", limit)
            .put("strides", strides)
            .build();
    return cv.emitT(op, "slice", a, null, cv.value(x, op));
  }

  /** Start indices, which must be known (clamped as StableHLO does). */
  private static int[] startIndices(
      Converter cv, Ast.Op op, List<IVal> args, int from, Shape x, int[] sizes) {
    int r = x.rank();
    if (args.size() - from != r) {
      throw cv.error(op, "expected " + r + " start indices, got " + (args.size() - from));
    }
    int[] start = new int[r];
    for (int i = 0; i < r; i++) {
      T s = t(cv, op, args, from + i);
      if (s.known == null || s.shape.rank() != 0) {
        throw cv.error(
            op,
            "start index "
                + i
                + " is not known at import time: only indices that are constants or counters of"
                + " unrolled loops are supported");
      }
      long v = s.known.l(0);
      start[i] = (int) Math.max(0, Math.min(v, x.dim(i) - sizes[i]));
    }
    return start;
  }

  private static List<IVal> dynamicSlice(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    T x = t(cv, op, args, 0);
    int[] sizes = cv.ints(op, "slice_sizes");
    if (sizes.length != x.shape.rank()) {
      throw cv.error(op, "slice_sizes " + Arrays.toString(sizes) + " for [" + x.shape + "]");
    }
    int[] start = startIndices(cv, op, args, 1, x.shape, sizes);
    int[] limit = new int[start.length];
    for (int i = 0; i < start.length; i++) {
      limit[i] = start[i] + sizes[i];
    }
    return List.of(slice(cv, op, x, start, limit, Converter.ones(start.length)));
  }

  /** operand with a window replaced: select(public mask, pad(update), operand). */
  private static List<IVal> dynamicUpdateSlice(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    T x = t(cv, op, args, 0);
    T u = t(cv, op, args, 1);
    int r = x.shape.rank();
    if (u.shape.rank() != r) {
      throw cv.error(op, "update [" + u.shape + "] does not match operand [" + x.shape + "]");
    }
    int[] start = startIndices(cv, op, args, 2, x.shape, u.shape.dims());
    if (u.shape.equals(x.shape)) {
      return List.of(cv.convertTo(u, x.dtype, op));
    }
    int[] lo = start;
    int[] hi = new int[r];
    for (int i = 0; i < r; i++) {
      hi[i] = x.shape.dim(i) - start[i] - u.shape.dim(i);
    }
    T zero = Converter.splat(Shape.SCALAR, u.dtype, 0);
    T padded = pad(cv, op, u, zero, lo, hi, new int[r]);
    long[] mask = new long[x.shape.numElements()];
    int[] c = new int[r];
    for (int i = 0; i < mask.length; i++) {
      boolean in = true;
      for (int d = 0; d < r; d++) {
        in &= c[d] >= start[d] && c[d] < start[d] + u.shape.dim(d);
      }
      mask[i] = in ? 1 : 0;
      Known.next(c, x.shape);
    }
    T m = new T(Known.ofLongs(x.shape, DType.I1, mask, 0));
    padded = cv.convertTo(padded, x.dtype, op);
    if (known(padded, x)) {
      return List.of(new T(Known.select(m.known, padded.known, x.known)));
    }
    return List.of(
        cv.emitT(op, "select", null, null, cv.value(m, op), cv.value(padded, op), cv.value(x, op)));
  }

  private static List<IVal> concatenate(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    List<T> xs = cv.tensors(args, op);
    if (xs.isEmpty()) {
      throw cv.error(op, "needs at least one operand");
    }
    int dim = (int) cv.integer(op, "dimension");
    if (xs.size() == 1) {
      return List.of(xs.get(0));
    }
    Shape s0 = xs.get(0).shape;
    if (dim < 0 || dim >= s0.rank()) {
      throw cv.error(op, "dimension " + dim + " out of range for rank " + s0.rank());
    }
    boolean allKnown = true;
    int total = 0;
    for (T x : xs) {
      allKnown &= x.known != null && x.dtype == xs.get(0).dtype;
      if (x.shape.rank() != s0.rank()) {
        throw cv.error(op, "operands of different ranks");
      }
      for (int i = 0; i < s0.rank(); i++) {
        if (i != dim && x.shape.dim(i) != s0.dim(i)) {
          throw cv.error(op, "operands that differ outside dimension " + dim);
        }
      }
      total += x.shape.dim(dim);
    }
    int[] od = s0.dims();
    od[dim] = total;
    Shape out = Shape.of(od);
    if (allKnown && out.numElements() <= Known.FOLD_LIMIT) {
      Known[] ks = xs.stream().map(x -> x.known).toArray(Known[]::new);
      return List.of(new T(Known.concatenate(ks, dim, out, xs.get(0).dtype)));
    }
    Value[] vs = new Value[xs.size()];
    for (int i = 0; i < vs.length; i++) {
      vs[i] = cv.value(xs.get(i), op);
    }
    return List.of(cv.emitT(op, "concatenate", Attributes.of("dimension", dim), null, vs));
  }

  private static List<IVal> pad(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    arity(cv, op, args, 2);
    T x = t(cv, op, args, 0);
    int r = x.shape.rank();
    return List.of(
        pad(
            cv,
            op,
            x,
            t(cv, op, args, 1),
            cv.ints(op, "edge_padding_low"),
            cv.ints(op, "edge_padding_high"),
            cv.intsOr(op, "interior_padding", new int[r])));
  }

  /**
   * pad; its padding value may be ±inf (then the runtime uses the most extreme encodable value).
   */
  static T pad(Converter cv, Ast.Op op, T x, T v, int[] lo, int[] hi, int[] in) {
    int r = x.shape.rank();
    if (lo.length != r || hi.length != r || in.length != r || v.shape.rank() != 0) {
      throw cv.error(
          op, "padding of rank " + lo.length + " for [" + x.shape + "] and a scalar value");
    }
    boolean none = true;
    int[] out = new int[r];
    for (int i = 0; i < r; i++) {
      none &= lo[i] == 0 && hi[i] == 0 && in[i] == 0;
      if (in[i] < 0) {
        throw cv.error(op, "negative interior padding");
      }
      long n =
          (long) lo[i] + hi[i] + x.shape.dim(i) + (long) Math.max(0, x.shape.dim(i) - 1) * in[i];
      if (n < 0 || n > Integer.MAX_VALUE) {
        throw cv.error(op, "padding gives dimension " + i + " the size " + n);
      }
      out[i] = (int) n;
    }
    if (none) {
      return x;
    }
    Shape os = Shape.of(out);
    if (known(x, v) && x.dtype == v.dtype && Known.foldable(os, x.known, v.known)) {
      return new T(x.known.pad(v.known, lo, hi, in, os));
    }
    Attributes a =
        Attributes.builder()
            .put("edge_padding_low", lo)
            .put("edge_padding_high", hi)
            .put("interior_padding", in)
            .build();
    return cv.emitT(op, "pad", a, null, cv.value(x, op), cv.valueAllowingInf(v, op));
  }

  // ------------------------------------------------------------------ linear algebra, windows

  private static List<IVal> dotGeneral(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    Object dn = cv.attr(op, "dot_dimension_numbers");
    if (!(dn instanceof Map<?, ?> m)) {
      throw cv.error(op, "dot_dimension_numbers is " + Attrs.describe(dn));
    }
    Attributes.Builder b = Attributes.builder();
    for (String k :
        List.of(
            "lhs_batching_dimensions",
            "rhs_batching_dimensions",
            "lhs_contracting_dimensions",
            "rhs_contracting_dimensions")) {
      Object v = m.get(k);
      try {
        b.put(k, v == null ? new long[0] : Attrs.longArray(v));
      } catch (IllegalArgumentException e) {
        throw cv.error(op, k + ": " + e.getMessage());
      }
    }
    return List.of(emit2(cv, op, "dot_general", b.build(), args));
  }

  private static List<IVal> convolution(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    arity(cv, op, args, 2);
    Object dn = cv.attr(op, "dimension_numbers");
    if (!(dn instanceof ConvolutionSpec.Dims d)) {
      throw cv.error(op, "dimension_numbers is " + Attrs.describe(dn));
    }
    int s = d.spatial();
    int[] rev = cv.intsOr(op, "window_reversal", new int[s]);
    boolean[] reversal = new boolean[rev.length];
    for (int i = 0; i < rev.length; i++) {
      reversal[i] = rev[i] != 0;
    }
    ConvolutionSpec spec;
    try {
      spec =
          new ConvolutionSpec(
              d,
              cv.intsOr(op, "window_strides", Converter.ones(s)),
              cv.intsOr(op, "padding", new int[2 * s]),
              cv.intsOr(op, "lhs_dilation", Converter.ones(s)),
              cv.intsOr(op, "rhs_dilation", Converter.ones(s)),
              reversal,
              op.attrs().containsKey("feature_group_count")
                  ? (int) cv.integer(op, "feature_group_count")
                  : 1,
              op.attrs().containsKey("batch_group_count")
                  ? (int) cv.integer(op, "batch_group_count")
                  : 1);
    } catch (TypeException e) {
      throw cv.error(op, e.getMessage());
    }
    return List.of(emit2(cv, op, "convolution", spec.toAttributes(), args));
  }

  /** The single op of a two-argument region applied to its arguments, or null. */
  static Ast.Op binaryBody(Ast.Region r) {
    if (r.args().size() != 2
        || r.ops().size() != 1
        || r.returns() == null
        || r.returns().size() != 1) {
      return null;
    }
    Ast.Op o = r.ops().get(0);
    if (o.operands().size() != 2 || o.results().size() != 1) {
      return null;
    }
    if (r.args().get(0).name().equals(r.args().get(1).name())) {
      return null;
    }
    Set<String> args = Set.of(r.args().get(0).name(), r.args().get(1).name());
    String u0 = o.operands().get(0).name();
    String u1 = o.operands().get(1).name();
    if (!args.contains(u0) || !args.contains(u1) || u0.equals(u1)) {
      return null;
    }
    if (!r.returns().get(0).name().equals(o.results().get(0).name())) {
      return null;
    }
    return o;
  }

  /** add/mul/max/min from a reduction body (and/or on i1 as min/max). */
  private static String reduceKind(Converter cv, Ast.Op op, DType dtype, Set<String> allowed) {
    Ast.Op body = op.regions().isEmpty() ? null : binaryBody(op.regions().get(0));
    String kind = null;
    if (body != null) {
      kind =
          switch (body.name()) {
            case "add" -> "add";
            case "multiply" -> "mul";
            case "maximum" -> "max";
            case "minimum" -> "min";
            case "or" -> dtype.isBoolean() ? "max" : null;
            case "and" -> dtype.isBoolean() ? "min" : null;
            default -> null;
          };
    }
    if (kind == null || !allowed.contains(kind)) {
      throw cv.error(
          op,
          "only bodies computing "
              + (allowed.contains("mul")
                  ? "add, multiply, maximum or minimum"
                  : "add, maximum or minimum")
              + " of their two arguments (and/or on i1) are supported");
    }
    return kind;
  }

  private static boolean infIdentity(String kind, T init) {
    return (kind.equals("max") && allEqual(init, Double.NEGATIVE_INFINITY))
        || (kind.equals("min") && allEqual(init, Double.POSITIVE_INFINITY));
  }

  private static List<IVal> reduce(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    if (args.size() != 2) {
      throw cv.error(
          op,
          "a reduce of "
              + args.size() / 2
              + " inputs together (e.g. argmax) is not supported: one input and one init value");
    }
    T x = t(cv, op, args, 0);
    T init = t(cv, op, args, 1);
    String kind = reduceKind(cv, op, x.dtype, Set.of("add", "mul", "max", "min"));
    Value iv = infIdentity(kind, init) ? cv.valueAllowingInf(init, op) : cv.value(init, op);
    Attributes a =
        Attributes.builder().put("dimensions", cv.ints(op, "dimensions")).put("kind", kind).build();
    return List.of(cv.emitT(op, "reduce", a, null, cv.value(x, op), iv));
  }

  private static WindowSpec window(Converter cv, Ast.Op op, int rank, boolean dilations) {
    try {
      return new WindowSpec(
          cv.ints(op, "window_dimensions"),
          cv.intsOr(op, "window_strides", Converter.ones(rank)),
          dilations ? cv.intsOr(op, "base_dilations", Converter.ones(rank)) : Converter.ones(rank),
          dilations
              ? cv.intsOr(op, "window_dilations", Converter.ones(rank))
              : Converter.ones(rank),
          cv.intsOr(op, "padding", new int[2 * rank]));
    } catch (TypeException e) {
      throw cv.error(op, e.getMessage());
    }
  }

  private static List<IVal> reduceWindow(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    if (args.size() != 2) {
      throw cv.error(
          op,
          "a reduce_window of "
              + args.size() / 2
              + " inputs together is not supported: one input and one init value");
    }
    T x = t(cv, op, args, 0);
    T init = t(cv, op, args, 1);
    String kind = reduceKind(cv, op, x.dtype, Set.of("add", "max", "min"));
    WindowSpec w = window(cv, op, x.shape.rank(), true);
    Value iv = infIdentity(kind, init) ? cv.valueAllowingInf(init, op) : cv.value(init, op);
    Attributes a = w.toAttributes(Attributes.builder(), true).put("kind", kind).build();
    return List.of(cv.emitT(op, "reduce_window", a, null, cv.value(x, op), iv));
  }

  private static List<IVal> selectAndScatter(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    arity(cv, op, args, 3);
    if (op.regions().size() != 2) {
      throw cv.error(op, "expected a select and a scatter region");
    }
    Ast.Region selR = op.regions().get(0);
    Ast.Op sel = binaryBody(selR);
    String select = null;
    if (sel != null && sel.name().equals("compare")) {
      String dir = cv.enumValue(sel, "comparison_direction");
      boolean inOrder = sel.operands().get(0).name().equals(selR.args().get(0).name());
      if (dir.equals("GE")) {
        select = inOrder ? "ge" : "le";
      } else if (dir.equals("LE")) {
        select = inOrder ? "le" : "ge";
      }
    }
    if (select == null) {
      throw cv.error(op, "only a select region comparing its arguments with GE or LE is supported");
    }
    Ast.Op sc = binaryBody(op.regions().get(1));
    if (sc == null || !sc.name().equals("add")) {
      throw cv.error(op, "only a scatter region adding its two arguments is supported");
    }
    T x = t(cv, op, args, 0);
    WindowSpec w = window(cv, op, x.shape.rank(), false);
    Attributes a =
        w.toAttributes(Attributes.builder(), false)
            .put("select", select)
            .put("scatter", "add")
            .build();
    return List.of(
        cv.emitT(
            op,
            "select_and_scatter",
            a,
            null,
            cv.value(x, op),
            cv.value(t(cv, op, args, 1), op),
            cv.value(t(cv, op, args, 2), op)));
  }

  // ------------------------------------------------------------------ structure

  /** Unrolled: the condition must be known at import time in every iteration. */
  private static List<IVal> whileLoop(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    if (op.regions().size() != 2) {
      throw cv.error(op, "expected a condition and a body region");
    }
    List<IVal> state = args;
    for (int it = 0; ; it++) {
      List<IVal> c = cv.region(op.regions().get(0), env, state, op);
      if (c.size() != 1 || !(c.get(0) instanceof T p) || p.shape.numElements() != 1) {
        throw cv.error(op, "the condition must return one i1 scalar");
      }
      if (p.known == null) {
        throw cv.error(
            op,
            "the loop condition is not known at import time (it depends on the program's"
                + " inputs): only loops whose trip count is fixed when the program is written are"
                + " supported (they are unrolled); e.g. jax.lax.fori_loop with Python int bounds");
      }
      if (!p.known.truth(0)) {
        return state;
      }
      if (it >= cv.maxLoopIterations()) {
        throw cv.error(
            op, "the loop runs more than " + cv.maxLoopIterations() + " iterations (unrolled)");
      }
      state = cv.region(op.regions().get(1), env, state, op);
      if (state.size() != args.size()) {
        throw cv.error(op, "the body returns " + state.size() + " values for " + args.size());
      }
    }
  }

  /** Branch i's arguments: HLO branch computations take operand i + 1; StableHLO's take none. */
  private static List<IVal> branchArgs(Ast.Region r, List<IVal> args, int i) {
    return r.args().isEmpty() ? List.of() : List.of(args.get(1 + i));
  }

  /**
   * if: a known predicate picks the branch; otherwise both branches run and every result is a
   * select on the predicate (oblivious, so this also serves a secret predicate).
   */
  private static List<IVal> ifOp(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    T p = t(cv, op, args, 0);
    if (op.regions().size() != 2 || p.shape.numElements() != 1) {
      throw cv.error(op, "expected a scalar predicate and two branches");
    }
    if (p.known != null) {
      int b = p.known.truth(0) ? 0 : 1;
      return cv.region(op.regions().get(b), env, branchArgs(op.regions().get(b), args, b), op);
    }
    List<IVal> t =
        cv.region(op.regions().get(0), env, branchArgs(op.regions().get(0), args, 0), op);
    List<IVal> f =
        cv.region(op.regions().get(1), env, branchArgs(op.regions().get(1), args, 1), op);
    return merge(cv, op, p, t, f);
  }

  private static List<IVal> merge(Converter cv, Ast.Op op, T pred, List<IVal> a, List<IVal> b) {
    if (a.size() != b.size()) {
      throw cv.error(op, "branches return " + a.size() + " and " + b.size() + " values");
    }
    List<IVal> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      out.add(merge(cv, op, pred, a.get(i), b.get(i)));
    }
    return out;
  }

  private static IVal merge(Converter cv, Ast.Op op, T pred, IVal a, IVal b) {
    if (a instanceof Tup ta && b instanceof Tup tb) {
      return new Tup(merge(cv, op, pred, ta.items, tb.items));
    }
    if (!(a instanceof T x) || !(b instanceof T y)) {
      throw cv.error(op, "branches return a tuple and a tensor");
    }
    if (x == y) {
      return x;
    }
    Value p = cv.value(pred.shape.rank() == 0 ? pred : reshapeScalar(cv, op, pred), op);
    return cv.emitT(op, "select", null, null, p, cv.value(x, op), cv.value(y, op));
  }

  private static T reshapeScalar(Converter cv, Ast.Op op, T x) {
    if (x.known != null) {
      return new T(x.known.reshape(Shape.SCALAR));
    }
    return cv.emitT(op, "reshape", null, x.type().withShape(Shape.SCALAR), cv.value(x, op));
  }

  /** case: a known index picks the branch (out of range: the last); otherwise a select chain. */
  private static List<IVal> caseOp(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    T index = t(cv, op, args, 0);
    int n = op.regions().size();
    if (n == 0 || index.shape.numElements() != 1) {
      throw cv.error(op, "expected a scalar index and at least one branch");
    }
    if (index.known != null) {
      long i = index.known.l(0);
      int b = i < 0 || i >= n ? n - 1 : (int) i;
      return cv.region(op.regions().get(b), env, branchArgs(op.regions().get(b), args, b), op);
    }
    List<List<IVal>> results = new ArrayList<>();
    for (int b = 0; b < n; b++) {
      results.add(
          cv.region(op.regions().get(b), env, branchArgs(op.regions().get(b), args, b), op));
    }
    T idx = index.shape.rank() == 0 ? index : reshapeScalar(cv, op, index);
    List<IVal> acc = results.get(n - 1);
    for (int b = n - 2; b >= 0; b--) {
      T c = new T(Known.ofLongs(Shape.SCALAR, idx.dtype, new long[] {b}, 0));
      T eq = cv.emitT(op, "equal", null, null, cv.value(idx, op), cv.value(c, op));
      acc = merge(cv, op, eq, results.get(b), acc);
    }
    return acc;
  }

  private static final Set<String> IDENTITY_TARGETS =
      Set.of("Sharding", "SPMDFullToShardShape", "SPMDShardToFullShape");

  private static List<IVal> customCall(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    Object target = cv.attr(op, "call_target_name");
    String name = target instanceof String s ? s : Attrs.describe(target);
    if (name.startsWith("check.")) {
      return check(cv, op, name, args);
    }
    if (IDENTITY_TARGETS.contains(name)) {
      return args;
    }
    throw cv.error(
        op,
        "unsupported custom_call target '"
            + name
            + "' (supported: check.eq, check.expect_eq, check.expect_close,"
            + " check.expect_almost_eq and the sharding annotations "
            + IDENTITY_TARGETS
            + ")");
  }

  /**
   * A check of a self-checking program: {@code check.*(got, expected)}, or {@code
   * check.*_const(got) {value = ...}} (the interpreter's op form).
   */
  private static List<IVal> check(Converter cv, Ast.Op op, String name, List<IVal> args) {
    T got = t(cv, op, args, 0);
    T expected;
    if (args.size() >= 2) {
      expected = t(cv, op, args, 1);
    } else if (op.attrs().get("value") instanceof Known k) {
      expected = new T(k);
    } else {
      throw cv.error(op, name + " needs the value computed and the value expected");
    }
    return cv.check(op, name, got, expected);
  }

  private static List<IVal> getTupleElement(Converter cv, Ast.Op op, Env env, List<IVal> args) {
    arity(cv, op, args, 1);
    if (!(args.get(0) instanceof Tup t)) {
      throw cv.error(op, "operand is not a tuple");
    }
    long i = cv.integer(op, "index");
    if (i < 0 || i >= t.items.size()) {
      throw cv.error(op, "index " + i + " out of range for a tuple of " + t.items.size());
    }
    return List.of(t.items.get((int) i));
  }
}
