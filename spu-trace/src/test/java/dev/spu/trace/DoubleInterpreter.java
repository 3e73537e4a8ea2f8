package dev.spu.trace;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Value;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;

/**
 * A plaintext evaluator of PPHLO functions in double precision, for testing gradients against
 * finite differences (no fixed point, no shares). Integers are held as exact doubles; i1 as 0/1.
 * Written from the StableHLO semantics, independently of the VJP rules.
 */
final class DoubleInterpreter {
  private DoubleInterpreter() {}

  /** A row-major tensor of doubles. */
  record T(Shape shape, double[] v) {
    T {
      if (v.length != shape.numElements()) {
        throw new IllegalArgumentException(v.length + " values for shape " + shape);
      }
    }

    double scalar() {
      return v[0];
    }
  }

  static List<T> run(Function f, List<T> args) {
    Map<Value, T> env = new IdentityHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      Value a = f.arguments().get(i);
      if (!a.type().shape().equals(args.get(i).shape())) {
        throw new IllegalArgumentException("argument " + i + " shape mismatch");
      }
      env.put(a, args.get(i));
    }
    for (Operation op : f.body()) {
      List<T> in = new ArrayList<>();
      for (Value v : op.operands()) {
        in.add(env.get(v));
      }
      TensorType rt = op.result().type();
      T out = eval(op, in, rt);
      env.put(op.result(), new T(rt.shape(), round(out.v(), rt.dtype())));
    }
    List<T> out = new ArrayList<>();
    for (Value r : f.returns()) {
      out.add(env.get(r));
    }
    return out;
  }

  private static double[] round(double[] v, DType d) {
    if (d.isFixedPoint()) {
      return v;
    }
    double[] o = v.clone();
    for (int i = 0; i < o.length; i++) {
      o[i] = d == DType.I1 ? (o[i] != 0 ? 1 : 0) : o[i];
    }
    return o;
  }

  private static T eval(Operation op, List<T> in, TensorType rt) {
    Attributes a = op.attributes();
    Shape rs = rt.shape();
    DType rd = rt.dtype();
    boolean intResult = !rd.isFixedPoint();
    switch (op.name()) {
      case "constant":
        return new T(rs, a.getDense("value").doubles());
      case "iota":
        {
          int dim = (int) a.getLong("iota_dimension");
          double[] o = new double[rs.numElements()];
          for (int i = 0; i < o.length; i++) {
            o[i] = unravel(i, rs)[dim];
          }
          return new T(rs, o);
        }
      case "add":
        return zip(in, (x, y) -> x + y);
      case "subtract":
        return zip(in, (x, y) -> x - y);
      case "multiply":
        return zip(in, (x, y) -> x * y);
      case "divide":
        return zip(in, intResult ? (x, y) -> trunc(x / y) : (x, y) -> x / y);
      case "remainder":
        return zip(in, (x, y) -> x % y);
      case "power":
        return zip(in, Math::pow);
      case "maximum":
        return zip(in, Math::max);
      case "minimum":
        return zip(in, Math::min);
      case "and":
        return zip(in, (x, y) -> rd == DType.I1 ? x * y : (long) x & (long) y);
      case "or":
        return zip(in, (x, y) -> rd == DType.I1 ? Math.max(x, y) : (long) x | (long) y);
      case "xor":
        return zip(in, (x, y) -> rd == DType.I1 ? (x != y ? 1 : 0) : (long) x ^ (long) y);
      case "equal":
        return zip(in, (x, y) -> x == y ? 1 : 0);
      case "not_equal":
        return zip(in, (x, y) -> x != y ? 1 : 0);
      case "greater":
        return zip(in, (x, y) -> x > y ? 1 : 0);
      case "greater_equal":
        return zip(in, (x, y) -> x >= y ? 1 : 0);
      case "less":
        return zip(in, (x, y) -> x < y ? 1 : 0);
      case "less_equal":
        return zip(in, (x, y) -> x <= y ? 1 : 0);
      case "negate":
        return map(in.get(0), x -> -x);
      case "abs":
        return map(in.get(0), Math::abs);
      case "sign":
        return map(in.get(0), Math::signum);
      case "exponential":
        return map(in.get(0), Math::exp);
      case "log":
        return map(in.get(0), Math::log);
      case "log_plus_one":
        return map(in.get(0), Math::log1p);
      case "reciprocal":
        return map(in.get(0), x -> 1 / x);
      case "sqrt":
        return map(in.get(0), Math::sqrt);
      case "rsqrt":
        return map(in.get(0), x -> 1 / Math.sqrt(x));
      case "logistic":
        return map(in.get(0), x -> 1 / (1 + Math.exp(-x)));
      case "tanh":
        return map(in.get(0), Math::tanh);
      case "erf":
        return map(in.get(0), ErfRef::erf);
      case "not":
        return map(in.get(0), x -> rd == DType.I1 ? 1 - x : ~(long) x);
      case "select":
        {
          T p = in.get(0);
          T x = in.get(1);
          T y = in.get(2);
          double[] o = new double[x.v().length];
          for (int i = 0; i < o.length; i++) {
            double c = p.v().length == 1 ? p.v()[0] : p.v()[i];
            o[i] = c != 0 ? x.v()[i] : y.v()[i];
          }
          return new T(rs, o);
        }
      case "clamp":
        {
          T lo = in.get(0);
          T x = in.get(1);
          T hi = in.get(2);
          double[] o = new double[x.v().length];
          for (int i = 0; i < o.length; i++) {
            double l = lo.v().length == 1 ? lo.v()[0] : lo.v()[i];
            double h = hi.v().length == 1 ? hi.v()[0] : hi.v()[i];
            o[i] = Math.min(Math.max(x.v()[i], l), h);
          }
          return new T(rs, o);
        }
      case "convert":
        return map(
            in.get(0), intResult ? x -> rd == DType.I1 ? (x != 0 ? 1 : 0) : trunc(x) : x -> x);
      case "dot":
        return dot(in.get(0), in.get(1), rs);
      case "dot_general":
        return dotGeneral(in.get(0), in.get(1), a, rs);
      case "transpose":
        {
          int[] perm = a.getInts("permutation");
          T x = in.get(0);
          double[] o = new double[rs.numElements()];
          for (int i = 0; i < o.length; i++) {
            int[] idx = unravel(i, rs);
            int[] src = new int[idx.length];
            for (int d = 0; d < perm.length; d++) {
              src[perm[d]] = idx[d];
            }
            o[i] = x.v()[ravel(src, x.shape())];
          }
          return new T(rs, o);
        }
      case "reshape":
        return new T(rs, in.get(0).v().clone());
      case "broadcast_in_dim":
        {
          int[] dims = a.getInts("broadcast_dimensions");
          T x = in.get(0);
          double[] o = new double[rs.numElements()];
          for (int i = 0; i < o.length; i++) {
            int[] idx = unravel(i, rs);
            int[] src = new int[dims.length];
            for (int d = 0; d < dims.length; d++) {
              src[d] = x.shape().dim(d) == 1 ? 0 : idx[dims[d]];
            }
            o[i] = x.v()[ravel(src, x.shape())];
          }
          return new T(rs, o);
        }
      case "slice":
        {
          int[] start = a.getInts("start_indices");
          int[] strides = a.getInts("strides");
          T x = in.get(0);
          double[] o = new double[rs.numElements()];
          for (int i = 0; i < o.length; i++) {
            int[] idx = unravel(i, rs);
            for (int d = 0; d < idx.length; d++) {
              idx[d] = start[d] + idx[d] * strides[d];
            }
            o[i] = x.v()[ravel(idx, x.shape())];
          }
          return new T(rs, o);
        }
      case "concatenate":
        {
          int dim = (int) a.getLong("dimension");
          double[] o = new double[rs.numElements()];
          for (int i = 0; i < o.length; i++) {
            int[] idx = unravel(i, rs);
            int k = 0;
            while (idx[dim] >= in.get(k).shape().dim(dim)) {
              idx[dim] -= in.get(k).shape().dim(dim);
              k++;
            }
            o[i] = in.get(k).v()[ravel(idx, in.get(k).shape())];
          }
          return new T(rs, o);
        }
      case "pad":
        {
          int[] lo = a.getInts("edge_padding_low");
          int[] interior = a.getInts("interior_padding");
          T x = in.get(0);
          double pv = in.get(1).scalar();
          double[] o = new double[rs.numElements()];
          for (int i = 0; i < o.length; i++) {
            int[] idx = unravel(i, rs);
            boolean inside = true;
            for (int d = 0; d < idx.length && inside; d++) {
              int p = idx[d] - lo[d];
              int step = interior[d] + 1;
              if (p < 0 || p % step != 0 || p / step >= x.shape().dim(d)) {
                inside = false;
              } else {
                idx[d] = p / step;
              }
            }
            o[i] = inside ? x.v()[ravel(idx, x.shape())] : pv;
          }
          return new T(rs, o);
        }
      case "reduce":
        return reduce(in.get(0), in.get(1).scalar(), a, rs);
      case "convolution", "reduce_window", "select_and_scatter":
        return WindowInterp.eval(op, in, rs);
      default:
        throw new UnsupportedOperationException("interpreter: no op " + op.name());
    }
  }

  private static double trunc(double x) {
    return x < 0 ? Math.ceil(x) : Math.floor(x);
  }

  private static T map(T x, java.util.function.DoubleUnaryOperator f) {
    double[] o = new double[x.v().length];
    for (int i = 0; i < o.length; i++) {
      o[i] = f.applyAsDouble(x.v()[i]);
    }
    return new T(x.shape(), o);
  }

  private static T zip(List<T> in, DoubleBinaryOperator f) {
    T x = in.get(0);
    T y = in.get(1);
    double[] o = new double[x.v().length];
    for (int i = 0; i < o.length; i++) {
      o[i] = f.applyAsDouble(x.v()[i], y.v()[i]);
    }
    return new T(x.shape(), o);
  }

  private static T dot(T x, T y, Shape rs) {
    int m = x.shape().rank() == 2 ? x.shape().dim(0) : 1;
    int k = x.shape().dim(x.shape().rank() - 1);
    int n = y.shape().rank() == 2 ? y.shape().dim(1) : 1;
    double[] o = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          s += x.v()[i * k + p] * y.v()[p * n + j];
        }
        o[i * n + j] = s;
      }
    }
    return new T(rs, o);
  }

  private static T dotGeneral(T x, T y, Attributes a, Shape rs) {
    int[] lb = a.getInts("lhs_batching_dimensions");
    int[] rb = a.getInts("rhs_batching_dimensions");
    int[] lc = a.getInts("lhs_contracting_dimensions");
    int[] rc = a.getInts("rhs_contracting_dimensions");
    int[] lf = freeDims(x.shape().rank(), lb, lc);
    int[] rf = freeDims(y.shape().rank(), rb, rc);
    int[] csize = new int[lc.length];
    for (int i = 0; i < lc.length; i++) {
      csize[i] = x.shape().dim(lc[i]);
    }
    Shape cs = Shape.of(csize);
    double[] o = new double[rs.numElements()];
    for (int i = 0; i < o.length; i++) {
      int[] idx = unravel(i, rs);
      int[] xi = new int[x.shape().rank()];
      int[] yi = new int[y.shape().rank()];
      for (int b = 0; b < lb.length; b++) {
        xi[lb[b]] = idx[b];
        yi[rb[b]] = idx[b];
      }
      for (int j = 0; j < lf.length; j++) {
        xi[lf[j]] = idx[lb.length + j];
      }
      for (int j = 0; j < rf.length; j++) {
        yi[rf[j]] = idx[lb.length + lf.length + j];
      }
      double s = 0;
      for (int c = 0; c < cs.numElements(); c++) {
        int[] ci = unravel(c, cs);
        for (int j = 0; j < lc.length; j++) {
          xi[lc[j]] = ci[j];
          yi[rc[j]] = ci[j];
        }
        s += x.v()[ravel(xi, x.shape())] * y.v()[ravel(yi, y.shape())];
      }
      o[i] = s;
    }
    return new T(rs, o);
  }

  private static int[] freeDims(int rank, int[] batch, int[] contract) {
    boolean[] used = new boolean[rank];
    for (int d : batch) {
      used[d] = true;
    }
    for (int d : contract) {
      used[d] = true;
    }
    List<Integer> out = new ArrayList<>();
    for (int d = 0; d < rank; d++) {
      if (!used[d]) {
        out.add(d);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static T reduce(T x, double init, Attributes a, Shape rs) {
    String kind = a.getString("kind");
    int[] dims = a.getInts("dimensions");
    boolean[] gone = new boolean[x.shape().rank()];
    for (int d : dims) {
      gone[d] = true;
    }
    double[] o = new double[rs.numElements()];
    java.util.Arrays.fill(o, init);
    for (int i = 0; i < x.v().length; i++) {
      int[] idx = unravel(i, x.shape());
      int[] out = new int[rs.rank()];
      int j = 0;
      for (int d = 0; d < idx.length; d++) {
        if (!gone[d]) {
          out[j++] = idx[d];
        }
      }
      int k = ravel(out, rs);
      double v = x.v()[i];
      o[k] =
          switch (kind) {
            case "add" -> o[k] + v;
            case "mul" -> o[k] * v;
            case "max" -> Math.max(o[k], v);
            case "min" -> Math.min(o[k], v);
            default -> throw new UnsupportedOperationException(kind);
          };
    }
    return new T(rs, o);
  }

  static int[] unravel(int i, Shape s) {
    int[] idx = new int[s.rank()];
    for (int d = s.rank() - 1; d >= 0; d--) {
      idx[d] = i % s.dim(d);
      i /= s.dim(d);
    }
    return idx;
  }

  static int ravel(int[] idx, Shape s) {
    int k = 0;
    for (int d = 0; d < idx.length; d++) {
      k = k * s.dim(d) + idx[d];
    }
    return k;
  }
}
