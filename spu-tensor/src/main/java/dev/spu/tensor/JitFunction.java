package dev.spu.tensor;

import dev.spu.pphlo.Module;
import dev.spu.pphlo.Printer;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Value;
import dev.spu.pphlo.passes.PassPipeline;
import dev.spu.pphlo.passes.PassStats;
import dev.spu.trace.Signature;
import dev.spu.trace.TraceCache;
import dev.spu.trace.TraceContext;
import dev.spu.trace.Tracer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A function of SecretTensors compiled to PPHLO: traced once per input signature (shapes, dtypes,
 * visibilities) into a {@link Module}, cached, and run on its device. The function returns a {@code
 * SecretTensor}, a {@code List<SecretTensor>} or a {@code SecretTensor[]}; {@link #call} returns
 * the same form.
 *
 * <p>The traced function must be pure in SecretTensor terms: it sees symbolic tensors, so it must
 * not reveal them, and tensors it uses must be its arguments or constants made inside it ({@link
 * Device#constant} records a constant while tracing). Called while another function is being
 * traced, it is inlined into that trace.
 */
public final class JitFunction<R> {
  /** One-argument function. */
  @FunctionalInterface
  public interface Fn1<R> {
    R apply(SecretTensor a);
  }

  @FunctionalInterface
  public interface Fn2<R> {
    R apply(SecretTensor a, SecretTensor b);
  }

  @FunctionalInterface
  public interface Fn3<R> {
    R apply(SecretTensor a, SecretTensor b, SecretTensor c);
  }

  @FunctionalInterface
  public interface Fn4<R> {
    R apply(SecretTensor a, SecretTensor b, SecretTensor c, SecretTensor d);
  }

  /** A function of any number of arguments. */
  @FunctionalInterface
  public interface FnN<R> {
    R apply(SecretTensor[] args);
  }

  private enum Form {
    SINGLE,
    LIST,
    ARRAY
  }

  /** A trace and its compilation under the device's pass selection at the time. */
  private record Traced(Module module, Form form, AtomicReference<Compiled> compiled) {}

  private record Compiled(PassPipeline passes, PassPipeline.Result result) {}

  private static final int CACHE_SIZE = 256;

  private final Device device;
  private final int arity;
  private final java.util.function.Function<SecretTensor[], R> fn;
  private final TraceCache<Signature, Traced> cache = new TraceCache<>(CACHE_SIZE);

  JitFunction(Device device, int arity, java.util.function.Function<SecretTensor[], R> fn) {
    if (arity < 1) {
      throw new IllegalArgumentException("a jit function needs at least one argument");
    }
    this.device = device;
    this.arity = arity;
    this.fn = fn;
  }

  /** Runs the function on device-resident arguments (tracing it first for a new signature). */
  @SuppressWarnings("unchecked")
  public R call(SecretTensor... args) {
    checkArity(args.length);
    if (TraceContext.isTracing()) {
      return fn.apply(args.clone());
    }
    Traced tr = traced(signatureOf(args));
    List<SecretTensor> out = device.runFunction(compiled(tr).module().main(), args);
    return switch (tr.form()) {
      case SINGLE -> (R) out.get(0);
      case LIST -> (R) List.copyOf(out);
      case ARRAY -> (R) out.toArray(new SecretTensor[0]);
    };
  }

  /** The module that runs for these arguments' signature (traced, then optimized by the passes). */
  public Module module(SecretTensor... args) {
    checkArity(args.length);
    return compiled(traced(signatureOf(args))).module();
  }

  /** The module that runs for argument types (traced, then optimized by the passes). */
  public Module module(TensorType... types) {
    checkArity(types.length);
    return compiled(traced(Signature.of(types))).module();
  }

  /** The module as traced, before the optimizer passes. */
  public Module tracedModule(TensorType... types) {
    checkArity(types.length);
    return traced(Signature.of(types)).module();
  }

  /** What each optimizer pass did to the module for argument types. */
  public List<PassStats> passStats(TensorType... types) {
    checkArity(types.length);
    return compiled(traced(Signature.of(types))).stats();
  }

  /** The traced module compiled under the device's current pass selection (cached). */
  private PassPipeline.Result compiled(Traced tr) {
    PassPipeline p = device.passes();
    Compiled c = tr.compiled().get();
    if (c == null || c.passes() != p) {
      c = new Compiled(p, p.run(tr.module()));
      tr.compiled().set(c);
    }
    return c.result();
  }

  /** The printed PPHLO of the traced module for these arguments' signature. */
  public String text(SecretTensor... args) {
    return Printer.print(module(args));
  }

  public String text(TensorType... types) {
    return Printer.print(module(types));
  }

  /** How many times the function was traced (once per new signature). */
  public long traceCount() {
    return cache.traceCount();
  }

  public int arity() {
    return arity;
  }

  private void checkArity(int n) {
    if (n != arity) {
      throw new IllegalArgumentException("jit function takes " + arity + " arguments, got " + n);
    }
  }

  private static Signature signatureOf(SecretTensor[] args) {
    TensorType[] t = new TensorType[args.length];
    for (int i = 0; i < args.length; i++) {
      t[i] = args[i].type();
    }
    return Signature.of(t);
  }

  private Traced traced(Signature sig) {
    return cache.get(sig, this::trace);
  }

  private Traced trace(Signature sig) {
    Tracer t = new Tracer();
    SecretTensor[] in = new SecretTensor[sig.arity()];
    for (int i = 0; i < in.length; i++) {
      in[i] = SecretTensor.traced(t, t.argument(sig.types().get(i)));
    }
    R r = TraceContext.within(t, () -> fn.apply(in));
    List<SecretTensor> outs;
    Form form;
    if (r instanceof SecretTensor s) {
      outs = List.of(s);
      form = Form.SINGLE;
    } else if (r instanceof SecretTensor[] a) {
      outs = Arrays.asList(a);
      form = Form.ARRAY;
    } else if (r instanceof List<?> l) {
      List<SecretTensor> list = new ArrayList<>();
      for (Object o : l) {
        if (!(o instanceof SecretTensor s)) {
          throw new IllegalArgumentException(
              "a jit function's list result must hold SecretTensors, found "
                  + (o == null ? "null" : o.getClass().getSimpleName()));
        }
        list.add(s);
      }
      outs = list;
      form = Form.LIST;
    } else {
      throw new IllegalArgumentException(
          "a jit function must return a SecretTensor, a List<SecretTensor> or a SecretTensor[],"
              + " got "
              + (r == null ? "null" : r.getClass().getSimpleName()));
    }
    List<Value> values = new ArrayList<>(outs.size());
    for (SecretTensor s : outs) {
      Value v = s.tracedValue(t);
      if (v == null) {
        throw new IllegalArgumentException(
            "a jit function returned a "
                + s.type()
                + " that was not computed inside it (a device tensor captured from outside);"
                + " pass it as an argument");
      }
      values.add(v);
    }
    return new Traced(t.finishModule(values), form, new AtomicReference<>());
  }
}
