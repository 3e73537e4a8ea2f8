package dev.spu.mpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.spu.mpc.RingMatmul.Kernel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both ring matmul kernels against a naive triple loop, on odd shapes and random 64-bit values. */
class RingMatmulTest {
  private final SplittableRandom rnd = new SplittableRandom(11);

  /**
   * m, k, n: degenerate, tiny, every edge of the tiles (8 or 4 rows, 2·lanes columns, KC = 128).
   */
  private static final int[][] SHAPES = {
    {0, 3, 2},
    {3, 0, 2},
    {2, 3, 0},
    {1, 1, 1},
    {3, 5, 7},
    {33, 17, 65},
    {5, 7, 3},
    {4, 65, 9},
    {9, 300, 1},
    {2, 3, 8},
    {8, 129, 16},
    {12, 128, 15},
    {13, 257, 33},
    {1, 784, 128},
    {7, 40, 31},
    {17, 1, 40},
    {64, 64, 64},
    {100, 130, 17},
    {3, 1000, 2},
    {260, 20, 1030}
  };

  private long[] random(int count) {
    long[] x = new long[count];
    for (int i = 0; i < count; i++) {
      x[i] = rnd.nextLong();
    }
    return x;
  }

  private static long[] naive(long[] a, long[] b, int m, int k, int n) {
    long[] c = new long[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        long s = 0;
        for (int t = 0; t < k; t++) {
          s += a[i * k + t] * b[t * n + j];
        }
        c[i * n + j] = s;
      }
    }
    return c;
  }

  private static void assumeAvailable(Kernel kernel) {
    assumeTrue(
        kernel == Kernel.SCALAR || RingMatmul.vectorAvailable(),
        "run with --add-modules jdk.incubator.vector");
  }

  @ParameterizedTest
  @EnumSource(Kernel.class)
  void equalsTheNaiveProductOnOddShapes(Kernel kernel) {
    assumeAvailable(kernel);
    for (int[] sh : SHAPES) {
      int m = sh[0], k = sh[1], n = sh[2];
      long[] a = random(m * k);
      long[] b = random(k * n);
      assertThat(RingMatmul.multiply(kernel, a, b, m, k, n))
          .as("%s %dx%d·%dx%d", kernel, m, k, k, n)
          .isEqualTo(naive(a, b, m, k, n));
    }
  }

  @ParameterizedTest
  @EnumSource(Kernel.class)
  void multiplyAddAccumulatesAndWraps(Kernel kernel) {
    assumeAvailable(kernel);
    int m = 19, k = 140, n = 37;
    long[] a = random(m * k);
    long[] b = random(k * n);
    long[] c0 = random(m * n);
    long[] c = c0.clone();
    RingMatmul.multiplyAdd(kernel, c, a, b, m, k, n);
    long[] p = naive(a, b, m, k, n);
    for (int i = 0; i < c.length; i++) {
      assertThat(c[i]).as("element %d", i).isEqualTo(c0[i] + p[i]);
    }
    // Extremes: Long.MIN_VALUE and -1 everywhere wrap exactly like the naive loop.
    long[] x = new long[m * k];
    long[] y = new long[k * n];
    java.util.Arrays.fill(x, Long.MIN_VALUE);
    java.util.Arrays.fill(y, -1L);
    assertThat(RingMatmul.multiply(kernel, x, y, m, k, n)).isEqualTo(naive(x, y, m, k, n));
  }

  @Test
  void splittingOverThreadsGivesTheSameProduct() {
    int m = 37, k = 150, n = 41;
    long[] a = random(m * k);
    long[] b = random(k * n);
    long[] want = naive(a, b, m, k, n);
    for (int threads : new int[] {2, 3, 7}) {
      long[] c = new long[m * n];
      RingMatmul.accumulate(RingMatmul.defaultKernel(), c, a, b, m, k, n, threads);
      assertThat(c).as("%d threads", threads).isEqualTo(want);
    }
  }

  @Test
  void defaultKernelIsTheVectorOneWhenTheModuleIsPresent() {
    boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    assertThat(RingMatmul.vectorAvailable()).isEqualTo(present);
    assertThat(RingMatmul.defaultKernel()).isEqualTo(present ? Kernel.VECTOR : Kernel.SCALAR);
    assertThat(Ring.matmul(new long[] {2, 3}, new long[] {5, 7}, 1, 2, 1)).containsExactly(31);
  }

  @Test
  void theDefaultPathSwitchesToTheVectorKernelOnceItIsWarm() throws InterruptedException {
    assumeAvailable(Kernel.VECTOR);
    assertThat(RingMatmul.awaitVectorWarm(java.time.Duration.ofSeconds(90)))
        .as("warm-up finished")
        .isTrue();
    assertThat(RingMatmul.vectorWarm()).isTrue();
    int m = 30, k = 200, n = 50;
    long[] a = random(m * k);
    long[] b = random(k * n);
    assertThat(RingMatmul.multiply(a, b, m, k, n)).isEqualTo(naive(a, b, m, k, n));
  }

  @Test
  void shapeErrorsNameTheOpAndTheShapes() {
    assertThatThrownBy(() -> Ring.matmul(new long[6], new long[6], 2, 3, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("matmul")
        .hasMessageContaining("3x3");
    assertThatThrownBy(() -> RingMatmul.multiplyAdd(new long[5], new long[6], new long[6], 2, 3, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("accumulator");
  }
}
