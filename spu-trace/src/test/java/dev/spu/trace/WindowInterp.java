package dev.spu.trace;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.ConvolutionSpec;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.WindowSpec;
import dev.spu.trace.DoubleInterpreter.T;
import java.util.Arrays;
import java.util.List;

/**
 * Double-precision evaluation of convolution, reduce_window and select_and_scatter for {@link
 * DoubleInterpreter}, by direct loops over coordinates from the StableHLO/XLA definitions (written
 * independently of the kernels and of the VJP rules).
 */
final class WindowInterp {
  private WindowInterp() {}

  static T eval(Operation op, List<T> in, Shape rs) {
    Attributes a = op.attributes();
    return switch (op.name()) {
      case "convolution" -> conv(in.get(0), in.get(1), ConvolutionSpec.parse(a), rs);
      case "reduce_window" ->
          reduceWindow(
              in.get(0),
              in.get(1).scalar(),
              a.getString("kind"),
              WindowSpec.parse(a, in.get(0).shape().rank(), true),
              rs);
      case "select_and_scatter" ->
          selectAndScatter(
              in.get(0),
              in.get(1),
              in.get(2).scalar(),
              a.getString("select").equals("ge"),
              WindowSpec.parse(a, in.get(0).shape().rank(), false));
      default -> throw new UnsupportedOperationException(op.name());
    };
  }

  /** Operand index at dilated+padded position p, or −1 (padding or a hole). */
  static int source(int p, int size, int dil, int lo) {
    int q = p - lo;
    if (q < 0 || q % dil != 0 || q / dil >= size) {
      return -1;
    }
    return q / dil;
  }

  static boolean next(int[] c, int[] dims) {
    for (int i = c.length - 1; i >= 0; i--) {
      if (++c[i] < dims[i]) {
        return true;
      }
      c[i] = 0;
    }
    return false;
  }

  static T conv(T x, T w, ConvolutionSpec s, Shape rs) {
    ConvolutionSpec.Dims d = s.dims();
    int sp = s.spatial();
    int[] is = d.inputSpatial();
    int[] ks = d.kernelSpatial();
    int[] os = d.outputSpatial();
    Shape xs = x.shape();
    Shape ws = w.shape();
    int[] k = new int[sp];
    int[] o = new int[sp];
    for (int i = 0; i < sp; i++) {
      k[i] = ws.dim(ks[i]);
      o[i] = rs.dim(os[i]);
    }
    int[] xst = xs.strides();
    int[] wst = ws.strides();
    int[] rst = rs.strides();
    double[] out = new double[rs.numElements()];
    if (out.length == 0) {
      return new T(rs, out);
    }
    boolean[] rev = s.reversal();
    int[] oc = new int[sp];
    do {
      for (int b = 0; b < xs.dim(d.inputBatch()); b++) {
        for (int f = 0; f < ws.dim(d.kernelOutputFeature()); f++) {
          double acc = 0;
          for (int c = 0; c < xs.dim(d.inputFeature()); c++) {
            int[] kc = new int[sp];
            do {
              int xo = b * xst[d.inputBatch()] + c * xst[d.inputFeature()];
              boolean inside = true;
              for (int i = 0; i < sp && inside; i++) {
                int p = oc[i] * s.strides()[i] + kc[i] * s.rhsDilation()[i];
                int src = source(p, xs.dim(is[i]), s.lhsDilation()[i], s.padLo(i));
                inside = src >= 0;
                xo += src * xst[is[i]];
              }
              if (!inside) {
                continue;
              }
              int wo = c * wst[d.kernelInputFeature()] + f * wst[d.kernelOutputFeature()];
              for (int i = 0; i < sp; i++) {
                wo += (rev[i] ? k[i] - 1 - kc[i] : kc[i]) * wst[ks[i]];
              }
              acc += x.v()[xo] * w.v()[wo];
            } while (next(kc, k));
          }
          int ro = b * rst[d.outputBatch()] + f * rst[d.outputFeature()];
          for (int i = 0; i < sp; i++) {
            ro += oc[i] * rst[os[i]];
          }
          out[ro] = acc;
        }
      }
    } while (sp > 0 && next(oc, o));
    return new T(rs, out);
  }

  static T reduceWindow(T x, double init, String kind, WindowSpec s, Shape rs) {
    int r = rs.rank();
    double[] out = new double[rs.numElements()];
    if (out.length == 0) {
      return new T(rs, out);
    }
    int[] xst = x.shape().strides();
    int[] od = rs.dims();
    int[] win = s.window();
    int[] oc = new int[r];
    int j = 0;
    do {
      double acc = init;
      int[] kc = new int[r];
      do {
        int off = 0;
        for (int d = 0; d < r && off >= 0; d++) {
          int p = oc[d] * s.strides()[d] + kc[d] * s.windowDilations()[d];
          int src = source(p, x.shape().dim(d), s.baseDilations()[d], s.padLo(d));
          off = src < 0 ? -1 : off + src * xst[d];
        }
        double v = off < 0 ? init : x.v()[off];
        acc =
            switch (kind) {
              case "add" -> acc + v;
              case "max" -> Math.max(acc, v);
              case "min" -> Math.min(acc, v);
              default -> throw new UnsupportedOperationException(kind);
            };
      } while (next(kc, win));
      out[j++] = acc;
    } while (r > 0 && next(oc, od));
    return new T(rs, out);
  }

  static T selectAndScatter(T x, T src, double init, boolean ge, WindowSpec s) {
    Shape xs = x.shape();
    int r = xs.rank();
    double[] out = new double[xs.numElements()];
    Arrays.fill(out, init);
    Shape ws = src.shape();
    if (ws.numElements() == 0) {
      return new T(xs, out);
    }
    int[] xst = xs.strides();
    int[] win = s.window();
    int[] oc = new int[r];
    int w = 0;
    do {
      int sel = -1;
      int[] kc = new int[r];
      do {
        int off = 0;
        for (int d = 0; d < r && off >= 0; d++) {
          int p = oc[d] * s.strides()[d] + kc[d];
          int q = source(p, xs.dim(d), 1, s.padLo(d));
          off = q < 0 ? -1 : off + q * xst[d];
        }
        if (off >= 0 && (sel < 0 || !(ge ? x.v()[sel] >= x.v()[off] : x.v()[sel] <= x.v()[off]))) {
          sel = off;
        }
      } while (next(kc, win));
      if (sel >= 0) {
        out[sel] += src.v()[w];
      }
      w++;
    } while (r > 0 && next(oc, ws.dims()));
    return new T(xs, out);
  }
}
