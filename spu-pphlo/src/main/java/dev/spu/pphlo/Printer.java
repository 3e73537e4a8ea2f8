package dev.spu.pphlo;

import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Prints PPHLO in MLIR generic syntax (paper, Figure 3). The output is canonical: {@link
 * Parser#parse} reads it back and printing the result gives the same text. The printer knows no op
 * by name: every op prints as {@code %r = "pphlo.name"(operands) {attributes} : (operand types) ->
 * result types}, so new ops need no printer change.
 *
 * <pre>
 * func.func @main(%arg0: tensor&lt;4x!pphlo.sec&lt;i32&gt;&gt;) -&gt; tensor&lt;4x!pphlo.sec&lt;i32&gt;&gt; {
 *   %0 = "pphlo.negate"(%arg0) : (tensor&lt;4x!pphlo.sec&lt;i32&gt;&gt;) -&gt; tensor&lt;4x!pphlo.sec&lt;i32&gt;&gt;
 *   "pphlo.return"(%0) : (tensor&lt;4x!pphlo.sec&lt;i32&gt;&gt;) -&gt; ()
 * }
 * </pre>
 *
 * Values are named {@code %argN} (arguments) and {@code %N} (op results, one number per op; an op
 * with k &gt; 1 results defines {@code %N:k}, used as {@code %N#i}). A value not defined in the
 * function prints as {@code %<<UNKNOWN SSA VALUE>>} so that broken IR can still be inspected.
 */
public final class Printer {
  static final String RETURN = "pphlo.return";
  private static final Pattern BARE_ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_$.]*");

  private Printer() {}

  /** The module's functions in order, separated by one blank line; ends with a newline. */
  public static String print(Module module) {
    StringBuilder sb = new StringBuilder();
    List<Function> fs = module.functions();
    for (int i = 0; i < fs.size(); i++) {
      if (i > 0) {
        sb.append('\n');
      }
      printFunction(sb, fs.get(i));
    }
    return sb.toString();
  }

  /** One function, ending with a newline. */
  public static String print(Function function) {
    StringBuilder sb = new StringBuilder();
    printFunction(sb, function);
    return sb.toString();
  }

  /**
   * The text of op {@code index} of {@code f}'s body, as it appears in {@link #print(Function)}.
   */
  public static String printOp(Function f, int index) {
    Names names = new Names(f);
    StringBuilder sb = new StringBuilder();
    printOp(sb, f.body().get(index), names);
    return sb.toString();
  }

  private static void printFunction(StringBuilder sb, Function f) {
    Names names = new Names(f);
    sb.append("func.func @").append(symbol(f.name())).append('(');
    List<Value> args = f.arguments();
    for (int i = 0; i < args.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(names.use(args.get(i))).append(": ").append(args.get(i).type());
    }
    sb.append(')');
    List<TensorType> results = f.resultTypes();
    if (!results.isEmpty()) {
      sb.append(" -> ");
      typeList(sb, results, results.size() != 1);
    }
    sb.append(" {\n");
    for (Operation op : f.body()) {
      sb.append("  ");
      printOp(sb, op, names);
      sb.append('\n');
    }
    sb.append("  \"").append(RETURN).append("\"(");
    uses(sb, f.returns(), names);
    sb.append(") : (");
    typeList(sb, f.resultTypes(), false);
    sb.append(") -> ()\n}\n");
  }

  private static void printOp(StringBuilder sb, Operation op, Names names) {
    List<Value> results = op.results();
    if (!results.isEmpty()) {
      sb.append(names.group(results.get(0)));
      if (results.size() > 1) {
        sb.append(':').append(results.size());
      }
      sb.append(" = ");
    }
    sb.append("\"pphlo.").append(OpRegistry.stripPrefix(op.name())).append("\"(");
    uses(sb, op.operands(), names);
    sb.append(')');
    Map<String, Object> attrs = op.attributes().asMap();
    if (!attrs.isEmpty()) {
      sb.append(" {");
      boolean first = true;
      for (Map.Entry<String, Object> e : attrs.entrySet()) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        sb.append(attributeName(e.getKey())).append(" = ");
        attribute(sb, e.getValue());
      }
      sb.append('}');
    }
    sb.append(" : (");
    typeList(sb, op.operandTypes(), false);
    sb.append(") -> ");
    List<TensorType> rt = op.resultTypes();
    typeList(sb, rt, rt.size() != 1);
  }

  private static void uses(StringBuilder sb, List<Value> values, Names names) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(names.use(values.get(i)));
    }
  }

  private static void typeList(StringBuilder sb, List<TensorType> types, boolean parens) {
    if (parens) {
      sb.append('(');
    }
    for (int i = 0; i < types.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(types.get(i));
    }
    if (parens) {
      sb.append(')');
    }
  }

  // ---------------------------------------------------------------- attributes

  /** An attribute value in MLIR syntax (see {@link Attributes} for the supported kinds). */
  public static String attribute(Object value) {
    StringBuilder sb = new StringBuilder();
    attribute(sb, value);
    return sb.toString();
  }

  private static void attribute(StringBuilder sb, Object v) {
    if (v instanceof Long l) {
      sb.append(l).append(" : i64");
    } else if (v instanceof Double d) {
      sb.append(floatLiteral(d)).append(" : f64");
    } else if (v instanceof String s) {
      sb.append(quote(s));
    } else if (v instanceof Boolean b) {
      sb.append(b);
    } else if (v instanceof long[] arr) {
      sb.append("array<i64");
      for (int i = 0; i < arr.length; i++) {
        sb.append(i == 0 ? ": " : ", ").append(arr[i]);
      }
      sb.append('>');
    } else if (v instanceof DType t) {
      sb.append(t.mlirName());
    } else if (v instanceof DenseElements d) {
      dense(sb, d);
    } else {
      throw new IllegalArgumentException("cannot print attribute value of " + v.getClass());
    }
  }

  /** {@code dense<[[1, 2], [3, 4]]> : tensor<2x2xi32>}; a splat or scalar prints one element. */
  private static void dense(StringBuilder sb, DenseElements d) {
    long[] ints = d.rawLongs();
    double[] floats = d.rawDoubles();
    int stored = ints != null ? ints.length : floats.length;
    sb.append("dense<");
    if (stored == 0) {
      // An empty tensor: MLIR prints dense<>.
    } else if (d.isSplat() || d.shape().rank() == 0) {
      element(sb, d.dtype(), ints, floats, 0);
    } else {
      nested(sb, d.dtype(), d.shape(), 0, 0, ints, floats);
    }
    sb.append("> : ").append(denseType(d.shape(), d.dtype()));
  }

  private static int nested(
      StringBuilder sb, DType dt, Shape s, int axis, int flat, long[] ints, double[] floats) {
    sb.append('[');
    for (int i = 0; i < s.dim(axis); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      if (axis == s.rank() - 1) {
        element(sb, dt, ints, floats, flat++);
      } else {
        flat = nested(sb, dt, s, axis + 1, flat, ints, floats);
      }
    }
    sb.append(']');
    return flat;
  }

  private static void element(StringBuilder sb, DType dt, long[] ints, double[] floats, int i) {
    if (floats != null) {
      sb.append(floatLiteral(floats[i]));
    } else if (dt.isBoolean()) {
      sb.append(ints[i] != 0);
    } else {
      sb.append(ints[i]);
    }
  }

  /** The builtin tensor type of a dense payload: {@code tensor<2x2xi32>}, {@code tensor<f32>}. */
  static String denseType(Shape s, DType dt) {
    return s.rank() == 0 ? "tensor<" + dt + ">" : "tensor<" + s + "x" + dt + ">";
  }

  /**
   * A double that parses back to the same bits: Java's shortest round-trip decimal form, or for NaN
   * and infinities the raw IEEE bits in hex ({@code 0x7FF0000000000000}) as MLIR does.
   */
  static String floatLiteral(double d) {
    if (Double.isFinite(d)) {
      return Double.toString(d);
    }
    return String.format("0x%016X", Double.doubleToRawLongBits(d));
  }

  /**
   * A string literal: printable ASCII as is, quote and backslash escaped, other bytes {@code \XX}.
   */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c == '"' || c == '\\') {
        sb.append('\\').append((char) c);
      } else if (c >= 0x20 && c < 0x7f) {
        sb.append((char) c);
      } else {
        sb.append('\\').append(String.format("%02X", c));
      }
    }
    return sb.append('"').toString();
  }

  private static String symbol(String name) {
    return BARE_ID.matcher(name).matches() ? name : quote(name);
  }

  private static String attributeName(String name) {
    return BARE_ID.matcher(name).matches() ? name : quote(name);
  }

  /** SSA names of one function, by value identity. */
  private static final class Names {
    private final Map<Value, String> names = new IdentityHashMap<>();

    Names(Function f) {
      List<Value> args = f.arguments();
      for (int i = 0; i < args.size(); i++) {
        names.putIfAbsent(args.get(i), "%arg" + i);
      }
      int next = 0;
      for (Operation op : f.body()) {
        List<Value> rs = op.results();
        if (rs.isEmpty()) {
          continue;
        }
        String group = "%" + next++;
        for (int i = 0; i < rs.size(); i++) {
          names.putIfAbsent(rs.get(i), rs.size() == 1 ? group : group + "#" + i);
        }
      }
    }

    String use(Value v) {
      String n = names.get(v);
      return n != null ? n : "%<<UNKNOWN SSA VALUE>>";
    }

    /** The group name an op's results are defined with ({@code %3} for {@code %3#0}). */
    String group(Value first) {
      String n = use(first);
      int hash = n.indexOf('#');
      return hash < 0 ? n : n.substring(0, hash);
    }
  }
}
