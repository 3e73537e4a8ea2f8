package dev.spu.samples.jmh;

import dev.spu.mpc.RingMatmul;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The local ring product over Z_2^64 (no MPC): (m×k)·(k×n) on random 64-bit values with each
 * kernel. G multiply-adds/s = m·k·n / (ms per op · 10^6); per core from the thread's CPU time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RingMatmulBench {
  @Param({"VECTOR", "SCALAR"})
  public RingMatmul.Kernel kernel;

  @Param("128")
  public int m;

  @Param("784")
  public int k;

  @Param("128")
  public int n;

  private long[] a;
  private long[] b;

  @Setup
  public void setUp() {
    if (kernel == RingMatmul.Kernel.VECTOR && !RingMatmul.vectorAvailable()) {
      throw new IllegalStateException(
          "the vector kernel needs --add-modules jdk.incubator.vector (./spu passes it)");
    }
    SplittableRandom rnd = new SplittableRandom(1);
    a = rnd.longs((long) m * k).toArray();
    b = rnd.longs((long) k * n).toArray();
  }

  @Benchmark
  public long[] matmul(CpuTime cpu) {
    cpu.start();
    long[] c = RingMatmul.multiply(kernel, a, b, m, k, n);
    cpu.stop();
    return c;
  }
}
