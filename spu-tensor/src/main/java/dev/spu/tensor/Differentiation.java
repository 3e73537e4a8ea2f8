package dev.spu.tensor;

import dev.spu.pphlo.Value;
import dev.spu.trace.Autodiff;
import dev.spu.trace.TraceContext;
import dev.spu.trace.Tracer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Grad} and {@link ValueAndGrad} share: recording the gradient into the current trace,
 * or, in eager mode, compiling that recording once per device and signature as a jit function.
 */
final class Differentiation {
  private final int arity;
  private final JitFunction.FnN<SecretTensor> fn;
  private final int[] argnums;
  private final boolean withValue;
  // Eager mode: one compiled function per device (devices compare by identity); it holds the
  // device, so it lives as long as this gradient does.
  private final Map<Device, JitFunction<List<SecretTensor>>> eager = new HashMap<>();

  Differentiation(int arity, JitFunction.FnN<SecretTensor> fn, int[] argnums, boolean withValue) {
    this.arity = arity;
    this.fn = fn;
    this.argnums = argnums.length == 0 ? new int[] {0} : argnums.clone();
    this.withValue = withValue;
  }

  int[] argnums() {
    return argnums;
  }

  /** The value (if asked for) then the gradients. */
  List<SecretTensor> run(SecretTensor[] args) {
    if (args.length != arity) {
      throw new IllegalArgumentException(
          "the differentiated function takes " + arity + " arguments, got " + args.length);
    }
    Tracer cur = TraceContext.current();
    if (cur != null) {
      return record(cur, args);
    }
    Device d = args[0].device();
    for (SecretTensor a : args) {
      if (a.isTraced()) {
        throw new IllegalStateException(
            "grad: a traced " + a.type() + " escaped its jit function; return it instead");
      }
      if (a.device() != d) {
        throw new IllegalArgumentException("grad: the arguments live on different devices");
      }
    }
    JitFunction<List<SecretTensor>> jit;
    synchronized (eager) {
      jit =
          eager.computeIfAbsent(
              d, dev -> new JitFunction<>(dev, arity, a -> record(TraceContext.current(), a)));
    }
    return jit.call(args);
  }

  private List<SecretTensor> record(Tracer cur, SecretTensor[] args) {
    List<Value> in = new ArrayList<>(args.length);
    for (SecretTensor a : args) {
      in.add(a.valueIn(cur, "grad"));
    }
    Autodiff.Result r =
        Autodiff.valueAndGrad(
            cur,
            (child, vals) -> {
              SecretTensor[] xs = new SecretTensor[vals.size()];
              for (int i = 0; i < xs.length; i++) {
                xs[i] = SecretTensor.traced(child, vals.get(i));
              }
              SecretTensor out = fn.apply(xs);
              if (out == null) {
                throw new IllegalArgumentException("the differentiated function returned null");
              }
              return out.valueIn(child, "grad");
            },
            in,
            argnums);
    List<SecretTensor> out = new ArrayList<>();
    if (withValue) {
      out.add(SecretTensor.traced(cur, r.value()));
    }
    for (Value g : r.grads()) {
      out.add(SecretTensor.traced(cur, g));
    }
    return out;
  }
}
