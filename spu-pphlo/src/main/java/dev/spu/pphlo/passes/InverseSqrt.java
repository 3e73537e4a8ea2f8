package dev.spu.pphlo.passes;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Value;
import dev.spu.pphlo.Visibility;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inverse square root (paper §3.5): {@code y / sqrt(x)} becomes {@code y · rsqrt(x)}, and {@code y
 * / (sqrt(x) + c)} with a public constant 0 &lt; c ≤ 2^−8 (Adam's eps) becomes {@code y · rsqrt(x +
 * eps)}, eps being the {@code epsilon} op (the smallest fixed-point value). On secrets a sqrt costs
 * an rsqrt plus a Newton step and a divide costs a reciprocal (Goldschmidt iterations) plus a
 * product; one rsqrt and one product replace all of it.
 *
 * <p>The second rewrite is an approximation: for x ≫ c² it changes the result by about a factor (1
 * − c/sqrt(x)), and at x = 0 it gives y/sqrt(eps) instead of y/c. Only secret x is rewritten
 * (public math is exact plaintext anyway).
 */
final class InverseSqrt implements Pass {
  /** The largest constant treated as a numerical-stability epsilon. */
  static final double MAX_C = 0x1p-8;

  @Override
  public String name() {
    return "rsqrt";
  }

  @Override
  public String summary() {
    return "y / sqrt(x) -> y * rsqrt(x); y / (sqrt(x) + c), 0 < c <= 2^-8 -> y * rsqrt(x + eps)";
  }

  @Override
  public PassResult run(Function f) {
    Rewriter rw = new Rewriter(f);
    // rsqrt(x) and rsqrt(x + eps) already emitted, by x: several quotients share one.
    List<Map<Value, Value>> memo = List.of(new IdentityHashMap<>(), new IdentityHashMap<>());
    for (Operation op : f.body()) {
      if (!(op.name().equals("divide") && rewrite(rw, op, memo))) {
        rw.keep(op);
      }
    }
    return rw.finish();
  }

  private static boolean rewrite(Rewriter rw, Operation op, List<Map<Value, Value>> memo) {
    Value y = rw.map(op.operand(0));
    Value den = rw.map(op.operand(1));
    Operation d = rw.def(den);
    if (d == null) {
      return false;
    }
    if (d.name().equals("sqrt")) {
      return emit(rw, op, y, d.operand(0), false, memo.get(0));
    }
    if (d.name().equals("add")) {
      for (int i = 0; i < 2; i++) {
        Operation s = rw.def(d.operand(i));
        if (s != null && s.name().equals("sqrt") && isEpsilonLike(rw, d.operand(1 - i))) {
          return emit(rw, op, y, s.operand(0), true, memo.get(1));
        }
      }
    }
    return false;
  }

  private static boolean emit(
      Rewriter rw, Operation op, Value y, Value x, boolean plusEps, Map<Value, Value> memo) {
    if (!x.type().isSecret()) {
      return false;
    }
    int mark = rw.mark();
    Value r = memo.get(x);
    if (r == null) {
      Value arg = x;
      if (plusEps) {
        TensorType pub = x.type().withVisibility(Visibility.PUBLIC);
        arg =
            rw.emit("add", Attributes.EMPTY, x, rw.emitDeclared("epsilon", Attributes.EMPTY, pub));
      }
      r = rw.emit("rsqrt", Attributes.EMPTY, arg);
    }
    Value out = rw.emit("multiply", Attributes.EMPTY, y, r);
    if (!out.type().equals(op.result().type())) {
      rw.rollback(mark);
      return false;
    }
    memo.put(x, r);
    rw.replace(op.result(), out);
    return true;
  }

  /** A public constant whose every element is in (0, 2^−8]. */
  private static boolean isEpsilonLike(Rewriter rw, Value c) {
    double[] v = Constants.values(rw, c);
    if (v == null || v.length == 0) {
      return false;
    }
    for (double e : v) {
      if (!(e > 0 && e <= MAX_C)) {
        return false;
      }
    }
    return true;
  }
}
