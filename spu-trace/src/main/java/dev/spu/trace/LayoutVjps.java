package dev.spu.trace;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.Value;
import java.util.ArrayList;
import java.util.List;

/** VJP rules of the layout ops: each is the adjoint data movement, no arithmetic but sums. */
final class LayoutVjps {
  private LayoutVjps() {}

  /** The inverse permutation. */
  static Value[] transpose(VjpContext c) {
    int[] perm = c.attrs().getInts("permutation");
    int[] inv = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      inv[perm[i]] = i;
    }
    return new Value[] {c.transpose(c.ct(), inv)};
  }

  static Value[] reshape(VjpContext c) {
    return new Value[] {c.reshape(c.ct(), c.operand(0).type().shape())};
  }

  /**
   * Sums the cotangent over the dimensions the broadcast created (new dimensions and size-1
   * dimensions expanded), then reshapes to the operand.
   */
  static Value[] broadcastInDim(VjpContext c) {
    Shape x = c.operand(0).type().shape();
    Shape y = c.result().type().shape();
    int[] dims = c.attrs().getInts("broadcast_dimensions");
    boolean[] keep = new boolean[y.rank()];
    for (int i = 0; i < dims.length; i++) {
      keep[dims[i]] = x.dim(i) == y.dim(dims[i]);
    }
    List<Integer> summed = new ArrayList<>();
    for (int d = 0; d < y.rank(); d++) {
      if (!keep[d]) {
        summed.add(d);
      }
    }
    Value g = c.ct();
    if (!summed.isEmpty()) {
      int[] axes = summed.stream().mapToInt(Integer::intValue).toArray();
      g = TensorOps.sum(c.tracer(), g, axes, false);
    }
    return new Value[] {c.reshape(g, x)};
  }

  /** Pads the cotangent back with zeros: edges before/after, strides as interior padding. */
  static Value[] slice(VjpContext c) {
    Value x = c.operand(0);
    Shape s = x.type().shape();
    Shape out = c.result().type().shape();
    if (out.numElements() == 0) {
      return new Value[] {c.zerosLike(x)};
    }
    int[] start = c.attrs().getInts("start_indices");
    int[] strides = c.attrs().getInts("strides");
    int r = s.rank();
    int[] lo = new int[r];
    int[] hi = new int[r];
    int[] in = new int[r];
    for (int i = 0; i < r; i++) {
      int last = start[i] + (out.dim(i) - 1) * strides[i];
      lo[i] = start[i];
      hi[i] = s.dim(i) - 1 - last;
      in[i] = strides[i] - 1;
    }
    return new Value[] {padZeros(c, c.ct(), lo, hi, in)};
  }

  /** Each operand's cotangent is its slice of the cotangent along the dimension. */
  static Value[] concatenate(VjpContext c) {
    int dim = (int) c.attrs().getLong("dimension");
    int n = c.op().operands().size();
    Value[] out = new Value[n];
    int offset = 0;
    for (int i = 0; i < n; i++) {
      int size = c.operand(i).type().shape().dim(dim);
      if (c.needs(i)) {
        out[i] = TensorOps.sliceAxis(c.tracer(), c.ct(), dim, offset, offset + size);
      }
      offset += size;
    }
    return out;
  }

  /**
   * pad(x, v): x's cotangent is the strided slice of the cotangent at x's positions (negative edge
   * padding, which crops, is undone first by padding the cotangent with zeros); the padding value's
   * is the sum of the cotangent elsewhere.
   */
  static Value[] pad(VjpContext c) {
    Value x = c.operand(0);
    Shape s = x.type().shape();
    int[] lo = c.attrs().getInts("edge_padding_low");
    int[] hi = c.attrs().getInts("edge_padding_high");
    int[] in = c.attrs().getInts("interior_padding");
    int r = s.rank();
    Value g = c.ct();
    int[] uncropLo = new int[r];
    int[] uncropHi = new int[r];
    boolean cropped = false;
    for (int i = 0; i < r; i++) {
      uncropLo[i] = Math.max(0, -lo[i]);
      uncropHi[i] = Math.max(0, -hi[i]);
      cropped |= lo[i] < 0 || hi[i] < 0;
    }
    if (cropped) {
      g = padZeros(c, g, uncropLo, uncropHi, new int[r]);
    }
    Value gx;
    if (s.numElements() == 0) {
      gx = c.zerosLike(x);
    } else {
      int[] start = new int[r];
      int[] limit = new int[r];
      int[] stride = new int[r];
      for (int i = 0; i < r; i++) {
        start[i] = Math.max(lo[i], 0);
        stride[i] = in[i] + 1;
        limit[i] = start[i] + (s.dim(i) - 1) * stride[i] + 1;
      }
      gx = TensorOps.slice(c.tracer(), g, start, limit, stride);
    }
    Value gv = null;
    if (c.needs(1)) {
      Value total = c.sumToScalar(c.ct());
      gv = c.op("subtract", total, c.sumToScalar(gx));
    }
    return new Value[] {c.needs(0) ? gx : null, gv};
  }

  private static Value padZeros(VjpContext c, Value g, int[] lo, int[] hi, int[] in) {
    Attributes attrs =
        Attributes.builder()
            .put("edge_padding_low", lo)
            .put("edge_padding_high", hi)
            .put("interior_padding", in)
            .build();
    Value zero = c.zeros(Shape.SCALAR, g.type().dtype());
    return c.op("pad", attrs, g, zero);
  }
}
