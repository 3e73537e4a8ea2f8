package dev.spu.pphlo;

import java.util.List;

/**
 * Computes an op's result types from its operand types and attributes, or throws {@link
 * TypeException} naming the op, the operand types and what was expected. {@code declared} holds the
 * result types written in the program text (or given to the builder); it is required only by ops
 * whose result type cannot be inferred (constant, iota, convert, reshape, broadcast_in_dim) and is
 * otherwise null or ignored.
 */
@FunctionalInterface
public interface TypeRule {
  List<TensorType> infer(
      String op, List<TensorType> operands, Attributes attributes, List<TensorType> declared);
}
