package dev.spu.trace;

import dev.spu.pphlo.Value;

/**
 * The vector-Jacobian product of one PPHLO op: given the forward operation, its operands and
 * results, and the cotangent(s) of its result(s), emit the cotangents of its operands as PPHLO ops
 * into the same trace ({@link VjpContext#tracer()}), so the backward pass is part of the traced
 * program and every compiler pass sees it.
 *
 * <p>A rule returns one entry per operand: the operand's cotangent (of the operand's shape; the
 * engine converts it to the operand's dtype), or null where the operand needs none ({@link
 * VjpContext#needs} is false, or the operand is not differentiable, such as a predicate). Rules
 * reuse forward values (a select's predicate, a maximum's result) rather than recomputing them.
 * Rules are registered once, in {@link VjpRegistry}.
 */
@FunctionalInterface
public interface VjpRule {
  /** A rule for ops that contribute no gradient (comparisons, logic, iota, constant, sign). */
  VjpRule NONE = c -> new Value[c.op().operands().size()];

  /** The operands' cotangents (null where none), one entry per operand. */
  Value[] vjp(VjpContext c);
}
