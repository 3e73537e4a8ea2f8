package dev.spu.pphlo.passes;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.DenseElements;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Value;

/**
 * Mixed-visibility multiplication reorder (paper §3.5): {@code (s · p1) · p2} with s secret and p1,
 * p2 public fixed point becomes {@code s · (p1 · p2)}. Each secret fixed × fixed product truncates
 * (one protocol round); p1 · p2 is public (plaintext on every party, or folded at compile time when
 * both are constants), so one secret truncation remains instead of two. Chains fold completely.
 * Fires only when the inner product has no other use.
 *
 * <p>Fixed-point error: the folded constant is encoded once, with absolute error 2^−(f+1); for a
 * tiny product (|p1·p2| ≪ 1) its relative error grows accordingly (e.g. 1/128 · 0.01 at f = 18:
 * about 2 %), the price of the saved truncation.
 */
final class MixedVisibilityReorder implements Pass {
  @Override
  public String name() {
    return "mixed-visibility-reorder";
  }

  @Override
  public String summary() {
    return "(s * p1) * p2 -> s * (p1 * p2): one secret truncation instead of two";
  }

  @Override
  public PassResult run(Function f) {
    Rewriter rw = new Rewriter(f);
    for (Operation op : f.body()) {
      if (!(op.name().equals("multiply") && reorder(rw, op))) {
        rw.keep(op);
      }
    }
    return rw.finish();
  }

  private static boolean reorder(Rewriter rw, Operation op) {
    Value a = rw.map(op.operand(0));
    Value b = rw.map(op.operand(1));
    return reorder(rw, op, a, b) || reorder(rw, op, b, a);
  }

  private static boolean reorder(Rewriter rw, Operation op, Value inner, Value p2) {
    if (!isPublicFixed(p2) || !isSecretFixed(inner) || rw.uses(inner) != 1) {
      return false;
    }
    Operation d = rw.def(inner);
    if (d == null || !d.name().equals("multiply")) {
      return false;
    }
    for (int i = 0; i < 2; i++) {
      Value s = d.operand(i);
      Value p1 = d.operand(1 - i);
      if (!isSecretFixed(s) || !isPublicFixed(p1)) {
        continue;
      }
      int mark = rw.mark();
      Value p = publicProduct(rw, p1, p2);
      Value r = rw.emit("multiply", Attributes.EMPTY, s, p);
      if (!r.type().equals(op.result().type())) {
        rw.rollback(mark);
        return false;
      }
      rw.replace(op.result(), r);
      return true;
    }
    return false;
  }

  /** p1 · p2: a folded constant when both are constants, else a public multiply. */
  private static Value publicProduct(Rewriter rw, Value p1, Value p2) {
    double[] c1 = Constants.values(rw, p1);
    double[] c2 = Constants.values(rw, p2);
    if (c1 == null || c2 == null) {
      return rw.emit("multiply", Attributes.EMPTY, p1, p2);
    }
    DType dt = DType.promote(p1.type().dtype(), p2.type().dtype());
    TensorType t = p1.type().withDType(dt);
    double[] prod;
    if (Constants.allEqual(c1) && Constants.allEqual(c2) && c1.length > 0) {
      prod = new double[] {c1[0] * c2[0]};
    } else {
      prod = new double[c1.length];
      for (int i = 0; i < prod.length; i++) {
        prod[i] = c1[i] * c2[i];
      }
    }
    return rw.emit(
            "constant",
            Attributes.of("value", DenseElements.ofFloats(t.shape(), dt, prod)),
            null,
            java.util.List.of())
        .get(0);
  }

  static boolean isPublicFixed(Value v) {
    return !v.type().isSecret() && v.type().dtype().isFixedPoint();
  }

  static boolean isSecretFixed(Value v) {
    return v.type().isSecret() && v.type().dtype().isFixedPoint();
  }
}
