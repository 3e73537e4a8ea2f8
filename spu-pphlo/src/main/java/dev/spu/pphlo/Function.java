package dev.spu.pphlo;

import java.util.List;

/**
 * A function: arguments, a straight-line body in SSA order, and returned values. Printed as {@code
 * func.func @main(%arg0: T, ...) -> (T, ...) { ... "pphlo.return"(...) }}.
 */
public record Function(
    String name, List<Value> arguments, List<Operation> body, List<Value> returns) {
  public Function {
    arguments = List.copyOf(arguments);
    body = List.copyOf(body);
    returns = List.copyOf(returns);
  }

  public List<TensorType> argumentTypes() {
    return arguments.stream().map(Value::type).toList();
  }

  public List<TensorType> resultTypes() {
    return returns.stream().map(Value::type).toList();
  }
}
