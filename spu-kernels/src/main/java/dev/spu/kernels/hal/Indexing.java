package dev.spu.kernels.hal;

import dev.spu.pphlo.Shape;

/**
 * Index arrays for layout ops: element j of the output is element {@code index[j]} of the input, or
 * a fill value where {@code index[j] < 0}. Every layout op here is separable per output axis: the
 * input offset is a sum of one contribution per output coordinate, or "fill" if any coordinate says
 * so, which keeps each op a small table.
 */
public final class Indexing {
  private Indexing() {}

  /**
   * Builds the index from per-axis tables: {@code axis[d][o]} is the input offset contributed by
   * output coordinate o along axis d, or −1 for fill.
   */
  static int[] fromAxes(Shape out, int[][] axis) {
    int n = out.numElements();
    int rank = out.rank();
    int[] index = new int[n];
    if (n == 0) {
      return index;
    }
    int[] coord = new int[rank];
    for (int j = 0; j < n; j++) {
      int off = 0;
      for (int d = 0; d < rank; d++) {
        int c = axis[d][coord[d]];
        if (c < 0) {
          off = -1;
          break;
        }
        off += c;
      }
      index[j] = off;
      for (int d = rank - 1; d >= 0; d--) {
        if (++coord[d] < out.dim(d)) {
          break;
        }
        coord[d] = 0;
      }
    }
    return index;
  }

  /** Output dims[i] = input dims[perm[i]]. */
  public static int[] transpose(Shape in, int[] perm) {
    int[] stride = in.strides();
    int[] outDims = new int[perm.length];
    int[][] axis = new int[perm.length][];
    for (int i = 0; i < perm.length; i++) {
      outDims[i] = in.dim(perm[i]);
      axis[i] = new int[outDims[i]];
      for (int o = 0; o < outDims[i]; o++) {
        axis[i][o] = o * stride[perm[i]];
      }
    }
    return fromAxes(Shape.of(outDims), axis);
  }

  /** Input dimension i maps to output dimension dims[i]; size-1 input dimensions broadcast. */
  public static int[] broadcastInDim(Shape in, Shape out, int[] dims) {
    int[] stride = in.strides();
    int[][] axis = new int[out.rank()][];
    for (int d = 0; d < out.rank(); d++) {
      axis[d] = new int[out.dim(d)];
    }
    for (int i = 0; i < dims.length; i++) {
      if (in.dim(i) == 1) {
        continue;
      }
      int[] a = axis[dims[i]];
      for (int o = 0; o < a.length; o++) {
        a[o] = o * stride[i];
      }
    }
    return fromAxes(out, axis);
  }

  /** Every output element from input element 0 (scalar broadcast). */
  public static int[] splat(int n) {
    return new int[n];
  }

  public static int[] slice(Shape in, int[] start, int[] limit, int[] strides) {
    int[] stride = in.strides();
    int rank = in.rank();
    int[] outDims = new int[rank];
    int[][] axis = new int[rank][];
    for (int d = 0; d < rank; d++) {
      outDims[d] = Math.max(0, (limit[d] - start[d] + strides[d] - 1) / strides[d]);
      axis[d] = new int[outDims[d]];
      for (int o = 0; o < outDims[d]; o++) {
        axis[d][o] = (start[d] + o * strides[d]) * stride[d];
      }
    }
    return fromAxes(Shape.of(outDims), axis);
  }

  /** The padded shape: lo + hi + dim + (dim − 1) · interior per axis (lo/hi may be negative). */
  public static Shape padShape(Shape in, int[] lo, int[] hi, int[] interior) {
    int[] out = new int[in.rank()];
    for (int d = 0; d < in.rank(); d++) {
      out[d] = lo[d] + hi[d] + in.dim(d) + Math.max(0, in.dim(d) - 1) * interior[d];
    }
    return Shape.of(out);
  }

  /** Pad (−1 marks a padding position); negative edge padding crops. */
  public static int[] pad(Shape in, int[] lo, int[] hi, int[] interior) {
    Shape out = padShape(in, lo, hi, interior);
    int[] stride = in.strides();
    int[][] axis = new int[in.rank()][];
    for (int d = 0; d < in.rank(); d++) {
      axis[d] = new int[out.dim(d)];
      int step = interior[d] + 1;
      for (int o = 0; o < out.dim(d); o++) {
        int t = o - lo[d];
        axis[d][o] =
            (t < 0 || t % step != 0 || t / step >= in.dim(d)) ? -1 : (t / step) * stride[d];
      }
    }
    return fromAxes(out, axis);
  }

  /**
   * Concatenation along {@code dim} of operands laid out one after the other in a single buffer:
   * the index into that buffer for each output element.
   */
  public static int[] concatenate(Shape[] in, int dim) {
    int outer = 1;
    for (int d = 0; d < dim; d++) {
      outer *= in[0].dim(d);
    }
    int inner = 1;
    for (int d = dim + 1; d < in[0].rank(); d++) {
      inner *= in[0].dim(d);
    }
    int total = 0;
    for (Shape s : in) {
      total += s.dim(dim);
    }
    int[] index = new int[outer * total * inner];
    int j = 0;
    for (int o = 0; o < outer; o++) {
      int base = 0;
      for (Shape s : in) {
        int block = s.dim(dim) * inner;
        int src = base + o * block;
        for (int t = 0; t < block; t++) {
          index[j++] = src + t;
        }
        base += s.numElements();
      }
    }
    return index;
  }

  /** The identity on n elements shifted by {@code from}: from, from+1, ..., from+n−1. */
  public static int[] range(int from, int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = from + i;
    }
    return r;
  }
}
