package dev.spu.mpc;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * The one ring matrix product of the project: C = A·B over Z_2^64 (row-major {@code long[]},
 * wrapping), used by every protocol, the SEMI2K dealer and the public HAL.
 *
 * <p>Two kernels compute exactly the same values:
 *
 * <ul>
 *   <li>{@link Kernel#VECTOR}: a register-blocked kernel on the JDK Vector API ({@code
 *       jdk.incubator.vector}); B is packed into column panels, A into row tiles, and an
 *       8×(2·lanes) tile of C lives in registers over a block of k (see {@code VectorRingMatmul}).
 *   <li>{@link Kernel#SCALAR}: a cache-blocked i-k-j loop, for JVMs started without {@code
 *       --add-modules jdk.incubator.vector}.
 * </ul>
 *
 * The default is decided once at class initialisation: the vector kernel when the module is in the
 * boot layer, usable, and not disabled by {@code -Dspu.ring.vector=false}; the scalar kernel
 * otherwise. It never fails for a missing module. Because interpreted Vector API code is two orders
 * of magnitude slower than scalar code, the default path switches to the vector kernel only once a
 * background warm-up has got it compiled ({@link VectorWarmup}); explicit {@link Kernel} arguments
 * are always honoured.
 *
 * <p>Threads: by default one thread (the caller's). In simulation the parties already share the
 * cores, so splitting a product would only add contention; {@code -Dspu.ring.threads=T} splits
 * large products over T row ranges in the common fork-join pool (useful for one party per machine).
 */
public final class RingMatmul {
  private RingMatmul() {}

  /** The local kernel computing a product; both give identical results. */
  public enum Kernel {
    VECTOR,
    SCALAR
  }

  /** Products below this many multiply-adds stay on the scalar kernel (packing would dominate). */
  private static final long SMALL = 4096;

  /** The first default product of this many multiply-adds starts the vector kernel's warm-up. */
  private static final long WARM_TRIGGER = 1L << 22;

  /** A thread gets at least this many multiply-adds when a product is split. */
  private static final long PER_THREAD = 1L << 21;

  private static final boolean VECTOR_AVAILABLE = detectVector();

  private static final int THREADS = Math.max(1, Integer.getInteger("spu.ring.threads", 1));

  private static boolean detectVector() {
    if (!Boolean.parseBoolean(System.getProperty("spu.ring.vector", "true"))) {
      return false;
    }
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      return false;
    }
    try {
      return VectorRingMatmul.usable();
    } catch (LinkageError | RuntimeException e) {
      return false;
    }
  }

  /** Whether this JVM can run the vector kernel ({@code --add-modules jdk.incubator.vector}). */
  public static boolean vectorAvailable() {
    return VECTOR_AVAILABLE;
  }

  /**
   * The kernel {@link #multiply(long[], long[], int, int, int)} settles on: VECTOR when the module
   * is present (it is used once compiled; small products stay scalar), else SCALAR.
   */
  public static Kernel defaultKernel() {
    return VECTOR_AVAILABLE ? Kernel.VECTOR : Kernel.SCALAR;
  }

  /** Whether the default path already uses the vector kernel (it has been warmed up). */
  public static boolean vectorWarm() {
    return VECTOR_AVAILABLE && VectorWarmup.ready();
  }

  /**
   * Starts the vector kernel's warm-up (if the module is present) and waits until the default path
   * uses it or the timeout passes; returns whether it does. For benchmarks and long-running servers
   * that want full speed from their first product.
   */
  public static boolean awaitVectorWarm(java.time.Duration timeout) throws InterruptedException {
    if (!VECTOR_AVAILABLE) {
      return false;
    }
    VectorWarmup.start();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!VectorWarmup.ready() && !VectorWarmup.finished() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return VectorWarmup.ready();
  }

  /** A short description for logs and benchmarks, e.g. "vector (8 lanes)". */
  public static String describe() {
    return VECTOR_AVAILABLE
        ? "vector ("
            + VectorRingMatmul.lanes()
            + " lanes"
            + (VectorWarmup.ready() ? "" : ", scalar until warmed up")
            + "), "
            + THREADS
            + " thread(s)"
        : "scalar, " + THREADS + " thread(s)";
  }

  /**
   * (m×k)·(k×n), row-major, wrapping, with the default kernel (the vector one once it is compiled;
   * see {@link VectorWarmup}).
   */
  public static long[] multiply(long[] a, long[] b, int m, int k, int n) {
    return multiply(kernelFor(m, k, n), a, b, m, k, n);
  }

  /** (m×k)·(k×n) with the given kernel (tests and benchmarks compare the two). */
  public static long[] multiply(Kernel kernel, long[] a, long[] b, int m, int k, int n) {
    Ring.checkMatmul("matmul", a, b, m, k, n);
    long[] c = new long[outputSize("matmul", m, n)];
    accumulate(kernel, c, a, b, m, k, n, threadsFor(m, k, n));
    return c;
  }

  /** c += (m×k)·(k×n) in place, with the default kernel. */
  public static void multiplyAdd(long[] c, long[] a, long[] b, int m, int k, int n) {
    multiplyAdd(kernelFor(m, k, n), c, a, b, m, k, n);
  }

  /**
   * The default kernel for one product: scalar until the vector kernel is compiled; the first
   * product big enough to matter starts its warm-up.
   */
  private static Kernel kernelFor(int m, int k, int n) {
    if (!VECTOR_AVAILABLE) {
      return Kernel.SCALAR;
    }
    if (VectorWarmup.ready()) {
      return Kernel.VECTOR;
    }
    if ((long) m * k * n >= WARM_TRIGGER) {
      VectorWarmup.start();
    }
    return Kernel.SCALAR;
  }

  /** c += (m×k)·(k×n) in place, with the given kernel. */
  public static void multiplyAdd(Kernel kernel, long[] c, long[] a, long[] b, int m, int k, int n) {
    Ring.checkMatmul("matmulAdd", a, b, m, k, n);
    if (c.length != outputSize("matmulAdd", m, n)) {
      throw new IllegalArgumentException(
          "matmulAdd: accumulator has " + c.length + " elements, expected " + m + "x" + n);
    }
    accumulate(kernel, c, a, b, m, k, n, threadsFor(m, k, n));
  }

  /** The configured thread count, reduced so that each thread gets enough work. */
  private static int threadsFor(int m, int k, int n) {
    long work = (long) m * k * n;
    return (int) Math.max(1, Math.min(THREADS, work / PER_THREAD));
  }

  /** c += a·b split over {@code threads} row ranges (package-private for the threading test). */
  static void accumulate(
      Kernel kernel, long[] c, long[] a, long[] b, int m, int k, int n, int threads) {
    if (m == 0 || n == 0 || k == 0) {
      return;
    }
    if (kernel == Kernel.VECTOR && !VECTOR_AVAILABLE) {
      throw new IllegalStateException(
          "matmul: the vector kernel needs the JVM option --add-modules jdk.incubator.vector");
    }
    int parts = Math.min(threads, m);
    if (parts <= 1) {
      rows(kernel, c, a, b, 0, m, k, n);
      return;
    }
    ForkJoinPool.commonPool().invoke(new Split(kernel, c, a, b, 0, m, k, n, parts));
  }

  /** Rows [i0, i1) of c += a·b on the calling thread. */
  private static void rows(
      Kernel kernel, long[] c, long[] a, long[] b, int i0, int i1, int k, int n) {
    int m = i1 - i0;
    if (kernel == Kernel.VECTOR && (long) m * k * n >= SMALL) {
      VectorRingMatmul.multiplyAdd(c, i0 * n, a, i0 * k, b, m, k, n);
    } else {
      ScalarRingMatmul.multiplyAdd(c, i0 * n, a, i0 * k, b, m, k, n);
    }
  }

  private static int outputSize(String op, int m, int n) {
    long size = (long) m * n;
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          op + ": result " + m + "x" + n + " has more elements than a Java array can hold");
    }
    return (int) size;
  }

  /** Halves the row range until each part is one thread's share. */
  private static final class Split extends RecursiveAction {
    private final Kernel kernel;
    private final long[] c;
    private final long[] a;
    private final long[] b;
    private final int i0;
    private final int i1;
    private final int k;
    private final int n;
    private final int parts;

    Split(Kernel kernel, long[] c, long[] a, long[] b, int i0, int i1, int k, int n, int parts) {
      this.kernel = kernel;
      this.c = c;
      this.a = a;
      this.b = b;
      this.i0 = i0;
      this.i1 = i1;
      this.k = k;
      this.n = n;
      this.parts = parts;
    }

    @Override
    protected void compute() {
      if (parts <= 1) {
        rows(kernel, c, a, b, i0, i1, k, n);
        return;
      }
      int left = parts / 2;
      int mid = i0 + (int) ((long) (i1 - i0) * left / parts);
      invokeAll(
          new Split(kernel, c, a, b, i0, mid, k, n, left),
          new Split(kernel, c, a, b, mid, i1, k, n, parts - left));
    }
  }
}
