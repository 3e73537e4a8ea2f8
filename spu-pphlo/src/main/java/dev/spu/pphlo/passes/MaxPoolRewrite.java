package dev.spu.pphlo.passes;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.TypeException;
import dev.spu.pphlo.Value;
import dev.spu.pphlo.WindowSpec;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Max-pooling (paper §3.5): {@code reduce_window(x) {kind = "max"}} and a later {@code
 * select_and_scatter(x, g) {select = "ge", scatter = "add"}} over the same x and window become
 * {@code argmax(x)}, which computes the window maxima and the one-hot index of each window's first
 * maximum in one comparison tree, and {@code maxpool_scatter(onehot, g)}, which only multiplies the
 * index by g and scatters (no comparison at all). Before, the forward max and the backward
 * selection each ran a full comparison tree over every window; the rewrite halves the secret
 * comparisons of a max-pool layer. Results are identical (both ops keep the first maximum, as
 * select_and_scatter does).
 */
final class MaxPoolRewrite implements Pass {
  @Override
  public String name() {
    return "max-pool";
  }

  @Override
  public String summary() {
    return "reduce_window max + select_and_scatter ge/add -> argmax + maxpool_scatter (one tree)";
  }

  @Override
  public PassResult run(Function f) {
    Rewriter rw = new Rewriter(f);
    Graph g = rw.graph();
    // Each select_and_scatter -> the reduce_window it pairs with.
    Map<Operation, Operation> pairOf = new IdentityHashMap<>();
    Map<Operation, WindowSpec> specOf = new IdentityHashMap<>();
    for (Operation s : f.body()) {
      if (!isMaxScatter(s)) {
        continue;
      }
      Value x = s.operand(0);
      WindowSpec w = spec(s, false);
      for (Operation r : g.users(x)) {
        if (isMaxWindow(r)
            && r.operand(0) == x
            && g.index(r) < g.index(s)
            && w != null
            && w.equals(spec(r, true))) {
          pairOf.put(s, r);
          specOf.put(r, w);
          break;
        }
      }
    }
    Map<Operation, Value> onehotOf = new IdentityHashMap<>();
    for (Operation op : f.body()) {
      WindowSpec w = specOf.get(op);
      if (w != null) {
        Attributes a = w.toAttributes(Attributes.builder(), false).build();
        List<Value> r =
            rw.emit("argmax", a, null, List.of(rw.map(op.operand(0)), rw.map(op.operand(1))));
        rw.replace(op.result(), r.get(0));
        onehotOf.put(op, r.get(1));
        continue;
      }
      Operation r = pairOf.get(op);
      if (r != null) {
        Attributes a = specOf.get(r).toAttributes(Attributes.builder(), false).build();
        Value out =
            rw.emitDeclared(
                "maxpool_scatter",
                a,
                op.result().type(),
                onehotOf.get(r),
                rw.map(op.operand(1)),
                rw.map(op.operand(2)));
        rw.replace(op.result(), out);
        continue;
      }
      rw.keep(op);
    }
    return rw.finish();
  }

  private static boolean isMaxScatter(Operation op) {
    return op.name().equals("select_and_scatter")
        && "ge".equals(op.attributes().asMap().get("select"))
        && "add".equals(op.attributes().asMap().get("scatter"));
  }

  private static boolean isMaxWindow(Operation op) {
    return op.name().equals("reduce_window") && "max".equals(op.attributes().asMap().get("kind"));
  }

  /** The op's window, or null if its attributes do not describe one without dilations. */
  private static WindowSpec spec(Operation op, boolean withDilations) {
    try {
      WindowSpec w =
          WindowSpec.parse(op.attributes(), op.operand(0).type().shape().rank(), withDilations);
      return w.hasDilations() ? null : w;
    } catch (TypeException e) {
      return null;
    }
  }
}
