package dev.spu.pphlo;

import java.util.List;

/** A PPHLO program: one or more functions, of which {@code main} is the entry point. */
public record Module(List<Function> functions) {
  public Module {
    functions = List.copyOf(functions);
    if (functions.isEmpty()) {
      throw new IllegalArgumentException("a module needs at least one function");
    }
  }

  public static Module of(Function main) {
    return new Module(List.of(main));
  }

  /** The function named {@code main}, or the only function. */
  public Function main() {
    if (functions.size() == 1) {
      return functions.get(0);
    }
    return function("main");
  }

  public Function function(String name) {
    return functions.stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no function @" + name + " in module"));
  }
}
