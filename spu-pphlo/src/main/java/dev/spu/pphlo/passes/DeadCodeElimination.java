package dev.spu.pphlo.passes;

import dev.spu.pphlo.Function;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.Value;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dead-code elimination: removes every op none of whose results is used (transitively). PPHLO ops
 * have no side effects, and every party runs every op of the program, so a dead secret op is pure
 * waste: its comparisons, products and truncations still send messages.
 */
final class DeadCodeElimination implements Pass {
  @Override
  public String name() {
    return "dce";
  }

  @Override
  public String summary() {
    return "remove ops whose results are never used (every party would still run their protocol)";
  }

  @Override
  public PassResult run(Function f) {
    Map<Value, Integer> count = new IdentityHashMap<>();
    for (Operation op : f.body()) {
      for (Value v : op.operands()) {
        count.merge(v, 1, Integer::sum);
      }
    }
    for (Value v : f.returns()) {
      count.merge(v, 1, Integer::sum);
    }
    List<Operation> body = f.body();
    boolean[] dead = new boolean[body.size()];
    int removed = 0;
    for (int i = body.size() - 1; i >= 0; i--) {
      Operation op = body.get(i);
      boolean used = false;
      for (Value r : op.results()) {
        used |= count.getOrDefault(r, 0) > 0;
      }
      if (!used) {
        dead[i] = true;
        removed++;
        for (Value v : op.operands()) {
          count.merge(v, -1, Integer::sum);
        }
      }
    }
    if (removed == 0) {
      return PassResult.unchanged(f);
    }
    List<Operation> kept = new ArrayList<>(body.size() - removed);
    for (int i = 0; i < body.size(); i++) {
      if (!dead[i]) {
        kept.add(body.get(i));
      }
    }
    return new PassResult(new Function(f.name(), f.arguments(), kept, f.returns()), removed);
  }
}
