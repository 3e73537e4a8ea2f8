package dev.spu.pphlo;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one table of PPHLO ops and their type rules, used by the builder, the tracer, the verifier,
 * the parser and the importer alike. Ops are registered in one explicit list ({@link
 * StandardOps#register}); later capabilities add their entries there.
 */
public final class OpRegistry {
  private static final Map<String, OpDef> OPS = new TreeMap<>();

  static {
    StandardOps.register(OpRegistry::add);
  }

  private OpRegistry() {}

  private static void add(OpDef def) {
    if (OPS.put(def.name(), def) != null) {
      throw new IllegalStateException("op registered twice: " + def.name());
    }
  }

  /** The op named {@code name} (with or without the {@code pphlo.} prefix). */
  public static OpDef get(String name) {
    OpDef d = OPS.get(stripPrefix(name));
    if (d == null) {
      throw new TypeException("unknown op '" + name + "'");
    }
    return d;
  }

  public static boolean contains(String name) {
    return OPS.containsKey(stripPrefix(name));
  }

  public static Collection<OpDef> all() {
    return Collections.unmodifiableCollection(OPS.values());
  }

  public static String stripPrefix(String name) {
    return name.startsWith("pphlo.") ? name.substring(6) : name;
  }

  /** Checks the operand count and runs the op's type rule. */
  public static List<TensorType> infer(
      String name, List<TensorType> operands, Attributes attrs, List<TensorType> declared) {
    OpDef d = get(name);
    if (operands.size() < d.minOperands() || operands.size() > d.maxOperands()) {
      String expected =
          d.minOperands() == d.maxOperands()
              ? String.valueOf(d.minOperands())
              : d.maxOperands() == OpDef.VARIADIC
                  ? "at least " + d.minOperands()
                  : d.minOperands() + ".." + d.maxOperands();
      throw new TypeException(
          "'pphlo."
              + d.name()
              + "' expects "
              + expected
              + " operands, got "
              + operands.size()
              + " "
              + operands);
    }
    try {
      return d.rule().infer(d.name(), operands, attrs, declared);
    } catch (TypeException e) {
      // Attribute lookups throw without op context; give every error the op and its operands.
      if (e.getMessage() != null && e.getMessage().startsWith("'pphlo.")) {
        throw e;
      }
      throw new TypeException(
          "'pphlo." + d.name() + "' with operands " + operands + ": " + e.getMessage());
    } catch (RuntimeException e) {
      TypeException t =
          new TypeException(
              "'pphlo." + d.name() + "' with operands " + operands + " and attributes: " + e);
      t.initCause(e);
      throw t;
    }
  }

  /**
   * Runs {@link #infer} and, when {@code declared} is given, requires the declared result types to
   * equal the inferred ones. Used by the builder, the parser and the verifier.
   *
   * @return the result types (the declared ones when given)
   */
  public static List<TensorType> check(
      String name, List<TensorType> operands, Attributes attrs, List<TensorType> declared) {
    List<TensorType> inferred = infer(name, operands, attrs, declared);
    if (declared != null && !declared.equals(inferred)) {
      throw new TypeException(
          "'pphlo."
              + stripPrefix(name)
              + "' with operands "
              + operands
              + ": declared result types "
              + declared
              + " but the type rule infers "
              + inferred);
    }
    return inferred;
  }
}
