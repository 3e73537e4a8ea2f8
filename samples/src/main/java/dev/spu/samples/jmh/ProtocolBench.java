package dev.spu.samples.jmh;

import dev.spu.mpc.RingMatmul;
import dev.spu.mpc.Share;
import dev.spu.mpc.testing.Session;
import java.time.Duration;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * MPC primitives in simulation ({@link Session}: one thread per party, the dealer on its own
 * thread, real messages over the in-memory network), each op alone on secret inputs shared once at
 * set-up. Wall time per op covers all parties, so with 3 parties on 2 cores it is CPU-bound.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ProtocolBench {
  /** Fraction bits of the truncation (the runtime default for FM64). */
  private static final int FRAC_BITS = 18;

  @Param({"aby3", "semi2k"})
  public String protocol;

  @Param("3")
  public int parties;

  /** Elements of the element-wise primitives. */
  @Param("1048576")
  public int size;

  /** (m×k)·(k×n) of matmulAA. */
  @Param("128,784,128")
  public String matmul;

  private Session session;
  private List<Share> x;
  private List<Share> y;
  private List<Share> fixed;
  private List<Share> ma;
  private List<Share> mb;
  private int m;
  private int k;
  private int n;

  @Setup
  public void setUp() throws InterruptedException {
    // Measure the steady state: the default ring matmul switches to the vector kernel once warm.
    RingMatmul.awaitVectorWarm(Duration.ofSeconds(60));
    String[] d = matmul.split(",");
    m = Integer.parseInt(d[0].trim());
    k = Integer.parseInt(d[1].trim());
    n = Integer.parseInt(d[2].trim());
    session = Session.start(protocol, parties);
    SplittableRandom rnd = new SplittableRandom(7);
    x = session.input(rnd.longs(size).toArray());
    y = session.input(rnd.longs(size).toArray());
    // Fixed-point products well inside the encodable range (|v| < 2^49).
    long[] f = new long[size];
    for (int i = 0; i < size; i++) {
      f[i] = rnd.nextLong() >> 15;
    }
    fixed = session.input(f);
    ma = session.input(rnd.longs((long) m * k).toArray());
    mb = session.input(rnd.longs((long) k * n).toArray());
  }

  @TearDown
  public void tearDown() {
    session.close();
  }

  @Benchmark
  public Object mulAA(CpuTime cpu) {
    cpu.start();
    Object r = session.run("mul", p -> p.mulAA(x.get(p.self()), y.get(p.self())));
    cpu.stop();
    return r;
  }

  @Benchmark
  public Object msb(CpuTime cpu) {
    cpu.start();
    Object r = session.run("msb", p -> p.msbA(x.get(p.self())));
    cpu.stop();
    return r;
  }

  @Benchmark
  public Object a2b(CpuTime cpu) {
    cpu.start();
    Object r = session.run("a2b", p -> p.a2b(x.get(p.self())));
    cpu.stop();
    return r;
  }

  @Benchmark
  public Object trunc(CpuTime cpu) {
    cpu.start();
    Object r = session.run("trunc", p -> p.truncA(fixed.get(p.self()), FRAC_BITS));
    cpu.stop();
    return r;
  }

  @Benchmark
  public Object matmulAA(CpuTime cpu) {
    cpu.start();
    Object r = session.run("matmul", p -> p.matmulAA(ma.get(p.self()), mb.get(p.self()), m, k, n));
    cpu.stop();
    return r;
  }
}
