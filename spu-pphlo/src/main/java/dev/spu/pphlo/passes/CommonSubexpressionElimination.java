package dev.spu.pphlo.passes;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Common-subexpression elimination: an op with the same name, operands (after earlier merges),
 * attributes and result types as an earlier op is replaced by that op's results. PPHLO ops are pure
 * and deterministic, so the value is the same; a repeated secret comparison or product costs its
 * messages again, a merged one does not. Run first so the pattern passes see one value per
 * expression (e.g. one predicate feeding several selects).
 */
final class CommonSubexpressionElimination implements Pass {
  @Override
  public String name() {
    return "cse";
  }

  @Override
  public String summary() {
    return "merge ops that repeat an earlier op on the same operands (their protocol runs once)";
  }

  private record Key(
      String name, List<Value> operands, Attributes attributes, List<TensorType> types) {}

  @Override
  public PassResult run(Function f) {
    Rewriter rw = new Rewriter(f);
    Map<Key, Operation> seen = new HashMap<>();
    for (Operation op : f.body()) {
      List<Value> operands = new ArrayList<>(op.operands().size());
      for (Value v : op.operands()) {
        operands.add(rw.map(v));
      }
      Key k = new Key(op.name(), operands, op.attributes(), op.resultTypes());
      Operation first = seen.get(k);
      if (first == null) {
        seen.put(k, op);
        rw.keep(op);
        continue;
      }
      rw.replaceResults(op, first.results());
    }
    return rw.finish();
  }
}
