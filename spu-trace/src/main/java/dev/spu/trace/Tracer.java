package dev.spu.trace;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.DenseElements;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.FunctionBuilder;
import dev.spu.pphlo.Module;
import dev.spu.pphlo.OpRegistry;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Value;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Records PPHLO operations into one {@link Function}, in call order. Every op is typed by the
 * shared rules of spu-pphlo as it is recorded, so an ill-typed call fails at trace time with a
 * {@link dev.spu.pphlo.TypeException} naming the op and its operand types.
 *
 * <p>A tracer only ever sees types, never tensor values: it is safe to build a program over secret
 * inputs anywhere. The recorded body stays available ({@link #body()}) so that a later reverse-mode
 * autodiff can walk it backwards with a per-op VJP table.
 *
 * <p>Threading: one tracer is used by one thread (see {@link TraceContext}).
 */
public final class Tracer {
  private final FunctionBuilder builder;
  private final Set<Value> owned = Collections.newSetFromMap(new IdentityHashMap<>());
  private boolean finished;

  /** A tracer for a function named {@code name} (the entry point is {@code main}). */
  public Tracer(String name) {
    this.builder = new FunctionBuilder(name);
  }

  public Tracer() {
    this("main");
  }

  /** Adds a function argument of the given type. */
  public Value argument(TensorType type) {
    checkOpen();
    return own(builder.addArgument(type));
  }

  /** Records a single-result op whose result type the op's rule infers. */
  public Value op(String name, Attributes attrs, Value... operands) {
    checkOperands(name, operands);
    return own(builder.op(name, attrs, operands));
  }

  /** Records a single-result op whose result type must be declared (reshape, convert, ...). */
  public Value op(String name, Attributes attrs, TensorType declared, Value... operands) {
    checkOperands(name, operands);
    return own(builder.op(name, attrs, declared, operands));
  }

  /** Records a public {@code constant}. */
  public Value constant(DenseElements value) {
    return op("constant", Attributes.of("value", value));
  }

  /** True if {@code v} was produced in this trace (argument or op result). */
  public boolean owns(Value v) {
    return owned.contains(v);
  }

  /** The operations recorded so far, in order. */
  public List<Operation> body() {
    return builder.body();
  }

  /** Ends the trace: the function returning {@code results}. The tracer cannot be used after. */
  public Function finish(List<Value> results) {
    checkOpen();
    if (results.isEmpty()) {
      throw new IllegalArgumentException("a traced function must return at least one tensor");
    }
    for (Value r : results) {
      if (!owns(r)) {
        throw new IllegalArgumentException(
            "a returned " + r.type() + " was not computed in this trace");
      }
    }
    finished = true;
    return builder.build(results);
  }

  /** {@link #finish} wrapped into a one-function module. */
  public Module finishModule(List<Value> results) {
    return Module.of(finish(results));
  }

  public Module finishModule(Value... results) {
    return finishModule(Arrays.asList(results));
  }

  private Value own(Value v) {
    owned.add(v);
    return v;
  }

  private void checkOpen() {
    if (finished) {
      throw new IllegalStateException("this trace is finished; start a new Tracer");
    }
  }

  private void checkOperands(String name, Value[] operands) {
    checkOpen();
    for (Value v : operands) {
      if (!owns(v)) {
        throw new IllegalArgumentException(
            "'pphlo."
                + OpRegistry.stripPrefix(name)
                + "': operand "
                + v.type()
                + " comes from another trace (a traced tensor escaped its function, or a"
                + " device tensor was captured; pass it as an argument instead)");
      }
    }
  }
}
