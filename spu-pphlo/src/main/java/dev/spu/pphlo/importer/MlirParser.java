package dev.spu.pphlo.importer;

import dev.spu.pphlo.ConvolutionSpec;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TypeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads StableHLO (and MHLO) text as MLIR prints it, in the pretty form ({@code
 * jax.jit(f).lower(x).as_text()}) and the generic form ({@code --mlir-print-op-generic}), into an
 * {@link Ast.Program}: {@code module @name attributes {...} { ... }} or bare functions or {@code
 * "builtin.module"}, {@code func.func} with visibility, argument/result attribute dictionaries and
 * {@code attributes}, ops with named or numbered results ({@code %cst_0}, {@code %0:2}, uses {@code
 * %0#1}), properties {@code <{...}>}, regions, {@code loc(...)}, {@code //} comments, alias lines
 * ({@code #loc = ...}) and the {@code {-# dialect_resources ... #-}} trailer (for {@code
 * dense_resource} constants).
 *
 * <p>Pretty forms are parsed per op (custom assembly formats) into the generic shape with StableHLO
 * attribute names; ops without a known custom format fall back to {@code operands [, key = value]*
 * [attr-dict] : types}.
 */
final class MlirParser {
  private static final Pattern RESOURCE =
      Pattern.compile("([\\w.$-]+)\\s*:\\s*\"(0x[0-9A-Fa-f]*)\"");
  private static final Set<String> TERMINATORS = Set.of("return");

  private final Cursor c;
  private final Map<String, String> resources;

  private MlirParser(Cursor c, Map<String, String> resources) {
    this.c = c;
    this.resources = resources;
  }

  static Ast.Program parse(String text) {
    int trailer = text.indexOf("{-#");
    Map<String, String> res = new HashMap<>();
    if (trailer >= 0) {
      Matcher m = RESOURCE.matcher(text.substring(trailer));
      while (m.find()) {
        res.put(m.group(1), m.group(2));
      }
    }
    MlirParser p = new MlirParser(new Cursor(text, trailer >= 0 ? trailer : text.length()), res);
    return p.program();
  }

  /** StableHLO op names without dialect prefix; func.return/func.call as return/call. */
  static String canonical(String name) {
    if (name.startsWith("stablehlo.")) {
      return name.substring(10);
    }
    if (name.startsWith("mhlo.")) {
      return name.substring(5);
    }
    return switch (name) {
      case "func.return" -> "return";
      case "func.call" -> "call";
      case "chlo.erf" -> "erf";
      default -> name;
    };
  }

  // ------------------------------------------------------------------ structure

  private Ast.Program program() {
    List<Ast.Func> funcs = new ArrayList<>();
    topLevel(funcs, false);
    if (!c.atEnd()) {
      throw c.expected("'func.func' or 'module'");
    }
    if (funcs.isEmpty()) {
      throw new ImportException(1, "no function found: expected 'func.func' (StableHLO text)");
    }
    return new Ast.Program(funcs, null);
  }

  private void topLevel(List<Ast.Func> funcs, boolean inModule) {
    while (true) {
      char ch = c.peek();
      if (ch == 0 || (inModule && ch == '}')) {
        return;
      }
      if (ch == '#' || ch == '!' || c.lookingAt("sdy.")) {
        skipLine(); // attribute/type alias definitions, sharding meshes
      } else if (c.lookingAtWord("module")) {
        module(funcs);
      } else if (c.lookingAtWord("func.func")) {
        funcs.add(func());
      } else if (ch == '"') {
        genericTop(op(), funcs);
      } else {
        throw c.expected("'func.func' or 'module'");
      }
    }
  }

  private void skipLine() {
    while (c.pos < c.text.length() && c.text.charAt(c.pos) != '\n') {
      c.pos++;
    }
  }

  private void module(List<Ast.Func> funcs) {
    c.expectWord("module");
    if (c.tryConsume("@")) {
      symbolName();
    }
    if (c.tryWord("attributes")) {
      attrDict();
    }
    skipLoc();
    c.expect("{");
    topLevel(funcs, true);
    c.expect("}");
    skipLoc();
  }

  /** Generic top-level ops: {@code "builtin.module"} (recursed) and {@code "func.func"}. */
  private void genericTop(Ast.Op op, List<Ast.Func> funcs) {
    switch (op.name()) {
      case "builtin.module" -> {
        for (Ast.Region r : op.regions()) {
          for (Ast.Op inner : r.ops()) {
            genericTop(inner, funcs);
          }
        }
      }
      case "func.func" -> funcs.add(genericFunc(op));
      default ->
          throw new ImportException(
              op.line(), "expected a function or module at top level, found '" + op.name() + "'");
    }
  }

  private Ast.Func genericFunc(Ast.Op op) {
    Object name = op.attrs().get("sym_name");
    Object type = op.attrs().get("function_type");
    if (!(name instanceof String n) || !(type instanceof Ast.FnType ft)) {
      throw new ImportException(
          op.line(), "generic func.func needs sym_name and function_type attributes");
    }
    boolean isPublic = !"private".equals(op.attrs().get("sym_visibility"));
    Ast.Region body = op.regions().isEmpty() ? null : op.regions().get(0);
    List<Ast.Arg> args = new ArrayList<>();
    for (int i = 0; i < ft.inputs().size(); i++) {
      String an = body != null && i < body.args().size() ? body.args().get(i).name() : "arg" + i;
      args.add(new Ast.Arg(an, ft.inputs().get(i)));
    }
    List<String> labels = new ArrayList<>();
    Object argAttrs = op.attrs().get("arg_attrs");
    for (int i = 0; i < args.size(); i++) {
      String label = args.get(i).name();
      if (argAttrs instanceof List<?> l && i < l.size() && l.get(i) instanceof Map<?, ?> m) {
        if (m.get("jax.arg_info") instanceof String s) {
          label = s;
        }
      }
      labels.add(label);
    }
    return new Ast.Func(op.line(), n, isPublic, args, labels, ft.results(), body);
  }

  private Ast.Func func() {
    int line = c.line();
    c.expectWord("func.func");
    boolean isPublic = true;
    if (c.tryWord("private")) {
      isPublic = false;
    } else if (!c.tryWord("public")) {
      c.tryWord("nested");
    }
    c.expect("@");
    String name = symbolName();
    c.expect("(");
    List<Ast.Arg> args = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    if (!c.tryConsume(")")) {
      do {
        c.expect("%");
        String an = c.suffixId("an argument name");
        c.expect(":");
        Ast.Type t = type();
        String label = an;
        if (c.peek() == '{') {
          Map<String, Object> d = attrDict();
          if (d.get("jax.arg_info") instanceof String s) {
            label = s;
          }
        }
        skipLoc();
        args.add(new Ast.Arg(an, t));
        labels.add(label);
      } while (c.tryConsume(","));
      c.expect(")");
    }
    List<Ast.Type> results = new ArrayList<>();
    if (c.tryConsume("->")) {
      if (c.tryConsume("(")) {
        if (!c.tryConsume(")")) {
          do {
            results.add(type());
            if (c.peek() == '{') {
              attrDict();
            }
            skipLoc();
          } while (c.tryConsume(","));
          c.expect(")");
        }
      } else {
        results.add(type());
      }
    }
    if (c.tryWord("attributes")) {
      attrDict();
    }
    skipLoc();
    Ast.Region body = null;
    if (c.peek() == '{') {
      body = region(args);
    }
    skipLoc();
    return new Ast.Func(line, name, isPublic, args, labels, results, body);
  }

  private String symbolName() {
    if (c.peek() == '"') {
      return c.string();
    }
    return c.suffixId("a symbol name");
  }

  private void skipLoc() {
    if (c.lookingAtWord("loc")) {
      c.tryWord("loc");
      if (c.peek() == '(') {
        c.balanced();
      }
    }
  }

  /** A single-block region; {@code preset} are its arguments when the op names them outside. */
  private Ast.Region region(List<Ast.Arg> preset) {
    int line = c.line();
    c.expect("{");
    List<Ast.Arg> args = new ArrayList<>(preset);
    if (c.peek() == '^') {
      c.pos++;
      c.suffixId("a block label");
      if (c.tryConsume("(")) {
        if (!c.tryConsume(")")) {
          do {
            c.expect("%");
            String an = c.suffixId("a block argument name");
            c.expect(":");
            args.add(new Ast.Arg(an, type()));
            skipLoc();
          } while (c.tryConsume(","));
          c.expect(")");
        }
      }
      c.expect(":");
    }
    List<Ast.Op> ops = new ArrayList<>();
    List<Ast.Use> returns = null;
    while (c.peek() != '}') {
      if (c.peek() == 0) {
        throw c.expected("'}'");
      }
      if (c.peek() == '^') {
        throw c.errorAt(c.pos, "regions with several blocks are not supported");
      }
      if (returns != null) {
        throw c.errorAt(c.pos, "an operation after the region's terminator");
      }
      Ast.Op op = op();
      if (TERMINATORS.contains(op.name())) {
        returns = op.operands();
      } else {
        ops.add(op);
      }
    }
    c.expect("}");
    return new Ast.Region(line, args, ops, returns);
  }

  // ------------------------------------------------------------------ operations

  private Ast.Op op() {
    c.skipWs();
    int line = c.line();
    List<Ast.Result> results = new ArrayList<>();
    if (c.peek() == '%') {
      do {
        c.expect("%");
        String n = c.suffixId("a result name");
        int count = 1;
        if (c.tryConsume(":")) {
          count = (int) c.integer("a result count");
        }
        results.add(new Ast.Result(n, count));
      } while (c.tryConsume(","));
      c.expect("=");
    }
    Ast.Op op;
    if (c.peek() == '"') {
      op = generic(line, results);
    } else {
      int at = c.pos;
      String raw = c.identifier("an operation name");
      op = pretty(at, line, raw, results);
    }
    skipLoc();
    return op;
  }

  private Ast.Op generic(int line, List<Ast.Result> results) {
    String name = canonical(c.string());
    c.expect("(");
    List<Ast.Use> operands = new ArrayList<>();
    if (!c.tryConsume(")")) {
      do {
        operands.add(use());
      } while (c.tryConsume(","));
      c.expect(")");
    }
    if (c.peek() == '[') {
      throw c.errorAt(c.pos, "successor blocks are not supported ('" + name + "')");
    }
    Map<String, Object> attrs = new LinkedHashMap<>();
    if (c.lookingAt("<{")) {
      c.expect("<");
      attrs.putAll(attrDict());
      c.expect(">");
    }
    List<Ast.Region> regions = new ArrayList<>();
    if (c.peek() == '(') {
      c.expect("(");
      do {
        regions.add(region(List.of()));
      } while (c.tryConsume(","));
      c.expect(")");
    }
    if (c.peek() == '{') {
      attrs.putAll(attrDict());
    }
    c.expect(":");
    Sig sig = typeSpec();
    return new Ast.Op(line, name, operands, attrs, regions, sig.outputs(), results);
  }

  private Ast.Op pretty(int at, int line, String raw, List<Ast.Result> results) {
    String name = canonical(raw);
    if (StableHloOps.handler(name) == null && !TERMINATORS.contains(name)) {
      // Its custom syntax is unknown: say what is wrong rather than fail on the syntax.
      throw new ImportException(
          line,
          raw
              + ": unsupported op (supported: "
              + String.join(", ", StableHloOps.names())
              + "; anything else needs a rewrite before import)");
    }
    return switch (name) {
      case "constant" -> constant(line, name, results);
      case "compare" -> compare(line, name, results);
      case "slice" -> slice(line, name, results);
      case "dot_general" -> dotGeneral(line, name, results);
      case "convolution" -> convolution(line, name, results);
      case "reduce" -> reduce(line, name, results);
      case "while" -> whileOp(line, name, results);
      case "custom_call", "call" -> symbolCall(line, name, results);
      case "get_tuple_element" -> getTupleElement(line, name, results);
      case "composite" -> composite(line, name, results);
      case "if", "case", "reduce_window", "select_and_scatter" ->
          throw c.errorAt(
              at, "'" + raw + "' in pretty form: expected its generic form \"" + raw + "\"(...)");
      default -> defaultForm(line, name, results);
    };
  }

  /** Keys of the tolerant default form, per op: {@code dims = [..]} → the StableHLO name. */
  private static String attrName(String op, String key) {
    return switch (op + "/" + key) {
      case "broadcast_in_dim/dims" -> "broadcast_dimensions";
      case "transpose/dims" -> "permutation";
      case "reverse/dims" -> "dimensions";
      case "broadcast/sizes" -> "broadcast_sizes";
      case "concatenate/dim" -> "dimension";
      case "iota/dim" -> "iota_dimension";
      case "pad/low" -> "edge_padding_low";
      case "pad/high" -> "edge_padding_high";
      case "pad/interior" -> "interior_padding";
      case "dynamic_slice/sizes" -> "slice_sizes";
      case "dot/precision" -> "precision_config";
      default -> key;
    };
  }

  /** {@code [operands] [[,] key = value]* [attr-dict] [: types]}. */
  private Ast.Op defaultForm(int line, String name, List<Ast.Result> results) {
    List<Ast.Use> operands = new ArrayList<>();
    Map<String, Object> attrs = new LinkedHashMap<>();
    while (c.peek() == '%') {
      operands.add(use());
      if (!c.tryConsume(",")) {
        break;
      }
    }
    while (Cursor.isIdStart(c.peek()) && isKeyValue()) {
      String key = c.identifier("an attribute name");
      c.expect("=");
      attrs.put(attrName(name, key), attrValue());
      c.tryConsume(",");
    }
    if (c.peek() == '{') {
      attrs.putAll(attrDict());
    }
    List<Ast.Type> rt = List.of();
    boolean typed;
    if (name.equals("return") && operands.isEmpty()) {
      typed = c.tryConsume(":");
    } else {
      c.expect(":");
      typed = true;
    }
    if (typed) {
      Sig s = typeSpec();
      if (s.functional()) {
        rt = s.outputs();
      } else if (name.equals("select")) {
        rt = List.of(s.inputs().get(s.inputs().size() - 1));
      } else if (name.equals("optimization_barrier") || name.equals("return")) {
        rt = s.inputs();
      } else {
        rt = List.of(s.inputs().get(0));
      }
    }
    if (name.equals("return")) {
      rt = List.of();
    }
    return new Ast.Op(line, name, operands, attrs, List.of(), rt, results);
  }

  /** At {@code identifier =} (not {@code ==}). */
  private boolean isKeyValue() {
    int save = c.pos;
    try {
      c.identifier("a key");
      return c.lookingAt("=") && !c.lookingAt("==");
    } catch (ImportException e) {
      return false;
    } finally {
      c.pos = save;
    }
  }

  private Ast.Op constant(int line, String name, List<Ast.Result> results) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    if (c.peek() == '{') {
      attrs.putAll(attrDict());
    }
    Object v = attrValue();
    if (!(v instanceof Known)) {
      throw new ImportException(line, "stablehlo.constant: expected a dense<...> value");
    }
    attrs.put("value", v);
    return new Ast.Op(line, name, List.of(), attrs, List.of(), List.of(), results);
  }

  private Ast.Op compare(int line, String name, List<Ast.Result> results) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("comparison_direction", new Ast.EnumAttr(c.identifier("a comparison direction")));
    c.expect(",");
    Ast.Use lhs = use();
    c.expect(",");
    List<Ast.Use> operands = List.of(lhs, use());
    if (c.tryConsume(",")) {
      attrs.put("compare_type", new Ast.EnumAttr(c.identifier("a comparison type")));
    }
    if (c.peek() == '{') {
      attrs.putAll(attrDict());
    }
    c.expect(":");
    return new Ast.Op(line, name, operands, attrs, List.of(), typeSpec().outputs(), results);
  }

  /** {@code %x [1:3, 0:8:2]} or the attribute form. */
  private Ast.Op slice(int line, String name, List<Ast.Result> results) {
    Ast.Use x = use();
    Map<String, Object> attrs = new LinkedHashMap<>();
    if (c.tryConsume("[")) {
      List<Long> start = new ArrayList<>();
      List<Long> limit = new ArrayList<>();
      List<Long> stride = new ArrayList<>();
      if (!c.tryConsume("]")) {
        do {
          start.add(c.integer("a start index"));
          c.expect(":");
          limit.add(c.integer("a limit index"));
          stride.add(c.tryConsume(":") ? c.integer("a stride") : 1L);
        } while (c.tryConsume(","));
        c.expect("]");
      }
      attrs.put("start_indices", toArray(start));
      attrs.put("limit_indices", toArray(limit));
      attrs.put("strides", toArray(stride));
    }
    while (c.tryConsume(",") || (Cursor.isIdStart(c.peek()) && isKeyValue())) {
      String key = c.identifier("an attribute name");
      c.expect("=");
      attrs.put(key, attrValue());
    }
    if (c.peek() == '{') {
      attrs.putAll(attrDict());
    }
    c.expect(":");
    return new Ast.Op(line, name, List.of(x), attrs, List.of(), typeSpec().outputs(), results);
  }

  private static long[] toArray(List<Long> l) {
    long[] a = new long[l.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = l.get(i);
    }
    return a;
  }

  /**
   * {@code %a, %b, batching_dims = [0] x [0], contracting_dims = [2] x [1], precision = [...],
   * algorithm = <...>}.
   */
  private Ast.Op dotGeneral(int line, String name, List<Ast.Result> results) {
    List<Ast.Use> operands = new ArrayList<>();
    operands.add(use());
    c.expect(",");
    operands.add(use());
    Map<String, Object> dims = new LinkedHashMap<>();
    Map<String, Object> attrs = new LinkedHashMap<>();
    while (c.tryConsume(",")) {
      String key = c.identifier("'batching_dims', 'contracting_dims' or 'precision'");
      c.expect("=");
      switch (key) {
        case "batching_dims", "contracting_dims" -> {
          String base =
              key.equals("batching_dims") ? "batching_dimensions" : "contracting_dimensions";
          dims.put("lhs_" + base, intList());
          c.expectWord("x");
          dims.put("rhs_" + base, intList());
        }
        case "precision" -> attrs.put("precision_config", attrValue());
        default -> attrs.put(key, attrValue());
      }
    }
    if (c.peek() == '{') {
      attrs.putAll(attrDict());
    }
    attrs.put("dot_dimension_numbers", dims);
    c.expect(":");
    return new Ast.Op(line, name, operands, attrs, List.of(), typeSpec().outputs(), results);
  }

  /** {@code (%a, %b) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {...}}. */
  private Ast.Op convolution(int line, String name, List<Ast.Result> results) {
    c.expect("(");
    List<Ast.Use> operands = new ArrayList<>();
    do {
      operands.add(use());
    } while (c.tryConsume(","));
    c.expect(")");
    Map<String, Object> attrs = new LinkedHashMap<>();
    c.expectWord("dim_numbers");
    c.expect("=");
    attrs.put("dimension_numbers", convDims());
    if (c.tryConsume(",")) {
      c.expectWord("window");
      c.expect("=");
      c.expect("{");
      while (!c.tryConsume("}")) {
        String key = c.identifier("a window attribute");
        c.expect("=");
        Object v = attrValue();
        switch (key) {
          case "stride" -> attrs.put("window_strides", v);
          case "pad" -> attrs.put("padding", v);
          case "lhs_dilate" -> attrs.put("lhs_dilation", v);
          case "rhs_dilate" -> attrs.put("rhs_dilation", v);
          case "reverse" -> attrs.put("window_reversal", v);
          default -> attrs.put(key, v);
        }
        c.tryConsume(",");
      }
    }
    if (c.peek() == '{') {
      attrs.putAll(attrDict());
    }
    c.expect(":");
    return new Ast.Op(line, name, operands, attrs, List.of(), typeSpec().outputs(), results);
  }

  /**
   * {@code (%x init: %c), ... applies stablehlo.add across dimensions = [1] : type} or {@code ...
   * across dimensions = [1] : type reducer(%a: T, %b: T) { ... }}.
   */
  private Ast.Op reduce(int line, String name, List<Ast.Result> results) {
    List<Ast.Use> inputs = new ArrayList<>();
    List<Ast.Use> inits = new ArrayList<>();
    do {
      c.expect("(");
      inputs.add(use());
      c.expectWord("init");
      c.expect(":");
      inits.add(use());
      c.expect(")");
    } while (c.tryConsume(","));
    String applies = null;
    if (c.tryWord("applies")) {
      applies = canonical(c.identifier("the reduction op"));
    }
    c.expectWord("across");
    c.expectWord("dimensions");
    c.expect("=");
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("dimensions", intList());
    if (c.peek() == '{') {
      attrs.putAll(attrDict());
    }
    c.expect(":");
    Sig sig = typeSpec();
    Ast.Region body;
    int n = inputs.size();
    if (applies != null) {
      List<Ast.Arg> args = new ArrayList<>();
      Ast.Type et = scalarOf(sig.inputs().size() > n ? sig.inputs().get(n) : null, line);
      args.add(new Ast.Arg("__lhs", et));
      args.add(new Ast.Arg("__rhs", et));
      Ast.Op apply =
          new Ast.Op(
              line,
              applies,
              List.of(new Ast.Use("__lhs", -1), new Ast.Use("__rhs", -1)),
              Map.of(),
              List.of(),
              List.of(et),
              List.of(new Ast.Result("__r", 1)));
      body = new Ast.Region(line, args, List.of(apply), List.of(new Ast.Use("__r", -1)));
    } else {
      c.expectWord("reducer");
      List<Ast.Arg> lhs = new ArrayList<>();
      List<Ast.Arg> rhs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        c.expect("(");
        c.expect("%");
        String a = c.suffixId("a block argument");
        c.expect(":");
        lhs.add(new Ast.Arg(a, type()));
        skipLoc();
        c.expect(",");
        c.expect("%");
        String b = c.suffixId("a block argument");
        c.expect(":");
        rhs.add(new Ast.Arg(b, type()));
        skipLoc();
        c.expect(")");
      }
      List<Ast.Arg> args = new ArrayList<>(lhs);
      args.addAll(rhs);
      body = region(args);
    }
    List<Ast.Use> operands = new ArrayList<>(inputs);
    operands.addAll(inits);
    return new Ast.Op(line, name, operands, attrs, List.of(body), sig.outputs(), results);
  }

  private Ast.Type scalarOf(Ast.Type t, int line) {
    if (t == null || t.isTuple()) {
      throw new ImportException(line, "stablehlo.reduce: cannot tell the init value's type");
    }
    return Ast.Type.tensor(new int[0], t.elem());
  }

  /** {@code (%iterArg = %a, ...) : T, ... [attributes {...}] cond { ... } do { ... }}. */
  private Ast.Op whileOp(int line, String name, List<Ast.Result> results) {
    c.expect("(");
    List<String> names = new ArrayList<>();
    List<Ast.Use> inits = new ArrayList<>();
    if (!c.tryConsume(")")) {
      do {
        c.expect("%");
        names.add(c.suffixId("a loop variable"));
        c.expect("=");
        inits.add(use());
      } while (c.tryConsume(","));
      c.expect(")");
    }
    List<Ast.Type> types = new ArrayList<>();
    if (c.tryConsume(":")) {
      types.addAll(typeSpec().inputs());
    }
    if (types.size() != names.size()) {
      throw new ImportException(
          line,
          "stablehlo.while: " + names.size() + " loop variables but " + types.size() + " types");
    }
    Map<String, Object> attrs = new LinkedHashMap<>();
    if (c.tryWord("attributes")) {
      attrs.putAll(attrDict());
    }
    List<Ast.Arg> args = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      args.add(new Ast.Arg(names.get(i), types.get(i)));
    }
    c.expectWord("cond");
    Ast.Region cond = region(args);
    c.expectWord("do");
    Ast.Region body = region(args);
    return new Ast.Op(line, name, inits, attrs, List.of(cond, body), types, results);
  }

  /** {@code @target(%a, ...) [attr-dict] : type} for custom_call and call. */
  private Ast.Op symbolCall(int line, String name, List<Ast.Result> results) {
    c.expect("@");
    String target = symbolName();
    c.expect("(");
    List<Ast.Use> operands = new ArrayList<>();
    if (!c.tryConsume(")")) {
      do {
        operands.add(use());
      } while (c.tryConsume(","));
      c.expect(")");
    }
    Map<String, Object> attrs = new LinkedHashMap<>();
    if (c.peek() == '{') {
      attrs.putAll(attrDict());
    }
    if (name.equals("call")) {
      attrs.put("callee", new Ast.SymbolRef(target));
    } else {
      attrs.put("call_target_name", target);
    }
    c.expect(":");
    return new Ast.Op(line, name, operands, attrs, List.of(), typeSpec().outputs(), results);
  }

  private Ast.Op getTupleElement(int line, String name, List<Ast.Result> results) {
    Ast.Use t = use();
    c.expect("[");
    long index = c.integer("a tuple index");
    c.expect("]");
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("index", index);
    if (c.peek() == '{') {
      attrs.putAll(attrDict());
    }
    c.expect(":");
    return new Ast.Op(line, name, List.of(t), attrs, List.of(), typeSpec().outputs(), results);
  }

  /** {@code "name" %a, ... {decomposition = @f, ...} : type}. */
  private Ast.Op composite(int line, String name, List<Ast.Result> results) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("name", c.string());
    List<Ast.Use> operands = new ArrayList<>();
    while (c.peek() == '%') {
      operands.add(use());
      if (!c.tryConsume(",")) {
        break;
      }
    }
    if (c.peek() == '{') {
      attrs.putAll(attrDict());
    }
    c.expect(":");
    return new Ast.Op(line, name, operands, attrs, List.of(), typeSpec().outputs(), results);
  }

  private Ast.Use use() {
    c.expect("%");
    String n = c.suffixId("a value name");
    int index = -1;
    if (c.peekAt(0) == '#') {
      c.pos++;
      index = (int) c.integer("a result index");
    }
    return new Ast.Use(n, index);
  }

  // ------------------------------------------------------------------ types

  /** Types after ':': {@code (T, ...) -> R}, {@code T}, {@code T, T}, or {@code T -> R}. */
  record Sig(List<Ast.Type> inputs, List<Ast.Type> outputs, boolean functional) {}

  private Sig typeSpec() {
    List<Ast.Type> in = new ArrayList<>();
    if (c.peek() == '(') {
      c.expect("(");
      if (!c.tryConsume(")")) {
        do {
          in.add(type());
        } while (c.tryConsume(","));
        c.expect(")");
      }
      c.expect("->");
      return new Sig(in, resultTypes(), true);
    }
    do {
      in.add(type());
    } while (c.tryConsume(","));
    if (c.tryConsume("->")) {
      return new Sig(in, resultTypes(), true);
    }
    return new Sig(in, in, false);
  }

  private List<Ast.Type> resultTypes() {
    List<Ast.Type> out = new ArrayList<>();
    if (c.tryConsume("(")) {
      if (!c.tryConsume(")")) {
        do {
          out.add(type());
          if (c.peek() == '{') {
            attrDict();
          }
        } while (c.tryConsume(","));
        c.expect(")");
      }
      return out;
    }
    out.add(type());
    return out;
  }

  Ast.Type type() {
    c.skipWs();
    int at = c.pos;
    if (c.tryWord("tensor")) {
      c.expect("<");
      List<Integer> dims = new ArrayList<>();
      while (true) {
        c.skipWs();
        char ch = c.peekAt(0);
        if (ch == '?' || ch == '*') {
          throw c.errorAt(c.pos, "dynamic shapes are not supported (static shapes only)");
        }
        if (!Character.isDigit(ch)) {
          break;
        }
        int s = c.pos;
        while (Character.isDigit(c.peekAt(0))) {
          c.pos++;
        }
        String digits = c.text.substring(s, c.pos);
        if (digits.length() > 9) {
          throw c.errorAt(s, "dimension " + digits + " is too large");
        }
        dims.add(Integer.parseInt(digits));
        if (c.peekAt(0) != 'x') {
          throw c.expected("'x' after a dimension");
        }
        c.pos++;
      }
      String elem = elementType();
      if (c.tryConsume(",")) {
        attrValue(); // encoding
      }
      c.expect(">");
      int[] d = dims.stream().mapToInt(Integer::intValue).toArray();
      return Ast.Type.tensor(d, elem);
    }
    if (c.tryWord("tuple")) {
      c.expect("<");
      List<Ast.Type> items = new ArrayList<>();
      if (!c.tryConsume(">")) {
        do {
          items.add(type());
        } while (c.tryConsume(","));
        c.expect(">");
      }
      return Ast.Type.tupleOf(items);
    }
    if (c.peek() == '!') {
      c.pos++;
      String n = c.suffixId("a dialect type");
      if (c.peek() == '<') {
        c.balanced();
      }
      return Ast.Type.tensor(new int[0], "!" + n);
    }
    if (Cursor.isIdStart(c.peek())) {
      return Ast.Type.tensor(new int[0], elementType());
    }
    throw c.errorAt(at, "expected a type but found " + c.describeNext());
  }

  private String elementType() {
    String e = c.identifier("an element type");
    if (c.peekAt(0) == '<') {
      e = e + "<" + c.balanced() + ">";
    }
    return e;
  }

  // ------------------------------------------------------------------ attributes

  Map<String, Object> attrDict() {
    c.expect("{");
    Map<String, Object> m = new LinkedHashMap<>();
    if (c.tryConsume("}")) {
      return m;
    }
    do {
      String key = c.peek() == '"' ? c.string() : c.identifier("an attribute name");
      m.put(key, c.tryConsume("=") ? attrValue() : Boolean.TRUE);
    } while (c.tryConsume(","));
    c.expect("}");
    return m;
  }

  Object attrValue() {
    char ch = c.peek();
    int at = c.pos;
    switch (ch) {
      case '"':
        return c.string();
      case '[':
        {
          c.expect("[");
          List<Object> l = new ArrayList<>();
          if (!c.tryConsume("]")) {
            do {
              l.add(attrValue());
            } while (c.tryConsume(","));
            c.expect("]");
          }
          return l;
        }
      case '{':
        return attrDict();
      case '@':
        {
          c.pos++;
          String s = symbolName();
          while (c.lookingAt("::@")) {
            c.pos += 3;
            s = s + "::" + symbolName();
          }
          return new Ast.SymbolRef(s);
        }
      case '#':
        return hashAttr();
      case '(':
        {
          Sig s = typeSpec();
          return new Ast.FnType(s.inputs(), s.outputs());
        }
      case '<':
        return new Ast.Opaque(c.balanced());
      default:
        break;
    }
    if (ch == '-' || ch == '+' || Character.isDigit(ch)) {
      String lit = c.numberLiteral();
      Ast.Type t = c.tryConsume(":") ? type() : null;
      boolean isFloatLit = lit.contains(".") || lit.contains("e") || lit.contains("E");
      if (lit.startsWith("0x") && t != null && ElementTypes.isFloat(t.elem())) {
        return ElementTypes.floatFromBits(t.elem(), c.parseLong(lit, at));
      }
      if (isFloatLit && !lit.startsWith("0x") || (t != null && ElementTypes.isFloat(t.elem()))) {
        return Double.parseDouble(lit);
      }
      return c.parseLong(lit, at);
    }
    if (c.tryWord("true")) {
      return Boolean.TRUE;
    }
    if (c.tryWord("false")) {
      return Boolean.FALSE;
    }
    if (c.tryWord("unit")) {
      return Boolean.TRUE;
    }
    if (c.lookingAtWord("dense")) {
      return dense();
    }
    if (c.lookingAtWord("dense_resource")) {
      return denseResource();
    }
    if (c.lookingAtWord("array")) {
      return array();
    }
    if (c.lookingAtWord("tensor") || c.lookingAtWord("tuple")) {
      return type();
    }
    if (Cursor.isIdStart(ch)) {
      String w = c.identifier("an attribute value");
      if (c.peekAt(0) == '<') {
        return new Ast.Opaque(w + "<" + c.balanced() + ">");
      }
      return new Ast.EnumAttr(w);
    }
    throw c.errorAt(at, "expected an attribute value but found " + c.describeNext());
  }

  /** {@code #dialect<kind VALUE>}, {@code #stablehlo.dot<...>}, {@code #stablehlo.conv<...>}. */
  private Object hashAttr() {
    int at = c.pos;
    c.expect("#");
    String n = c.suffixId("an attribute name");
    if (c.peekAt(0) != '<') {
      return new Ast.Opaque("#" + n);
    }
    if (n.endsWith(".conv")) {
      c.expect("<");
      Object v;
      if (c.tryWord("raw")) {
        v = convDimsFromMap(keyValues(), at);
      } else {
        v = convDims();
      }
      c.expect(">");
      return v;
    }
    if (n.endsWith(".dot")) {
      c.expect("<");
      Map<String, Object> m = keyValues();
      c.expect(">");
      return m;
    }
    String body = c.balanced().trim();
    String[] parts = body.split("\\s+");
    if (parts.length == 2 && parts[1].matches("[A-Za-z_][\\w]*")) {
      return new Ast.EnumAttr(parts[1]);
    }
    return new Ast.Opaque("#" + n + "<" + body + ">");
  }

  /** {@code key = value, ...} up to (not including) '>'. */
  private Map<String, Object> keyValues() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (c.peek() == '>') {
      return m;
    }
    do {
      String key = c.identifier("a key");
      c.expect("=");
      m.put(key, attrValue());
    } while (c.tryConsume(","));
    return m;
  }

  private ConvolutionSpec.Dims convDimsFromMap(Map<String, Object> m, int at) {
    try {
      return new ConvolutionSpec.Dims(
          (int) Attrs.integer(m.get("input_batch_dimension")),
          (int) Attrs.integer(m.get("input_feature_dimension")),
          Attrs.intArray(m.get("input_spatial_dimensions")),
          (int) Attrs.integer(m.get("kernel_input_feature_dimension")),
          (int) Attrs.integer(m.get("kernel_output_feature_dimension")),
          Attrs.intArray(m.get("kernel_spatial_dimensions")),
          (int) Attrs.integer(m.get("output_batch_dimension")),
          (int) Attrs.integer(m.get("output_feature_dimension")),
          Attrs.intArray(m.get("output_spatial_dimensions")));
    } catch (RuntimeException e) {
      throw c.errorAt(at, "bad convolution dimension numbers: " + e.getMessage());
    }
  }

  /** {@code [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f]}. */
  private ConvolutionSpec.Dims convDims() {
    int at = c.pos;
    List<String> in = labels();
    c.expectWord("x");
    List<String> k = labels();
    c.expect("->");
    List<String> out = labels();
    return ConvLabels.dims(in, k, out, c.line(at));
  }

  private List<String> labels() {
    c.expect("[");
    List<String> l = new ArrayList<>();
    do {
      c.skipWs();
      if (Character.isDigit(c.peekAt(0))) {
        l.add(String.valueOf(c.integer("a spatial dimension")));
      } else {
        l.add(c.identifier("a dimension label (b, f, i, o or a digit)"));
      }
    } while (c.tryConsume(","));
    c.expect("]");
    return l;
  }

  /** {@code [1, 2]} as long[]. */
  private long[] intList() {
    Object v = attrValue();
    try {
      return Attrs.longArray(v);
    } catch (RuntimeException e) {
      throw c.expected("a list of integers");
    }
  }

  private Object array() {
    c.expectWord("array");
    c.expect("<");
    String elem = c.identifier("an element type");
    List<Object> vals = new ArrayList<>();
    if (c.tryConsume(":")) {
      do {
        if (c.tryWord("true")) {
          vals.add(1L);
        } else if (c.tryWord("false")) {
          vals.add(0L);
        } else {
          int at = c.pos;
          String lit = c.numberLiteral();
          if (ElementTypes.isFloat(elem)) {
            vals.add(Double.parseDouble(lit));
          } else {
            vals.add(c.parseLong(lit, at));
          }
        }
      } while (c.tryConsume(","));
    }
    c.expect(">");
    if (ElementTypes.isFloat(elem)) {
      double[] d = new double[vals.size()];
      for (int i = 0; i < d.length; i++) {
        d[i] = (Double) vals.get(i);
      }
      return d;
    }
    long[] l = new long[vals.size()];
    for (int i = 0; i < l.length; i++) {
      l[i] = (Long) vals.get(i);
    }
    return l;
  }

  private Known dense() {
    int at = c.pos;
    int line = c.line();
    c.expectWord("dense");
    c.expect("<");
    List<String> lits = new ArrayList<>();
    String blob = null;
    if (c.peek() == '"') {
      blob = c.string();
    } else if (c.peek() != '>') {
      denseElements(lits, 0);
    }
    c.expect(">");
    c.expect(":");
    Ast.Type t = type();
    if (blob != null) {
      return DenseDecoder.fromHex(blob, t, line);
    }
    try {
      return DenseDecoder.fromLiterals(lits, t, line);
    } catch (ImportException e) {
      throw e;
    } catch (RuntimeException e) {
      throw c.errorAt(at, "bad dense constant: " + e.getMessage());
    }
  }

  private void denseElements(List<String> out, int depth) {
    if (depth > 64) {
      throw c.errorAt(c.pos, "dense literal nested too deeply");
    }
    if (c.tryConsume("[")) {
      if (c.tryConsume("]")) {
        return;
      }
      do {
        denseElements(out, depth + 1);
      } while (c.tryConsume(","));
      c.expect("]");
      return;
    }
    if (c.peek() == '(') {
      throw c.errorAt(c.pos, "complex constants are not supported");
    }
    if (c.tryWord("true")) {
      out.add("true");
    } else if (c.tryWord("false")) {
      out.add("false");
    } else {
      out.add(c.numberLiteral());
    }
  }

  private Known denseResource() {
    int line = c.line();
    c.expectWord("dense_resource");
    c.expect("<");
    String key = c.peek() == '"' ? c.string() : c.suffixId("a resource name");
    c.expect(">");
    c.expect(":");
    Ast.Type t = type();
    String hex = resources.get(key);
    if (key.equals("__elided__") || hex == null) {
      throw new ImportException(
          line,
          "constant "
              + t
              + " is elided (dense_resource<"
              + key
              + ">): export the program with its constants printed (e.g. without"
              + " large-elements elision)");
    }
    // A resource blob starts with its 4-byte alignment.
    String data = "0x" + (hex.length() >= 10 ? hex.substring(10) : "");
    return DenseDecoder.fromHex(data, t, line);
  }

  /** Shape of a source type (an error for tuples). */
  static Shape shapeOf(Ast.Type t, int line) {
    if (t.isTuple()) {
      throw new ImportException(line, "expected a tensor type, got " + t);
    }
    return Shape.of(t.dims());
  }

  static DType dtypeOf(Ast.Type t, int line) {
    if (t.isTuple()) {
      throw new ImportException(line, "expected a tensor type, got " + t);
    }
    return ElementTypes.dtype(t.elem(), line);
  }

  static ImportException wrap(int line, String op, TypeException e) {
    return new ImportException(line, op + ": " + e.getMessage(), e);
  }
}
