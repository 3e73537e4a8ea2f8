package dev.spu.pphlo.passes;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Value;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Mixed-data-type multiplication fusion (paper §3.5): {@code multiply}, {@code dot} or {@code
 * dot_general} with an operand {@code convert(x: int → fixed)} and a fixed-point other operand
 * reads {@code x} itself. A fixed × fixed product needs a truncation by f (a protocol round on
 * secrets); int × fixed is a plain ring product with the same value, exactly. A convert from i1 (a
 * predicate, e.g. a one-hot mask) first becomes {@code convert(x → i32)} (the one bit-to-arithmetic
 * conversion), which both the product and the remaining uses of the fixed-point value (as {@code
 * convert(i32 → fixed)}, local) share.
 */
final class MixedTypeFusion implements Pass {
  private static final Set<String> PRODUCTS = Set.of("multiply", "dot", "dot_general");

  @Override
  public String name() {
    return "mixed-type-fusion";
  }

  @Override
  public String summary() {
    return "product(convert(int -> fixed), fixed) -> product(int, fixed): no truncation";
  }

  @Override
  public PassResult run(Function f) {
    Rewriter rw = new Rewriter(f);
    Graph g = rw.graph();
    // A current fixed-point value -> the integer value it converts.
    Map<Value, Value> intOf = new IdentityHashMap<>();
    for (Operation op : f.body()) {
      if (isIntToFixed(op)) {
        rw.keep(op);
        Value x = rw.map(op.operand(0));
        Value v = op.result();
        if (!x.type().dtype().isBoolean()) {
          intOf.put(v, x);
        } else if (hasFusableUser(g, v)) {
          TensorType it = v.type().withDType(DType.I32);
          Value xi = rw.emitDeclared("convert", Attributes.EMPTY, it, x);
          Value v2 = rw.emitDeclared("convert", Attributes.EMPTY, v.type(), xi);
          rw.substitute(v, v2);
          intOf.put(v2, xi);
        }
        continue;
      }
      if (PRODUCTS.contains(op.name()) && fuse(rw, op, intOf)) {
        continue;
      }
      rw.keep(op);
    }
    return rw.finish();
  }

  private static boolean fuse(Rewriter rw, Operation op, Map<Value, Value> intOf) {
    Value a = rw.map(op.operand(0));
    Value b = rw.map(op.operand(1));
    Value[] cand = null;
    if (intOf.containsKey(a) && b.type().dtype().isFixedPoint()) {
      cand = new Value[] {intOf.get(a), b};
    } else if (intOf.containsKey(b) && a.type().dtype().isFixedPoint()) {
      cand = new Value[] {a, intOf.get(b)};
    }
    if (cand == null) {
      return false;
    }
    TensorType t = Rewriter.inferOrNull(op.name(), op.attributes(), cand);
    if (t == null || !t.equals(op.result().type())) {
      return false; // e.g. the convert widened the dtype: the fused product would differ in type
    }
    rw.replace(op.result(), rw.emit(op.name(), op.attributes(), cand));
    return true;
  }

  private static boolean isIntToFixed(Operation op) {
    return op.name().equals("convert")
        && op.result().type().dtype().isFixedPoint()
        && !op.operand(0).type().dtype().isFixedPoint();
  }

  /** Some product of {@code v} by a fixed-point value (so it truncates today). */
  private static boolean hasFusableUser(Graph g, Value v) {
    for (Operation u : g.users(v)) {
      if (PRODUCTS.contains(u.name())) {
        Value other = u.operand(0) == v ? u.operand(1) : u.operand(0);
        if (other.type().dtype().isFixedPoint()) {
          return true;
        }
      }
    }
    return false;
  }
}
