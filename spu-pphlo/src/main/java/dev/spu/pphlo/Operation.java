package dev.spu.pphlo;

import java.util.List;

/**
 * One PPHLO operation: {@code results = "pphlo.name"(operands) {attributes}}. Immutable; passes
 * build new operations rather than mutating.
 */
public record Operation(
    String name, List<Value> operands, Attributes attributes, List<Value> results) {
  public Operation {
    attributes = attributes == null ? Attributes.EMPTY : attributes;
    operands = List.copyOf(operands);
    results = List.copyOf(results);
  }

  /** The single result; throws if the op has several. */
  public Value result() {
    if (results.size() != 1) {
      throw new IllegalStateException(name + " has " + results.size() + " results");
    }
    return results.get(0);
  }

  public Value operand(int i) {
    return operands.get(i);
  }

  public List<TensorType> operandTypes() {
    return operands.stream().map(Value::type).toList();
  }

  public List<TensorType> resultTypes() {
    return results.stream().map(Value::type).toList();
  }
}
