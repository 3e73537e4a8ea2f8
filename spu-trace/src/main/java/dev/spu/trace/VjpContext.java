package dev.spu.trace;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Value;
import java.util.List;

/**
 * What a {@link VjpRule} sees for one forward op: the op (its operands and results are values of
 * the trace the backward pass is recorded into), the cotangents of its results, which operands need
 * a cotangent, and small helpers that record PPHLO ops into that trace.
 */
public final class VjpContext {
  private final Tracer tracer;
  private final Operation op;
  private final List<Value> cotangents;
  private final boolean[] needs;

  VjpContext(Tracer tracer, Operation op, List<Value> cotangents, boolean[] needs) {
    this.tracer = tracer;
    this.op = op;
    this.cotangents = cotangents;
    this.needs = needs;
  }

  /** The trace the backward ops are recorded into (the forward op lives there too). */
  public Tracer tracer() {
    return tracer;
  }

  /** The forward operation, in terms of values of {@link #tracer()}. */
  public Operation op() {
    return op;
  }

  public Attributes attrs() {
    return op.attributes();
  }

  public Value operand(int i) {
    return op.operand(i);
  }

  /** The forward op's single result. */
  public Value result() {
    return op.result();
  }

  /** The cotangent of the single result (never null: the engine skips ops without one). */
  public Value ct() {
    return ct(0);
  }

  /** The cotangent of result {@code i}, or zeros of its type if it has none. */
  public Value ct(int i) {
    Value g = cotangents.get(i);
    return g != null ? g : zerosLike(op.results().get(i));
  }

  /** True if operand {@code i} depends on a differentiated input and needs a cotangent. */
  public boolean needs(int i) {
    return needs[i];
  }

  // ------------------------------------------------------------------ helpers recording ops

  /** Records an op with an inferred result type. */
  public Value op(String name, Value... operands) {
    return tracer.op(name, Attributes.EMPTY, operands);
  }

  public Value op(String name, Attributes attrs, Value... operands) {
    return tracer.op(name, attrs, operands);
  }

  public Value op(String name, Attributes attrs, TensorType declared, Value... operands) {
    return tracer.op(name, attrs, declared, operands);
  }

  /** A public zero constant of {@code v}'s shape and dtype. */
  public Value zerosLike(Value v) {
    return zeros(v.type().shape(), v.type().dtype());
  }

  public Value zeros(Shape shape, DType dtype) {
    return TensorOps.full(tracer, shape, dtype, 0L);
  }

  /**
   * Sums {@code g} over all dimensions down to a scalar (for scalar operands of a select/clamp).
   */
  public Value sumToScalar(Value g) {
    return g.type().shape().rank() == 0 ? g : TensorOps.sum(tracer, g, new int[0], false);
  }

  /** Reshapes {@code x} to {@code shape} (nothing if it already has it). */
  public Value reshape(Value x, Shape shape) {
    if (x.type().shape().equals(shape)) {
      return x;
    }
    return tracer.op("reshape", Attributes.EMPTY, x.type().withShape(shape), x);
  }

  /** Transposes by {@code perm} (nothing for the identity permutation). */
  public Value transpose(Value x, int[] perm) {
    for (int i = 0; i < perm.length; i++) {
      if (perm[i] != i) {
        return tracer.op("transpose", Attributes.of("permutation", perm), x);
      }
    }
    return x;
  }
}
