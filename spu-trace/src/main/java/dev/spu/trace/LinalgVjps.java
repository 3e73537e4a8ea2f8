package dev.spu.trace;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.Value;
import java.util.Arrays;

/** VJP rules of {@code dot} and {@code dot_general}. */
final class LinalgVjps {
  private LinalgVjps() {}

  /**
   * dot(a, b) viewed as matrices A (m×k) · B (k×n), a vector being a single row (lhs) or column
   * (rhs): dA = G·Bᵀ, dB = Aᵀ·G, reshaped back. Only {@code dot}, {@code reshape} and {@code
   * transpose} are emitted.
   */
  static Value[] dot(VjpContext c) {
    Value a = c.operand(0);
    Value b = c.operand(1);
    Shape sa = a.type().shape();
    Shape sb = b.type().shape();
    int k = sa.dim(sa.rank() - 1);
    int m = sa.rank() == 2 ? sa.dim(0) : 1;
    int n = sb.rank() == 2 ? sb.dim(1) : 1;
    Value g = c.reshape(c.ct(), Shape.of(m, n));
    Value[] out = new Value[2];
    if (c.needs(0)) {
      Value bt = transpose2d(c, c.reshape(b, Shape.of(k, n)));
      out[0] = c.reshape(c.op("dot", g, bt), sa);
    }
    if (c.needs(1)) {
      Value at = transpose2d(c, c.reshape(a, Shape.of(m, k)));
      out[1] = c.reshape(c.op("dot", at, g), sb);
    }
    return out;
  }

  /** A matrix transpose; a row or column vector is just reshaped. */
  private static Value transpose2d(VjpContext c, Value x) {
    Shape s = x.type().shape();
    if (s.dim(0) == 1 || s.dim(1) == 1) {
      return c.reshape(x, Shape.of(s.dim(1), s.dim(0)));
    }
    return c.transpose(x, new int[] {1, 0});
  }

  /**
   * The result of dot_general is laid out [batch, lhs free, rhs free]. The lhs cotangent is
   * dot_general(g, rhs) contracting g's rhs-free dimensions with rhs's free dimensions (same
   * batches), laid out [batch, lhs free, rhs contracting (ascending)], then transposed into lhs's
   * layout; the rhs cotangent symmetrically with dot_general(g, lhs).
   */
  static Value[] dotGeneral(VjpContext c) {
    Value lhs = c.operand(0);
    Value rhs = c.operand(1);
    Attributes at = c.attrs();
    int[] lb = at.getInts("lhs_batching_dimensions");
    int[] rb = at.getInts("rhs_batching_dimensions");
    int[] lc = at.getInts("lhs_contracting_dimensions");
    int[] rc = at.getInts("rhs_contracting_dimensions");
    int[] lf = free(lhs.type().shape().rank(), lb, lc);
    int[] rf = free(rhs.type().shape().rank(), rb, rc);
    int nb = lb.length;
    Value g = c.ct();
    int[] batchOfG = range(0, nb);
    int[] lhsFreeOfG = range(nb, nb + lf.length);
    int[] rhsFreeOfG = range(nb + lf.length, nb + lf.length + rf.length);
    Value[] out = new Value[2];
    if (c.needs(0)) {
      Value r = TensorOps.dotGeneral(c.tracer(), g, rhs, batchOfG, rb, rhsFreeOfG, rf);
      out[0] = c.transpose(r, layout(lhs.type().shape().rank(), lb, lf, lc, rc, nb));
    }
    if (c.needs(1)) {
      Value r = TensorOps.dotGeneral(c.tracer(), g, lhs, batchOfG, lb, lhsFreeOfG, lf);
      out[1] = c.transpose(r, layout(rhs.type().shape().rank(), rb, rf, rc, lc, nb));
    }
    return out;
  }

  /**
   * The permutation taking [batch, own free, own contracting (ordered as the partner's ascending
   * contracting dims)] to the operand's layout: perm[d] is the position of operand dim d.
   */
  private static int[] layout(
      int rank, int[] batch, int[] freeDims, int[] contract, int[] partnerContract, int nb) {
    int[] perm = new int[rank];
    for (int i = 0; i < batch.length; i++) {
      perm[batch[i]] = i;
    }
    for (int j = 0; j < freeDims.length; j++) {
      perm[freeDims[j]] = nb + j;
    }
    int[] sorted = partnerContract.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < contract.length; i++) {
      perm[contract[i]] = nb + freeDims.length + Arrays.binarySearch(sorted, partnerContract[i]);
    }
    return perm;
  }

  private static int[] free(int rank, int[] batch, int[] contract) {
    boolean[] used = new boolean[rank];
    for (int d : batch) {
      used[d] = true;
    }
    for (int d : contract) {
      used[d] = true;
    }
    int[] out = new int[rank - batch.length - contract.length];
    int j = 0;
    for (int d = 0; d < rank; d++) {
      if (!used[d]) {
        out[j++] = d;
      }
    }
    return out;
  }

  private static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }
}
