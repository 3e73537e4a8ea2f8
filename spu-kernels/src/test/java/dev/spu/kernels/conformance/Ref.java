package dev.spu.kernels.conformance;

/**
 * Independent plaintext references for layout ops, written coordinate by coordinate (not with the
 * runtime's index tables), used as the oracle of the conformance suite.
 */
final class Ref {
  private Ref() {}

  static int size(int[] s) {
    int n = 1;
    for (int d : s) {
      n *= d;
    }
    return n;
  }

  static int[] coords(int flat, int[] shape) {
    int[] c = new int[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      c[d] = flat % shape[d];
      flat /= shape[d];
    }
    return c;
  }

  static int flat(int[] c, int[] shape) {
    int f = 0;
    for (int d = 0; d < shape.length; d++) {
      f = f * shape[d] + c[d];
    }
    return f;
  }

  static long[] transpose(long[] x, int[] shape, int[] perm) {
    int[] out = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      out[i] = shape[perm[i]];
    }
    long[] r = new long[x.length];
    for (int j = 0; j < r.length; j++) {
      int[] oc = coords(j, out);
      int[] ic = new int[shape.length];
      for (int i = 0; i < perm.length; i++) {
        ic[perm[i]] = oc[i];
      }
      r[j] = x[flat(ic, shape)];
    }
    return r;
  }

  static long[] broadcast(long[] x, int[] shape, int[] out, int[] dims) {
    long[] r = new long[size(out)];
    for (int j = 0; j < r.length; j++) {
      int[] oc = coords(j, out);
      int[] ic = new int[shape.length];
      for (int i = 0; i < dims.length; i++) {
        ic[i] = shape[i] == 1 ? 0 : oc[dims[i]];
      }
      r[j] = x[flat(ic, shape)];
    }
    return r;
  }

  static long[] slice(long[] x, int[] shape, int[] start, int[] limit, int[] strides) {
    int[] out = new int[shape.length];
    for (int d = 0; d < out.length; d++) {
      out[d] = (limit[d] - start[d] + strides[d] - 1) / strides[d];
    }
    long[] r = new long[size(out)];
    for (int j = 0; j < r.length; j++) {
      int[] oc = coords(j, out);
      int[] ic = new int[shape.length];
      for (int d = 0; d < ic.length; d++) {
        ic[d] = start[d] + oc[d] * strides[d];
      }
      r[j] = x[flat(ic, shape)];
    }
    return r;
  }

  /** Pads by building the interior-dilated array and then cutting/extending the edges. */
  static long[] pad(long[] x, int[] shape, long value, int[] lo, int[] hi, int[] interior) {
    int rank = shape.length;
    int[] out = new int[rank];
    for (int d = 0; d < rank; d++) {
      out[d] = lo[d] + hi[d] + shape[d] + Math.max(0, shape[d] - 1) * interior[d];
    }
    long[] r = new long[size(out)];
    java.util.Arrays.fill(r, value);
    for (int i = 0; i < x.length; i++) {
      int[] ic = coords(i, shape);
      int[] oc = new int[rank];
      boolean inside = true;
      for (int d = 0; d < rank; d++) {
        oc[d] = lo[d] + ic[d] * (interior[d] + 1);
        inside &= oc[d] >= 0 && oc[d] < out[d];
      }
      if (inside) {
        r[flat(oc, out)] = x[i];
      }
    }
    return r;
  }

  static int[] padShape(int[] shape, int[] lo, int[] hi, int[] interior) {
    int[] out = new int[shape.length];
    for (int d = 0; d < out.length; d++) {
      out[d] = lo[d] + hi[d] + shape[d] + Math.max(0, shape[d] - 1) * interior[d];
    }
    return out;
  }

  static long[] concat(long[][] xs, int[][] shapes, int dim) {
    int[] out = shapes[0].clone();
    out[dim] = 0;
    for (int[] s : shapes) {
      out[dim] += s[dim];
    }
    long[] r = new long[size(out)];
    for (int j = 0; j < r.length; j++) {
      int[] oc = coords(j, out);
      int t = 0;
      int c = oc[dim];
      while (c >= shapes[t][dim]) {
        c -= shapes[t][dim];
        t++;
      }
      int[] ic = oc.clone();
      ic[dim] = c;
      r[j] = xs[t][flat(ic, shapes[t])];
    }
    return r;
  }
}
