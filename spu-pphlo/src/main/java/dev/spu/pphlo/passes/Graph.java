package dev.spu.pphlo.passes;

import dev.spu.pphlo.Function;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.Value;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Def-use facts of one function, computed once: which op defines a value, which ops use it, how
 * many times it is used (as an operand or returned) and each op's position in the body.
 */
final class Graph {
  private final Map<Value, Operation> defs = new IdentityHashMap<>();
  private final Map<Value, List<Operation>> users = new IdentityHashMap<>();
  private final Map<Value, Integer> uses = new IdentityHashMap<>();
  private final Map<Operation, Integer> index = new IdentityHashMap<>();

  Graph(Function f) {
    List<Operation> body = f.body();
    for (int i = 0; i < body.size(); i++) {
      Operation op = body.get(i);
      index.put(op, i);
      for (Value r : op.results()) {
        defs.put(r, op);
      }
      for (Value v : op.operands()) {
        List<Operation> us = users.computeIfAbsent(v, k -> new ArrayList<>());
        if (us.isEmpty() || us.get(us.size() - 1) != op) {
          us.add(op);
        }
        uses.merge(v, 1, Integer::sum);
      }
    }
    for (Value v : f.returns()) {
      uses.merge(v, 1, Integer::sum);
    }
  }

  /** The op defining {@code v}, or null for a function argument. */
  Operation def(Value v) {
    return defs.get(v);
  }

  /** The ops using {@code v} as an operand, in body order, each once. */
  List<Operation> users(Value v) {
    return users.getOrDefault(v, List.of());
  }

  /** Operand uses plus return uses of {@code v}. */
  int uses(Value v) {
    return uses.getOrDefault(v, 0);
  }

  /** True if any result of {@code op} is used. */
  boolean isLive(Operation op) {
    for (Value r : op.results()) {
      if (uses(r) > 0) {
        return true;
      }
    }
    return false;
  }

  /** The op's position in the body, or -1 if it is not in this function. */
  int index(Operation op) {
    return index.getOrDefault(op, -1);
  }
}
