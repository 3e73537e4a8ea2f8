package dev.spu.kernels.hal;

import dev.spu.mpc.Share;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Visibility;
import java.util.ArrayList;
import java.util.List;

/**
 * Layout ops: every one is an index array ({@link Indexing}) applied to the public data or, with
 * {@link Share#gather}, to every part of a share — local, no messages, exact.
 */
public final class Layout {
  private Layout() {}

  public static HalValue transpose(Hal h, HalValue x, int[] perm) {
    boolean identity = true;
    int[] out = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      identity &= perm[i] == i;
      out[i] = x.shape().dim(perm[i]);
    }
    if (identity) {
      return x;
    }
    return h.gather(x, Indexing.transpose(x.shape(), perm), Shape.of(out));
  }

  /** Row-major reshape: the data is unchanged. */
  public static HalValue reshape(Hal h, HalValue x, Shape shape) {
    if (shape.numElements() != x.numElements()) {
      throw new IllegalArgumentException("hal.reshape: " + x.type() + " to shape " + shape);
    }
    return x.retype(x.type().withShape(shape));
  }

  public static HalValue broadcastInDim(Hal h, HalValue x, Shape shape, int[] dims) {
    return h.gather(x, Indexing.broadcastInDim(x.shape(), shape, dims), shape);
  }

  public static HalValue slice(Hal h, HalValue x, int[] start, int[] limit, int[] strides) {
    int[] out = new int[start.length];
    for (int d = 0; d < out.length; d++) {
      out[d] = Math.max(0, (limit[d] - start[d] + strides[d] - 1) / strides[d]);
    }
    return h.gather(x, Indexing.slice(x.shape(), start, limit, strides), Shape.of(out));
  }

  /** Concatenation along {@code dim}; operands are promoted to one dtype and visibility. */
  public static HalValue concatenate(Hal h, List<HalValue> xs, int dim) {
    DType d = xs.get(0).dtype();
    boolean secret = false;
    Shape[] shapes = new Shape[xs.size()];
    for (int i = 0; i < xs.size(); i++) {
      d = DType.promote(d, xs.get(i).dtype());
      secret |= xs.get(i).isSecret();
      shapes[i] = xs.get(i).shape();
    }
    List<HalValue> cast = new ArrayList<>();
    for (HalValue x : xs) {
      cast.add(h.cast(x, d));
    }
    int[] index = Indexing.concatenate(shapes, dim);
    int[] outDims = shapes[0].dims();
    outDims[dim] = 0;
    for (Shape s : shapes) {
      outDims[dim] += s.dim(dim);
    }
    Shape out = Shape.of(outDims);
    HalValue all = flatConcat(h, cast, d, secret);
    return h.gather(all, index, out);
  }

  /** The operands' elements one after the other, as a rank-1 value of dtype d. */
  static HalValue flatConcat(Hal h, List<HalValue> xs, DType d, boolean secret) {
    int total = 0;
    for (HalValue x : xs) {
      total += x.numElements();
    }
    if (!secret) {
      long[] all = new long[total];
      int off = 0;
      for (HalValue x : xs) {
        System.arraycopy(x.publicData(), 0, all, off, x.numElements());
        off += x.numElements();
      }
      return HalValue.ofPublic(Hal.type(Shape.of(total), d, Visibility.PUBLIC), all);
    }
    Share.Kind k =
        d == DType.I1 && !Logic.anyArith(xs.toArray(new HalValue[0]))
            ? Share.Kind.BOOL
            : Share.Kind.ARITH;
    Share[] parts = new Share[xs.size()];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = h.share(xs.get(i), k);
    }
    return HalValue.ofSecret(Hal.type(Shape.of(total), d, Visibility.SECRET), Share.concat(parts));
  }

  /**
   * Pad with edge (possibly negative) and interior padding; the padding value may be secret. The
   * operand and the value are promoted to one dtype; the padded positions of the relayout are zero,
   * so the value is added (or xored, for boolean i1 shares) there.
   */
  public static HalValue pad(
      Hal h, HalValue x, HalValue value, int[] lo, int[] hi, int[] interior) {
    DType d = DType.promote(x.dtype(), value.dtype());
    HalValue xc = h.cast(x, d);
    HalValue vc = h.cast(value, d);
    int[] index = Indexing.pad(x.shape(), lo, hi, interior);
    Shape out = Indexing.padShape(x.shape(), lo, hi, interior);
    int[] fill = new int[index.length];
    for (int j = 0; j < index.length; j++) {
      fill[j] = index[j] < 0 ? 0 : -1;
    }
    HalValue body = h.gather(xc, index, out);
    HalValue pads = h.gather(vc, fill, out);
    return combineDisjoint(h, d, body, pads);
  }

  /** a + b for values whose non-zero positions are disjoint (xor for boolean shares). */
  static HalValue combineDisjoint(Hal h, DType d, HalValue a, HalValue b) {
    if (d == DType.I1 && !Logic.anyArith(a, b)) {
      return Logic.boolXor(h, a, b);
    }
    return Arith.ringAdd(h, d, a, b);
  }

  /** A rank-1 view of the elements at {@code index} (fill 0 where negative). */
  static HalValue take(Hal h, HalValue x, int[] index) {
    return h.gather(x, index, Shape.of(index.length));
  }

  static TensorType flat(HalValue x) {
    return x.type().withShape(Shape.of(x.numElements()));
  }
}
