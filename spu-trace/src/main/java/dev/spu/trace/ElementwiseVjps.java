package dev.spu.trace;

import dev.spu.pphlo.Value;

/** VJP rules of the elementwise ops: arithmetic, choice (select, maximum, clamp), convert. */
final class ElementwiseVjps {
  private ElementwiseVjps() {}

  static Value[] add(VjpContext c) {
    Value g = c.ct();
    return new Value[] {c.needs(0) ? g : null, c.needs(1) ? g : null};
  }

  static Value[] subtract(VjpContext c) {
    Value g = c.ct();
    return new Value[] {c.needs(0) ? g : null, c.needs(1) ? c.op("negate", g) : null};
  }

  static Value[] multiply(VjpContext c) {
    Value g = c.ct();
    return new Value[] {
      c.needs(0) ? c.op("multiply", g, c.operand(1)) : null,
      c.needs(1) ? c.op("multiply", g, c.operand(0)) : null
    };
  }

  /** y = a / b: da = g / b, db = -da · y (reuses the quotient instead of dividing by b²). */
  static Value[] divide(VjpContext c) {
    Value ga = c.op("divide", c.ct(), c.operand(1));
    Value gb = c.needs(1) ? c.op("negate", c.op("multiply", ga, c.result())) : null;
    return new Value[] {c.needs(0) ? ga : null, gb};
  }

  /**
   * y = rem(a, b) = a − b·trunc(a/b): da = g, db = −g·trunc(a/b) = −g·(a − y)/b (away from the
   * discontinuities where a/b is an integer).
   */
  static Value[] remainder(VjpContext c) {
    Value g = c.ct();
    Value gb = null;
    if (c.needs(1)) {
      Value q = c.op("divide", c.op("subtract", c.operand(0), c.result()), c.operand(1));
      gb = c.op("negate", c.op("multiply", g, q));
    }
    return new Value[] {c.needs(0) ? g : null, gb};
  }

  /**
   * y = a^b: da = g·b·a^(b−1), db = g·y·log a (a &gt; 0; the fixed-point log treats a ≤ 0 as the
   * smallest positive value). An integer base is converted to floating point for the log.
   */
  static Value[] power(VjpContext c) {
    Value a = c.operand(0);
    Value b = c.operand(1);
    Value da = null;
    if (c.needs(0)) {
      Value bm1 =
          c.op("subtract", b, TensorOps.full(c.tracer(), b.type().shape(), b.type().dtype(), 1L));
      da = c.op("multiply", c.op("multiply", c.ct(), b), c.op("power", a, bm1));
    }
    Value db = null;
    if (c.needs(1)) {
      Value fa = TensorOps.convert(c.tracer(), a, TensorOps.floatFor(a.type().dtype()));
      db = c.op("multiply", c.op("multiply", c.ct(), c.result()), c.op("log", fa));
    }
    return new Value[] {da, db};
  }

  static Value[] negate(VjpContext c) {
    return new Value[] {c.op("negate", c.ct())};
  }

  /** d|x| = g·sign(x) (0 at x = 0, as JAX). */
  static Value[] abs(VjpContext c) {
    return new Value[] {c.op("multiply", c.ct(), c.op("sign", c.operand(0)))};
  }

  /**
   * One comparison {@code a >= b} routes the whole cotangent: ties go to the first operand (as
   * TensorFlow; one predicate instead of JAX's two-sided split).
   */
  static Value[] maximum(VjpContext c) {
    return choose(c, c.op("greater_equal", c.operand(0), c.operand(1)));
  }

  /** As {@link #maximum} with {@code a <= b}: ties go to the first operand. */
  static Value[] minimum(VjpContext c) {
    return choose(c, c.op("less_equal", c.operand(0), c.operand(1)));
  }

  private static Value[] choose(VjpContext c, Value firstWins) {
    Value g = c.ct();
    Value z = c.zerosLike(g);
    return new Value[] {
      c.needs(0) ? c.op("select", firstWins, g, z) : null,
      c.needs(1) ? c.op("select", firstWins, z, g) : null
    };
  }

  /**
   * select(p, a, b): the cotangent flows through the branch each element took, selected by the
   * forward predicate value itself (never a recomputed comparison), so a select-reuse pass sees one
   * predicate feeding both.
   */
  static Value[] select(VjpContext c) {
    Value p = c.operand(0);
    Value g = c.ct();
    Value z = c.zerosLike(g);
    return new Value[] {
      null, c.needs(1) ? c.op("select", p, g, z) : null, c.needs(2) ? c.op("select", p, z, g) : null
    };
  }

  /**
   * clamp(lo, x, hi) with lo ≤ hi: x gets the cotangent where lo ≤ x ≤ hi (bounds inclusive, as
   * TensorFlow's clip), lo where x &lt; lo, hi where x &gt; hi; scalar bounds receive the sum.
   */
  static Value[] clamp(VjpContext c) {
    Tracer t = c.tracer();
    Value lo = c.operand(0);
    Value x = c.operand(1);
    Value hi = c.operand(2);
    Value g = c.ct();
    Value z = c.zerosLike(g);
    Value below = TensorOps.binary(t, "less", x, lo);
    Value above = TensorOps.binary(t, "greater", x, hi);
    Value[] out = new Value[3];
    if (c.needs(0)) {
      out[0] = fitBound(c, c.op("select", below, g, z), lo);
    }
    if (c.needs(1)) {
      out[1] = c.op("select", c.op("or", below, above), z, g);
    }
    if (c.needs(2)) {
      out[2] = fitBound(c, c.op("select", above, g, z), hi);
    }
    return out;
  }

  private static Value fitBound(VjpContext c, Value g, Value bound) {
    return bound.type().shape().rank() == 0 ? c.sumToScalar(g) : g;
  }

  /** Float to float: the cotangent converted back. Integer operands never need one. */
  static Value[] convert(VjpContext c) {
    Value x = c.operand(0);
    if (!x.type().dtype().isFixedPoint()) {
      return new Value[1];
    }
    return new Value[] {TensorOps.convert(c.tracer(), c.ct(), x.type().dtype())};
  }
}
