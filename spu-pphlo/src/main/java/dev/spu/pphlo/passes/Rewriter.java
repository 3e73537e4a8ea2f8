package dev.spu.pphlo.passes;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.OpRegistry;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.TypeException;
import dev.spu.pphlo.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds a function body in one forward walk: a pass {@link #keep keeps} each input op or {@link
 * #emit emits} new ops in its place and {@link #replace replaces} the old results, and every later
 * use (and the returns) follow the replacement. New ops are type-checked by their rules as they are
 * emitted; a replacement must have exactly the replaced value's type.
 *
 * <p>{@link #finish} drops the ops the rewrite left without a use (transitively: a divide replaced
 * by a multiply takes its sqrt and add along), but never an op that was already unused in the input
 * (that is the dead-code pass's job), so one pass alone does exactly its rewrite.
 */
final class Rewriter {
  private final Function in;
  private final Graph graph;
  private final List<Operation> out = new ArrayList<>();
  private final Map<Value, Value> subst = new IdentityHashMap<>();
  private final Map<Value, Operation> newDefs = new IdentityHashMap<>();
  private final Map<Value, Integer> inheritedUses = new IdentityHashMap<>();
  private final Set<Operation> created = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Operation, Operation> origin = new IdentityHashMap<>();
  private int rewrites;

  Rewriter(Function in) {
    this.in = in;
    this.graph = new Graph(in);
  }

  Graph graph() {
    return graph;
  }

  /** The current value standing for {@code v} (after replacements). */
  Value map(Value v) {
    Value r = subst.get(v);
    return r == null ? v : r;
  }

  /** The op defining a current value (an input op, a kept copy or an emitted op), or null. */
  Operation def(Value v) {
    Operation d = newDefs.get(v);
    return d != null ? d : graph.def(v);
  }

  /**
   * Uses of a current value in the input program: its own for an input value, those of the value it
   * replaced for a replacement, {@link Integer#MAX_VALUE} (unknown) for other new values.
   */
  int uses(Value v) {
    Integer u = inheritedUses.get(v);
    if (u != null) {
      return u;
    }
    return graph.def(v) != null || in.arguments().contains(v) ? graph.uses(v) : Integer.MAX_VALUE;
  }

  /** Appends {@code op} with its operands mapped (the op itself if none changed). */
  void keep(Operation op) {
    List<Value> ops = op.operands();
    List<Value> mapped = new ArrayList<>(ops.size());
    boolean changed = false;
    for (Value v : ops) {
      Value m = map(v);
      changed |= m != v;
      mapped.add(m);
    }
    if (!changed) {
      out.add(op);
      return;
    }
    // Same results (types unchanged: replacements keep types), new operands.
    Operation copy = new Operation(op.name(), mapped, op.attributes(), op.results());
    origin.put(copy, op);
    for (Value r : op.results()) {
      newDefs.put(r, copy);
    }
    out.add(copy);
  }

  /**
   * Appends a copy of {@code op} reading {@code operands} (current values) instead of its own, with
   * the same results; their types must not change. Counts one rewrite.
   */
  void rewire(Operation op, List<Value> operands) {
    OpRegistry.check(
        op.name(), operands.stream().map(Value::type).toList(), op.attributes(), op.resultTypes());
    Operation copy = new Operation(op.name(), operands, op.attributes(), op.results());
    origin.put(copy, op);
    for (Value r : op.results()) {
      newDefs.put(r, copy);
    }
    out.add(copy);
    rewrites++;
  }

  /** A position to {@link #rollback} to: ops emitted after it can be taken back. */
  int mark() {
    return out.size();
  }

  /** Removes the ops emitted since {@code mark} (no replacement may refer to them). */
  void rollback(int mark) {
    while (out.size() > mark) {
      Operation op = out.remove(out.size() - 1);
      created.remove(op);
      for (Value r : op.results()) {
        newDefs.remove(r);
      }
    }
  }

  /** Emits a new op whose operands are current values; returns its results. */
  List<Value> emit(String name, Attributes attrs, List<TensorType> declared, List<Value> operands) {
    List<TensorType> types =
        OpRegistry.check(name, operands.stream().map(Value::type).toList(), attrs, declared);
    List<Value> results = types.stream().map(Value::new).toList();
    Operation op = new Operation(name, operands, attrs, results);
    created.add(op);
    for (Value r : results) {
      newDefs.put(r, op);
    }
    out.add(op);
    return results;
  }

  /** Emits a single-result op with an inferred result type. */
  Value emit(String name, Attributes attrs, Value... operands) {
    return emit(name, attrs, null, Arrays.asList(operands)).get(0);
  }

  /** Emits a single-result op with a declared result type. */
  Value emitDeclared(String name, Attributes attrs, TensorType declared, Value... operands) {
    return emit(name, attrs, List.of(declared), Arrays.asList(operands)).get(0);
  }

  /** The result type an op would have, or null if its rule rejects the operands. */
  static TensorType inferOrNull(String name, Attributes attrs, Value... operands) {
    try {
      List<TensorType> t =
          OpRegistry.infer(name, Arrays.stream(operands).map(Value::type).toList(), attrs, null);
      return t.size() == 1 ? t.get(0) : null;
    } catch (TypeException e) {
      return null;
    }
  }

  /**
   * Later uses of {@code old} (an input value) read {@code replacement} instead; the types must be
   * equal. Counts one rewrite.
   */
  void replace(Value old, Value replacement) {
    substitute(old, replacement);
    rewrites++;
  }

  /** As {@link #replace} without counting a rewrite (a helper value of a larger rewrite). */
  void substitute(Value old, Value replacement) {
    if (!old.type().equals(replacement.type())) {
      throw new IllegalStateException(
          "internal: a pass replaced a " + old.type() + " by a " + replacement.type());
    }
    subst.put(old, replacement);
    if (newDefs.containsKey(replacement) && !inheritedUses.containsKey(replacement)) {
      inheritedUses.put(replacement, uses(old));
    }
  }

  /** Replaces every result of {@code old} by the matching value; counts one rewrite. */
  void replaceResults(Operation old, List<Value> replacements) {
    for (int i = 0; i < old.results().size(); i++) {
      replace(old.results().get(i), replacements.get(i));
    }
    rewrites -= old.results().size() - 1;
  }

  /** Counts a rewrite that did not go through {@link #replace}. */
  void countRewrite() {
    rewrites++;
  }

  int rewrites() {
    return rewrites;
  }

  /** The rebuilt function, without the ops the rewrites left unused. */
  PassResult finish() {
    if (rewrites == 0) {
      return PassResult.unchanged(in);
    }
    List<Value> returns = in.returns().stream().map(this::map).toList();
    Map<Value, Integer> count = new IdentityHashMap<>();
    for (Operation op : out) {
      for (Value v : op.operands()) {
        count.merge(v, 1, Integer::sum);
      }
    }
    for (Value v : returns) {
      count.merge(v, 1, Integer::sum);
    }
    boolean[] drop = new boolean[out.size()];
    for (int i = out.size() - 1; i >= 0; i--) {
      Operation op = out.get(i);
      if (!unused(op, count) || !removable(op)) {
        continue;
      }
      drop[i] = true;
      for (Value v : op.operands()) {
        count.merge(v, -1, Integer::sum);
      }
    }
    List<Operation> body = new ArrayList<>(out.size());
    for (int i = 0; i < out.size(); i++) {
      if (!drop[i]) {
        body.add(out.get(i));
      }
    }
    return new PassResult(new Function(in.name(), in.arguments(), body, returns), rewrites);
  }

  private static boolean unused(Operation op, Map<Value, Integer> count) {
    for (Value r : op.results()) {
      if (count.getOrDefault(r, 0) > 0) {
        return false;
      }
    }
    return true;
  }

  /** New ops, and input ops that had a use before this pass. */
  private boolean removable(Operation op) {
    if (created.contains(op)) {
      return true;
    }
    Operation o = origin.getOrDefault(op, op);
    return graph.isLive(o);
  }
}
