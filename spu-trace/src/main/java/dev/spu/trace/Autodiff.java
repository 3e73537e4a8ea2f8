package dev.spu.trace;

import dev.spu.pphlo.Function;
import dev.spu.pphlo.OpRegistry;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.TypeException;
import dev.spu.pphlo.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse-mode automatic differentiation of traced functions, as PPHLO: the forward ops and the
 * backward pass (one {@link VjpRule} per op, from {@link VjpRegistry}) are recorded into the same
 * trace, so the gradient is part of the program every compiler pass and every party sees. No value
 * is ever computed here; only ops are recorded.
 *
 * <p>How: the function is traced in a {@link Tracer#child child} trace (values of enclosing traces
 * it uses are captured as extra arguments, which are constants for differentiation), then inlined
 * into the current trace op by op, and the ops are walked backwards from the output, each op's rule
 * emitting its operands' cotangents; a value used several times sums its cotangents ({@code add}).
 * Only ops on a path from a differentiated input to the output get backward ops.
 *
 * <p>Only floating-point (fixed-point) values carry gradients: a differentiated input must be
 * floating point, integer and i1 values (comparisons, predicates, integer arithmetic) get none, and
 * {@link #grad} needs a floating-point scalar output (JAX's rules). Differentiating through an op
 * without a rule is a {@link TypeException} naming the op.
 *
 * <p>Nesting works: a gradient traced inside another gradient's function is differentiated in turn
 * (its backward ops have rules too).
 */
public final class Autodiff {
  private Autodiff() {}

  /** A function of traced values: records its ops into {@code t} and returns its output. */
  @FunctionalInterface
  public interface TracedFn {
    Value apply(Tracer t, List<Value> args);
  }

  /**
   * The function's output(s) and the gradients (cotangents) for the chosen arguments, in {@code
   * argnums} order, as values of the trace they were recorded into.
   */
  public record Result(List<Value> values, List<Value> grads) {
    public Result {
      values = List.copyOf(values);
      grads = List.copyOf(grads);
    }

    /** The single output. */
    public Value value() {
      return values.get(0);
    }

    /** The single gradient (when one argnum was asked for). */
    public Value grad() {
      if (grads.size() != 1) {
        throw new IllegalStateException(grads.size() + " gradients; use grads()");
      }
      return grads.get(0);
    }
  }

  // ------------------------------------------------------------------ traced functions

  /**
   * Records into {@code t} the gradient of the scalar {@code fn} at {@code args} with respect to
   * the arguments {@code argnums} (none: argument 0).
   */
  public static List<Value> grad(Tracer t, TracedFn fn, List<Value> args, int... argnums) {
    return valueAndGrad(t, fn, args, argnums).grads();
  }

  /** As {@link #grad}, also returning the function's value (computed once, shared). */
  public static Result valueAndGrad(Tracer t, TracedFn fn, List<Value> args, int... argnums) {
    List<Value> in = new ArrayList<>(args.size());
    for (Value a : args) {
      in.add(t.capture(a));
    }
    Tracer child = t.child("grad");
    List<Value> childArgs = new ArrayList<>(in.size());
    for (Value a : in) {
      childArgs.add(child.argument(a.type()));
    }
    Value out = TraceContext.within(child, () -> fn.apply(child, List.copyOf(childArgs)));
    if (out == null) {
      throw new IllegalArgumentException("the differentiated function returned null");
    }
    Function f = child.finish(List.of(child.capture(out)));
    List<Value> bindings = new ArrayList<>(in);
    bindings.addAll(child.capturedValues());
    return differentiate(t, f, bindings, normalize(f, argnums, in.size()), null);
  }

  // ------------------------------------------------------------------ functions

  /**
   * Inlines {@code f} into {@code t} with its arguments bound to {@code args} and records the
   * vector-Jacobian product: the gradients, for the arguments {@code argnums}, of the sum over
   * outputs of ⟨output, cotangent⟩. {@code cotangents} holds one value of {@code t} per output, of
   * its shape.
   */
  public static Result vjp(
      Tracer t, Function f, List<Value> args, List<Value> cotangents, int... argnums) {
    if (cotangents.size() != f.returns().size()) {
      throw new IllegalArgumentException(
          "@"
              + f.name()
              + " returns "
              + f.returns().size()
              + " values but "
              + cotangents.size()
              + " cotangents were given");
    }
    List<Value> in = new ArrayList<>(args.size());
    for (Value a : args) {
      in.add(t.capture(a));
    }
    List<Value> seeds = new ArrayList<>(cotangents.size());
    for (Value ct : cotangents) {
      seeds.add(t.capture(ct));
    }
    return differentiate(t, f, in, normalize(f, argnums, in.size()), seeds);
  }

  /**
   * The function transform {@code f ↦ ∇f}: a function of {@code f}'s arguments returning the
   * gradients of its scalar output for {@code argnums} (none: argument 0).
   */
  public static Function grad(Function f, int... argnums) {
    return transform(f, argnums, false);
  }

  /** {@code f ↦ (f, ∇f)}: returns {@code f}'s output followed by the gradients. */
  public static Function valueAndGrad(Function f, int... argnums) {
    return transform(f, argnums, true);
  }

  private static Function transform(Function f, int[] argnums, boolean withValue) {
    Tracer t = new Tracer(f.name());
    List<Value> args = new ArrayList<>();
    for (Value a : f.arguments()) {
      args.add(t.argument(a.type()));
    }
    Result r = differentiate(t, f, args, normalize(f, argnums, args.size()), null);
    List<Value> out = new ArrayList<>();
    if (withValue) {
      out.addAll(r.values());
    }
    out.addAll(r.grads());
    return t.finish(out);
  }

  // ------------------------------------------------------------------ the engine

  private static int[] normalize(Function f, int[] argnums, int arity) {
    int[] a = argnums == null || argnums.length == 0 ? new int[] {0} : argnums.clone();
    for (int i : a) {
      if (i < 0 || i >= arity) {
        throw new IllegalArgumentException(
            "argnum " + i + " out of range: the function takes " + arity + " arguments");
      }
      TensorType type = f.arguments().get(i).type();
      if (!type.dtype().isFixedPoint()) {
        throw new IllegalArgumentException(
            "cannot differentiate with respect to argument "
                + i
                + " of type "
                + type
                + ": only floating-point (fixed-point) inputs have gradients; cast it to f32");
      }
    }
    return a;
  }

  /**
   * Inlines {@code f} into {@code t} and records its backward pass. {@code seeds} are the outputs'
   * cotangents, or null for the gradient of a scalar output (seed 1).
   */
  private static Result differentiate(
      Tracer t, Function f, List<Value> bindings, int[] argnums, List<Value> seeds) {
    List<Value> params = f.arguments();
    if (bindings.size() != params.size()) {
      throw new IllegalArgumentException(
          "@" + f.name() + " takes " + params.size() + " arguments, got " + bindings.size());
    }
    Map<Value, Value> map = new IdentityHashMap<>();
    for (int i = 0; i < params.size(); i++) {
      TensorType want = params.get(i).type();
      if (!bindings.get(i).type().equals(want)) {
        throw new IllegalArgumentException(
            "argument "
                + i
                + " of @"
                + f.name()
                + " has type "
                + want
                + ", got "
                + bindings.get(i).type());
      }
      map.put(params.get(i), bindings.get(i));
    }

    // Which values depend (in floating point) on a differentiated argument.
    Set<Value> active = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int a : argnums) {
      active.add(params.get(a));
    }
    // Forward: inline f's ops into t.
    List<Operation> body = f.body();
    Operation[] emitted = new Operation[body.size()];
    for (int k = 0; k < body.size(); k++) {
      Operation op = body.get(k);
      List<Value> in = new ArrayList<>(op.operands().size());
      boolean anyActive = false;
      for (Value v : op.operands()) {
        in.add(map.get(v));
        anyActive |= active.contains(v);
      }
      List<Value> out = t.op(op.name(), op.attributes(), op.resultTypes(), in);
      for (int r = 0; r < out.size(); r++) {
        map.put(op.results().get(r), out.get(r));
        if (anyActive && op.results().get(r).type().dtype().isFixedPoint()) {
          active.add(op.results().get(r));
        }
      }
      emitted[k] = new Operation(op.name(), in, op.attributes(), out);
    }
    List<Value> values = new ArrayList<>();
    for (Value r : f.returns()) {
      values.add(map.get(r));
    }

    // Seeds.
    Map<Value, Value> ct = new IdentityHashMap<>();
    if (seeds == null) {
      TensorType out = f.returns().size() == 1 ? f.returns().get(0).type() : null;
      if (out == null || out.shape().rank() != 0 || !out.dtype().isFixedPoint()) {
        throw new IllegalArgumentException(
            "grad needs a function with one floating-point scalar output, @"
                + f.name()
                + " returns "
                + f.resultTypes()
                + "; reduce it (sum, mean) or use vjp with a cotangent");
      }
      accumulate(t, ct, f.returns().get(0), TensorOps.full(t, out.shape(), out.dtype(), 1L));
    } else {
      for (int i = 0; i < seeds.size(); i++) {
        Value r = f.returns().get(i);
        Value s = seeds.get(i);
        if (!s.type().shape().equals(r.type().shape())) {
          throw new IllegalArgumentException(
              "cotangent " + i + " has type " + s.type() + ", output " + i + " is " + r.type());
        }
        if (active.contains(r)) {
          accumulate(t, ct, r, s);
        }
      }
    }

    // Backward: each op's rule, in reverse order.
    for (int k = body.size() - 1; k >= 0; k--) {
      Operation op = body.get(k);
      List<Value> cts = new ArrayList<>(op.results().size());
      boolean any = false;
      for (Value r : op.results()) {
        Value g = ct.get(r);
        cts.add(g);
        any |= g != null;
      }
      boolean[] needs = new boolean[op.operands().size()];
      boolean anyNeed = false;
      for (int i = 0; i < needs.length; i++) {
        needs[i] = active.contains(op.operand(i));
        anyNeed |= needs[i];
      }
      if (!any || !anyNeed) {
        continue;
      }
      VjpRule rule = VjpRegistry.get(op.name());
      if (rule == null) {
        throw new TypeException(
            "cannot differentiate through 'pphlo."
                + op.name()
                + "' with operands "
                + op.operandTypes()
                + ": it has no VJP rule (add one to dev.spu.trace.VjpRegistry)");
      }
      Value[] grads = rule.vjp(new VjpContext(t, emitted[k], cts, needs));
      if (grads.length != needs.length) {
        throw new IllegalStateException(
            "VJP rule of 'pphlo."
                + op.name()
                + "' returned "
                + grads.length
                + " cotangents for "
                + needs.length
                + " operands");
      }
      for (int i = 0; i < needs.length; i++) {
        if (needs[i] && grads[i] != null) {
          accumulate(t, ct, op.operand(i), fit(t, op, i, grads[i]));
        }
      }
      for (Value r : op.results()) {
        ct.remove(r); // no longer needed
      }
    }

    List<Value> grads = new ArrayList<>(argnums.length);
    for (int a : argnums) {
      Value g = ct.get(params.get(a));
      TensorType type = params.get(a).type();
      grads.add(g != null ? g : TensorOps.full(t, type.shape(), type.dtype(), 0L));
    }
    return new Result(values, grads);
  }

  /** A rule's cotangent for operand {@code i}: its shape checked, its dtype made the operand's. */
  private static Value fit(Tracer t, Operation op, int i, Value g) {
    TensorType want = op.operand(i).type();
    if (!g.type().shape().equals(want.shape())) {
      throw new IllegalStateException(
          "VJP rule of 'pphlo."
              + OpRegistry.stripPrefix(op.name())
              + "' returned a cotangent "
              + g.type()
              + " for operand "
              + i
              + " of type "
              + want);
    }
    return TensorOps.convert(t, g, want.dtype());
  }

  private static void accumulate(Tracer t, Map<Value, Value> ct, Value v, Value g) {
    Value prev = ct.get(v);
    ct.put(v, prev == null ? g : TensorOps.binary(t, "add", prev, g));
  }
}
