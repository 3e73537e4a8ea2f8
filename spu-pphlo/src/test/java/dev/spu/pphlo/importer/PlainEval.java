package dev.spu.pphlo.importer;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.ConvolutionSpec;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.Module;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.Value;
import dev.spu.pphlo.WindowSpec;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A test-only plaintext evaluator of PPHLO in double precision (integers as exact doubles, ±inf
 * kept), for checking what the importer produces against values computed independently (NumPy,
 * hand-written loops). Straightforward loops; no attempt at speed.
 */
final class PlainEval {
  private PlainEval() {}

  static List<double[]> run(Module m, List<double[]> args) {
    Function f = m.main();
    Map<Value, double[]> env = new IdentityHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      env.put(f.arguments().get(i), args.get(i));
    }
    for (Operation op : f.body()) {
      List<double[]> in = new ArrayList<>();
      for (Value v : op.operands()) {
        in.add(env.get(v));
      }
      List<double[]> out = eval(op, in);
      for (int i = 0; i < out.size(); i++) {
        env.put(op.results().get(i), out.get(i));
      }
    }
    List<double[]> out = new ArrayList<>();
    for (Value v : f.returns()) {
      out.add(env.get(v));
    }
    return out;
  }

  private static Shape shape(Operation op, int i) {
    return op.operands().get(i).type().shape();
  }

  private static List<double[]> eval(Operation op, List<double[]> in) {
    Attributes a = op.attributes();
    Shape out = op.results().get(0).type().shape();
    DType dt = op.results().get(0).type().dtype();
    return switch (op.name()) {
      case "constant" -> List.of(a.getDense("value").doubles());
      case "iota" -> {
        int d = (int) a.getLong("iota_dimension");
        double[] r = new double[out.numElements()];
        int[] c = new int[out.rank()];
        for (int i = 0; i < r.length; i++) {
          r[i] = c[d];
          Known.next(c, out);
        }
        yield List.of(r);
      }
      case "add" -> zip(in, Double::sum);
      case "subtract" -> zip(in, (x, y) -> x - y);
      case "multiply" -> zip(in, (x, y) -> x * y);
      case "divide" -> zip(in, dt.isFixedPoint() ? (x, y) -> x / y : (x, y) -> (long) x / (long) y);
      case "remainder" -> zip(in, (x, y) -> x % y);
      case "power" -> zip(in, Math::pow);
      case "maximum" -> zip(in, Math::max);
      case "minimum" -> zip(in, Math::min);
      case "and" -> zip(in, (x, y) -> (long) x & (long) y);
      case "or" -> zip(in, (x, y) -> (long) x | (long) y);
      case "xor" -> zip(in, (x, y) -> (long) x ^ (long) y);
      case "equal" -> zip(in, (x, y) -> x == y ? 1 : 0);
      case "not_equal" -> zip(in, (x, y) -> x != y ? 1 : 0);
      case "greater" -> zip(in, (x, y) -> x > y ? 1 : 0);
      case "greater_equal" -> zip(in, (x, y) -> x >= y ? 1 : 0);
      case "less" -> zip(in, (x, y) -> x < y ? 1 : 0);
      case "less_equal" -> zip(in, (x, y) -> x <= y ? 1 : 0);
      case "negate" -> map(in, x -> -x);
      case "abs" -> map(in, Math::abs);
      case "sign" -> map(in, Math::signum);
      case "not" -> map(in, dt.isBoolean() ? x -> 1 - x : x -> ~(long) x);
      case "exponential" -> map(in, Math::exp);
      case "log" -> map(in, Math::log);
      case "log_plus_one" -> map(in, Math::log1p);
      case "logistic" -> map(in, x -> 1 / (1 + Math.exp(-x)));
      case "tanh" -> map(in, Math::tanh);
      case "sqrt" -> map(in, Math::sqrt);
      case "rsqrt" -> map(in, x -> 1 / Math.sqrt(x));
      case "convert" -> {
        DType from = op.operands().get(0).type().dtype();
        DoubleUnaryOperator f =
            dt.isBoolean()
                ? x -> x != 0 ? 1 : 0
                : (!dt.isFixedPoint() && from.isFixedPoint()) ? Math::floor : x -> x;
        yield map(in, f);
      }
      case "select" -> {
        double[] p = in.get(0);
        double[] r = new double[in.get(1).length];
        for (int i = 0; i < r.length; i++) {
          r[i] = (p.length == 1 ? p[0] : p[i]) != 0 ? in.get(1)[i] : in.get(2)[i];
        }
        yield List.of(r);
      }
      case "clamp" -> {
        double[] x = in.get(1);
        double[] r = new double[x.length];
        for (int i = 0; i < r.length; i++) {
          double lo = in.get(0).length == 1 ? in.get(0)[0] : in.get(0)[i];
          double hi = in.get(2).length == 1 ? in.get(2)[0] : in.get(2)[i];
          r[i] = Math.min(Math.max(x[i], lo), hi);
        }
        yield List.of(r);
      }
      case "reshape" -> List.of(in.get(0).clone());
      case "transpose" -> {
        int[] perm = a.getInts("permutation");
        Shape s = shape(op, 0);
        int[] st = s.strides();
        yield List.of(
            gather(
                out,
                c -> {
                  int f = 0;
                  for (int i = 0; i < perm.length; i++) {
                    f += c[i] * st[perm[i]];
                  }
                  return f;
                },
                in.get(0)));
      }
      case "broadcast_in_dim" -> {
        int[] dims = a.getInts("broadcast_dimensions");
        Shape s = shape(op, 0);
        int[] st = s.strides();
        yield List.of(
            gather(
                out,
                c -> {
                  int f = 0;
                  for (int i = 0; i < dims.length; i++) {
                    f += (s.dim(i) == 1 ? 0 : c[dims[i]]) * st[i];
                  }
                  return f;
                },
                in.get(0)));
      }
      case "slice" -> {
        int[] start = a.getInts("start_indices");
        int[] strides = a.getInts("strides");
        int[] st = shape(op, 0).strides();
        yield List.of(
            gather(
                out,
                c -> {
                  int f = 0;
                  for (int i = 0; i < c.length; i++) {
                    f += (start[i] + c[i] * strides[i]) * st[i];
                  }
                  return f;
                },
                in.get(0)));
      }
      case "concatenate" -> {
        int dim = (int) a.getLong("dimension");
        double[] r = new double[out.numElements()];
        int[] c = new int[out.rank()];
        for (int i = 0; i < r.length; i++) {
          int off = c[dim];
          int p = 0;
          while (off >= shape(op, p).dim(dim)) {
            off -= shape(op, p).dim(dim);
            p++;
          }
          int[] cc = c.clone();
          cc[dim] = off;
          r[i] = in.get(p)[flat(cc, shape(op, p))];
          Known.next(c, out);
        }
        yield List.of(r);
      }
      case "pad" -> {
        int[] lo = a.getInts("edge_padding_low");
        int[] inr = a.getInts("interior_padding");
        Shape s = shape(op, 0);
        double v = in.get(1)[0];
        double[] r = new double[out.numElements()];
        int[] c = new int[out.rank()];
        for (int i = 0; i < r.length; i++) {
          int f = 0;
          boolean hole = false;
          for (int d = 0; d < c.length; d++) {
            int p = c[d] - lo[d];
            int step = inr[d] + 1;
            if (p < 0 || p % step != 0 || p / step >= s.dim(d)) {
              hole = true;
              break;
            }
            f += (p / step) * s.strides()[d];
          }
          r[i] = hole ? v : in.get(0)[f];
          Known.next(c, out);
        }
        yield List.of(r);
      }
      case "reduce" -> List.of(reduce(op, in, out));
      case "dot" ->
          List.of(
              dotGeneral(
                  in,
                  shape(op, 0),
                  shape(op, 1),
                  out,
                  new int[0],
                  new int[0],
                  new int[] {shape(op, 0).rank() - 1},
                  new int[] {0}));
      case "dot_general" ->
          List.of(
              dotGeneral(
                  in,
                  shape(op, 0),
                  shape(op, 1),
                  out,
                  a.getInts("lhs_batching_dimensions"),
                  a.getInts("rhs_batching_dimensions"),
                  a.getInts("lhs_contracting_dimensions"),
                  a.getInts("rhs_contracting_dimensions")));
      case "convolution" ->
          List.of(conv(ConvolutionSpec.parse(a), in, shape(op, 0), shape(op, 1), out));
      case "reduce_window" -> List.of(reduceWindow(op, in, out));
      case "select_and_scatter" -> List.of(selectAndScatter(op, in));
      default -> throw new UnsupportedOperationException("PlainEval: " + op.name());
    };
  }

  private static int flat(int[] c, Shape s) {
    int[] st = s.strides();
    int f = 0;
    for (int d = 0; d < c.length; d++) {
      f += c[d] * st[d];
    }
    return f;
  }

  private static double[] gather(
      Shape out, java.util.function.ToIntFunction<int[]> src, double[] x) {
    double[] r = new double[out.numElements()];
    int[] c = new int[out.rank()];
    for (int i = 0; i < r.length; i++) {
      r[i] = x[src.applyAsInt(c)];
      Known.next(c, out);
    }
    return r;
  }

  private static List<double[]> zip(List<double[]> in, DoubleBinaryOperator f) {
    double[] x = in.get(0);
    double[] y = in.get(1);
    double[] r = new double[x.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = f.applyAsDouble(x[i], y[i]);
    }
    return List.of(r);
  }

  private static List<double[]> map(List<double[]> in, DoubleUnaryOperator f) {
    double[] x = in.get(0);
    double[] r = new double[x.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = f.applyAsDouble(x[i]);
    }
    return List.of(r);
  }

  private static DoubleBinaryOperator combiner(String kind) {
    return switch (kind) {
      case "add" -> Double::sum;
      case "mul" -> (x, y) -> x * y;
      case "max" -> Math::max;
      default -> Math::min;
    };
  }

  private static double[] reduce(Operation op, List<double[]> in, Shape out) {
    Shape s = shape(op, 0);
    int[] dims = op.attributes().getInts("dimensions");
    boolean[] drop = new boolean[s.rank()];
    for (int d : dims) {
      drop[d] = true;
    }
    DoubleBinaryOperator f = combiner(op.attributes().getString("kind"));
    double[] r = new double[out.numElements()];
    java.util.Arrays.fill(r, in.get(1)[0]);
    int[] c = new int[s.rank()];
    for (int i = 0; i < s.numElements(); i++) {
      int o = 0;
      int k = 0;
      int[] kept = new int[out.rank()];
      for (int d = 0; d < s.rank(); d++) {
        if (!drop[d]) {
          kept[k++] = c[d];
        }
      }
      o = flat(kept, out);
      r[o] = f.applyAsDouble(r[o], in.get(0)[i]);
      Known.next(c, s);
    }
    return r;
  }

  private static double[] dotGeneral(
      List<double[]> in, Shape l, Shape rs, Shape out, int[] lb, int[] rb, int[] lc, int[] rc) {
    double[] r = new double[out.numElements()];
    int[] c = new int[l.rank()];
    // Loop over all lhs coordinates and all rhs coordinates matching on batch/contracting dims.
    List<Integer> lfree = free(l.rank(), lb, lc);
    List<Integer> rfree = free(rs.rank(), rb, rc);
    for (int i = 0; i < l.numElements(); i++) {
      int[] rcoord = new int[rs.rank()];
      for (int k = 0; k < lb.length; k++) {
        rcoord[rb[k]] = c[lb[k]];
      }
      for (int k = 0; k < lc.length; k++) {
        rcoord[rc[k]] = c[lc[k]];
      }
      // iterate over rhs free dims
      int rfreeCount = 1;
      for (int d : rfree) {
        rfreeCount *= rs.dim(d);
      }
      for (int j = 0; j < rfreeCount; j++) {
        int rem = j;
        for (int q = rfree.size() - 1; q >= 0; q--) {
          int d = rfree.get(q);
          rcoord[d] = rem % rs.dim(d);
          rem /= rs.dim(d);
        }
        int[] oc = new int[out.rank()];
        int p = 0;
        for (int d : lb) {
          oc[p++] = c[d];
        }
        for (int d : lfree) {
          oc[p++] = c[d];
        }
        for (int d : rfree) {
          oc[p++] = rcoord[d];
        }
        r[flat(oc, out)] += in.get(0)[i] * in.get(1)[flat(rcoord, rs)];
      }
      Known.next(c, l);
    }
    return r;
  }

  private static List<Integer> free(int rank, int[] b, int[] k) {
    List<Integer> out = new ArrayList<>();
    outer:
    for (int d = 0; d < rank; d++) {
      for (int x : b) {
        if (x == d) {
          continue outer;
        }
      }
      for (int x : k) {
        if (x == d) {
          continue outer;
        }
      }
      out.add(d);
    }
    return out;
  }

  private static double[] conv(
      ConvolutionSpec spec, List<double[]> in, Shape l, Shape k, Shape out) {
    ConvolutionSpec.Dims d = spec.dims();
    int s = spec.spatial();
    double[] r = new double[out.numElements()];
    int[] oc = new int[out.rank()];
    boolean[] rev = spec.reversal();
    for (int i = 0; i < r.length; i++) {
      int b = oc[d.outputBatch()];
      int o = oc[d.outputFeature()];
      double acc = 0;
      int taps = 1;
      for (int q = 0; q < s; q++) {
        taps *= k.dim(d.kernelSpatial()[q]);
      }
      for (int ci = 0; ci < l.dim(d.inputFeature()); ci++) {
        for (int t = 0; t < taps; t++) {
          int rem = t;
          int[] lc = new int[l.rank()];
          int[] kc = new int[k.rank()];
          lc[d.inputBatch()] = b;
          lc[d.inputFeature()] = ci;
          kc[d.kernelInputFeature()] = ci;
          kc[d.kernelOutputFeature()] = o;
          boolean hole = false;
          for (int q = s - 1; q >= 0; q--) {
            int kd = k.dim(d.kernelSpatial()[q]);
            int kk = rem % kd;
            rem /= kd;
            kc[d.kernelSpatial()[q]] = rev[q] ? kd - 1 - kk : kk;
            int pos =
                WindowSpec.tap(
                    oc[d.outputSpatial()[q]],
                    kk,
                    l.dim(d.inputSpatial()[q]),
                    spec.lhsDilation()[q],
                    spec.padLo(q),
                    spec.strides()[q],
                    spec.rhsDilation()[q]);
            if (pos < 0) {
              hole = true;
            } else {
              lc[d.inputSpatial()[q]] = pos;
            }
          }
          if (!hole) {
            acc += in.get(0)[flat(lc, l)] * in.get(1)[flat(kc, k)];
          }
        }
      }
      r[i] = acc;
      Known.next(oc, out);
    }
    return r;
  }

  private static double[] reduceWindow(Operation op, List<double[]> in, Shape out) {
    Shape s = shape(op, 0);
    WindowSpec w = WindowSpec.parse(op.attributes(), s.rank(), true);
    DoubleBinaryOperator f = combiner(op.attributes().getString("kind"));
    double init = in.get(1)[0];
    double[] r = new double[out.numElements()];
    int[] oc = new int[out.rank()];
    int[] win = w.window();
    Shape ws = Shape.of(win);
    for (int i = 0; i < r.length; i++) {
      double acc = init;
      int[] kc = new int[s.rank()];
      for (int t = 0; t < ws.numElements(); t++) {
        int[] pc = new int[s.rank()];
        boolean hole = false;
        for (int d = 0; d < s.rank(); d++) {
          int p =
              WindowSpec.tap(
                  oc[d],
                  kc[d],
                  s.dim(d),
                  w.baseDilations()[d],
                  w.padLo(d),
                  w.strides()[d],
                  w.windowDilations()[d]);
          if (p < 0) {
            hole = true;
          }
          pc[d] = p;
        }
        acc = f.applyAsDouble(acc, hole ? init : in.get(0)[flat(pc, s)]);
        Known.next(kc, ws);
      }
      r[i] = acc;
      Known.next(oc, out);
    }
    return r;
  }

  private static double[] selectAndScatter(Operation op, List<double[]> in) {
    Shape s = shape(op, 0);
    WindowSpec w = WindowSpec.parse(op.attributes(), s.rank(), false);
    boolean ge = op.attributes().getString("select").equals("ge");
    Shape out = w.outputShape(s);
    double[] r = new double[s.numElements()];
    java.util.Arrays.fill(r, in.get(2)[0]);
    int[] oc = new int[out.rank()];
    Shape ws = Shape.of(w.window());
    for (int i = 0; i < out.numElements(); i++) {
      int best = -1;
      double bv = 0;
      int[] kc = new int[s.rank()];
      for (int t = 0; t < ws.numElements(); t++) {
        int[] pc = new int[s.rank()];
        boolean hole = false;
        for (int d = 0; d < s.rank(); d++) {
          int p = WindowSpec.tap(oc[d], kc[d], s.dim(d), 1, w.padLo(d), w.strides()[d], 1);
          if (p < 0) {
            hole = true;
          }
          pc[d] = p;
        }
        if (!hole) {
          double v = in.get(0)[flat(pc, s)];
          if (best < 0 || (ge ? v > bv : v < bv)) {
            best = flat(pc, s);
            bv = v;
          }
        }
        Known.next(kc, ws);
      }
      if (best >= 0) {
        r[best] += in.get(1)[i];
      }
      Known.next(oc, out);
    }
    return r;
  }
}
