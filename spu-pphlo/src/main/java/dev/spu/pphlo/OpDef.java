package dev.spu.pphlo;

/**
 * The definition of one PPHLO op: its short name ({@code add}; printed {@code "pphlo.add"}), its
 * operand count range and its type rule. One entry per op in {@link OpRegistry}.
 */
public record OpDef(String name, int minOperands, int maxOperands, TypeRule rule) {
  public static final int VARIADIC = Integer.MAX_VALUE;

  public String qualifiedName() {
    return "pphlo." + name;
  }
}
