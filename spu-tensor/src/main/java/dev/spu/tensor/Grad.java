package dev.spu.tensor;

import java.util.List;

/**
 * The gradient of a scalar function of SecretTensors, JAX style: {@code Grad.of(loss, argnums...)}
 * is a function of the same arguments returning ∂loss/∂args[argnum]. The backward pass is traced as
 * PPHLO ops next to the forward ones (see {@link dev.spu.trace.Autodiff}), so a training step is
 * one program:
 *
 * <pre>{@code
 * Grad dLoss = Grad.of((w, x, y) -> { SecretTensor e = x.matmul(w).sub(y); return e.mul(e).mean(); }, 0);
 * JitFunction<SecretTensor> step = spu.jit((w, x, y) -> w.sub(dLoss.apply(w, x, y).mul(0.1)));
 * }</pre>
 *
 * <p>Inside a jit function the gradient is recorded into that trace; the loss may use tensors of
 * the enclosing function (they are constants for differentiation, as closures in JAX). Called on
 * device-resident tensors (eager mode) it is compiled once per input signature, as a jit function,
 * and run at once; there the loss must not capture device tensors (pass them as arguments).
 *
 * <p>Only floating-point (fixed-point) arguments can be differentiated, and the loss must return a
 * floating-point scalar; integer and boolean values carry no gradient. Tie conventions: {@code
 * maximum}/{@code minimum} send the cotangent to the first operand on ties, so do the max/min
 * reductions ({@code max()} is a tree of {@code maximum}); a raw {@code reduce} max/min splits it
 * evenly among tied positions. Thread-safe.
 */
public final class Grad {
  private final Differentiation core;

  private Grad(Differentiation core) {
    this.core = core;
  }

  /** The gradient of {@code f} with respect to the arguments {@code argnums} (none: 0). */
  public static Grad of(JitFunction.Fn1<SecretTensor> f, int... argnums) {
    return new Grad(new Differentiation(1, a -> f.apply(a[0]), argnums, false));
  }

  public static Grad of(JitFunction.Fn2<SecretTensor> f, int... argnums) {
    return new Grad(new Differentiation(2, a -> f.apply(a[0], a[1]), argnums, false));
  }

  public static Grad of(JitFunction.Fn3<SecretTensor> f, int... argnums) {
    return new Grad(new Differentiation(3, a -> f.apply(a[0], a[1], a[2]), argnums, false));
  }

  public static Grad of(JitFunction.Fn4<SecretTensor> f, int... argnums) {
    return new Grad(new Differentiation(4, a -> f.apply(a[0], a[1], a[2], a[3]), argnums, false));
  }

  /** The gradient of a function of {@code arity} arguments passed as an array. */
  public static Grad of(int arity, JitFunction.FnN<SecretTensor> f, int... argnums) {
    return new Grad(new Differentiation(arity, f, argnums, false));
  }

  /** The value and the gradient together (the forward pass is shared). */
  public static ValueAndGrad valueAndGrad(JitFunction.Fn1<SecretTensor> f, int... argnums) {
    return new ValueAndGrad(new Differentiation(1, a -> f.apply(a[0]), argnums, true));
  }

  public static ValueAndGrad valueAndGrad(JitFunction.Fn2<SecretTensor> f, int... argnums) {
    return new ValueAndGrad(new Differentiation(2, a -> f.apply(a[0], a[1]), argnums, true));
  }

  public static ValueAndGrad valueAndGrad(JitFunction.Fn3<SecretTensor> f, int... argnums) {
    return new ValueAndGrad(new Differentiation(3, a -> f.apply(a[0], a[1], a[2]), argnums, true));
  }

  public static ValueAndGrad valueAndGrad(JitFunction.Fn4<SecretTensor> f, int... argnums) {
    return new ValueAndGrad(
        new Differentiation(4, a -> f.apply(a[0], a[1], a[2], a[3]), argnums, true));
  }

  public static ValueAndGrad valueAndGrad(
      int arity, JitFunction.FnN<SecretTensor> f, int... argnums) {
    return new ValueAndGrad(new Differentiation(arity, f, argnums, true));
  }

  /** The gradient with respect to the single chosen argument. */
  public SecretTensor apply(SecretTensor... args) {
    if (core.argnums().length != 1) {
      throw new IllegalStateException(
          "this gradient has "
              + core.argnums().length
              + " argnums; use applyAll for one gradient per argnum");
    }
    return core.run(args).get(0);
  }

  /** The gradients with respect to every chosen argument, in argnums order. */
  public List<SecretTensor> applyAll(SecretTensor... args) {
    return core.run(args);
  }
}
