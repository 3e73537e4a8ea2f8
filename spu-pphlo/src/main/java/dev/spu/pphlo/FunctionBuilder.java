package dev.spu.pphlo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a {@link Function} op by op; every op is type-checked by its {@link TypeRule} as it is
 * added, so an ill-typed program fails where it is written.
 */
public final class FunctionBuilder {
  private final String name;
  private final List<Value> arguments = new ArrayList<>();
  private final List<Operation> body = new ArrayList<>();

  public FunctionBuilder(String name) {
    this.name = name;
  }

  public Value addArgument(TensorType type) {
    Value v = new Value(type);
    arguments.add(v);
    return v;
  }

  /** Adds a single-result op whose result type is inferred. */
  public Value op(String op, Attributes attrs, Value... operands) {
    return op(op, attrs, null, Arrays.asList(operands)).get(0);
  }

  /** Adds a single-result op whose result type must be declared (convert, reshape, ...). */
  public Value op(String op, Attributes attrs, TensorType declared, Value... operands) {
    return op(op, attrs, List.of(declared), Arrays.asList(operands)).get(0);
  }

  /**
   * Adds an op; {@code declared} may be null when the rule infers every result type, otherwise it
   * must equal the inferred types (a mismatch is a {@link TypeException}).
   */
  public List<Value> op(
      String op, Attributes attrs, List<TensorType> declared, List<Value> operands) {
    String shortName = OpRegistry.stripPrefix(op);
    List<TensorType> types =
        OpRegistry.check(shortName, operands.stream().map(Value::type).toList(), attrs, declared);
    List<Value> results = types.stream().map(Value::new).toList();
    body.add(new Operation(shortName, operands, attrs, results));
    return results;
  }

  /** Appends an already-typed operation (used by passes and the parser after verification). */
  public void append(Operation op) {
    body.add(op);
  }

  public List<Operation> body() {
    return List.copyOf(body);
  }

  public Function build(List<Value> returns) {
    return new Function(name, arguments, body, returns);
  }

  public Function build(Value... returns) {
    return build(Arrays.asList(returns));
  }
}
