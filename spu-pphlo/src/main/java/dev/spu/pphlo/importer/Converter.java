package dev.spu.pphlo.importer;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.DenseElements;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.FunctionBuilder;
import dev.spu.pphlo.Module;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.TypeException;
import dev.spu.pphlo.Value;
import dev.spu.pphlo.Verifier;
import dev.spu.pphlo.Visibility;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers an {@link Ast.Program} to one PPHLO function {@code main}: calls are inlined, loops are
 * unrolled, and every source op is mapped by its entry in {@link StableHloOps} (one handler per op,
 * no switch here).
 *
 * <p>Public values known at import time ({@link Known}: constants and what folds from them, such as
 * loop counters, broadcast constants and comparisons of counters) are carried without emitting ops;
 * a known value becomes a {@code constant} op at its first use by an emitted op. This is what lets
 * {@code while} loops unroll (the condition must be known at each iteration), {@code if}/ {@code
 * case} pick a branch, and ±inf be accepted only where it is a max/min identity or a pad value.
 */
final class Converter {
  private final Ast.Program program;
  private final ImportOptions options;
  private final Map<String, Ast.Func> funcs = new LinkedHashMap<>();
  private final FunctionBuilder fb = new FunctionBuilder("main");
  private final List<String> argNames = new ArrayList<>();
  private final List<ImportResult.Input> inputs = new ArrayList<>();
  private final List<PendingCheck> checks = new ArrayList<>();
  private final Map<DenseElements, Value> constants = new HashMap<>();
  private List<IVal> inputsCache;
  private int emitted;
  private int depth;

  private record PendingCheck(String kind, int line, T got, T expected, boolean exact) {}

  Converter(Ast.Program program, ImportOptions options) {
    this.program = program;
    this.options = options;
    for (Ast.Func f : program.funcs()) {
      if (funcs.put(f.name(), f) != null) {
        throw new ImportException(f.line(), "function @" + f.name() + " is defined twice");
      }
    }
  }

  // ------------------------------------------------------------------ values

  /** A value of the source program during lowering: a tensor or a tuple. */
  abstract static sealed class IVal permits T, Tup {}

  /**
   * A tensor: an emitted PPHLO value, a known public value, or both (a known value once it has been
   * materialized as a constant).
   */
  static final class T extends IVal {
    final Shape shape;
    final DType dtype;
    Value value;
    final Known known;

    T(Value v) {
      this.shape = v.type().shape();
      this.dtype = v.type().dtype();
      this.value = v;
      this.known = null;
    }

    T(Known k) {
      this.shape = k.shape;
      this.dtype = k.dtype;
      this.known = k;
    }

    Visibility visibility() {
      return value != null ? value.type().visibility() : Visibility.PUBLIC;
    }

    TensorType type() {
      return new TensorType(shape, dtype, visibility());
    }

    @Override
    public String toString() {
      return known != null ? known.toString() : String.valueOf(value);
    }
  }

  static final class Tup extends IVal {
    final List<IVal> items;

    Tup(List<IVal> items) {
      this.items = List.copyOf(items);
    }
  }

  /** Names in scope; a region sees its parent's names (implicit capture). */
  static final class Env {
    private final Env parent;
    private final Map<String, List<IVal>> map = new HashMap<>();

    Env(Env parent) {
      this.parent = parent;
    }

    IVal get(Ast.Use u, int line) {
      for (Env e = this; e != null; e = e.parent) {
        List<IVal> vs = e.map.get(u.name());
        if (vs != null) {
          int i = u.index() < 0 ? 0 : u.index();
          if (i >= vs.size() || (u.index() < 0 && vs.size() != 1)) {
            throw new ImportException(
                line,
                "use "
                    + u
                    + " does not match the "
                    + vs.size()
                    + " result(s) of its definition"
                    + (vs.size() > 1 ? " (write %" + u.name() + "#i)" : ""));
          }
          return vs.get(i);
        }
      }
      throw new ImportException(line, "use of undefined value " + u);
    }

    void define(String name, List<IVal> vs) {
      map.put(name, vs);
    }
  }

  // ------------------------------------------------------------------ driver

  ImportResult run() {
    Ast.Func entry = entry();
    if (entry.body() == null) {
      throw new ImportException(entry.line(), "entry function @" + entry.name() + " has no body");
    }
    if (options.visibilities().size() > entry.args().size()) {
      throw new ImportException(
          entry.line(),
          options.visibilities().size()
              + " visibilities given for the "
              + entry.args().size()
              + " arguments of @"
              + entry.name());
    }
    Env env = new Env(null);
    for (int i = 0; i < entry.args().size(); i++) {
      Ast.Arg a = entry.args().get(i);
      if (a.type().isTuple()) {
        throw new ImportException(
            entry.line(), "argument %" + a.name() + " is a tuple " + a.type() + ": not supported");
      }
      TensorType t =
          new TensorType(
              MlirParser.shapeOf(a.type(), entry.line()),
              MlirParser.dtypeOf(a.type(), entry.line()),
              options.visibility(i));
      env.define(a.name(), List.of(new T(fb.addArgument(t))));
      argNames.add(i < entry.argLabels().size() ? entry.argLabels().get(i) : a.name());
    }
    List<IVal> outs = region(entry.body(), env);
    List<Value> returns = new ArrayList<>();
    for (IVal v : outs) {
      flatten(v, returns, entry.body().line());
    }
    int resultCount = returns.size();
    List<ImportResult.Check> cs = new ArrayList<>();
    for (PendingCheck pc : checks) {
      int got = returns.size();
      returns.add(materialize(pc.got(), pc.line(), "check", false));
      returns.add(materialize(pc.expected(), pc.line(), "check", false));
      DenseElements exact = pc.expected().known != null ? pc.expected().known.toDense() : null;
      cs.add(new ImportResult.Check(pc.kind(), pc.line(), got, got + 1, pc.exact(), exact));
    }
    Function f = fb.build(returns);
    Module m = Module.of(f);
    try {
      Verifier.verify(m);
    } catch (TypeException e) {
      throw new ImportException(0, "the imported program does not verify: " + e.getMessage(), e);
    }
    return new ImportResult(m, argNames, inputs, cs, resultCount);
  }

  private Ast.Func entry() {
    if (program.entry() != null) {
      Ast.Func f = funcs.get(program.entry());
      if (f == null) {
        throw new ImportException(0, "entry computation " + program.entry() + " not found");
      }
      return f;
    }
    if (funcs.containsKey("main")) {
      return funcs.get("main");
    }
    List<Ast.Func> pub = program.funcs().stream().filter(Ast.Func::isPublic).toList();
    return pub.size() == 1 ? pub.get(0) : program.funcs().get(0);
  }

  private void flatten(IVal v, List<Value> out, int line) {
    if (v instanceof Tup t) {
      for (IVal i : t.items) {
        flatten(i, out, line);
      }
    } else {
      out.add(materialize((T) v, line, "return", false));
    }
  }

  // ------------------------------------------------------------------ regions and ops

  /** Converts a region's ops in a child scope of {@code env}; returns its terminator's values. */
  List<IVal> region(Ast.Region r, Env env) {
    for (Ast.Op op : r.ops()) {
      convert(op, env);
    }
    if (r.returns() == null) {
      throw new ImportException(r.line(), "region without a return");
    }
    List<IVal> out = new ArrayList<>();
    for (Ast.Use u : r.returns()) {
      out.add(env.get(u, r.line()));
    }
    return out;
  }

  /** A region with its arguments bound to {@code args}. */
  List<IVal> region(Ast.Region r, Env parent, List<IVal> args, Ast.Op at) {
    if (args.size() != r.args().size()) {
      throw error(at, "a region takes " + r.args().size() + " arguments, given " + args.size());
    }
    Env e = new Env(parent);
    for (int i = 0; i < args.size(); i++) {
      e.define(r.args().get(i).name(), List.of(args.get(i)));
    }
    return region(r, e);
  }

  private void convert(Ast.Op op, Env env) {
    StableHloOps.Handler h = StableHloOps.handler(op.name());
    if (h == null) {
      throw error(
          op,
          "unsupported op (supported: "
              + String.join(", ", StableHloOps.names())
              + "; anything else needs a rewrite before import)");
    }
    List<IVal> args = new ArrayList<>();
    for (Ast.Use u : op.operands()) {
      args.add(env.get(u, op.line()));
    }
    List<IVal> out = h.apply(this, op, env, args);
    out = checkDeclared(op, out);
    define(op, env, out);
  }

  private void define(Ast.Op op, Env env, List<IVal> out) {
    List<Ast.Result> groups = op.results();
    int total = 0;
    for (Ast.Result g : groups) {
      total += g.count();
    }
    if (total != out.size() && !(groups.isEmpty())) {
      throw error(op, "defines " + total + " result(s) but produces " + out.size());
    }
    int k = 0;
    for (Ast.Result g : groups) {
      env.define(g.name(), new ArrayList<>(out.subList(k, k + g.count())));
      k += g.count();
    }
  }

  /** Declared result shapes must match; a declared dtype that differs is converted to. */
  private List<IVal> checkDeclared(Ast.Op op, List<IVal> out) {
    List<Ast.Type> decl = op.resultTypes();
    if (decl.size() != out.size()) {
      return out;
    }
    List<IVal> fixed = new ArrayList<>(out);
    for (int i = 0; i < out.size(); i++) {
      Ast.Type d = decl.get(i);
      if (!(out.get(i) instanceof T t) || d.isTuple() || d.elem().startsWith("!")) {
        continue;
      }
      Shape s = MlirParser.shapeOf(d, op.line());
      if (!s.equals(t.shape)) {
        throw error(op, "result " + i + " has shape [" + t.shape + "] but " + d + " is declared");
      }
      DType dt = MlirParser.dtypeOf(d, op.line());
      if (dt != t.dtype) {
        fixed.set(i, convertTo(t, dt, op));
      }
    }
    return fixed;
  }

  // ------------------------------------------------------------------ helpers for handlers

  String srcName(Ast.Op op) {
    Object s = op.attrs().get("_src");
    if (s instanceof String str) {
      return str;
    }
    return op.name().contains(".") ? op.name() : "stablehlo." + op.name();
  }

  ImportException error(Ast.Op op, String msg) {
    return new ImportException(op.line(), srcName(op) + ": " + msg);
  }

  T tensor(IVal v, Ast.Op op, int i) {
    if (v instanceof T t) {
      return t;
    }
    throw error(op, "operand " + i + " is a tuple; a tensor is expected");
  }

  List<T> tensors(List<IVal> vs, Ast.Op op) {
    List<T> out = new ArrayList<>();
    for (int i = 0; i < vs.size(); i++) {
      out.add(tensor(vs.get(i), op, i));
    }
    return out;
  }

  /** The emitted value of {@code t}; a known value becomes a constant (±inf is rejected). */
  Value value(T t, Ast.Op user) {
    return materialize(t, user.line(), srcName(user), false);
  }

  /** As {@link #value} but ±inf is allowed (a max/min identity or a pad value). */
  Value valueAllowingInf(T t, Ast.Op user) {
    return materialize(t, user.line(), srcName(user), true);
  }

  private Value materialize(T t, int line, String user, boolean allowInf) {
    Known k = t.known;
    if (k != null) {
      if (k.hasNaN()) {
        throw new ImportException(
            k.line > 0 ? k.line : line,
            "a NaN constant (used by " + user + " at line " + line + ") is not supported");
      }
      if (!k.isFinite() && !allowInf) {
        throw new ImportException(
            k.line > 0 ? k.line : line,
            "a constant holding ±inf is used by "
                + user
                + " at line "
                + line
                + ": ±inf is supported only as the identity of a max/min reduction (reduce,"
                + " reduce_window, maximum, minimum) or as a pad value");
      }
    }
    if (t.value == null) {
      // Equal constants share one op (unrolled loops would repeat them).
      DenseElements d = k.toDense();
      Value v = constants.get(d);
      if (v == null) {
        v = emitAt(line, user, "constant", Attributes.of("value", d), null);
        constants.put(d, v);
      }
      t.value = v;
    }
    return t.value;
  }

  /** Emits one PPHLO op; a type error names the source op and line. */
  Value emit(Ast.Op src, String op, Attributes a, TensorType declared, Value... operands) {
    return emitAt(src.line(), srcName(src), op, a, declared, operands);
  }

  private Value emitAt(
      int line, String src, String op, Attributes a, TensorType declared, Value... operands) {
    if (++emitted > options.maxOps()) {
      throw new ImportException(
          line,
          "the imported program exceeds "
              + options.maxOps()
              + " ops (unrolled loops too long?); raise the limit in ImportOptions");
    }
    try {
      return declared == null
          ? fb.op(op, a == null ? Attributes.EMPTY : a, operands)
          : fb.op(op, a == null ? Attributes.EMPTY : a, declared, operands);
    } catch (TypeException e) {
      throw new ImportException(line, src + ": " + e.getMessage(), e);
    }
  }

  T emitT(Ast.Op src, String op, Attributes a, TensorType declared, Value... operands) {
    return new T(emit(src, op, a, declared, operands));
  }

  /** {@code t} converted to {@code dt} (folded when known). */
  T convertTo(T t, DType dt, Ast.Op op) {
    if (t.dtype == dt) {
      return t;
    }
    if (t.known != null) {
      return new T(t.known.convert(dt));
    }
    return emitT(op, "convert", null, t.type().withDType(dt), value(t, op));
  }

  /** A known splat of {@code shape}. */
  static T splat(Shape shape, DType dtype, double v) {
    return new T(Known.splat(shape, dtype, v));
  }

  Ast.Type declared(Ast.Op op, int i) {
    if (i >= op.resultTypes().size()) {
      throw error(op, "the result type must be written");
    }
    Ast.Type t = op.resultTypes().get(i);
    if (t.isTuple()) {
      throw error(op, "result " + i + " is a tuple " + t + "; a tensor is expected");
    }
    return t;
  }

  Shape declaredShape(Ast.Op op, int i) {
    return MlirParser.shapeOf(declared(op, i), op.line());
  }

  DType declaredDType(Ast.Op op, int i) {
    return MlirParser.dtypeOf(declared(op, i), op.line());
  }

  Object attr(Ast.Op op, String key) {
    Object v = op.attrs().get(key);
    if (v == null) {
      throw error(op, "missing attribute '" + key + "'");
    }
    return v;
  }

  int[] ints(Ast.Op op, String key) {
    try {
      return Attrs.intArray(attr(op, key));
    } catch (IllegalArgumentException e) {
      throw error(op, "attribute '" + key + "': " + e.getMessage());
    }
  }

  int[] intsOr(Ast.Op op, String key, int[] dflt) {
    return op.attrs().containsKey(key) ? ints(op, key) : dflt;
  }

  long integer(Ast.Op op, String key) {
    try {
      return Attrs.integer(attr(op, key));
    } catch (IllegalArgumentException e) {
      throw error(op, "attribute '" + key + "': " + e.getMessage());
    }
  }

  String enumValue(Ast.Op op, String key) {
    Object v = attr(op, key);
    if (v instanceof Ast.EnumAttr e) {
      return e.value();
    }
    if (v instanceof String s) {
      return s;
    }
    throw error(op, "attribute '" + key + "' is " + Attrs.describe(v) + ", expected an enum");
  }

  String symbol(Ast.Op op, String key) {
    Object v = attr(op, key);
    if (v instanceof Ast.SymbolRef s) {
      return s.name();
    }
    if (v instanceof String s) {
      return s;
    }
    throw error(op, "attribute '" + key + "' is " + Attrs.describe(v) + ", expected @symbol");
  }

  static int[] ones(int n) {
    int[] r = new int[n];
    Arrays.fill(r, 1);
    return r;
  }

  static int[] zeros(int n) {
    return new int[n];
  }

  int maxLoopIterations() {
    return options.maxLoopIterations();
  }

  // ------------------------------------------------------------------ calls and checks

  /** Inlines a call of {@code @name}. */
  List<IVal> call(String name, List<IVal> args, Ast.Op at) {
    Ast.Func f = funcs.get(name);
    if (f == null) {
      throw error(at, "calls @" + name + ", which is not defined in the module");
    }
    if (f.body() == null) {
      throw error(at, "calls @" + name + ", which is only declared (no body)");
    }
    if (options.inputsAsSecretArguments() && name.equals("inputs")) {
      return secretInputs(f, args, at);
    }
    if (args.size() != f.args().size()) {
      throw error(
          at, "@" + name + " takes " + f.args().size() + " arguments, given " + args.size());
    }
    if (++depth > 256) {
      throw error(at, "calls nest more than 256 deep (recursion is not supported)");
    }
    try {
      Env e = new Env(null);
      for (int i = 0; i < args.size(); i++) {
        e.define(f.args().get(i).name(), List.of(args.get(i)));
      }
      return region(f.body(), e);
    } finally {
      depth--;
    }
  }

  /** {@code @inputs()}: its (constant) results become secret arguments of main. */
  private List<IVal> secretInputs(Ast.Func f, List<IVal> args, Ast.Op at) {
    if (inputsCache != null) {
      return inputsCache;
    }
    if (!args.isEmpty()) {
      throw error(at, "@inputs takes no arguments in a self-checking program");
    }
    Env e = new Env(null);
    List<IVal> vals = region(f.body(), e);
    List<IVal> out = new ArrayList<>();
    for (int i = 0; i < vals.size(); i++) {
      if (!(vals.get(i) instanceof T t) || t.known == null) {
        throw error(at, "result " + i + " of @inputs() is not a constant");
      }
      if (!t.known.isFinite()) {
        throw new ImportException(
            t.known.line > 0 ? t.known.line : at.line(),
            "result " + i + " of @inputs() holds NaN or ±inf: it cannot be a secret input");
      }
      TensorType type = new TensorType(t.shape, t.dtype, Visibility.SECRET);
      int index = argNames.size();
      Value v = fb.addArgument(type);
      String label = "inputs#" + i;
      argNames.add(label);
      DenseElements data = t.known.toDense();
      inputs.add(new ImportResult.Input(label, index, data));
      out.add(new T(v));
    }
    inputsCache = out;
    return out;
  }

  /**
   * A {@code check.*} call: records the pair for {@code ./spu run --check} and, when the call has a
   * result, computes it in the program (every element within tolerance, exact for integers).
   */
  List<IVal> check(Ast.Op op, String kind, T got, T expected) {
    if (!got.shape.equals(expected.shape)) {
      throw error(op, "compares values of shapes [" + got.shape + "] and [" + expected.shape + "]");
    }
    boolean exact = !got.dtype.isFixedPoint() && !expected.dtype.isFixedPoint();
    checks.add(new PendingCheck(kind, op.line(), got, expected, exact));
    if (op.resultTypes().isEmpty()) {
      return List.of();
    }
    Value ok;
    Value g = value(got, op);
    if (exact) {
      T e = convertTo(expected, got.dtype, op);
      ok = emit(op, "equal", null, null, g, value(e, op));
    } else {
      T gf = got.dtype.isFixedPoint() ? got : convertTo(got, expected.dtype, op);
      T ef = expected.dtype.isFixedPoint() ? expected : convertTo(expected, gf.dtype, op);
      Value diff = emit(op, "subtract", null, null, value(gf, op), value(ef, op));
      Value abs = emit(op, "abs", null, null, diff);
      T tol;
      if (ef.known != null) {
        double[] ex = ef.known.doubles();
        double[] tv = new double[ex.length];
        for (int i = 0; i < ex.length; i++) {
          tv[i] = ImportResult.ATOL + ImportResult.RTOL * Math.abs(ex[i]);
        }
        tol = new T(Known.ofDoubles(ef.shape, gf.dtype, tv, 0));
      } else {
        Value ae = emit(op, "abs", null, null, value(ef, op));
        Value scaled =
            emit(
                op,
                "multiply",
                null,
                null,
                ae,
                value(splat(ef.shape, gf.dtype, ImportResult.RTOL), op));
        tol =
            new T(
                emit(
                    op,
                    "add",
                    null,
                    null,
                    scaled,
                    value(splat(ef.shape, gf.dtype, ImportResult.ATOL), op)));
      }
      ok = emit(op, "less_equal", null, null, abs, value(tol, op));
    }
    if (got.shape.rank() > 0) {
      int[] dims = new int[got.shape.rank()];
      for (int i = 0; i < dims.length; i++) {
        dims[i] = i;
      }
      ok =
          emit(
              op,
              "reduce",
              Attributes.builder().put("dimensions", dims).put("kind", "min").build(),
              null,
              ok,
              value(splat(Shape.SCALAR, DType.I1, 1), op));
    }
    return List.of(new T(ok));
  }
}
