package dev.spu.pphlo.importer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The parsed source program, shared by the StableHLO and the HLO parsers: StableHLO op names
 * (without dialect prefix) and StableHLO attribute names, so that one {@link Converter} lowers
 * both. Attribute values are {@link Long}, {@link Double}, {@link Boolean}, {@link String}, {@code
 * long[]}, {@link Known} (a {@code dense<...>} payload), {@link List}, {@link Map}, {@link
 * EnumAttr}, {@link SymbolRef}, {@link dev.spu.pphlo.ConvolutionSpec.Dims}, {@link Type} or {@link
 * Opaque}.
 */
final class Ast {
  private Ast() {}

  /** A tensor type ({@code dims} and the element type as StableHLO spells it) or a tuple. */
  record Type(int[] dims, String elem, List<Type> tuple) {
    static Type tensor(int[] dims, String elem) {
      return new Type(dims.clone(), elem, null);
    }

    static Type tupleOf(List<Type> items) {
      return new Type(null, null, List.copyOf(items));
    }

    boolean isTuple() {
      return tuple != null;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Type t
          && Arrays.equals(dims, t.dims)
          && java.util.Objects.equals(elem, t.elem)
          && java.util.Objects.equals(tuple, t.tuple);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(dims) * 31 + java.util.Objects.hash(elem, tuple);
    }

    @Override
    public String toString() {
      if (isTuple()) {
        List<String> s = new ArrayList<>();
        for (Type t : tuple) {
          s.add(t.toString());
        }
        return "tuple<" + String.join(", ", s) + ">";
      }
      StringBuilder sb = new StringBuilder("tensor<");
      for (int d : dims) {
        sb.append(d).append('x');
      }
      return sb.append(elem).append('>').toString();
    }
  }

  /** A use of an SSA value: {@code %name} (index −1) or {@code %name#index}. */
  record Use(String name, int index) {
    @Override
    public String toString() {
      return "%" + name + (index >= 0 ? "#" + index : "");
    }
  }

  /** A result group: {@code %name} (count 1) or {@code %name:count}. */
  record Result(String name, int count) {}

  /**
   * One operation. {@code resultTypes} are the declared types (flattened over the groups); the HLO
   * parser gives a tuple type for a tuple-shaped result.
   */
  record Op(
      int line,
      String name,
      List<Use> operands,
      Map<String, Object> attrs,
      List<Region> regions,
      List<Type> resultTypes,
      List<Result> results) {}

  /** A block argument or function parameter. */
  record Arg(String name, Type type) {}

  /** A single-block region: arguments, ops, and the values its terminator returns. */
  record Region(int line, List<Arg> args, List<Op> ops, List<Use> returns) {}

  /** A function; {@code body} is null for an external declaration. */
  record Func(
      int line,
      String name,
      boolean isPublic,
      List<Arg> args,
      List<String> argLabels,
      List<Type> resultTypes,
      Region body) {}

  /** A whole program; {@code entry} names the entry function when the format says (HLO ENTRY). */
  record Program(List<Func> funcs, String entry) {}

  /** An enum-like attribute: {@code #stablehlo<comparison_direction LT>} → {@code LT}. */
  record EnumAttr(String value) {}

  /** {@code @name}. */
  record SymbolRef(String name) {}

  /** An attribute the importer keeps as text (it is never needed for lowering). */
  record Opaque(String text) {}

  /** A function type attribute {@code (inputs) -> results}. */
  record FnType(List<Type> inputs, List<Type> results) {}
}
