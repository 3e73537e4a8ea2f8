package dev.spu.mpc;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gets the vector kernel compiled before the default path uses it. Until C2 has compiled them,
 * Vector API operations run as ordinary objects (allocated per lane-wise op) and a first
 * 128×784·784×128 product takes seconds instead of a millisecond. So the default path computes with
 * the scalar kernel and, on its first large product, starts this daemon thread: it runs the vector
 * kernel on small shapes that take every branch (full and partial tiles and panels, leftover rows,
 * several k blocks, the narrow form) and checks each result against the scalar kernel, until the
 * kernel reaches {@link #READY_RATE} multiply-adds per CPU-second on two consecutive rounds. A JVM
 * where it never gets there (no C2, no intrinsics) keeps the scalar kernel after {@link
 * #GIVE_UP_NANOS}.
 */
final class VectorWarmup {
  private VectorWarmup() {}

  /** Compiled code does billions of multiply-adds per second; interpreted code a few million. */
  static final double READY_RATE = 2e9;

  static final long GIVE_UP_NANOS = 60_000_000_000L;

  private static final AtomicBoolean STARTED = new AtomicBoolean();
  private static volatile boolean ready;
  private static volatile boolean finished;

  /** The shapes of one round (m, k, n). */
  private static final int[][] SHAPES = {{21, 300, 37}, {16, 128, 32}, {9, 200, 3}, {3, 64, 16}};

  static boolean ready() {
    return ready;
  }

  /** Whether the warm-up thread has ended (ready, or gave up). */
  static boolean finished() {
    return finished;
  }

  /** Starts the warm-up thread once (idempotent, cheap). */
  static void start() {
    if (ready || !STARTED.compareAndSet(false, true)) {
      return;
    }
    Thread t = new Thread(VectorWarmup::run, "spu-ring-vector-warmup");
    t.setDaemon(true);
    t.start();
  }

  private static void run() {
    try {
      warm();
    } finally {
      finished = true;
    }
  }

  private static void warm() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    boolean cpuTime = mx.isCurrentThreadCpuTimeSupported();
    SplittableRandom rnd = new SplittableRandom(1);
    long[][] as = new long[SHAPES.length][];
    long[][] bs = new long[SHAPES.length][];
    long[][] want = new long[SHAPES.length][];
    long work = 0;
    for (int s = 0; s < SHAPES.length; s++) {
      int m = SHAPES[s][0], k = SHAPES[s][1], n = SHAPES[s][2];
      as[s] = rnd.longs((long) m * k).toArray();
      bs[s] = rnd.longs((long) k * n).toArray();
      want[s] = new long[m * n];
      ScalarRingMatmul.multiplyAdd(want[s], 0, as[s], 0, bs[s], m, k, n);
      work += (long) m * k * n;
    }
    long deadline = System.nanoTime() + GIVE_UP_NANOS;
    int fastRounds = 0;
    while (System.nanoTime() < deadline) {
      long t0 = cpuTime ? mx.getCurrentThreadCpuTime() : System.nanoTime();
      for (int s = 0; s < SHAPES.length; s++) {
        int m = SHAPES[s][0], k = SHAPES[s][1], n = SHAPES[s][2];
        long[] c = new long[m * n];
        VectorRingMatmul.multiplyAdd(c, 0, as[s], 0, bs[s], m, k, n);
        if (!java.util.Arrays.equals(c, want[s])) {
          return; // never trust a kernel that disagrees with the scalar one: stay scalar
        }
      }
      long t1 = cpuTime ? mx.getCurrentThreadCpuTime() : System.nanoTime();
      double rate = work / Math.max(1e-9, (t1 - t0) / 1e9);
      fastRounds = rate >= READY_RATE ? fastRounds + 1 : 0;
      if (fastRounds >= 2) {
        ready = true;
        return;
      }
    }
  }
}
