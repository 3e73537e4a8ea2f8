package dev.spu.kernels.conformance;

/**
 * Plaintext double references of convolution, reduce_window and select_and_scatter, written from
 * the StableHLO/XLA definitions with direct loops over coordinates, independently of the kernels
 * (no shared index tables or helpers). Tensors are row-major double arrays with explicit dims.
 */
final class WindowRef {
  private WindowRef() {}

  static int[] strides(int[] dims) {
    int[] s = new int[dims.length];
    int acc = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= dims[i];
    }
    return s;
  }

  static int prod(int[] d) {
    int p = 1;
    for (int x : d) {
      p *= x;
    }
    return p;
  }

  /** Next row-major coordinate; false after the last. */
  static boolean next(int[] c, int[] dims) {
    for (int i = c.length - 1; i >= 0; i--) {
      if (++c[i] < dims[i]) {
        return true;
      }
      c[i] = 0;
    }
    return false;
  }

  /** Number of window starts o ≥ 0 with o·stride + (win − 1)·wdil ≤ base − 1. */
  static int positions(int size, int bdil, int lo, int hi, int win, int wdil, int stride) {
    int base = (size == 0 ? 0 : (size - 1) * bdil + 1) + lo + hi;
    int n = 0;
    while ((long) n * stride + (long) (win - 1) * wdil <= base - 1) {
      n++;
    }
    return n;
  }

  /** The operand index at dilated+padded position p, or −1 (padding or a dilation hole). */
  static int source(int p, int size, int bdil, int lo) {
    int q = p - lo;
    if (q < 0 || q % bdil != 0 || q / bdil >= size) {
      return -1;
    }
    return q / bdil;
  }

  /** Convolution with general dimension numbers; returns the result and fills {@code outDims}. */
  static double[] conv(
      double[] lhs,
      int[] ld,
      double[] rhs,
      int[] rd,
      int ib,
      int ifd,
      int[] is,
      int kif,
      int kof,
      int[] ks,
      int ob,
      int of,
      int[] os,
      int[] stride,
      int[] pad,
      int[] lhsDil,
      int[] rhsDil,
      boolean[] rev,
      int[] outDims) {
    int sp = is.length;
    int n = ld[ib];
    int c = ld[ifd];
    int f = rd[kof];
    int[] o = new int[sp];
    int[] k = new int[sp];
    for (int i = 0; i < sp; i++) {
      k[i] = rd[ks[i]];
      o[i] =
          positions(ld[is[i]], lhsDil[i], pad[2 * i], pad[2 * i + 1], k[i], rhsDil[i], stride[i]);
    }
    outDims[ob] = n;
    outDims[of] = f;
    for (int i = 0; i < sp; i++) {
      outDims[os[i]] = o[i];
    }
    int[] lst = strides(ld);
    int[] rst = strides(rd);
    int[] ost = strides(outDims);
    double[] out = new double[prod(outDims)];
    if (out.length == 0) {
      return out;
    }
    int[] oc = new int[sp];
    do {
      for (int b = 0; b < n; b++) {
        for (int g = 0; g < f; g++) {
          double acc = 0;
          for (int ci = 0; ci < c; ci++) {
            int[] kc = new int[sp];
            do {
              int loff = b * lst[ib] + ci * lst[ifd];
              boolean inside = true;
              for (int i = 0; i < sp && inside; i++) {
                int p = oc[i] * stride[i] + kc[i] * rhsDil[i];
                int src = source(p, ld[is[i]], lhsDil[i], pad[2 * i]);
                inside = src >= 0;
                loff += src * lst[is[i]];
              }
              if (!inside) {
                continue;
              }
              int roff = ci * rst[kif] + g * rst[kof];
              for (int i = 0; i < sp; i++) {
                int kk = rev[i] ? k[i] - 1 - kc[i] : kc[i];
                roff += kk * rst[ks[i]];
              }
              acc += lhs[loff] * rhs[roff];
            } while (next(kc, k));
          }
          int off = b * ost[ob] + g * ost[of];
          for (int i = 0; i < sp; i++) {
            off += oc[i] * ost[os[i]];
          }
          out[off] = acc;
        }
      }
    } while (sp > 0 && next(oc, o));
    return out;
  }

  /** reduce_window: padding and base-dilation holes hold init; init also starts each window. */
  static double[] reduceWindow(
      double[] x,
      int[] dims,
      double init,
      String kind,
      int[] win,
      int[] stride,
      int[] bdil,
      int[] wdil,
      int[] pad,
      int[] outDims) {
    int r = dims.length;
    for (int d = 0; d < r; d++) {
      outDims[d] =
          positions(dims[d], bdil[d], pad[2 * d], pad[2 * d + 1], win[d], wdil[d], stride[d]);
    }
    double[] out = new double[prod(outDims)];
    if (out.length == 0) {
      return out;
    }
    int[] xs = strides(dims);
    int[] oc = new int[r];
    int j = 0;
    do {
      double acc = init;
      int[] kc = new int[r];
      do {
        int off = 0;
        for (int d = 0; d < r && off >= 0; d++) {
          int src = source(oc[d] * stride[d] + kc[d] * wdil[d], dims[d], bdil[d], pad[2 * d]);
          off = src < 0 ? -1 : off + src * xs[d];
        }
        double v = off < 0 ? init : x[off];
        acc =
            switch (kind) {
              case "add" -> acc + v;
              case "max" -> Math.max(acc, v);
              case "min" -> Math.min(acc, v);
              default -> throw new IllegalArgumentException(kind);
            };
      } while (next(kc, win));
      out[j++] = acc;
    } while (r > 0 && next(oc, outDims));
    return out;
  }

  /**
   * select_and_scatter as XLA runs it: per window (row-major), the taps in row-major order, padding
   * skipped; the selection switches to a tap only when select(current, tap) is false; the source
   * value is added at the selected position of a result initialised to init.
   */
  static double[] selectAndScatter(
      double[] x,
      int[] dims,
      double[] src,
      double init,
      boolean ge,
      int[] win,
      int[] stride,
      int[] pad) {
    int r = dims.length;
    int[] outDims = new int[r];
    for (int d = 0; d < r; d++) {
      outDims[d] = positions(dims[d], 1, pad[2 * d], pad[2 * d + 1], win[d], 1, stride[d]);
    }
    double[] out = new double[x.length];
    java.util.Arrays.fill(out, init);
    if (prod(outDims) == 0) {
      return out;
    }
    int[] xs = strides(dims);
    int[] oc = new int[r];
    int w = 0;
    do {
      int sel = -1;
      int[] kc = new int[r];
      do {
        int off = 0;
        for (int d = 0; d < r && off >= 0; d++) {
          int src0 = source(oc[d] * stride[d] + kc[d], dims[d], 1, pad[2 * d]);
          off = src0 < 0 ? -1 : off + src0 * xs[d];
        }
        if (off < 0) {
          continue;
        }
        if (sel < 0) {
          sel = off;
        } else {
          boolean keep = ge ? x[sel] >= x[off] : x[sel] <= x[off];
          if (!keep) {
            sel = off;
          }
        }
      } while (next(kc, win));
      if (sel >= 0) {
        out[sel] += src[w];
      }
      w++;
    } while (r > 0 && next(oc, outDims));
    return out;
  }
}
