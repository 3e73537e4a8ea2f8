package dev.spu.samples.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * CPU time per op, reported next to JMH's wall time: on a shared machine wall time measures the
 * share of the cores a benchmark got, CPU time the work it did. {@code threadCpuNanos} counts the
 * benchmark thread only (the ring matmul runs on it), {@code processCpuNanos} every thread of the
 * JVM (party threads, dealer, JIT, GC). Per iteration: totals and {@code calls}.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      ManagementFactory.getOperatingSystemMXBean()
              instanceof com.sun.management.OperatingSystemMXBean os
          ? os
          : null;

  public long threadCpuNanos;
  public long processCpuNanos;
  public long calls;

  private long thread0;
  private long process0;

  @Setup(Level.Iteration)
  public void reset() {
    threadCpuNanos = 0;
    processCpuNanos = 0;
    calls = 0;
  }

  void start() {
    thread0 = THREADS.getCurrentThreadCpuTime();
    process0 = OS == null ? 0 : OS.getProcessCpuTime();
  }

  void stop() {
    threadCpuNanos += THREADS.getCurrentThreadCpuTime() - thread0;
    processCpuNanos += OS == null ? 0 : OS.getProcessCpuTime() - process0;
    calls++;
  }
}
