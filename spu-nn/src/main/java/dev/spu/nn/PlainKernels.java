package dev.spu.nn;

/**
 * Double-precision loops of the plaintext twin: matrix products (with either operand transposed),
 * im2col convolution and window pooling on NCHW data. Row-major {@code double[]} only; i-k-j loop
 * order so the inner loop streams contiguous rows.
 */
public final class PlainKernels {
  private PlainKernels() {}

  /** {@code c[m,n] (+)= a[m,k] · b[k,n]}. */
  public static void matmul(
      double[] a, double[] b, double[] c, int m, int k, int n, boolean accumulate) {
    if (!accumulate) {
      java.util.Arrays.fill(c, 0, m * n, 0);
    }
    for (int i = 0; i < m; i++) {
      int ci = i * n;
      for (int p = 0; p < k; p++) {
        double av = a[i * k + p];
        if (av == 0) {
          continue;
        }
        int bp = p * n;
        for (int j = 0; j < n; j++) {
          c[ci + j] += av * b[bp + j];
        }
      }
    }
  }

  /** {@code c[k,n] (+)= a[m,k]ᵀ · b[m,n]}. */
  public static void matmulTransA(
      double[] a, double[] b, double[] c, int m, int k, int n, boolean accumulate) {
    if (!accumulate) {
      java.util.Arrays.fill(c, 0, k * n, 0);
    }
    for (int i = 0; i < m; i++) {
      int bi = i * n;
      for (int p = 0; p < k; p++) {
        double av = a[i * k + p];
        if (av == 0) {
          continue;
        }
        int cp = p * n;
        for (int j = 0; j < n; j++) {
          c[cp + j] += av * b[bi + j];
        }
      }
    }
  }

  /** {@code c[m,k] (+)= a[m,n] · b[k,n]ᵀ}. */
  public static void matmulTransB(
      double[] a, double[] b, double[] c, int m, int n, int k, boolean accumulate) {
    for (int i = 0; i < m; i++) {
      int ai = i * n;
      for (int p = 0; p < k; p++) {
        int bp = p * n;
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += a[ai + j] * b[bp + j];
        }
        c[i * k + p] = accumulate ? c[i * k + p] + s : s;
      }
    }
  }

  /** Output size of a window along one dimension (floor, as XLA/PyTorch). */
  public static int outSize(int in, int window, int stride, int padLo, int padHi) {
    return (in + padLo + padHi - window) / stride + 1;
  }

  /**
   * im2col of one image {@code x[c, h, w]} (at {@code off}) into {@code cols[c·kh·kw, oh·ow]}, zero
   * padding.
   */
  public static void im2col(
      double[] x,
      int off,
      int c,
      int h,
      int w,
      int kh,
      int kw,
      int stride,
      int pad,
      double[] cols) {
    int oh = outSize(h, kh, stride, pad, pad);
    int ow = outSize(w, kw, stride, pad, pad);
    int ohw = oh * ow;
    for (int ci = 0; ci < c; ci++) {
      for (int ki = 0; ki < kh; ki++) {
        for (int kj = 0; kj < kw; kj++) {
          int row = ((ci * kh + ki) * kw + kj) * ohw;
          for (int oi = 0; oi < oh; oi++) {
            int ii = oi * stride + ki - pad;
            for (int oj = 0; oj < ow; oj++) {
              int jj = oj * stride + kj - pad;
              cols[row + oi * ow + oj] =
                  ii >= 0 && ii < h && jj >= 0 && jj < w ? x[off + (ci * h + ii) * w + jj] : 0;
            }
          }
        }
      }
    }
  }

  /** The adjoint of {@link #im2col}: adds {@code cols} back into {@code dx[c, h, w]}. */
  public static void col2im(
      double[] cols,
      int c,
      int h,
      int w,
      int kh,
      int kw,
      int stride,
      int pad,
      double[] dx,
      int off) {
    int oh = outSize(h, kh, stride, pad, pad);
    int ow = outSize(w, kw, stride, pad, pad);
    int ohw = oh * ow;
    for (int ci = 0; ci < c; ci++) {
      for (int ki = 0; ki < kh; ki++) {
        for (int kj = 0; kj < kw; kj++) {
          int row = ((ci * kh + ki) * kw + kj) * ohw;
          for (int oi = 0; oi < oh; oi++) {
            int ii = oi * stride + ki - pad;
            if (ii < 0 || ii >= h) {
              continue;
            }
            for (int oj = 0; oj < ow; oj++) {
              int jj = oj * stride + kj - pad;
              if (jj >= 0 && jj < w) {
                dx[off + (ci * h + ii) * w + jj] += cols[row + oi * ow + oj];
              }
            }
          }
        }
      }
    }
  }
}
