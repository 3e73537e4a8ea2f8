package dev.spu.mpc;

import java.util.Arrays;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The ring matmul kernel on the JDK Vector API (64-bit lanes, wrapping multiply and add; one {@code
 * vpmullq} per 8 lanes on AVX-512DQ). Loaded only when {@code jdk.incubator.vector} is in the boot
 * layer (see {@link RingMatmul}).
 *
 * <p>GEMM blocking: for each block of NC columns and KC rows of B, B is packed into panels of NR =
 * 2·lanes columns (k-major, zero-padded), so one panel row is two vector loads and a panel (KC·NR·8
 * = 16 KiB at 8 lanes) stays in L1 while every row tile of A passes over it. The micro-kernel keeps
 * an MR × NR tile of C in 2·MR vector registers over the KC steps; per step it loads the panel row
 * (two vectors), broadcasts MR values of A read straight from A's rows, and does 2·MR
 * multiply-adds. Rows left after the MR-row tiles use a 4-row tile and a one-row kernel; a partial
 * last panel goes through a zero-padded scratch tile; fewer columns than one vector use vector dot
 * products over a transposed B. A blocks whose row stride is a multiple of 4 KiB (all tile rows in
 * one L1 set) are first copied with a padded stride.
 *
 * <p>The kernels call no helper with vector arguments: C2 stops inlining in methods this large, and
 * an out-of-line call boxes its vector arguments (five times slower).
 */
final class VectorRingMatmul {
  private VectorRingMatmul() {}

  private static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Columns per B panel: two vectors. */
  private static final int NR = 2 * L;

  /** Rows per tile: 8 × 2 accumulators need 16 of AVX-512's 32 registers; 4 × 2 fit in 16. */
  private static final int MR = L >= 8 ? 8 : 4;

  /** k per block (the panel stays in L1). */
  private static final int KC = 128;

  /** Rows of A per block: MC × KC longs of A are reread per panel, from L2. */
  private static final int MC = 256;

  /** Columns of B per block: the packed KC × NC block is 1 MiB. */
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
    long[] pb = new long[ceilDiv(Math.min(NC, n), NR) * NR * kcMax];
    boolean pad = (k & 511) == 0;
    long[] ab = pad ? new long[Math.min(MC, m) * (kcMax + 8)] : null;
    long[] edge = new long[MR * NR];
    for (int j0 = 0; j0 < n; j0 += NC) {
      int nc = Math.min(NC, n - j0);
      int panels = ceilDiv(nc, NR);
      for (int k0 = 0; k0 < k; k0 += KC) {
        int kc = Math.min(KC, k - k0);
        packB(b, n, k0, kc, j0, nc, pb);
        for (int i0 = 0; i0 < m; i0 += MC) {
          int mc = Math.min(MC, m - i0);
          long[] as = a;
          int ao = aOff + i0 * k + k0;
          int ak = k;
          if (pad) {
            for (int r = 0; r < mc; r++) {
              System.arraycopy(a, ao + r * k, ab, r * (kc + 8), kc);
            }
            as = ab;
            ao = 0;
            ak = kc + 8;
          }
          int tiles = mc / MR;
          int half = MR == 8 && mc - tiles * MR >= 4 ? 1 : 0;
          int tiledRows = tiles * MR + half * 4;
          for (int p = 0; p < panels; p++) {
            int jp = j0 + p * NR;
            int w = Math.min(NR, n - jp);
            int po = p * kc * NR;
            int ci = cOff + i0 * n + jp;
            for (int q = 0; q < tiles; q++) {
              int ai = ao + q * MR * ak;
              int dst = ci + q * MR * n;
              if (w == NR) {
                tile(as, ai, ak, pb, po, kc, c, dst, n);
              } else {
                load(c, dst, n, MR, w, edge);
                tile(as, ai, ak, pb, po, kc, edge, 0, NR);
                store(edge, MR, w, c, dst, n);
              }
            }
            if (half == 1) {
              int ai = ao + tiles * MR * ak;
              int dst = ci + tiles * MR * n;
              if (w == NR) {
                tile4(as, ai, ak, pb, po, kc, c, dst, n);
              } else {
                load(c, dst, n, 4, w, edge);
                tile4(as, ai, ak, pb, po, kc, edge, 0, NR);
                store(edge, 4, w, c, dst, n);
              }
            }
            for (int r = tiledRows; r < mc; r++) {
              int ai = ao + r * ak;
              int dst = ci + r * n;
              if (w == NR) {
                row(as, ai, pb, po, kc, c, dst);
              } else {
                load(c, dst, n, 1, w, edge);
                row(as, ai, pb, po, kc, edge, 0);
                store(edge, 1, w, c, dst, n);
              }
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
   * The micro-kernel: an MR × NR tile of D (row stride {@code stride}, from {@code off}) += MR rows
   * of A (row stride {@code ak}, from {@code ai}) · a B panel, the tile held in registers over the
   * kc steps.
   */
  private static void tile(
      long[] a, int ai, int ak, long[] pb, int bo, int kc, long[] d, int off, int stride) {
    if (MR == 8) {
      tile8(a, ai, ak, pb, bo, kc, d, off, stride);
    } else {
      tile4(a, ai, ak, pb, bo, kc, d, off, stride);
    }
  }

  /** An 8 × NR tile (16 accumulators). */
  private static void tile8(
      long[] a, int ai, int ak, long[] pb, int bo, int kc, long[] d, int off, int stride) {
    LongVector c00 = LongVector.fromArray(S, d, off);
    LongVector c01 = LongVector.fromArray(S, d, off + L);
    LongVector c10 = LongVector.fromArray(S, d, off + 1 * stride);
    LongVector c11 = LongVector.fromArray(S, d, off + 1 * stride + L);
    LongVector c20 = LongVector.fromArray(S, d, off + 2 * stride);
    LongVector c21 = LongVector.fromArray(S, d, off + 2 * stride + L);
    LongVector c30 = LongVector.fromArray(S, d, off + 3 * stride);
    LongVector c31 = LongVector.fromArray(S, d, off + 3 * stride + L);
    LongVector c40 = LongVector.fromArray(S, d, off + 4 * stride);
    LongVector c41 = LongVector.fromArray(S, d, off + 4 * stride + L);
    LongVector c50 = LongVector.fromArray(S, d, off + 5 * stride);
    LongVector c51 = LongVector.fromArray(S, d, off + 5 * stride + L);
    LongVector c60 = LongVector.fromArray(S, d, off + 6 * stride);
    LongVector c61 = LongVector.fromArray(S, d, off + 6 * stride + L);
    LongVector c70 = LongVector.fromArray(S, d, off + 7 * stride);
    LongVector c71 = LongVector.fromArray(S, d, off + 7 * stride + L);
    for (int t = 0; t < kc; t++) {
      int bi = bo + t * NR;
      LongVector b0 = LongVector.fromArray(S, pb, bi);
      LongVector b1 = LongVector.fromArray(S, pb, bi + L);
      int at = ai + t;
      LongVector x = LongVector.broadcast(S, a[at]);
      c00 = x.mul(b0).add(c00);
      c01 = x.mul(b1).add(c01);
      x = LongVector.broadcast(S, a[at + 1 * ak]);
      c10 = x.mul(b0).add(c10);
      c11 = x.mul(b1).add(c11);
      x = LongVector.broadcast(S, a[at + 2 * ak]);
      c20 = x.mul(b0).add(c20);
      c21 = x.mul(b1).add(c21);
      x = LongVector.broadcast(S, a[at + 3 * ak]);
      c30 = x.mul(b0).add(c30);
      c31 = x.mul(b1).add(c31);
      x = LongVector.broadcast(S, a[at + 4 * ak]);
      c40 = x.mul(b0).add(c40);
      c41 = x.mul(b1).add(c41);
      x = LongVector.broadcast(S, a[at + 5 * ak]);
      c50 = x.mul(b0).add(c50);
      c51 = x.mul(b1).add(c51);
      x = LongVector.broadcast(S, a[at + 6 * ak]);
      c60 = x.mul(b0).add(c60);
      c61 = x.mul(b1).add(c61);
      x = LongVector.broadcast(S, a[at + 7 * ak]);
      c70 = x.mul(b0).add(c70);
      c71 = x.mul(b1).add(c71);
    }
    c00.intoArray(d, off);
    c01.intoArray(d, off + L);
    c10.intoArray(d, off + 1 * stride);
    c11.intoArray(d, off + 1 * stride + L);
    c20.intoArray(d, off + 2 * stride);
    c21.intoArray(d, off + 2 * stride + L);
    c30.intoArray(d, off + 3 * stride);
    c31.intoArray(d, off + 3 * stride + L);
    c40.intoArray(d, off + 4 * stride);
    c41.intoArray(d, off + 4 * stride + L);
    c50.intoArray(d, off + 5 * stride);
    c51.intoArray(d, off + 5 * stride + L);
    c60.intoArray(d, off + 6 * stride);
    c61.intoArray(d, off + 6 * stride + L);
    c70.intoArray(d, off + 7 * stride);
    c71.intoArray(d, off + 7 * stride + L);
  }

  /** An 4 × NR tile (8 accumulators). */
  private static void tile4(
      long[] a, int ai, int ak, long[] pb, int bo, int kc, long[] d, int off, int stride) {
    LongVector c00 = LongVector.fromArray(S, d, off);
    LongVector c01 = LongVector.fromArray(S, d, off + L);
    LongVector c10 = LongVector.fromArray(S, d, off + 1 * stride);
    LongVector c11 = LongVector.fromArray(S, d, off + 1 * stride + L);
    LongVector c20 = LongVector.fromArray(S, d, off + 2 * stride);
    LongVector c21 = LongVector.fromArray(S, d, off + 2 * stride + L);
    LongVector c30 = LongVector.fromArray(S, d, off + 3 * stride);
    LongVector c31 = LongVector.fromArray(S, d, off + 3 * stride + L);
    for (int t = 0; t < kc; t++) {
      int bi = bo + t * NR;
      LongVector b0 = LongVector.fromArray(S, pb, bi);
      LongVector b1 = LongVector.fromArray(S, pb, bi + L);
      int at = ai + t;
      LongVector x = LongVector.broadcast(S, a[at]);
      c00 = x.mul(b0).add(c00);
      c01 = x.mul(b1).add(c01);
      x = LongVector.broadcast(S, a[at + 1 * ak]);
      c10 = x.mul(b0).add(c10);
      c11 = x.mul(b1).add(c11);
      x = LongVector.broadcast(S, a[at + 2 * ak]);
      c20 = x.mul(b0).add(c20);
      c21 = x.mul(b1).add(c21);
      x = LongVector.broadcast(S, a[at + 3 * ak]);
      c30 = x.mul(b0).add(c30);
      c31 = x.mul(b1).add(c31);
    }
    c00.intoArray(d, off);
    c01.intoArray(d, off + L);
    c10.intoArray(d, off + 1 * stride);
    c11.intoArray(d, off + 1 * stride + L);
    c20.intoArray(d, off + 2 * stride);
    c21.intoArray(d, off + 2 * stride + L);
    c30.intoArray(d, off + 3 * stride);
    c31.intoArray(d, off + 3 * stride + L);
  }

  /** One row of D (NR columns, from {@code off}) += one row of A (from {@code ai}) · a B panel. */
  private static void row(long[] a, int ai, long[] pb, int bo, int kc, long[] d, int off) {
    LongVector c0 = LongVector.fromArray(S, d, off);
    LongVector c1 = LongVector.fromArray(S, d, off + L);
    for (int t = 0; t < kc; t++) {
      int bi = bo + t * NR;
      LongVector x = LongVector.broadcast(S, a[ai + t]);
      c0 = x.mul(LongVector.fromArray(S, pb, bi)).add(c0);
      c1 = x.mul(LongVector.fromArray(S, pb, bi + L)).add(c1);
    }
    c0.intoArray(d, off);
    c1.intoArray(d, off + L);
  }

  /** Copies the first w columns of a {@code rows}-row block of C into the NR-wide scratch tile. */
  private static void load(long[] c, int ci, int n, int rows, int w, long[] edge) {
    Arrays.fill(edge, 0L);
    for (int r = 0; r < rows; r++) {
      System.arraycopy(c, ci + r * n, edge, r * NR, w);
    }
  }

  /** Copies the first w columns of the scratch tile back into C. */
  private static void store(long[] edge, int rows, int w, long[] c, int ci, int n) {
    for (int r = 0; r < rows; r++) {
      System.arraycopy(edge, r * NR, c, ci + r * n, w);
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
