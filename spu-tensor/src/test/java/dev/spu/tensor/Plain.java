package dev.spu.tensor;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The test oracle: a plaintext NumPy-like array in double precision, written independently of the
 * tracer. Kind tracks the NumPy dtype family (bool, int, float) for promotion.
 */
final class Plain {
  enum Kind {
    BOOL,
    INT,
    FLOAT
  }

  final double[] v;
  final int[] shape;
  final Kind kind;

  Plain(double[] v, int[] shape, Kind kind) {
    if (v.length != size(shape)) {
      throw new IllegalArgumentException(v.length + " values for shape " + Arrays.toString(shape));
    }
    this.v = v;
    this.shape = shape;
    this.kind = kind;
  }

  static int size(int[] s) {
    int n = 1;
    for (int d : s) {
      n *= d;
    }
    return n;
  }

  static int[] strides(int[] s) {
    int[] st = new int[s.length];
    int acc = 1;
    for (int i = s.length - 1; i >= 0; i--) {
      st[i] = acc;
      acc *= s[i];
    }
    return st;
  }

  static Kind promote(Kind a, Kind b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }

  static int[] broadcastShape(int[] a, int[] b) {
    int r = Math.max(a.length, b.length);
    int[] out = new int[r];
    for (int i = 0; i < r; i++) {
      int da = i - (r - a.length) >= 0 ? a[i - (r - a.length)] : 1;
      int db = i - (r - b.length) >= 0 ? b[i - (r - b.length)] : 1;
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException("not broadcastable");
      }
      out[i] = da == 1 ? db : da;
    }
    return out;
  }

  /** This array broadcast to {@code target} (values repeated). */
  Plain broadcastTo(int[] target) {
    int[] st = strides(shape);
    int off = target.length - shape.length;
    int n = size(target);
    double[] out = new double[n];
    int[] idx = new int[target.length];
    for (int j = 0; j < n; j++) {
      int src = 0;
      for (int i = 0; i < shape.length; i++) {
        src += shape[i] == 1 ? 0 : idx[off + i] * st[i];
      }
      out[j] = v[src];
      inc(idx, target);
    }
    return new Plain(out, target.clone(), kind);
  }

  private static void inc(int[] idx, int[] shape) {
    for (int i = idx.length - 1; i >= 0; i--) {
      if (++idx[i] < shape[i]) {
        return;
      }
      idx[i] = 0;
    }
  }

  static Plain binary(Plain a, Plain b, DoubleBinaryOperator f, Kind out) {
    int[] s = broadcastShape(a.shape, b.shape);
    Plain x = a.broadcastTo(s);
    Plain y = b.broadcastTo(s);
    double[] r = new double[x.v.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = f.applyAsDouble(x.v[i], y.v[i]);
    }
    return new Plain(r, s, out);
  }

  static Plain arith(Plain a, Plain b, DoubleBinaryOperator f) {
    return binary(a, b, f, promote(a.kind, b.kind));
  }

  static Plain compare(Plain a, Plain b, DoubleBinaryOperator f) {
    return binary(a, b, f, Kind.BOOL);
  }

  Plain map(DoubleUnaryOperator f) {
    double[] r = new double[v.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = f.applyAsDouble(v[i]);
    }
    return new Plain(r, shape, kind);
  }

  Plain withKind(Kind k) {
    return new Plain(v, shape, k);
  }

  static Plain select(Plain p, Plain a, Plain b) {
    int[] s = broadcastShape(broadcastShape(p.shape, a.shape), b.shape);
    Plain pp = p.broadcastTo(s);
    Plain x = a.broadcastTo(s);
    Plain y = b.broadcastTo(s);
    double[] r = new double[pp.v.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = pp.v[i] != 0 ? x.v[i] : y.v[i];
    }
    return new Plain(r, s, promote(a.kind, b.kind));
  }

  /** Reduction over one axis with {@code f} (sum, max, min). */
  Plain reduce(int axis, boolean keep, DoubleBinaryOperator f) {
    int[] os = shape.clone();
    os[axis] = 1;
    int[] st = strides(shape);
    int n = size(os);
    double[] out = new double[n];
    int[] idx = new int[os.length];
    for (int j = 0; j < n; j++) {
      int base = 0;
      for (int i = 0; i < os.length; i++) {
        base += idx[i] * st[i];
      }
      double acc = v[base];
      for (int k = 1; k < shape[axis]; k++) {
        acc = f.applyAsDouble(acc, v[base + k * st[axis]]);
      }
      out[j] = acc;
      inc(idx, os);
    }
    Plain r = new Plain(out, os, kind == Kind.BOOL ? Kind.INT : kind);
    return keep ? r : r.reshape(drop(shape, axis));
  }

  static int[] drop(int[] s, int axis) {
    int[] d = new int[s.length - 1];
    for (int i = 0, j = 0; i < s.length; i++) {
      if (i != axis) {
        d[j++] = s[i];
      }
    }
    return d;
  }

  Plain reshape(int[] s) {
    return new Plain(v, s.clone(), kind);
  }

  Plain transpose(int[] perm) {
    int[] os = new int[shape.length];
    for (int i = 0; i < perm.length; i++) {
      os[i] = shape[perm[i]];
    }
    int[] st = strides(shape);
    double[] out = new double[v.length];
    int[] idx = new int[os.length];
    for (int j = 0; j < out.length; j++) {
      int src = 0;
      for (int i = 0; i < os.length; i++) {
        src += idx[i] * st[perm[i]];
      }
      out[j] = v[src];
      inc(idx, os);
    }
    return new Plain(out, os, kind);
  }

  Plain slice(int axis, int start, int limit) {
    int[] os = shape.clone();
    os[axis] = limit - start;
    int[] st = strides(shape);
    double[] out = new double[size(os)];
    int[] idx = new int[os.length];
    for (int j = 0; j < out.length; j++) {
      int src = 0;
      for (int i = 0; i < os.length; i++) {
        src += (idx[i] + (i == axis ? start : 0)) * st[i];
      }
      out[j] = v[src];
      inc(idx, os);
    }
    return new Plain(out, os, kind);
  }

  static Plain concat(int axis, Plain a, Plain b) {
    int[] os = a.shape.clone();
    os[axis] += b.shape[axis];
    double[] out = new double[size(os)];
    int[] idx = new int[os.length];
    int[] sa = strides(a.shape);
    int[] sb = strides(b.shape);
    for (int j = 0; j < out.length; j++) {
      boolean first = idx[axis] < a.shape[axis];
      int src = 0;
      for (int i = 0; i < os.length; i++) {
        int k = idx[i] - (i == axis && !first ? a.shape[axis] : 0);
        src += k * (first ? sa[i] : sb[i]);
      }
      out[j] = first ? a.v[src] : b.v[src];
      inc(idx, os);
    }
    return new Plain(out, os, promote(a.kind, b.kind));
  }

  Plain pad(int[] lo, int[] hi, double value) {
    int[] os = new int[shape.length];
    for (int i = 0; i < os.length; i++) {
      os[i] = shape[i] + lo[i] + hi[i];
    }
    int[] st = strides(shape);
    double[] out = new double[size(os)];
    int[] idx = new int[os.length];
    for (int j = 0; j < out.length; j++) {
      int src = 0;
      boolean inside = true;
      for (int i = 0; i < os.length; i++) {
        int k = idx[i] - lo[i];
        inside &= k >= 0 && k < shape[i];
        src += k * st[i];
      }
      out[j] = inside ? v[src] : value;
      inc(idx, os);
    }
    return new Plain(out, os, kind);
  }

  /** NumPy matmul for ranks 1..3 (batch dimensions broadcast). */
  static Plain matmul(Plain a, Plain b) {
    boolean va = a.shape.length == 1;
    boolean vb = b.shape.length == 1;
    Plain x = va ? a.reshape(new int[] {1, a.shape[0]}) : a;
    Plain y = vb ? b.reshape(new int[] {b.shape[0], 1}) : b;
    int m = x.shape[x.shape.length - 2];
    int k = x.shape[x.shape.length - 1];
    int n = y.shape[y.shape.length - 1];
    int[] bx = Arrays.copyOf(x.shape, x.shape.length - 2);
    int[] by = Arrays.copyOf(y.shape, y.shape.length - 2);
    int[] batch = broadcastShape(bx, by);
    x = x.broadcastTo(concat(batch, new int[] {m, k}));
    y = y.broadcastTo(concat(batch, new int[] {k, n}));
    int nb = size(batch);
    double[] out = new double[nb * m * n];
    for (int q = 0; q < nb; q++) {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double s = 0;
          for (int l = 0; l < k; l++) {
            s += x.v[q * m * k + i * k + l] * y.v[q * k * n + l * n + j];
          }
          out[q * m * n + i * n + j] = s;
        }
      }
    }
    int[] os = concat(batch, new int[] {m, n});
    Plain r = new Plain(out, os, promote(a.kind, b.kind));
    if (va) {
      r = r.reshape(drop(r.shape, r.shape.length - 2));
    }
    if (vb) {
      r = r.reshape(drop(r.shape, r.shape.length - 1));
    }
    return r;
  }

  static int[] concat(int[] a, int[] b) {
    int[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
