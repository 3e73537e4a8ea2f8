package dev.spu.kernels.hal;

import dev.spu.mpc.Protocol;
import dev.spu.mpc.Ring;
import dev.spu.mpc.Share;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import java.util.ArrayList;
import java.util.List;

/**
 * Matrix products. {@code dot_general} is brought to a batch of (m×k)·(k×n) products by transposing
 * each operand to [batch, free, contracting] / [batch, contracting, free]; each product goes to
 * {@code matmulAA}, {@code matmulAP}/{@code matmulPA} (local) or plaintext, and fixed × fixed is
 * truncated once at the end (error ≤ 1 ulp per output whatever k is). Public fixed-point products
 * are accumulated exactly in 128 bits before the floor shift.
 */
public final class LinAlg {
  private LinAlg() {}

  /** dot: (k)·(k) → scalar, (m×k)·(k) → m, (k)·(k×n) → n, (m×k)·(k×n) → m×n. */
  public static HalValue dot(Hal h, HalValue a, HalValue b) {
    Shape l = a.shape();
    Shape r = b.shape();
    int m = l.rank() == 2 ? l.dim(0) : 1;
    int k = l.dim(l.rank() - 1);
    int n = r.rank() == 2 ? r.dim(1) : 1;
    if (r.dim(0) != k || l.rank() > 2 || r.rank() > 2) {
      throw new IllegalArgumentException(
          "hal.dot: incompatible operands " + a.type() + ", " + b.type());
    }
    List<Integer> out = new ArrayList<>();
    if (l.rank() == 2) {
      out.add(m);
    }
    if (r.rank() == 2) {
      out.add(n);
    }
    Shape s = Shape.of(out.stream().mapToInt(Integer::intValue).toArray());
    return batchedMatmul(h, a, b, 1, m, k, n, s);
  }

  public static HalValue dotGeneral(
      Hal h, HalValue a, HalValue b, int[] lb, int[] rb, int[] lc, int[] rc) {
    int[] lf = free(a.shape().rank(), lb, lc);
    int[] rf = free(b.shape().rank(), rb, rc);
    HalValue at = Layout.transpose(h, a, concat(lb, lf, lc));
    HalValue bt = Layout.transpose(h, b, concat(rb, rc, rf));
    int batch = prod(a.shape(), lb);
    int m = prod(a.shape(), lf);
    int k = prod(a.shape(), lc);
    int n = prod(b.shape(), rf);
    List<Integer> out = new ArrayList<>();
    for (int d : lb) {
      out.add(a.shape().dim(d));
    }
    for (int d : lf) {
      out.add(a.shape().dim(d));
    }
    for (int d : rf) {
      out.add(b.shape().dim(d));
    }
    Shape s = Shape.of(out.stream().mapToInt(Integer::intValue).toArray());
    return batchedMatmul(h, at, bt, batch, m, k, n, s);
  }

  /**
   * {@code batch} products of (m×k)·(k×n) on operands laid out [batch, m, k] and [batch, k, n];
   * result laid out [batch, m, n] under shape {@code s}.
   */
  static HalValue batchedMatmul(
      Hal h, HalValue a, HalValue b, int batch, int m, int k, int n, Shape s) {
    DType d = DType.promote(a.dtype(), b.dtype());
    boolean trunc = a.dtype().isFixedPoint() && b.dtype().isFixedPoint();
    TensorType t = Hal.type(s, d, Hal.vis(a, b));
    int f = h.fracBits();
    if (a.isPublic() && b.isPublic()) {
      long[] out = new long[batch * m * n];
      for (int i = 0; i < batch; i++) {
        long[] x = slice(a.publicData(), i * m * k, m * k);
        long[] y = slice(b.publicData(), i * k * n, k * n);
        long[] c = trunc ? RingOps.matmulTrunc(x, y, m, k, n, f) : Ring.matmul(x, y, m, k, n);
        System.arraycopy(c, 0, out, i * m * n, m * n);
      }
      return HalValue.ofPublic(t, out);
    }
    Protocol p = h.protocol();
    if (t.numElements() == 0) {
      return HalValue.ofSecret(t, p.fromPublic(Share.Kind.ARITH, new long[0]));
    }
    if (k == 0) {
      return HalValue.ofSecret(t, p.fromPublic(Share.Kind.ARITH, new long[batch * m * n]));
    }
    Share[] outs = new Share[batch];
    Share as = a.isSecret() ? h.arith(a) : null;
    Share bs = b.isSecret() ? h.arith(b) : null;
    for (int i = 0; i < batch; i++) {
      int[] ia = Indexing.range(i * m * k, m * k);
      int[] ib = Indexing.range(i * k * n, k * n);
      Share x = as == null ? null : (batch == 1 ? as : as.gather(ia));
      Share y = bs == null ? null : (batch == 1 ? bs : bs.gather(ib));
      if (x != null && y != null) {
        outs[i] = p.matmulAA(x, y, m, k, n);
      } else if (x != null) {
        outs[i] = p.matmulAP(x, slice(b.publicData(), i * k * n, k * n), m, k, n);
      } else {
        outs[i] = p.matmulPA(slice(a.publicData(), i * m * k, m * k), y, m, k, n);
      }
    }
    Share c = batch == 1 ? outs[0] : Share.concat(outs);
    if (trunc) {
      c = p.truncA(c, f);
    }
    return HalValue.ofSecret(t, c);
  }

  private static long[] slice(long[] x, int from, int len) {
    if (from == 0 && len == x.length) {
      return x;
    }
    long[] r = new long[len];
    System.arraycopy(x, from, r, 0, len);
    return r;
  }

  private static int[] free(int rank, int[] batch, int[] contract) {
    boolean[] used = new boolean[rank];
    for (int d : batch) {
      used[d] = true;
    }
    for (int d : contract) {
      used[d] = true;
    }
    List<Integer> f = new ArrayList<>();
    for (int d = 0; d < rank; d++) {
      if (!used[d]) {
        f.add(d);
      }
    }
    return f.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[] concat(int[]... parts) {
    int total = 0;
    for (int[] p : parts) {
      total += p.length;
    }
    int[] r = new int[total];
    int off = 0;
    for (int[] p : parts) {
      System.arraycopy(p, 0, r, off, p.length);
      off += p.length;
    }
    return r;
  }

  private static int prod(Shape s, int[] dims) {
    int r = 1;
    for (int d : dims) {
      r *= s.dim(d);
    }
    return r;
  }
}
