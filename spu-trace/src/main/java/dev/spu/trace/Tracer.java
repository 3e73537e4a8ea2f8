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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records PPHLO operations into one {@link Function}, in call order. Every op is typed by the
 * shared rules of spu-pphlo as it is recorded, so an ill-typed call fails at trace time with a
 * {@link dev.spu.pphlo.TypeException} naming the op and its operand types.
 *
 * <p>A tracer only ever sees types, never tensor values: it is safe to build a program over secret
 * inputs anywhere. The recorded body stays available ({@link #body()}).
 *
 * <p><b>Nested traces.</b> A function transform ({@link Autodiff}) traces the transformed function
 * in a {@link #child child} tracer. A value of an enclosing trace used there is <i>captured</i>:
 * the child adds an argument for it ({@link #capturedValues()} lists the outer values in argument
 * order), so the child's function is closed and the transform can inline it back into the parent.
 *
 * <p>Threading: one tracer is used by one thread (see {@link TraceContext}).
 */
public final class Tracer {
  private final FunctionBuilder builder;
  private final Tracer parent;
  private final Set<Value> owned = Collections.newSetFromMap(new IdentityHashMap<>());
  // Outer value -> the child's argument standing for it, and the outer values in argument order.
  private final Map<Value, Value> captures = new IdentityHashMap<>();
  private final Map<Value, Value> capturedBy = new IdentityHashMap<>();
  private final List<Value> capturedOrder = new ArrayList<>();
  private boolean finished;

  /** A tracer for a function named {@code name} (the entry point is {@code main}). */
  public Tracer(String name) {
    this(name, null);
  }

  private Tracer(String name, Tracer parent) {
    this.builder = new FunctionBuilder(name);
    this.parent = parent;
  }

  /**
   * A nested tracer for a function named {@code name}: values of this trace (or of its ancestors)
   * used there are captured as extra arguments instead of being rejected.
   */
  public Tracer child(String name) {
    checkOpen();
    return new Tracer(name, this);
  }

  /** The enclosing tracer, or null for a top-level trace. */
  public Tracer parent() {
    return parent;
  }

  /** True if {@code ancestor} encloses this trace (directly or further out). */
  public boolean isNestedIn(Tracer ancestor) {
    for (Tracer p = parent; p != null; p = p.parent) {
      if (p == ancestor) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code v} as a value of this trace: itself if produced here, else the argument capturing it
   * from an enclosing trace (added on first use).
   *
   * @throws IllegalArgumentException if no enclosing trace produced {@code v}
   */
  public Value capture(Value v) {
    if (owns(v)) {
      return v;
    }
    Value c = captures.get(v);
    if (c != null) {
      return c;
    }
    for (Tracer p = parent; p != null; p = p.parent) {
      if (p.owns(v)) {
        checkOpen();
        c = own(builder.addArgument(v.type()));
        captures.put(v, c);
        capturedBy.put(c, v);
        capturedOrder.add(v);
        return c;
      }
    }
    throw new IllegalArgumentException(
        "a "
            + v.type()
            + " comes from another trace (a traced tensor escaped its function, or a device"
            + " tensor was captured; pass it as an argument instead)");
  }

  /** The outer values captured so far, in the order of their arguments. */
  public List<Value> capturedValues() {
    return List.copyOf(capturedOrder);
  }

  /** The outer value an argument of this trace captures, or null for an ordinary argument. */
  public Value capturedValue(Value argument) {
    return capturedBy.get(argument);
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
    return own(builder.op(name, attrs, resolve(name, operands)));
  }

  /** Records a single-result op whose result type must be declared (reshape, convert, ...). */
  public Value op(String name, Attributes attrs, TensorType declared, Value... operands) {
    return own(builder.op(name, attrs, declared, resolve(name, operands)));
  }

  /**
   * Records an op of any number of results; {@code declared} may be null when the rule infers every
   * result type.
   */
  public List<Value> op(
      String name, Attributes attrs, List<TensorType> declared, List<Value> operands) {
    Value[] in = resolve(name, operands.toArray(new Value[0]));
    List<Value> out = builder.op(name, attrs, declared, Arrays.asList(in));
    out.forEach(this::own);
    return out;
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

  /** The operands as values of this trace (captures from enclosing traces substituted). */
  private Value[] resolve(String name, Value[] operands) {
    checkOpen();
    Value[] in = operands;
    for (int i = 0; i < operands.length; i++) {
      Value v = operands[i];
      if (owns(v)) {
        continue;
      }
      if (parent != null && (captures.containsKey(v) || ownedByAncestor(v))) {
        if (in == operands) {
          in = operands.clone();
        }
        in[i] = capture(v);
      } else {
        throw new IllegalArgumentException(
            "'pphlo."
                + OpRegistry.stripPrefix(name)
                + "': operand "
                + v.type()
                + " comes from another trace (a traced tensor escaped its function, or a"
                + " device tensor was captured; pass it as an argument instead)");
      }
    }
    return in;
  }

  private boolean ownedByAncestor(Value v) {
    for (Tracer p = parent; p != null; p = p.parent) {
      if (p.owns(v)) {
        return true;
      }
    }
    return false;
  }
}
