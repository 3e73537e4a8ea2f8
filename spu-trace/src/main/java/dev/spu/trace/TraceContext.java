package dev.spu.trace;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * The thread's current trace. While a function is being traced, tensor operations on this thread
 * record into the current {@link Tracer}; outside any trace they run eagerly. Traces nest (a jit
 * function called while tracing another is inlined into the outer trace).
 */
public final class TraceContext {
  private static final ThreadLocal<Deque<Tracer>> STACK = ThreadLocal.withInitial(ArrayDeque::new);

  private TraceContext() {}

  /** The innermost active tracer on this thread, or null when not tracing. */
  public static Tracer current() {
    return STACK.get().peek();
  }

  public static boolean isTracing() {
    return current() != null;
  }

  /** Runs {@code body} with {@code tracer} as the current trace, restoring the previous one. */
  public static <T> T within(Tracer tracer, Supplier<T> body) {
    Deque<Tracer> stack = STACK.get();
    stack.push(tracer);
    try {
      return body.get();
    } finally {
      stack.pop();
    }
  }
}
