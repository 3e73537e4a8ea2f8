package dev.spu.mpc;

/**
 * The portable ring matmul kernel (no Vector API): cache-blocked i-k-j, so rows of B and C are
 * streamed and a block of B stays in cache; narrow right operands (a few columns) use dot products
 * over a transposed B instead. All operands are row-major; A and C may start at an offset.
 */
final class ScalarRingMatmul {
  private ScalarRingMatmul() {}

  /** Columns of B per block (j). */
  private static final int NB = 512;

  /** Rows of B per block (k): a block of B is KB·NB·8 = 512 KiB (fits L2). */
  private static final int KB = 128;

  /** Below this many columns the dot-product form wins. */
  private static final int NARROW = 8;

  /** c[cOff..] += a[aOff..]·b for an m×k block of A; dimensions already checked. */
  static void multiplyAdd(long[] c, int cOff, long[] a, int aOff, long[] b, int m, int k, int n) {
    if (m == 0 || n == 0 || k == 0) {
      return;
    }
    if (n < NARROW) {
      narrow(c, cOff, a, aOff, b, m, k, n);
    } else {
      blocked(c, cOff, a, aOff, b, m, k, n);
    }
  }

  private static void blocked(
      long[] c, int cOff, long[] a, int aOff, long[] b, int m, int k, int n) {
    for (int j0 = 0; j0 < n; j0 += NB) {
      int j1 = Math.min(n, j0 + NB);
      for (int k0 = 0; k0 < k; k0 += KB) {
        int k1 = Math.min(k, k0 + KB);
        for (int i = 0; i < m; i++) {
          int ci = cOff + i * n;
          int ai = aOff + i * k;
          for (int t = k0; t < k1; t++) {
            long v = a[ai + t];
            int bt = t * n;
            // One row of C per inner loop: the JIT vectorizes this form (several rows at once
            // defeat it because it cannot prove the rows do not alias).
            for (int j = j0; j < j1; j++) {
              c[ci + j] += v * b[bt + j];
            }
          }
        }
      }
    }
  }

  private static void narrow(
      long[] c, int cOff, long[] a, int aOff, long[] b, int m, int k, int n) {
    long[] bt = new long[n * k];
    for (int t = 0; t < k; t++) {
      for (int j = 0; j < n; j++) {
        bt[j * k + t] = b[t * n + j];
      }
    }
    for (int i = 0; i < m; i++) {
      int ai = aOff + i * k;
      for (int j = 0; j < n; j++) {
        int bj = j * k;
        long s0 = 0;
        long s1 = 0;
        int t = 0;
        for (; t + 2 <= k; t += 2) {
          s0 += a[ai + t] * bt[bj + t];
          s1 += a[ai + t + 1] * bt[bj + t + 1];
        }
        if (t < k) {
          s0 += a[ai + t] * bt[bj + t];
        }
        c[cOff + i * n + j] += s0 + s1;
      }
    }
  }
}
