package dev.spu.pphlo.importer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads XLA HLO text ({@code HloModule name, ...} followed by computations, one marked {@code
 * ENTRY}) into the same {@link Ast.Program} as the StableHLO parser: opcodes and attributes are
 * renamed to their StableHLO equivalents ({@code broadcast} → {@code broadcast_in_dim}, {@code dot}
 * → {@code dot_general}, {@code window={size=2x2 stride=2x2 pad=0_0x1_1}} → window attributes,
 * {@code dim_labels=b01f_01io->b01f} → dimension numbers, ...), computations named by {@code
 * to_apply=}, {@code condition=}/{@code body=}, {@code select=}/{@code scatter=}, {@code
 * true_computation=}/{@code false_computation=}/{@code branch_computations=} become regions, and
 * {@code call}/{@code fusion} become calls. Both the older style ({@code %name}, operand shapes
 * before operands, layouts {@code {1,0}}) and the newer one (bare names) are accepted; {@code
 * metadata=}, {@code sharding=} and other attributes the lowering does not need are skipped.
 */
final class HloParser {
  private final Cursor c;
  private final Map<String, RawComp> comps = new LinkedHashMap<>();
  private final Map<String, Ast.Region> regions = new HashMap<>();
  private String entry;

  /** One instruction as written. */
  private record RawInst(
      int line,
      int at,
      String name,
      Ast.Type type,
      String opcode,
      List<String> operands,
      String literal,
      Map<String, String> attrs) {}

  private record RawComp(
      int line, String name, List<Ast.Arg> params, List<RawInst> insts, String root) {}

  /** HLO opcode → StableHLO op (those with the same name are listed as themselves). */
  private static final Map<String, String> OPCODES = new TreeMap<>();

  static {
    for (String s :
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
            "not",
            "negate",
            "abs",
            "sign",
            "exponential",
            "log",
            "logistic",
            "tanh",
            "sqrt",
            "rsqrt",
            "erf",
            "compare",
            "select",
            "clamp",
            "convert",
            "constant",
            "iota",
            "reshape",
            "transpose",
            "slice",
            "concatenate",
            "pad",
            "convolution",
            "reduce",
            "while",
            "call",
            "tuple",
            "copy",
            "reverse")) {
      OPCODES.put(s, s);
    }
    OPCODES.put("broadcast", "broadcast_in_dim");
    OPCODES.put("dot", "dot_general");
    OPCODES.put("reduce-window", "reduce_window");
    OPCODES.put("select-and-scatter", "select_and_scatter");
    OPCODES.put("get-tuple-element", "get_tuple_element");
    OPCODES.put("dynamic-slice", "dynamic_slice");
    OPCODES.put("dynamic-update-slice", "dynamic_update_slice");
    OPCODES.put("exponential-minus-one", "exponential_minus_one");
    OPCODES.put("log-plus-one", "log_plus_one");
    OPCODES.put("shift-left", "shift_left");
    OPCODES.put("shift-right-arithmetic", "shift_right_arithmetic");
    OPCODES.put("shift-right-logical", "shift_right_logical");
    OPCODES.put("is-finite", "is_finite");
    OPCODES.put("opt-barrier", "optimization_barrier");
    OPCODES.put("reduce-precision", "reduce_precision");
    OPCODES.put("custom-call", "custom_call");
    OPCODES.put("fusion", "call");
    OPCODES.put("conditional", "if");
    // The oldest dumps spell comparisons as opcodes.
    OPCODES.put("equal-to", "compare");
    OPCODES.put("not-equal-to", "compare");
    OPCODES.put("greater-than", "compare");
    OPCODES.put("greater-than-or-equal-to", "compare");
    OPCODES.put("less-than", "compare");
    OPCODES.put("less-than-or-equal-to", "compare");
  }

  private static final Map<String, String> OLD_COMPARE =
      Map.of(
          "equal-to", "EQ",
          "not-equal-to", "NE",
          "greater-than", "GT",
          "greater-than-or-equal-to", "GE",
          "less-than", "LT",
          "less-than-or-equal-to", "LE");

  private static final Map<String, String> ELEMENTS =
      Map.ofEntries(
          Map.entry("pred", "i1"),
          Map.entry("s8", "i8"),
          Map.entry("s16", "i16"),
          Map.entry("s32", "i32"),
          Map.entry("s64", "i64"),
          Map.entry("u8", "ui8"),
          Map.entry("u16", "ui16"),
          Map.entry("u32", "ui32"),
          Map.entry("u64", "ui64"),
          Map.entry("f16", "f16"),
          Map.entry("bf16", "bf16"),
          Map.entry("f32", "f32"),
          Map.entry("f64", "f64"));

  private HloParser(String text) {
    this.c = new Cursor(text);
  }

  static Ast.Program parse(String text) {
    return new HloParser(text).program();
  }

  // ------------------------------------------------------------------ phase 1: raw text

  private Ast.Program program() {
    c.skipWs();
    if (!c.tryWord("HloModule")) {
      throw c.expected("'HloModule'");
    }
    skipToLineEnd(); // name and module attributes (entry_computation_layout, ...)
    while (!c.atEnd()) {
      RawComp comp = computation();
      if (comps.put(comp.name(), comp) != null) {
        throw new ImportException(comp.line(), "computation " + comp.name() + " is defined twice");
      }
    }
    if (entry == null) {
      throw new ImportException(1, "no ENTRY computation");
    }
    List<Ast.Func> funcs = new ArrayList<>();
    for (RawComp rc : comps.values()) {
      Ast.Region r = region(rc.name(), rc.line());
      List<String> labels = rc.params().stream().map(Ast.Arg::name).toList();
      List<Ast.Type> results = List.of();
      funcs.add(new Ast.Func(rc.line(), rc.name(), true, rc.params(), labels, results, r));
    }
    return new Ast.Program(funcs, entry);
  }

  private void skipToLineEnd() {
    int depth = 0;
    while (c.pos < c.text.length()) {
      char ch = c.text.charAt(c.pos);
      if (ch == '\n' && depth == 0) {
        return;
      }
      if (ch == '{' || ch == '(' || ch == '[') {
        depth++;
      } else if (ch == '}' || ch == ')' || ch == ']') {
        depth--;
      } else if (ch == '"') {
        c.string();
        continue;
      }
      c.pos++;
    }
  }

  private RawComp computation() {
    c.skipWs();
    int line = c.line();
    boolean isEntry = c.tryWord("ENTRY");
    String name = name();
    if (c.peek() == '(') {
      c.balanced(); // the signature repeats the parameters
      if (c.tryConsume("->")) {
        shape();
      }
    }
    c.expect("{");
    List<RawInst> insts = new ArrayList<>();
    String root = null;
    while (!c.tryConsume("}")) {
      if (c.atEnd()) {
        throw c.expected("'}'");
      }
      boolean isRoot = c.tryWord("ROOT");
      RawInst inst = instruction();
      if (isRoot) {
        root = inst.name();
      }
      insts.add(inst);
    }
    if (root == null && !insts.isEmpty()) {
      root = insts.get(insts.size() - 1).name();
    }
    if (root == null) {
      throw new ImportException(line, "computation " + name + " is empty");
    }
    if (isEntry) {
      if (entry != null) {
        throw new ImportException(line, "a second ENTRY computation");
      }
      entry = name;
    }
    List<Ast.Arg> params = new ArrayList<>();
    TreeMap<Long, Ast.Arg> byIndex = new TreeMap<>();
    List<RawInst> body = new ArrayList<>();
    for (RawInst i : insts) {
      if (i.opcode().equals("parameter")) {
        long n = c.parseLong(i.literal().trim(), i.at());
        if (byIndex.put(n, new Ast.Arg(i.name(), i.type())) != null) {
          throw new ImportException(i.line(), "parameter(" + n + ") appears twice");
        }
      } else {
        body.add(i);
      }
    }
    long expect = 0;
    for (Map.Entry<Long, Ast.Arg> e : byIndex.entrySet()) {
      if (e.getKey() != expect++) {
        throw new ImportException(
            line, "computation " + name + " lacks parameter(" + (expect - 1) + ")");
      }
      params.add(e.getValue());
    }
    return new RawComp(line, name, params, body, root);
  }

  private String name() {
    c.skipWs();
    c.tryConsume("%");
    return c.suffixId("a name");
  }

  private RawInst instruction() {
    c.skipWs();
    int at = c.pos;
    int line = c.line();
    String name = name();
    c.expect("=");
    Ast.Type type = shape();
    String opcode = c.identifier("an opcode");
    c.expect("(");
    List<String> operands = new ArrayList<>();
    String literal = null;
    if (opcode.equals("constant") || opcode.equals("parameter")) {
      c.pos--;
      literal = c.balanced();
    } else if (!c.tryConsume(")")) {
      do {
        operands.add(operand());
      } while (c.tryConsume(","));
      c.expect(")");
    }
    Map<String, String> attrs = new LinkedHashMap<>();
    while (c.tryConsume(",")) {
      String key = c.identifier("an attribute name");
      c.expect("=");
      attrs.put(key, rawValue());
    }
    return new RawInst(line, at, name, type, opcode, operands, literal, attrs);
  }

  /** An operand: optional shape, then a name. */
  private String operand() {
    c.skipWs();
    if (c.peek() == '(') {
      c.balanced(); // a tuple shape
    } else if (!c.lookingAt("%") && looksLikeShape()) {
      shape();
    }
    return name();
  }

  private boolean looksLikeShape() {
    int save = c.pos;
    try {
      String w = c.identifier("x");
      return (ELEMENTS.containsKey(w)
              || w.equals("token")
              || w.startsWith("c")
              || w.startsWith("f"))
          && c.peekAt(0) == '[';
    } catch (ImportException e) {
      return false;
    } finally {
      c.pos = save;
    }
  }

  /** The raw text of an attribute value: balanced braces, a string, or up to ',' / line end. */
  private String rawValue() {
    c.skipWs();
    char ch = c.peek();
    if (ch == '{') {
      return "{" + c.balanced() + "}";
    }
    if (ch == '"') {
      return c.string();
    }
    int s = c.pos;
    int depth = 0;
    while (c.pos < c.text.length()) {
      char x = c.text.charAt(c.pos);
      if (depth == 0 && (x == ',' || x == '\n' || x == '\r')) {
        break;
      }
      if (x == '[' || x == '(' || x == '{') {
        depth++;
      } else if (x == ']' || x == ')' || x == '}') {
        depth--;
      }
      c.pos++;
    }
    return c.text.substring(s, c.pos).trim();
  }

  /** {@code f32[4,3]{1,0}}, {@code pred[]}, {@code (f32[], s32[])}, {@code token[]}. */
  private Ast.Type shape() {
    c.skipWs();
    int at = c.pos;
    if (c.tryConsume("(")) {
      List<Ast.Type> items = new ArrayList<>();
      if (!c.tryConsume(")")) {
        do {
          items.add(shape());
        } while (c.tryConsume(","));
        c.expect(")");
      }
      return Ast.Type.tupleOf(items);
    }
    String elem = c.identifier("an element type");
    c.expect("[");
    List<Integer> dims = new ArrayList<>();
    if (!c.tryConsume("]")) {
      do {
        c.skipWs();
        if (c.peekAt(0) == '<' || c.peekAt(0) == '?') {
          throw c.errorAt(c.pos, "dynamic dimensions are not supported (static shapes only)");
        }
        int dat = c.pos;
        long d = c.integer("a dimension");
        if (d < 0 || d > Integer.MAX_VALUE) {
          throw c.errorAt(dat, "dimension " + d + " is out of range");
        }
        dims.add((int) d);
      } while (c.tryConsume(","));
      c.expect("]");
    }
    if (c.peekAt(0) == '{') {
      c.balanced(); // layout
    }
    String mapped = ELEMENTS.get(elem);
    if (mapped == null) {
      mapped = elem.equals("token") ? "!token" : elem;
      if (!elem.equals("token")) {
        throw c.errorAt(
            at,
            "unsupported element type '"
                + elem
                + "' (supported: pred, s8, s16, s32, s64, u8, u16, u32, u64, f16, bf16, f32,"
                + " f64)");
      }
    }
    return Ast.Type.tensor(dims.stream().mapToInt(Integer::intValue).toArray(), mapped);
  }

  // ------------------------------------------------------------------ phase 2: ops and regions

  private Ast.Region region(String name, int line) {
    if (regions.containsKey(name)) {
      Ast.Region r = regions.get(name);
      if (r == null) {
        throw new ImportException(line, "computation " + name + " refers to itself");
      }
      return r;
    }
    RawComp rc = comps.get(name);
    if (rc == null) {
      throw new ImportException(line, "computation " + name + " is not defined");
    }
    List<Ast.Op> ops = new ArrayList<>();
    regions.put(name, null); // recursion guard
    for (RawInst i : rc.insts()) {
      ops.add(op(i));
    }
    Ast.Region r = new Ast.Region(rc.line(), rc.params(), ops, List.of(new Ast.Use(rc.root(), -1)));
    regions.put(name, r);
    return r;
  }

  private Ast.Region computationRef(RawInst i, String key) {
    String v = i.attrs().get(key);
    if (v == null) {
      throw new ImportException(i.line(), i.opcode() + ": missing " + key + "=");
    }
    return region(stripPct(v.trim()), i.line());
  }

  private Ast.Op op(RawInst i) {
    String canonical = OPCODES.get(i.opcode());
    if (canonical == null) {
      throw new ImportException(
          i.line(),
          "unsupported HLO op '"
              + i.opcode()
              + "' (supported: parameter, "
              + String.join(", ", OPCODES.keySet())
              + ")");
    }
    Map<String, Object> attrs = new LinkedHashMap<>();
    attrs.put("_src", i.opcode());
    List<Ast.Region> rs = new ArrayList<>();
    List<Ast.Use> operands = new ArrayList<>();
    for (String o : i.operands()) {
      operands.add(new Ast.Use(o, -1));
    }
    String name = canonical;
    switch (i.opcode()) {
      case "constant" -> attrs.put("value", literal(i));
      case "iota" -> attrs.put("iota_dimension", longAttr(i, "iota_dimension"));
      case "compare" -> {
        attrs.put("comparison_direction", new Ast.EnumAttr(required(i, "direction")));
      }
      case "equal-to",
              "not-equal-to",
              "greater-than",
              "greater-than-or-equal-to",
              "less-than",
              "less-than-or-equal-to" ->
          attrs.put("comparison_direction", new Ast.EnumAttr(OLD_COMPARE.get(i.opcode())));
      case "broadcast" -> attrs.put("broadcast_dimensions", list(i, "dimensions"));
      case "transpose" -> attrs.put("permutation", list(i, "dimensions"));
      case "reverse" -> attrs.put("dimensions", list(i, "dimensions"));
      case "concatenate" -> {
        long[] d = list(i, "dimensions");
        if (d.length != 1) {
          throw new ImportException(i.line(), "concatenate: expected one dimension");
        }
        attrs.put("dimension", d[0]);
      }
      case "slice" -> sliceAttrs(i, attrs);
      case "pad" -> padAttrs(i, attrs);
      case "dynamic-slice" -> attrs.put("slice_sizes", list(i, "dynamic_slice_sizes"));
      case "dot" -> {
        Map<String, Object> dn = new LinkedHashMap<>();
        dn.put("lhs_batching_dimensions", listOr(i, "lhs_batch_dims"));
        dn.put("rhs_batching_dimensions", listOr(i, "rhs_batch_dims"));
        dn.put("lhs_contracting_dimensions", listOr(i, "lhs_contracting_dims"));
        dn.put("rhs_contracting_dimensions", listOr(i, "rhs_contracting_dims"));
        attrs.put("dot_dimension_numbers", dn);
      }
      case "convolution" -> convAttrs(i, attrs);
      case "reduce" -> {
        attrs.put("dimensions", list(i, "dimensions"));
        rs.add(computationRef(i, "to_apply"));
      }
      case "reduce-window" -> {
        windowAttrs(i, attrs);
        rs.add(computationRef(i, "to_apply"));
      }
      case "select-and-scatter" -> {
        windowAttrs(i, attrs);
        rs.add(computationRef(i, "select"));
        rs.add(computationRef(i, "scatter"));
      }
      case "while" -> {
        rs.add(computationRef(i, "condition"));
        rs.add(computationRef(i, "body"));
      }
      case "conditional" -> {
        if (i.attrs().containsKey("branch_computations")) {
          name = "case";
          String v = i.attrs().get("branch_computations");
          for (String b : v.substring(1, v.length() - 1).split(",")) {
            String n = b.trim();
            rs.add(region(n.startsWith("%") ? n.substring(1) : n, i.line()));
          }
        } else {
          rs.add(computationRef(i, "true_computation"));
          rs.add(computationRef(i, "false_computation"));
        }
      }
      case "call" -> attrs.put("callee", new Ast.SymbolRef(stripPct(required(i, "to_apply"))));
      case "fusion" -> attrs.put("callee", new Ast.SymbolRef(stripPct(required(i, "calls"))));
      case "get-tuple-element" -> attrs.put("index", longAttr(i, "index"));
      case "custom-call" -> attrs.put("call_target_name", required(i, "custom_call_target"));
      default -> {}
    }
    return new Ast.Op(
        i.line(),
        name,
        operands,
        attrs,
        rs,
        List.of(i.type()),
        List.of(new Ast.Result(i.name(), 1)));
  }

  private static String stripPct(String s) {
    return s.startsWith("%") ? s.substring(1) : s;
  }

  private String required(RawInst i, String key) {
    String v = i.attrs().get(key);
    if (v == null) {
      throw new ImportException(i.line(), i.opcode() + ": missing attribute " + key + "=");
    }
    return v;
  }

  private long longAttr(RawInst i, String key) {
    String v = required(i, key);
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new ImportException(i.line(), i.opcode() + ": " + key + "=" + v + " is not an integer");
    }
  }

  /** {@code {1,0}} as long[]. */
  private long[] list(RawInst i, String key) {
    return parseList(i, key, required(i, key));
  }

  private long[] listOr(RawInst i, String key) {
    String v = i.attrs().get(key);
    return v == null ? new long[0] : parseList(i, key, v);
  }

  private long[] parseList(RawInst i, String key, String v) {
    String s = v.trim();
    if (!s.startsWith("{") || !s.endsWith("}")) {
      throw new ImportException(i.line(), i.opcode() + ": " + key + "=" + v + " is not {..}");
    }
    String body = s.substring(1, s.length() - 1).trim();
    if (body.isEmpty()) {
      return new long[0];
    }
    String[] parts = body.split(",");
    long[] out = new long[parts.length];
    try {
      for (int k = 0; k < parts.length; k++) {
        out[k] = Long.parseLong(parts[k].trim());
      }
    } catch (NumberFormatException e) {
      throw new ImportException(
          i.line(), i.opcode() + ": " + key + "=" + v + " is not a list of integers");
    }
    return out;
  }

  /** {@code slice={[0:2], [1:3:2]}}. */
  private void sliceAttrs(RawInst i, Map<String, Object> attrs) {
    String v = required(i, "slice").trim();
    String body = v.substring(1, v.length() - 1).trim();
    List<long[]> parts = new ArrayList<>();
    if (!body.isEmpty()) {
      for (String p : body.split("]")) {
        String t = p.replace(",", " ").replace("[", " ").trim();
        if (t.isEmpty()) {
          continue;
        }
        String[] f = t.split(":");
        try {
          long st = Long.parseLong(f[0].trim());
          long lim = Long.parseLong(f[1].trim());
          long str = f.length > 2 ? Long.parseLong(f[2].trim()) : 1;
          parts.add(new long[] {st, lim, str});
        } catch (RuntimeException e) {
          throw new ImportException(i.line(), "slice: cannot read slice=" + v);
        }
      }
    }
    long[] s = new long[parts.size()];
    long[] l = new long[parts.size()];
    long[] st = new long[parts.size()];
    for (int k = 0; k < s.length; k++) {
      s[k] = parts.get(k)[0];
      l[k] = parts.get(k)[1];
      st[k] = parts.get(k)[2];
    }
    attrs.put("start_indices", s);
    attrs.put("limit_indices", l);
    attrs.put("strides", st);
  }

  /** {@code padding=0_1x2_3} or with interior {@code 0_1_1x...}. */
  private void padAttrs(RawInst i, Map<String, Object> attrs) {
    String v = required(i, "padding").trim();
    String[] dims = v.isEmpty() ? new String[0] : v.split("x");
    long[] lo = new long[dims.length];
    long[] hi = new long[dims.length];
    long[] in = new long[dims.length];
    for (int k = 0; k < dims.length; k++) {
      long[] f = underscored(i, "padding", dims[k]);
      lo[k] = f[0];
      hi[k] = f.length > 1 ? f[1] : 0;
      in[k] = f.length > 2 ? f[2] : 0;
    }
    attrs.put("edge_padding_low", lo);
    attrs.put("edge_padding_high", hi);
    attrs.put("interior_padding", in);
  }

  /** {@code 0_1} or {@code -1_2_0} (negative values keep their sign). */
  private long[] underscored(RawInst i, String key, String s) {
    List<Long> out = new ArrayList<>();
    int k = 0;
    String t = s.trim();
    while (k < t.length()) {
      int e = k;
      if (t.charAt(e) == '-') {
        e++;
      }
      while (e < t.length() && Character.isDigit(t.charAt(e))) {
        e++;
      }
      try {
        out.add(Long.parseLong(t.substring(k, e)));
      } catch (NumberFormatException ex) {
        throw new ImportException(i.line(), i.opcode() + ": cannot read " + key + " '" + s + "'");
      }
      k = e;
      if (k < t.length()) {
        if (t.charAt(k) != '_') {
          throw new ImportException(i.line(), i.opcode() + ": cannot read " + key + " '" + s + "'");
        }
        k++;
      }
    }
    long[] a = new long[out.size()];
    for (int j = 0; j < a.length; j++) {
      a[j] = out.get(j);
    }
    return a;
  }

  /**
   * {@code window={size=2x2 stride=2x2 pad=0_0x1_1 lhs_dilate=.. rhs_dilate=.. rhs_reversal=..}}.
   */
  private Map<String, long[]> window(RawInst i) {
    Map<String, long[]> out = new HashMap<>();
    String v = i.attrs().get("window");
    if (v == null) {
      return out;
    }
    String body = v.trim();
    body = body.substring(1, body.length() - 1).trim();
    for (String item : body.split("\\s+")) {
      if (item.isEmpty()) {
        continue;
      }
      int eq = item.indexOf('=');
      if (eq < 0) {
        throw new ImportException(
            i.line(), i.opcode() + ": cannot read window item '" + item + "'");
      }
      String key = item.substring(0, eq);
      String[] dims = item.substring(eq + 1).split("x");
      if (key.equals("pad")) {
        long[] p = new long[2 * dims.length];
        for (int k = 0; k < dims.length; k++) {
          long[] f = underscored(i, "pad", dims[k]);
          p[2 * k] = f[0];
          p[2 * k + 1] = f.length > 1 ? f[1] : 0;
        }
        out.put(key, p);
      } else {
        long[] d = new long[dims.length];
        for (int k = 0; k < dims.length; k++) {
          try {
            d[k] = Long.parseLong(dims[k].trim());
          } catch (NumberFormatException e) {
            throw new ImportException(
                i.line(), i.opcode() + ": cannot read window item '" + item + "'");
          }
        }
        out.put(key, d);
      }
    }
    return out;
  }

  private void windowAttrs(RawInst i, Map<String, Object> attrs) {
    Map<String, long[]> w = window(i);
    if (!w.containsKey("size")) {
      throw new ImportException(i.line(), i.opcode() + ": missing window={size=...}");
    }
    attrs.put("window_dimensions", w.get("size"));
    if (w.containsKey("stride")) {
      attrs.put("window_strides", w.get("stride"));
    }
    if (w.containsKey("pad")) {
      attrs.put("padding", w.get("pad"));
    }
    if (w.containsKey("lhs_dilate")) {
      attrs.put("base_dilations", w.get("lhs_dilate"));
    }
    if (w.containsKey("rhs_dilate")) {
      attrs.put("window_dilations", w.get("rhs_dilate"));
    }
  }

  private void convAttrs(RawInst i, Map<String, Object> attrs) {
    String labels = required(i, "dim_labels").trim();
    int arrow = labels.indexOf("->");
    int us = labels.indexOf('_');
    if (arrow < 0 || us < 0 || us > arrow) {
      throw new ImportException(i.line(), "convolution: cannot read dim_labels=" + labels);
    }
    attrs.put(
        "dimension_numbers",
        ConvLabels.dims(
            chars(labels.substring(0, us)),
            chars(labels.substring(us + 1, arrow)),
            chars(labels.substring(arrow + 2)),
            i.line()));
    Map<String, long[]> w = window(i);
    if (w.containsKey("stride")) {
      attrs.put("window_strides", w.get("stride"));
    }
    if (w.containsKey("pad")) {
      attrs.put("padding", w.get("pad"));
    }
    if (w.containsKey("lhs_dilate")) {
      attrs.put("lhs_dilation", w.get("lhs_dilate"));
    }
    if (w.containsKey("rhs_dilate")) {
      attrs.put("rhs_dilation", w.get("rhs_dilate"));
    }
    if (w.containsKey("rhs_reversal")) {
      attrs.put("window_reversal", w.get("rhs_reversal"));
    }
    for (String k : List.of("feature_group_count", "batch_group_count")) {
      if (i.attrs().containsKey(k)) {
        attrs.put(k, longAttr(i, k));
      }
    }
  }

  private static List<String> chars(String s) {
    List<String> out = new ArrayList<>();
    for (char ch : s.trim().toCharArray()) {
      out.add(String.valueOf(ch));
    }
    return out;
  }

  /**
   * A constant literal: a scalar, nested braces, optionally after a shape; {@code {...}} is elided.
   */
  private Known literal(RawInst i) {
    Cursor lc = new Cursor(i.literal());
    lc.skipWs();
    if (i.literal().replaceAll("\\s", "").equals("{...}")) {
      throw new ImportException(
          i.line(),
          "constant "
              + i.name()
              + " is elided as {...}: dump the HLO with its constants printed (e.g."
              + " HloPrintOptions with print_large_constants, or XLA_FLAGS=--xla_dump_hlo_as_text"
              + " without elision)");
    }
    if (i.type().isTuple()) {
      throw new ImportException(
          i.line(), "constant " + i.name() + ": tuple constants are not supported");
    }
    List<String> lits = new ArrayList<>();
    // An optional leading shape (older dumps: constant(f32[2] {1, 2})).
    int save = lc.pos;
    try {
      String w = lc.identifier("x");
      if (lc.peekAt(0) == '[') {
        lc.balanced();
        if (lc.peekAt(0) == '{') {
          lc.balanced(); // layout
        }
      } else {
        lc.pos = save;
      }
    } catch (ImportException e) {
      lc.pos = save;
    }
    while (!lc.atEnd()) {
      char ch = lc.peek();
      if (ch == '{' || ch == '}' || ch == ',') {
        lc.pos++;
      } else if (lc.tryWord("true")) {
        lits.add("true");
      } else if (lc.tryWord("false")) {
        lits.add("false");
      } else {
        try {
          lits.add(lc.numberLiteral());
        } catch (ImportException e) {
          throw new ImportException(
              i.line(), "constant " + i.name() + ": cannot read literal near " + lc.describeNext());
        }
      }
    }
    return DenseDecoder.fromLiterals(lits, i.type(), i.line());
  }
}
