package dev.spu.pphlo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Generates random well-typed PPHLO modules from a seeded {@link Random}: every standard op, random
 * attributes (including extra ones of every attribute kind, which type rules ignore), constants
 * with negative, fractional, extreme and splat values, scalars, empty tensors, and 1-3 functions.
 */
final class RandomPrograms {
  static final List<String> OPS =
      List.of(
          "constant",
          "iota",
          "arith",
          "logical",
          "shift",
          "compare",
          "unary",
          "not",
          "select",
          "clamp",
          "convert",
          "dot",
          "dot_general",
          "transpose",
          "reshape",
          "broadcast_in_dim",
          "slice",
          "concatenate",
          "pad",
          "reduce");
  static final String[] ARITH = {
    "add", "subtract", "multiply", "divide", "maximum", "minimum", "remainder", "power"
  };
  static final String[] LOGICAL = {"and", "or", "xor"};
  static final String[] SHIFT = {"shift_left", "shift_right_arithmetic", "shift_right_logical"};
  static final String[] COMPARE = {
    "equal", "not_equal", "greater", "greater_equal", "less", "less_equal"
  };
  static final String[] UNARY = {"negate", "abs", "sign"};

  static final Predicate<DType> ANY = d -> true;
  static final Predicate<DType> NUMERIC = d -> !d.isBoolean();
  static final Predicate<DType> INTEGER_OR_BOOL = DType::isInteger;
  static final Predicate<DType> INTEGER = d -> d.isInteger() && !d.isBoolean();
  static final Predicate<DType> BOOL = DType::isBoolean;

  private final Random rnd;
  private FunctionBuilder fb;
  private List<Value> pool;

  RandomPrograms(long seed) {
    // Spread consecutive seeds: java.util.Random's first outputs correlate for nearby seeds.
    this.rnd = new Random(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
  }

  Module module() {
    int n = 1 + (rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(2) : 0);
    List<Function> fs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      fs.add(function(i == 0 ? "main" : "f" + i));
    }
    return new Module(fs);
  }

  Function function(String name) {
    fb = new FunctionBuilder(name);
    pool = new ArrayList<>();
    int args = rnd.nextInt(3);
    for (int i = 0; i < args; i++) {
      pool.add(fb.addArgument(randomType(ANY, shape())));
    }
    int ops = 1 + rnd.nextInt(12);
    for (int i = 0; i < ops; i++) {
      step(OPS.get(rnd.nextInt(OPS.size())));
    }
    if (pool.isEmpty()) {
      pool.add(constant(shape(), DType.I32));
    }
    List<Value> returns = new ArrayList<>();
    int r = rnd.nextInt(4);
    for (int i = 0; i < r; i++) {
      returns.add(pool.get(rnd.nextInt(pool.size())));
    }
    return fb.build(returns);
  }

  private void step(String kind) {
    Value v =
        switch (kind) {
          case "constant" -> constant(shape(), dtype(ANY));
          case "iota" -> iota();
          case "arith" -> binary(pick(ARITH), NUMERIC);
          case "logical" -> binary(pick(LOGICAL), INTEGER_OR_BOOL);
          case "shift" -> binary(pick(SHIFT), INTEGER);
          case "compare" -> binary(pick(COMPARE), ANY);
          case "unary" -> op(pick(UNARY), null, operand(NUMERIC));
          case "not" -> op("not", null, operand(INTEGER_OR_BOOL));
          case "select" -> select();
          case "clamp" -> clamp();
          case "convert" -> convert(operand(ANY));
          case "dot" -> dot();
          case "dot_general" -> dotGeneral();
          case "transpose" -> transpose();
          case "reshape" -> reshape();
          case "broadcast_in_dim" -> broadcast();
          case "slice" -> slice();
          case "concatenate" -> concatenate();
          case "pad" -> pad();
          case "reduce" -> reduce();
          default -> throw new AssertionError(kind);
        };
    pool.add(v);
  }

  // ------------------------------------------------------------ ops

  private Value op(String name, Attributes.Builder attrs, Value... operands) {
    return fb.op(name, extra(attrs), operands);
  }

  private Value opDeclared(String name, Attributes.Builder attrs, TensorType t, Value... xs) {
    return fb.op(name, extra(attrs), t, xs);
  }

  private Value binary(String name, Predicate<DType> ok) {
    Value x = operand(ok);
    return op(name, null, x, like(x.type().shape(), ok));
  }

  private Value iota() {
    Shape s = shape(1);
    TensorType t = new TensorType(s, dtype(ANY), Visibility.PUBLIC);
    return opDeclared("iota", Attributes.builder().put("iota_dimension", rnd.nextInt(s.rank())), t);
  }

  private Value select() {
    Value x = operand(ANY);
    Shape s = x.type().shape();
    Value pred = like(rnd.nextInt(3) == 0 ? Shape.SCALAR : s, BOOL);
    return op("select", null, pred, x, like(s, ANY));
  }

  private Value clamp() {
    Value x = operand(NUMERIC);
    Shape s = x.type().shape();
    Value lo = like(rnd.nextBoolean() ? Shape.SCALAR : s, NUMERIC);
    Value hi = like(rnd.nextBoolean() ? Shape.SCALAR : s, NUMERIC);
    return op("clamp", null, lo, x, hi);
  }

  private Value convert(Value x) {
    Visibility v = x.type().isSecret() || rnd.nextBoolean() ? Visibility.SECRET : Visibility.PUBLIC;
    TensorType t = new TensorType(x.type().shape(), dtype(ANY), v);
    return opDeclared("convert", null, t, x);
  }

  private Value dot() {
    int m = dim(), k = dim(), n = dim();
    Shape l, r;
    switch (rnd.nextInt(4)) {
      case 0 -> {
        l = Shape.of(k);
        r = Shape.of(k);
      }
      case 1 -> {
        l = Shape.of(m, k);
        r = Shape.of(k);
      }
      case 2 -> {
        l = Shape.of(k);
        r = Shape.of(k, n);
      }
      default -> {
        l = Shape.of(m, k);
        r = Shape.of(k, n);
      }
    }
    return op("dot", null, like(l, NUMERIC), like(r, NUMERIC));
  }

  private Value dotGeneral() {
    int nb = rnd.nextInt(2), nc = rnd.nextInt(3), lf = rnd.nextInt(2), rf = rnd.nextInt(2);
    int[] batch = dims(nb), contract = dims(nc);
    int[] lhsPos = permutation(nb + nc + lf), rhsPos = permutation(nb + nc + rf);
    int[] ls = new int[lhsPos.length], rs = new int[rhsPos.length];
    Arrays.setAll(ls, i -> dim());
    Arrays.setAll(rs, i -> dim());
    int[] lb = new int[nb], rb = new int[nb], lc = new int[nc], rc = new int[nc];
    for (int i = 0; i < nb; i++) {
      lb[i] = lhsPos[i];
      rb[i] = rhsPos[i];
      ls[lb[i]] = batch[i];
      rs[rb[i]] = batch[i];
    }
    for (int i = 0; i < nc; i++) {
      lc[i] = lhsPos[nb + i];
      rc[i] = rhsPos[nb + i];
      ls[lc[i]] = contract[i];
      rs[rc[i]] = contract[i];
    }
    Attributes.Builder a =
        Attributes.builder()
            .put("lhs_batching_dimensions", lb)
            .put("rhs_batching_dimensions", rb)
            .put("lhs_contracting_dimensions", lc)
            .put("rhs_contracting_dimensions", rc);
    return op("dot_general", a, like(Shape.of(ls), NUMERIC), like(Shape.of(rs), NUMERIC));
  }

  private Value transpose() {
    Value x = operand(ANY);
    return op(
        "transpose",
        Attributes.builder().put("permutation", permutation(x.type().shape().rank())),
        x);
  }

  private Value reshape() {
    Value x = operand(ANY);
    int n = x.type().numElements();
    List<Integer> dims = new ArrayList<>();
    if (n == 0) {
      dims.add(0);
      if (rnd.nextBoolean()) {
        dims.add(dim());
      }
    } else {
      int rest = n;
      while (rest > 1 && dims.size() < 3) {
        int f = divisor(rest);
        dims.add(f);
        rest /= f;
      }
      if (rest > 1) {
        dims.add(rest);
      }
      if (rnd.nextInt(4) == 0) {
        dims.add(rnd.nextInt(dims.size() + 1), 1);
      }
    }
    Shape s = Shape.of(dims.stream().mapToInt(Integer::intValue).toArray());
    return opDeclared("reshape", null, x.type().withShape(s), x);
  }

  private Value broadcast() {
    Value x = operand(ANY);
    Shape xs = x.type().shape();
    int rank = xs.rank() + rnd.nextInt(3);
    int[] map = sortedSubset(rank, xs.rank());
    int[] out = new int[rank];
    Arrays.setAll(out, i -> dim());
    for (int i = 0; i < map.length; i++) {
      out[map[i]] = xs.dim(i) == 1 ? 1 + rnd.nextInt(3) : xs.dim(i);
    }
    return opDeclared(
        "broadcast_in_dim",
        Attributes.builder().put("broadcast_dimensions", map),
        x.type().withShape(Shape.of(out)),
        x);
  }

  private Value slice() {
    Value x = operand(ANY);
    Shape s = x.type().shape();
    int[] start = new int[s.rank()], limit = new int[s.rank()], strides = new int[s.rank()];
    for (int i = 0; i < s.rank(); i++) {
      start[i] = rnd.nextInt(s.dim(i) + 1);
      limit[i] = start[i] + rnd.nextInt(s.dim(i) - start[i] + 1);
      strides[i] = 1 + rnd.nextInt(3);
    }
    Attributes.Builder a =
        Attributes.builder()
            .put("start_indices", start)
            .put("limit_indices", limit)
            .put("strides", strides);
    return op("slice", a, x);
  }

  private Value concatenate() {
    Shape s = shape(1);
    int axis = rnd.nextInt(s.rank());
    int k = 1 + rnd.nextInt(3);
    Value[] xs = new Value[k];
    for (int i = 0; i < k; i++) {
      int[] d = s.dims();
      d[axis] = rnd.nextInt(4);
      xs[i] = like(Shape.of(d), ANY);
    }
    return op("concatenate", Attributes.builder().put("dimension", axis), xs);
  }

  private Value pad() {
    Value x = operand(ANY);
    Shape s = x.type().shape();
    int[] lo = new int[s.rank()], hi = new int[s.rank()], in = new int[s.rank()];
    for (int i = 0; i < s.rank(); i++) {
      in[i] = rnd.nextInt(3);
      int size = s.dim(i) + Math.max(0, s.dim(i) - 1) * in[i];
      lo[i] = rnd.nextInt(4) - 1;
      hi[i] = rnd.nextInt(4) - 1;
      if (size + lo[i] + hi[i] < 0) {
        lo[i] = 0;
        hi[i] = 0;
      }
    }
    Attributes.Builder a =
        Attributes.builder()
            .put("edge_padding_low", lo)
            .put("edge_padding_high", hi)
            .put("interior_padding", in);
    return op("pad", a, x, like(Shape.SCALAR, ANY));
  }

  private Value reduce() {
    Value x = operand(ANY);
    int rank = x.type().shape().rank();
    int[] perm = permutation(rank);
    int[] dims = Arrays.copyOf(perm, rnd.nextInt(rank + 1));
    Attributes.Builder a =
        Attributes.builder()
            .put("dimensions", dims)
            .put("kind", pick(new String[] {"add", "max", "min", "mul"}));
    return op("reduce", a, x, like(Shape.SCALAR, ANY));
  }

  // ------------------------------------------------------------ operands

  /** An existing value whose dtype is accepted, or a new one of a random shape. */
  private Value operand(Predicate<DType> ok) {
    if (!pool.isEmpty() && rnd.nextInt(3) > 0) {
      Value v = pool.get(rnd.nextInt(pool.size()));
      if (ok.test(v.type().dtype())) {
        return v;
      }
    }
    return like(shape(), ok);
  }

  /** A value of shape {@code s}: reused from the pool, a new argument, constant or conversion. */
  private Value like(Shape s, Predicate<DType> ok) {
    if (rnd.nextBoolean()) {
      List<Value> fits =
          pool.stream()
              .filter(v -> v.type().shape().equals(s) && ok.test(v.type().dtype()))
              .toList();
      if (!fits.isEmpty()) {
        return fits.get(rnd.nextInt(fits.size()));
      }
    }
    DType dt = dtype(ok);
    return switch (rnd.nextInt(3)) {
      case 0 -> fb.addArgument(randomType(d -> d == dt, s));
      case 1 -> constant(s, dt);
      default -> {
        Value c = constant(s, dtype(ANY));
        Visibility v = rnd.nextBoolean() ? Visibility.SECRET : Visibility.PUBLIC;
        yield opDeclared("convert", null, new TensorType(s, dt, v), c);
      }
    };
  }

  Value constant(Shape s, DType dt) {
    int n = s.numElements();
    boolean splat = n != 1 && rnd.nextInt(5) == 0;
    int stored = splat ? 1 : n;
    DenseElements d;
    if (dt.isFixedPoint()) {
      double[] v = new double[stored];
      for (int i = 0; i < stored; i++) {
        v[i] =
            switch (rnd.nextInt(8)) {
              case 0 -> -rnd.nextInt(100);
              case 1 -> -0.0;
              case 2 -> rnd.nextGaussian() * 1e-7;
              case 3 -> rnd.nextDouble() * 1e300;
              case 4 -> rnd.nextInt(9) * 0.125 - 0.5;
              default -> rnd.nextGaussian() * 100;
            };
      }
      d = DenseElements.ofFloats(s, dt, v);
    } else {
      long[] v = new long[stored];
      for (int i = 0; i < stored; i++) {
        if (dt.isBoolean()) {
          v[i] = rnd.nextInt(2);
        } else {
          v[i] =
              switch (rnd.nextInt(10)) {
                case 0 -> dt.bits() == 64 ? Long.MIN_VALUE : -(1L << (dt.bits() - 1));
                case 1 -> dt.bits() == 64 ? Long.MAX_VALUE : (1L << (dt.bits() - 1)) - 1;
                default -> rnd.nextInt(dt.bits() == 8 ? 128 : 2001) - (dt.bits() == 8 ? 64 : 1000);
              };
        }
      }
      d = DenseElements.ofInts(s, dt, v);
    }
    return op("constant", Attributes.builder().put("value", d));
  }

  /** With probability 1/6, adds extra attributes of every kind (type rules ignore them). */
  private Attributes extra(Attributes.Builder b) {
    Attributes.Builder a = b == null ? Attributes.builder() : b;
    if (rnd.nextInt(6) == 0) {
      a.put("x_double", rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20));
      a.put("x_bool", rnd.nextBoolean());
      a.put("x_dtype", dtype(ANY));
      a.put("x_long", rnd.nextLong());
      a.put("x_str", pick(new String[] {"", "add", "a \"quoted\" \\ path", "line\nbreak", "é∑😀"}));
      a.put("x_empty", new long[0]);
      a.put("x_array", new long[] {-1, Long.MAX_VALUE, 0});
      if (rnd.nextBoolean()) {
        a.put(
            "x_dense",
            DenseElements.ofFloats(
                Shape.of(2), DType.F32, new double[] {Double.NaN, Double.NEGATIVE_INFINITY}));
      }
    }
    return a.build();
  }

  // ------------------------------------------------------------ randomness

  private TensorType randomType(Predicate<DType> ok, Shape s) {
    return new TensorType(s, dtype(ok), rnd.nextBoolean() ? Visibility.SECRET : Visibility.PUBLIC);
  }

  private DType dtype(Predicate<DType> ok) {
    List<DType> ds = Arrays.stream(DType.values()).filter(ok).toList();
    return ds.get(rnd.nextInt(ds.size()));
  }

  private Shape shape() {
    return shape(0);
  }

  private Shape shape(int minRank) {
    int rank = minRank + rnd.nextInt(4 - minRank);
    int[] d = new int[rank];
    Arrays.setAll(d, i -> dim());
    return Shape.of(d);
  }

  private int dim() {
    return rnd.nextInt(25) == 0 ? 0 : 1 + rnd.nextInt(4);
  }

  private int[] dims(int n) {
    int[] d = new int[n];
    Arrays.setAll(d, i -> dim());
    return d;
  }

  private int[] permutation(int n) {
    List<Integer> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(i);
    }
    java.util.Collections.shuffle(l, rnd);
    return l.stream().mapToInt(Integer::intValue).toArray();
  }

  private int[] sortedSubset(int n, int k) {
    int[] p = Arrays.copyOf(permutation(n), k);
    Arrays.sort(p);
    return p;
  }

  private int divisor(int n) {
    List<Integer> ds = new ArrayList<>();
    for (int i = 2; i <= n; i++) {
      if (n % i == 0) {
        ds.add(i);
      }
    }
    return ds.get(rnd.nextInt(ds.size()));
  }

  private String pick(String[] xs) {
    return xs[rnd.nextInt(xs.length)];
  }
}
