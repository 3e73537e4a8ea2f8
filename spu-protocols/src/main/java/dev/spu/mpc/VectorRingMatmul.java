package dev.spu.mpc;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The ring matmul kernel on the JDK Vector API (64-bit lanes, wrapping multiply and add; native on
 * AVX-512DQ). Loaded only when {@code jdk.incubator.vector} is in the boot layer (see {@link
 * RingMatmul}).
 *
 * <p>Blocking follows the usual GEMM layout: for a block of NC columns and KC rows of B, B is
 * packed into panels of NR = 2·lanes columns (zero-padded, k-major, so one panel row is two vector
 * loads); for a block of MC rows of A, A is packed into tiles of MR rows (k-major, so the MR values
 * for one k are adjacent). The micro-kernel keeps an MR × NR tile of C in MR·2 vector registers
 * over the KC steps (per step: two loads of B, MR broadcasts of A, 2·MR multiply-adds) and adds it
 * to C once. A B panel (KC·NR·8 = 16 KiB at 8 lanes) stays in L1 while the A tiles of the block
 * stream from L2. Rows left over after the MR-row tiles go through a one-row kernel; fewer than one
 * vector of columns through vector dot products over a transposed B.
 */
final class VectorRingMatmul {
  private VectorRingMatmul() {}

  private static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Columns per B panel: two vectors. */
  private static final int NR = 2 * L;

  /** Rows per A tile: 8 × 2 accumulators need 16 of AVX-512's 32 registers; 4 × 2 fit in 16. */
  private static final int MR = L >= 8 ? 8 : 4;

  /** k per block. */
  private static final int KC = 128;

  /** Rows of A per block: an MC × KC block of packed A is 256 KiB (L2). */
  private static final int MC = 256;

  /** Columns of B per block: a KC × NC block of packed B is 1 MiB. */
  private static final int NC = 1024;

  static boolean usable() {
    return L >= 2;
  }

  static int lanes() {
    return L;
  }

  /** c[cOff..] += a[aOff..]·b for an m×k block of A; dimensions already checked. */
  static void multiplyAdd(long[] c, int cOff, long[] a, int aOff, long[] b, int m, int k, int n) {
    if (m == 0 || n == 0 || k == 0) {
      return;
    }
    if (n < L) {
      narrow(c, cOff, a, aOff, b, m, k, n);
      return;
    }
    int kcMax = Math.min(KC, k);
    int ncMax = Math.min(NC, n);
    int mcMax = Math.min(MC, m);
    long[] pb = new long[ceilDiv(ncMax, NR) * NR * kcMax];
    long[] pa = new long[mcMax * kcMax];
    long[] edge = new long[MR * NR];
    for (int j0 = 0; j0 < n; j0 += NC) {
      int nc = Math.min(NC, n - j0);
      int panels = ceilDiv(nc, NR);
      for (int k0 = 0; k0 < k; k0 += KC) {
        int kc = Math.min(KC, k - k0);
        packB(b, n, k0, kc, j0, nc, pb);
        for (int i0 = 0; i0 < m; i0 += MC) {
          int mc = Math.min(MC, m - i0);
          int tiles = mc / MR;
          int half = MR == 8 && mc - tiles * MR >= 4 ? 1 : 0;
          int packedRows = tiles * MR + half * 4;
          packA(a, aOff, k, i0, k0, kc, tiles, half, pa);
          for (int p = 0; p < panels; p++) {
            int jp = j0 + p * NR;
            int w = Math.min(NR, n - jp);
            int po = p * kc * NR;
            int ci = cOff + i0 * n + jp;
            for (int q = 0; q < tiles; q++) {
              if (MR == 8) {
                tile8(pa, q * MR * kc, pb, po, kc, c, ci + q * MR * n, n, w, edge);
              } else {
                tile4(pa, q * MR * kc, pb, po, kc, c, ci + q * MR * n, n, w, edge);
              }
            }
            if (half == 1) {
              tile4(pa, tiles * MR * kc, pb, po, kc, c, ci + tiles * MR * n, n, w, edge);
            }
            for (int r = packedRows; r < mc; r++) {
              row(a, aOff + (i0 + r) * k + k0, pb, po, kc, c, ci + r * n, w, edge);
            }
          }
        }
      }
    }
  }

  private static int ceilDiv(int x, int y) {
    return (x + y - 1) / y;
  }

  /** Panels of NR columns of b[k0..k0+kc, j0..j0+nc], row t of panel p at (p·kc + t)·NR. */
  private static void packB(long[] b, int n, int k0, int kc, int j0, int nc, long[] pb) {
    int panels = ceilDiv(nc, NR);
    for (int p = 0; p < panels; p++) {
      int jp = j0 + p * NR;
      int w = Math.min(NR, j0 + nc - jp);
      int base = p * kc * NR;
      for (int t = 0; t < kc; t++) {
        int dst = base + t * NR;
        System.arraycopy(b, (k0 + t) * n + jp, pb, dst, w);
        for (int j = w; j < NR; j++) {
          pb[dst + j] = 0;
        }
      }
    }
  }

  /**
   * Tiles of MR rows (then one of 4 rows if {@code half}), element (r, t) of tile q at q·MR·kc +
   * t·MR + r.
   */
  private static void packA(
      long[] a, int aOff, int k, int i0, int k0, int kc, int tiles, int half, long[] pa) {
    for (int q = 0; q < tiles; q++) {
      packRows(a, aOff + (i0 + q * MR) * k + k0, k, kc, MR, pa, q * MR * kc);
    }
    if (half == 1) {
      packRows(a, aOff + (i0 + tiles * MR) * k + k0, k, kc, 4, pa, tiles * MR * kc);
    }
  }

  private static void packRows(long[] a, int src, int k, int kc, int rows, long[] pa, int dst) {
    for (int r = 0; r < rows; r++) {
      int s = src + r * k;
      for (int t = 0; t < kc; t++) {
        pa[dst + t * rows + r] = a[s + t];
      }
    }
  }

  /** C tile (8 × NR) += packed A tile · B panel. */
  private static void tile8(
      long[] pa, int ao, long[] pb, int bo, int kc, long[] c, int ci, int n, int w, long[] edge) {
    LongVector z = LongVector.zero(S);
    LongVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
    LongVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
    for (int t = 0; t < kc; t++) {
      int bi = bo + t * NR;
      LongVector b0 = LongVector.fromArray(S, pb, bi);
      LongVector b1 = LongVector.fromArray(S, pb, bi + L);
      int ai = ao + t * 8;
      LongVector x = LongVector.broadcast(S, pa[ai]);
      c00 = x.mul(b0).add(c00);
      c01 = x.mul(b1).add(c01);
      x = LongVector.broadcast(S, pa[ai + 1]);
      c10 = x.mul(b0).add(c10);
      c11 = x.mul(b1).add(c11);
      x = LongVector.broadcast(S, pa[ai + 2]);
      c20 = x.mul(b0).add(c20);
      c21 = x.mul(b1).add(c21);
      x = LongVector.broadcast(S, pa[ai + 3]);
      c30 = x.mul(b0).add(c30);
      c31 = x.mul(b1).add(c31);
      x = LongVector.broadcast(S, pa[ai + 4]);
      c40 = x.mul(b0).add(c40);
      c41 = x.mul(b1).add(c41);
      x = LongVector.broadcast(S, pa[ai + 5]);
      c50 = x.mul(b0).add(c50);
      c51 = x.mul(b1).add(c51);
      x = LongVector.broadcast(S, pa[ai + 6]);
      c60 = x.mul(b0).add(c60);
      c61 = x.mul(b1).add(c61);
      x = LongVector.broadcast(S, pa[ai + 7]);
      c70 = x.mul(b0).add(c70);
      c71 = x.mul(b1).add(c71);
    }
    if (w == NR) {
      addTo(c, ci, c00, c01);
      addTo(c, ci + n, c10, c11);
      addTo(c, ci + 2 * n, c20, c21);
      addTo(c, ci + 3 * n, c30, c31);
      addTo(c, ci + 4 * n, c40, c41);
      addTo(c, ci + 5 * n, c50, c51);
      addTo(c, ci + 6 * n, c60, c61);
      addTo(c, ci + 7 * n, c70, c71);
    } else {
      spill(edge, 0, c00, c01);
      spill(edge, 1, c10, c11);
      spill(edge, 2, c20, c21);
      spill(edge, 3, c30, c31);
      spill(edge, 4, c40, c41);
      spill(edge, 5, c50, c51);
      spill(edge, 6, c60, c61);
      spill(edge, 7, c70, c71);
      addEdge(c, ci, n, 8, w, edge);
    }
  }

  /** C tile (4 × NR) += packed A tile · B panel. */
  private static void tile4(
      long[] pa, int ao, long[] pb, int bo, int kc, long[] c, int ci, int n, int w, long[] edge) {
    LongVector z = LongVector.zero(S);
    LongVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
    for (int t = 0; t < kc; t++) {
      int bi = bo + t * NR;
      LongVector b0 = LongVector.fromArray(S, pb, bi);
      LongVector b1 = LongVector.fromArray(S, pb, bi + L);
      int ai = ao + t * 4;
      LongVector x = LongVector.broadcast(S, pa[ai]);
      c00 = x.mul(b0).add(c00);
      c01 = x.mul(b1).add(c01);
      x = LongVector.broadcast(S, pa[ai + 1]);
      c10 = x.mul(b0).add(c10);
      c11 = x.mul(b1).add(c11);
      x = LongVector.broadcast(S, pa[ai + 2]);
      c20 = x.mul(b0).add(c20);
      c21 = x.mul(b1).add(c21);
      x = LongVector.broadcast(S, pa[ai + 3]);
      c30 = x.mul(b0).add(c30);
      c31 = x.mul(b1).add(c31);
    }
    if (w == NR) {
      addTo(c, ci, c00, c01);
      addTo(c, ci + n, c10, c11);
      addTo(c, ci + 2 * n, c20, c21);
      addTo(c, ci + 3 * n, c30, c31);
    } else {
      spill(edge, 0, c00, c01);
      spill(edge, 1, c10, c11);
      spill(edge, 2, c20, c21);
      spill(edge, 3, c30, c31);
      addEdge(c, ci, n, 4, w, edge);
    }
  }

  /** One row of C (NR columns) += a row of A (unpacked, kc values from {@code ai}) · B panel. */
  private static void row(
      long[] a, int ai, long[] pb, int bo, int kc, long[] c, int ci, int w, long[] edge) {
    LongVector c0 = LongVector.zero(S);
    LongVector c1 = c0;
    for (int t = 0; t < kc; t++) {
      int bi = bo + t * NR;
      LongVector x = LongVector.broadcast(S, a[ai + t]);
      c0 = x.mul(LongVector.fromArray(S, pb, bi)).add(c0);
      c1 = x.mul(LongVector.fromArray(S, pb, bi + L)).add(c1);
    }
    if (w == NR) {
      addTo(c, ci, c0, c1);
    } else {
      spill(edge, 0, c0, c1);
      addEdge(c, ci, 0, 1, w, edge);
    }
  }

  private static void addTo(long[] c, int o, LongVector v0, LongVector v1) {
    LongVector.fromArray(S, c, o).add(v0).intoArray(c, o);
    LongVector.fromArray(S, c, o + L).add(v1).intoArray(c, o + L);
  }

  private static void spill(long[] edge, int r, LongVector v0, LongVector v1) {
    v0.intoArray(edge, r * NR);
    v1.intoArray(edge, r * NR + L);
  }

  /** The first w columns of a spilled tile of {@code rows} rows, added to C. */
  private static void addEdge(long[] c, int ci, int n, int rows, int w, long[] edge) {
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < w; j++) {
        c[ci + r * n + j] += edge[r * NR + j];
      }
    }
  }

  /** Fewer columns than one vector: per output, a vector dot product along k over B transposed. */
  private static void narrow(
      long[] c, int cOff, long[] a, int aOff, long[] b, int m, int k, int n) {
    long[] bt = new long[n * k];
    for (int t = 0; t < k; t++) {
      for (int j = 0; j < n; j++) {
        bt[j * k + t] = b[t * n + j];
      }
    }
    int kv = k - k % L;
    for (int i = 0; i < m; i++) {
      int ai = aOff + i * k;
      for (int j = 0; j < n; j++) {
        int bj = j * k;
        LongVector acc = LongVector.zero(S);
        for (int t = 0; t < kv; t += L) {
          acc =
              LongVector.fromArray(S, a, ai + t).mul(LongVector.fromArray(S, bt, bj + t)).add(acc);
        }
        long s = acc.reduceLanes(VectorOperators.ADD);
        for (int t = kv; t < k; t++) {
          s += a[ai + t] * bt[bj + t];
        }
        c[cOff + i * n + j] += s;
      }
    }
  }
}
