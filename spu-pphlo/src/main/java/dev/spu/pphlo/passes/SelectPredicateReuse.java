package dev.spu.pphlo.passes;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.Value;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Select predicate reuse (paper §3.5): a secret predicate chosen by two or more {@code select}s
 * with numeric branches is converted once, by {@code prefer_a}, to an arithmetic share that every
 * such select reads. A comparison yields a boolean share; each select on it would otherwise run its
 * own bit-to-arithmetic conversion (a protocol round and messages). ReLU's forward and backward
 * selects, and max/min's two gradient selects, share one predicate this way. Other users of the
 * predicate (logic ops, selects of i1 branches, which stay boolean) keep the original.
 */
final class SelectPredicateReuse implements Pass {
  @Override
  public String name() {
    return "select-reuse";
  }

  @Override
  public String summary() {
    return "a secret predicate feeding >= 2 selects is converted once (prefer_a) and reused";
  }

  @Override
  public PassResult run(Function f) {
    Rewriter rw = new Rewriter(f);
    Map<Value, Integer> selects = new IdentityHashMap<>();
    for (Operation op : f.body()) {
      if (isArithSelect(op)) {
        selects.merge(op.operand(0), 1, Integer::sum);
      }
    }
    Map<Value, Value> preferred = new IdentityHashMap<>();
    for (Operation op : f.body()) {
      Value p = op.operands().isEmpty() ? null : op.operand(0);
      if (!isArithSelect(op) || selects.get(p) < 2 || isPreferred(rw, p)) {
        rw.keep(op);
        continue;
      }
      Value pa =
          preferred.computeIfAbsent(p, k -> rw.emit("prefer_a", Attributes.EMPTY, rw.map(k)));
      rw.rewire(op, List.of(pa, rw.map(op.operand(1)), rw.map(op.operand(2))));
    }
    return rw.finish();
  }

  /** Already an arithmetic share (the pass ran before). */
  private static boolean isPreferred(Rewriter rw, Value p) {
    Operation d = rw.def(p);
    return d != null && d.name().equals("prefer_a");
  }

  /** A select on a secret predicate with numeric branches (it converts the predicate). */
  private static boolean isArithSelect(Operation op) {
    return op.name().equals("select")
        && op.operand(0).type().isSecret()
        && !op.result().type().dtype().isBoolean();
  }
}
