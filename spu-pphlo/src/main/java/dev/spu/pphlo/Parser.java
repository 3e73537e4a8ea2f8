package dev.spu.pphlo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the PPHLO text form written by {@link Printer}: one or more {@code func.func} (optionally
 * inside {@code module { ... }}), MLIR generic op syntax, any SSA names ({@code %cst_0}, {@code
 * %x}), extra whitespace and {@code //} line comments. Every op is type-checked through {@link
 * OpRegistry#check} against the result types written in the text. Like the printer it knows no op
 * by name (only the {@code pphlo.return} terminator), so new ops parse without changes here.
 *
 * <p>Errors are {@link ParseException}s with {@code line L, column C:} and what was expected.
 * Recursive descent over characters: the MLIR shape syntax ({@code 4x3xi32}) is context sensitive,
 * so there is no separate tokenizer.
 */
public final class Parser {
  /** Types one op; {@link OpRegistry#check} outside tests. */
  @FunctionalInterface
  interface OpChecker {
    List<TensorType> check(
        String name, List<TensorType> operands, Attributes attributes, List<TensorType> declared);
  }

  private static final int MAX_NESTING = 64;

  private final String text;
  private final OpChecker checker;
  private int pos;
  private List<Value> lastReturn; // operands of the last pphlo.return parsed

  private Parser(String text, OpChecker checker) {
    this.text = text;
    this.checker = checker;
  }

  /** Parses a module (one or more functions); throws {@link ParseException}. */
  public static Module parse(String text) {
    return parse(text, OpRegistry::check);
  }

  static Module parse(String text, OpChecker checker) {
    return new Parser(text, checker).module();
  }

  /** Parses a single PPHLO tensor type such as {@code tensor<2x3x!pphlo.sec<f32>>}. */
  public static TensorType parseType(String text) {
    Parser p = new Parser(text, OpRegistry::check);
    TensorType t = p.tensorType();
    p.expectEnd();
    return t;
  }

  // ---------------------------------------------------------------- structure

  private Module module() {
    skipWs();
    boolean wrapped = false;
    if (peekWord("module")) {
      word();
      skipWs();
      if (peek() == '@') {
        pos++;
        symbolName();
      }
      expect("{");
      wrapped = true;
    }
    List<Function> functions = new ArrayList<>();
    Set<String> names = new HashSet<>();
    while (true) {
      skipWs();
      if (wrapped ? peek() == '}' : atEnd()) {
        break;
      }
      int start = pos;
      Function f = function();
      if (!names.add(f.name())) {
        throw errorAt(start, "redefinition of function @" + f.name());
      }
      functions.add(f);
    }
    if (functions.isEmpty()) {
      throw expected("'func.func'");
    }
    if (wrapped) {
      expect("}");
    }
    expectEnd();
    return new Module(functions);
  }

  private Function function() {
    expectWord("func.func");
    skipWs();
    if (peekWord("private") || peekWord("public")) {
      word();
    }
    expect("@");
    String name = symbolName();
    Map<String, List<Value>> scope = new HashMap<>();
    List<Value> args = new ArrayList<>();
    expect("(");
    if (!tryConsume(")")) {
      do {
        skipWs();
        int at = pos;
        String argName = ssaName();
        expect(":");
        Value v = new Value(tensorType());
        define(scope, argName, List.of(v), at);
        args.add(v);
      } while (tryConsume(","));
      expect(")");
    }
    List<TensorType> signature = List.of();
    if (tryConsume("->")) {
      signature = resultTypes();
    }
    expect("{");
    List<Operation> body = new ArrayList<>();
    while (true) {
      skipWs();
      if (peek() == '}' || atEnd()) {
        throw expected("'\"pphlo.return\"' (every function ends with a return)");
      }
      Operation op = operation(scope, signature, name);
      if (op == null) {
        break; // the return was consumed; its operands are checked in operation()
      }
      body.add(op);
    }
    List<Value> returns = lastReturn;
    expect("}");
    return new Function(name, args, body, returns);
  }

  /** One op, or null after the terminator (whose values are left in {@link #lastReturn}). */
  private Operation operation(
      Map<String, List<Value>> scope, List<TensorType> signature, String function) {
    int start = pos;
    List<String> groupNames = new ArrayList<>();
    List<Integer> groupSizes = new ArrayList<>();
    List<Integer> groupPos = new ArrayList<>();
    if (peek() == '%') {
      do {
        skipWs();
        groupPos.add(pos);
        groupNames.add(ssaName());
        int n = 1;
        if (tryConsume(":")) {
          skipWs();
          int at = pos;
          n = integer("a result count");
          if (n < 1) {
            throw errorAt(at, "expected a result count >= 1 but found " + n);
          }
        }
        groupSizes.add(n);
      } while (tryConsume(","));
      expect("=");
    }
    skipWs();
    if (peek() != '"') {
      throw expected("an operation name in quotes (\"pphlo.add\")");
    }
    int nameAt = pos;
    String opName = string();
    List<Value> operands = new ArrayList<>();
    List<Integer> operandPos = new ArrayList<>();
    expect("(");
    if (!tryConsume(")")) {
      do {
        skipWs();
        operandPos.add(pos);
        operands.add(use(scope));
      } while (tryConsume(","));
      expect(")");
    }
    skipWs();
    Attributes attrs = peek() == '{' ? attributeDict() : Attributes.EMPTY;
    expect(":");
    expect("(");
    List<TensorType> declaredOperands = new ArrayList<>();
    if (!tryConsume(")")) {
      do {
        declaredOperands.add(tensorType());
      } while (tryConsume(","));
      expect(")");
    }
    expect("->");
    List<TensorType> declaredResults = resultTypes();

    String quoted = "'" + opName + "'";
    if (declaredOperands.size() != operands.size()) {
      throw errorAt(
          start,
          quoted
              + " has "
              + operands.size()
              + " operands but its type lists "
              + declaredOperands.size()
              + " "
              + declaredOperands);
    }
    for (int i = 0; i < operands.size(); i++) {
      TensorType actual = operands.get(i).type();
      if (!actual.equals(declaredOperands.get(i))) {
        throw errorAt(
            operandPos.get(i),
            "operand #"
                + i
                + " of "
                + quoted
                + " has type "
                + actual
                + " but the op's type says "
                + declaredOperands.get(i));
      }
    }

    if (opName.equals(Printer.RETURN) || opName.equals("func.return")) {
      if (!groupNames.isEmpty() || !declaredResults.isEmpty()) {
        throw errorAt(start, quoted + " defines no results: expected '-> ()'");
      }
      List<TensorType> types = operands.stream().map(Value::type).toList();
      if (!types.equals(signature)) {
        throw errorAt(
            start,
            quoted
                + " returns "
                + types
                + " but @"
                + function
                + " is declared to return "
                + signature);
      }
      lastReturn = operands;
      return null;
    }

    int defined = groupSizes.stream().mapToInt(Integer::intValue).sum();
    if (defined != declaredResults.size()) {
      throw errorAt(
          start,
          quoted
              + " defines "
              + defined
              + " values but its type lists "
              + declaredResults.size()
              + " results "
              + declaredResults);
    }
    List<TensorType> operandTypes = operands.stream().map(Value::type).toList();
    try {
      checker.check(opName, operandTypes, attrs, declaredResults);
    } catch (TypeException e) {
      throw errorAt(nameAt, e.getMessage());
    }
    List<Value> results = declaredResults.stream().map(Value::new).toList();
    int next = 0;
    for (int g = 0; g < groupNames.size(); g++) {
      int n = groupSizes.get(g);
      define(scope, groupNames.get(g), results.subList(next, next + n), groupPos.get(g));
      next += n;
    }
    return new Operation(OpRegistry.stripPrefix(opName), operands, attrs, results);
  }

  private void define(Map<String, List<Value>> scope, String name, List<Value> vs, int at) {
    if (scope.putIfAbsent(name, List.copyOf(vs)) != null) {
      throw errorAt(at, "redefinition of SSA value '%" + name + "'");
    }
  }

  /** {@code %name} or {@code %name#i}. */
  private Value use(Map<String, List<Value>> scope) {
    int at = pos;
    String name = ssaName();
    List<Value> group = scope.get(name);
    if (group == null) {
      throw errorAt(at, "use of undefined SSA value '%" + name + "'");
    }
    if (pos < text.length() && text.charAt(pos) == '#') {
      pos++;
      int idxAt = pos;
      int i = integer("a result index");
      if (i < 0 || i >= group.size()) {
        throw errorAt(
            idxAt,
            "result index "
                + i
                + " out of range: '%"
                + name
                + "' has "
                + group.size()
                + " result(s)");
      }
      return group.get(i);
    }
    if (group.size() != 1) {
      throw errorAt(
          at,
          "'%" + name + "' names " + group.size() + " results: expected '%" + name + "#<index>'");
    }
    return group.get(0);
  }

  /** {@code T} or {@code (T, ...)} (possibly {@code ()}). */
  private List<TensorType> resultTypes() {
    skipWs();
    List<TensorType> out = new ArrayList<>();
    if (tryConsume("(")) {
      if (!tryConsume(")")) {
        do {
          out.add(tensorType());
        } while (tryConsume(","));
        expect(")");
      }
    } else {
      out.add(tensorType());
    }
    return out;
  }

  // ---------------------------------------------------------------- types

  /** {@code tensor<4x3x!pphlo.sec<i32>>} or {@code tensor<!pphlo.pub<f32>>}. */
  private TensorType tensorType() {
    expectWord("tensor");
    expect("<");
    Shape shape = dims();
    skipWs();
    int at = pos;
    if (peek() != '!') {
      throw expected("'!pphlo.sec<...>' or '!pphlo.pub<...>'");
    }
    pos++;
    String kind = peekIsIdStart() ? word() : "";
    Visibility vis;
    if (kind.equals("pphlo.sec")) {
      vis = Visibility.SECRET;
    } else if (kind.equals("pphlo.pub")) {
      vis = Visibility.PUBLIC;
    } else {
      throw errorAt(
          at, "expected '!pphlo.sec<...>' or '!pphlo.pub<...>' but found '!" + kind + "'");
    }
    expect("<");
    DType dt = dtype();
    expect(">");
    expect(">");
    return new TensorType(shape, dt, vis);
  }

  /** {@code tensor<2x2xi32>}: the builtin type of a dense attribute. */
  private TensorType builtinTensorType() {
    expectWord("tensor");
    expect("<");
    Shape shape = dims();
    DType dt = dtype();
    expect(">");
    return new TensorType(shape, dt, Visibility.PUBLIC);
  }

  /** The {@code 4x3x} prefix of a tensor type (empty for a scalar). */
  private Shape dims() {
    List<Integer> dims = new ArrayList<>();
    while (true) {
      skipWs();
      if (!isDigit(peek())) {
        break;
      }
      dims.add(integer("a dimension"));
      skipWs();
      if (peek() != 'x') {
        throw expected("'x'");
      }
      pos++;
    }
    return Shape.of(dims.stream().mapToInt(Integer::intValue).toArray());
  }

  private DType dtype() {
    skipWs();
    int at = pos;
    if (!peekIsIdStart()) {
      throw expected("an element type (i1, i8, i16, i32, i64, f16, f32, f64)");
    }
    String w = word();
    try {
      return DType.fromMlir(w);
    } catch (IllegalArgumentException e) {
      throw errorAt(at, e.getMessage());
    }
  }

  // ---------------------------------------------------------------- attributes

  private Attributes attributeDict() {
    expect("{");
    Attributes.Builder b = Attributes.builder();
    Set<String> seen = new HashSet<>();
    if (!tryConsume("}")) {
      do {
        skipWs();
        int at = pos;
        String key;
        if (peek() == '"') {
          key = string();
        } else if (peekIsIdStart()) {
          key = word();
        } else {
          throw expected("an attribute name");
        }
        if (!seen.add(key)) {
          throw errorAt(at, "attribute '" + key + "' given twice");
        }
        expect("=");
        b.put(key, attributeValue());
      } while (tryConsume(","));
      expect("}");
    }
    return b.build();
  }

  private Object attributeValue() {
    skipWs();
    char c = peek();
    if (c == '"') {
      return string();
    }
    if (c == '-' || isDigit(c)) {
      return numberAttribute();
    }
    if (peekIsIdStart()) {
      int at = pos;
      String w = word();
      switch (w) {
        case "true":
          return Boolean.TRUE;
        case "false":
          return Boolean.FALSE;
        case "dense":
          return dense();
        case "array":
          return array();
        default:
          try {
            return DType.fromMlir(w);
          } catch (IllegalArgumentException e) {
            pos = at;
            throw expected(
                "an attribute value (integer, float, string, true/false, array<i64: ...>,"
                    + " dense<...>, or an element type)");
          }
      }
    }
    throw expected("an attribute value");
  }

  /** {@code 3 : i64}, {@code -1.5 : f64}, {@code 0x7FF8000000000000 : f64}; no suffix allowed. */
  private Object numberAttribute() {
    int at = pos;
    String lit = numberLiteral();
    int save = pos;
    skipWs();
    String type = null;
    if (peek() == ':') {
      pos++;
      skipWs();
      int typeAt = pos;
      type = peekIsIdStart() ? word() : "";
      if (!type.matches("i(1|8|16|32|64)|f(16|32|64)|index")) {
        throw errorAt(
            typeAt, "expected an integer or float type after ':' but found '" + type + "'");
      }
    } else {
      pos = save;
    }
    boolean isFloatType = type != null && type.startsWith("f");
    boolean isHex = lit.startsWith("0x") || lit.startsWith("-0x");
    boolean isFloatLit = !isHex && (lit.contains(".") || lit.contains("e") || lit.contains("E"));
    if (isFloatType || isFloatLit) {
      if (type != null && !isFloatType) {
        throw errorAt(at, "expected an integer literal for type " + type + " but found " + lit);
      }
      return toDouble(lit, at);
    }
    return toLong(lit, at);
  }

  /** {@code array<i64: 1, 2>} or {@code array<i64>}; the word {@code array} is consumed. */
  private long[] array() {
    expect("<");
    skipWs();
    int at = pos;
    String t = peekIsIdStart() ? word() : "";
    if (!t.matches("i(8|16|32|64)")) {
      throw errorAt(at, "expected an integer element type in array<...> but found '" + t + "'");
    }
    List<Long> vals = new ArrayList<>();
    if (tryConsume(":")) {
      do {
        skipWs();
        int vAt = pos;
        vals.add(toLong(numberLiteral(), vAt));
      } while (tryConsume(","));
    }
    expect(">");
    return vals.stream().mapToLong(Long::longValue).toArray();
  }

  /** A literal of a dense attribute, or a nested list of them. */
  private record Node(int at, String literal, List<Node> items) {}

  /** {@code dense<...> : tensor<...>}; the word {@code dense} is consumed. */
  private DenseElements dense() {
    expect("<");
    Node root = tryConsume(">") ? null : denseNode(0);
    if (root != null) {
      expect(">");
    }
    expect(":");
    skipWs();
    int typeAt = pos;
    TensorType t = builtinTensorType();
    Shape shape = t.shape();
    try {
      shape.numElements();
    } catch (IllegalArgumentException e) {
      throw errorAt(typeAt, e.getMessage());
    }
    List<Node> leaves = new ArrayList<>();
    if (root == null) {
      if (shape.numElements() != 0) {
        throw errorAt(
            typeAt, "dense<> is only valid for a tensor with no elements, not " + t.shape());
      }
    } else if (root.literal != null) {
      leaves.add(root); // a scalar or a splat
    } else {
      flatten(root, shape, 0, leaves);
    }
    DType dt = t.dtype();
    if (dt.isFixedPoint()) {
      double[] v = new double[leaves.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = toDouble(leaves.get(i).literal, leaves.get(i).at);
      }
      return DenseElements.ofFloats(shape, dt, v);
    }
    long[] v = new long[leaves.size()];
    for (int i = 0; i < v.length; i++) {
      Node n = leaves.get(i);
      if (n.literal.equals("true") || n.literal.equals("false")) {
        if (!dt.isBoolean()) {
          throw errorAt(n.at, "expected an integer literal for " + dt + " but found " + n.literal);
        }
        v[i] = n.literal.equals("true") ? 1 : 0;
      } else {
        v[i] = toLong(n.literal, n.at);
      }
    }
    return DenseElements.ofInts(shape, dt, v);
  }

  private Node denseNode(int depth) {
    skipWs();
    int at = pos;
    if (depth > MAX_NESTING) {
      throw errorAt(at, "dense literal nested deeper than " + MAX_NESTING);
    }
    if (tryConsume("[")) {
      List<Node> items = new ArrayList<>();
      if (!tryConsume("]")) {
        do {
          items.add(denseNode(depth + 1));
        } while (tryConsume(","));
        expect("]");
      }
      return new Node(at, null, items);
    }
    char c = peek();
    if (c == '-' || isDigit(c)) {
      return new Node(at, numberLiteral(), null);
    }
    if (peekWord("true") || peekWord("false")) {
      return new Node(at, word(), null);
    }
    throw expected("a dense element (number, true, false or '[')");
  }

  /** Checks a nested list against the shape and collects its leaves in row-major order. */
  private void flatten(Node n, Shape s, int axis, List<Node> out) {
    if (axis == s.rank()) {
      if (n.literal == null) {
        throw errorAt(
            n.at, "dense literal nested deeper than the rank " + s.rank() + " of its type");
      }
      out.add(n);
      return;
    }
    if (n.literal != null || n.items.size() != s.dim(axis)) {
      throw errorAt(
          n.at,
          "dense literal does not match shape "
              + s
              + ": expected a list of "
              + s.dim(axis)
              + " element(s) at depth "
              + axis);
    }
    for (Node item : n.items) {
      flatten(item, s, axis + 1, out);
    }
  }

  // ---------------------------------------------------------------- lexical helpers

  /** {@code -?(0x[0-9a-fA-F]+|[0-9]+(.[0-9]*)?([eE][-+]?[0-9]+)?)}. */
  private String numberLiteral() {
    skipWs();
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (!isDigit(peek())) {
      pos = start;
      throw expected("a number");
    }
    if (text.startsWith("0x", pos) || text.startsWith("0X", pos)) {
      pos += 2;
      int h = pos;
      while (pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0) {
        pos++;
      }
      if (pos == h) {
        throw expected("hex digits");
      }
      return text.substring(start, pos);
    }
    while (isDigit(peekRaw())) {
      pos++;
    }
    if (peekRaw() == '.') {
      pos++;
      while (isDigit(peekRaw())) {
        pos++;
      }
    }
    if (peekRaw() == 'e' || peekRaw() == 'E') {
      int save = pos;
      pos++;
      if (peekRaw() == '+' || peekRaw() == '-') {
        pos++;
      }
      if (!isDigit(peekRaw())) {
        pos = save;
      } else {
        while (isDigit(peekRaw())) {
          pos++;
        }
      }
    }
    return text.substring(start, pos);
  }

  private long toLong(String lit, int at) {
    try {
      if (lit.startsWith("0x") || lit.startsWith("0X")) {
        return Long.parseUnsignedLong(lit.substring(2), 16);
      }
      if (lit.startsWith("-0x") || lit.startsWith("-0X")) {
        return -Long.parseUnsignedLong(lit.substring(3), 16);
      }
      return Long.parseLong(lit);
    } catch (NumberFormatException e) {
      throw errorAt(at, "expected a 64-bit integer but found '" + lit + "'");
    }
  }

  /** Decimal floats, or hex literals holding the raw IEEE-754 double bits (for NaN/inf). */
  private double toDouble(String lit, int at) {
    try {
      if (lit.startsWith("0x") || lit.startsWith("0X")) {
        return Double.longBitsToDouble(Long.parseUnsignedLong(lit.substring(2), 16));
      }
      if (lit.startsWith("-0x") || lit.startsWith("-0X")) {
        throw new NumberFormatException();
      }
      return Double.parseDouble(lit);
    } catch (NumberFormatException e) {
      throw errorAt(at, "expected a floating-point number but found '" + lit + "'");
    }
  }

  /** A non-negative int (dimensions, counts, indices). */
  private int integer(String what) {
    int start = pos;
    while (isDigit(peekRaw())) {
      pos++;
    }
    if (start == pos) {
      throw expected(what);
    }
    try {
      return Integer.parseInt(text.substring(start, pos));
    } catch (NumberFormatException e) {
      throw errorAt(start, what + " " + text.substring(start, pos) + " is too large");
    }
  }

  /**
   * {@code %name}: digits, or a letter/{@code $._-} followed by letters, digits and {@code $._-}.
   */
  private String ssaName() {
    skipWs();
    if (peek() != '%') {
      throw expected("an SSA value ('%name')");
    }
    pos++;
    int start = pos;
    if (isDigit(peekRaw())) {
      while (isDigit(peekRaw())) {
        pos++;
      }
    } else {
      while (pos < text.length() && isSuffixIdChar(text.charAt(pos))) {
        pos++;
      }
    }
    if (start == pos) {
      pos = start - 1;
      throw expected("an SSA value name after '%'");
    }
    return text.substring(start, pos);
  }

  /** After {@code @}: a bare identifier or a string. */
  private String symbolName() {
    if (peekRaw() == '"') {
      return string();
    }
    int start = pos;
    while (pos < text.length() && isSuffixIdChar(text.charAt(pos))) {
      pos++;
    }
    if (start == pos) {
      throw expected("a function name after '@'");
    }
    return text.substring(start, pos);
  }

  /** A double-quoted string with MLIR escapes ({@code \"}, {@code \\}, {@code \n}, {@code \XX}). */
  private String string() {
    skipWs();
    if (peek() != '"') {
      throw expected("a string");
    }
    int start = pos;
    pos++;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    while (true) {
      if (pos >= text.length() || text.charAt(pos) == '\n') {
        throw errorAt(start, "unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        break;
      }
      if (c != '\\') {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && pos < text.length()) {
          b = text.substring(pos - 1, pos + 1).getBytes(StandardCharsets.UTF_8);
          pos++;
        }
        bytes.writeBytes(b);
        continue;
      }
      if (pos >= text.length()) {
        throw errorAt(start, "unterminated string");
      }
      char e = text.charAt(pos);
      if (e == '"' || e == '\\') {
        bytes.write(e);
        pos++;
      } else if (e == 'n') {
        bytes.write('\n');
        pos++;
      } else if (e == 't') {
        bytes.write('\t');
        pos++;
      } else if (pos + 1 < text.length()
          && Character.digit(e, 16) >= 0
          && Character.digit(text.charAt(pos + 1), 16) >= 0) {
        bytes.write(Character.digit(e, 16) * 16 + Character.digit(text.charAt(pos + 1), 16));
        pos += 2;
      } else {
        throw errorAt(pos - 1, "unknown escape '\\" + e + "' in string");
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** A bare identifier: a letter or {@code _}, then letters, digits, {@code _ $ .}. */
  private String word() {
    skipWs();
    int start = pos;
    if (!peekIsIdStart()) {
      throw expected("an identifier");
    }
    while (pos < text.length() && isIdChar(text.charAt(pos))) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private boolean peekWord(String w) {
    skipWs();
    int end = pos + w.length();
    return text.startsWith(w, pos) && (end >= text.length() || !isIdChar(text.charAt(end)));
  }

  private void expectWord(String w) {
    if (!peekWord(w)) {
      throw expected("'" + w + "'");
    }
    pos += w.length();
  }

  private void expect(String tok) {
    if (!tryConsume(tok)) {
      throw expected("'" + tok + "'");
    }
  }

  private boolean tryConsume(String tok) {
    skipWs();
    if (text.startsWith(tok, pos)) {
      pos += tok.length();
      return true;
    }
    return false;
  }

  private void expectEnd() {
    skipWs();
    if (!atEnd()) {
      throw expected("end of input");
    }
  }

  /** Skips whitespace and {@code //} comments. */
  private void skipWs() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        pos++;
      } else if (c == '/' && text.startsWith("//", pos)) {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        break;
      }
    }
  }

  private boolean atEnd() {
    return pos >= text.length();
  }

  private char peek() {
    skipWs();
    return peekRaw();
  }

  private char peekRaw() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private boolean peekIsIdStart() {
    char c = peekRaw();
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.';
  }

  private static boolean isSuffixIdChar(char c) {
    return isIdChar(c) || c == '-';
  }

  // ---------------------------------------------------------------- errors

  private ParseException expected(String what) {
    skipWs();
    return errorAt(pos, "expected " + what + " but found " + describeNext());
  }

  /** The token at the current position, for "but found ..." messages. */
  private String describeNext() {
    if (atEnd()) {
      return "end of input";
    }
    char c = text.charAt(pos);
    int end = pos + 1;
    if (text.startsWith("->", pos)) {
      end = pos + 2;
    } else if (c == '%' || c == '@' || isIdChar(c) || c == '-') {
      while (end < text.length() && isSuffixIdChar(text.charAt(end)) && end - pos < 40) {
        end++;
      }
    } else if (c == '"') {
      while (end < text.length() && text.charAt(end) != '"' && text.charAt(end) != '\n') {
        end++;
      }
      if (end < text.length() && text.charAt(end) == '"') {
        end++;
      }
      end = Math.min(end, pos + 40);
    }
    return "'" + text.substring(pos, end) + "'";
  }

  private ParseException errorAt(int at, String reason) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < at && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new ParseException(line, at - lineStart + 1, reason);
  }
}
