package dev.spu.kernels.hal;

import dev.spu.mpc.Protocol;
import dev.spu.mpc.Share;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;

/**
 * Choosing between values: select, maximum, minimum, clamp, abs, sign.
 *
 * <p>{@code select(p, a, b) = b + p·(a − b)}: with a public predicate it is a local relayout; with
 * a secret one the predicate becomes an arithmetic 0/1 share (one {@code bitToA} unless prefer_a
 * already did it) and the product is {@code mulAP} (public branches) or {@code mulAA}. int 0/1 ×
 * fixed needs no truncation. Two i1 branches with boolean shares are muxed in the boolean domain,
 * {@code b ⊕ (p ∧ (a ⊕ b))}. maximum/minimum are a comparison and a select.
 */
public final class Select {
  private Select() {}

  public static HalValue select(Hal h, HalValue pred, HalValue a, HalValue b) {
    Hal.requireSameShape("select", a, b);
    if (pred.dtype() != DType.I1) {
      throw new IllegalArgumentException(
          "hal.select: expected an i1 predicate, got " + pred.type());
    }
    Shape s = a.shape();
    DType d = DType.promote(a.dtype(), b.dtype());
    TensorType t = Hal.type(s, d, Hal.vis(pred, a, b));
    HalValue p = h.broadcastTo(pred, s);
    HalValue x = h.cast(a, d);
    HalValue y = h.cast(b, d);
    if (p.isPublic()) {
      return choosePublic(h, p.publicData(), x, y, t);
    }
    if (d == DType.I1 && !Logic.anyArith(p, x, y)) {
      return Logic.boolXor(h, y, Logic.boolAnd(h, p, Logic.boolXor(h, x, y))).retype(t);
    }
    HalValue pa = HalValue.ofSecret(p.type(), h.arith(p));
    HalValue diff = Arith.ringSub(h, d, x, y);
    return Arith.ringAdd(h, d, y, Arith.ringMul(h, d, pa, diff)).retype(t);
  }

  /** A public predicate: pick per element, locally (a relayout of the two branches). */
  private static HalValue choosePublic(Hal h, long[] p, HalValue x, HalValue y, TensorType t) {
    int n = p.length;
    int[] index = new int[n];
    for (int i = 0; i < n; i++) {
      index[i] = p[i] != 0 ? i : n + i;
    }
    if (x.isPublic() && y.isPublic()) {
      long[] xs = x.publicData();
      long[] ys = y.publicData();
      long[] r = new long[n];
      for (int i = 0; i < n; i++) {
        r[i] = p[i] != 0 ? xs[i] : ys[i];
      }
      return HalValue.ofPublic(t, r);
    }
    Share.Kind k =
        t.dtype() == DType.I1 && !Logic.anyArith(x, y) ? Share.Kind.BOOL : Share.Kind.ARITH;
    Share both = Share.concat(h.share(x, k), h.share(y, k));
    return HalValue.ofSecret(t, both.gather(index));
  }

  public static HalValue maximum(Hal h, HalValue a, HalValue b) {
    return minMax(h, a, b, true);
  }

  public static HalValue minimum(Hal h, HalValue a, HalValue b) {
    return minMax(h, a, b, false);
  }

  private static HalValue minMax(Hal h, HalValue a, HalValue b, boolean max) {
    Hal.requireSameShape(max ? "maximum" : "minimum", a, b);
    DType d = DType.promote(a.dtype(), b.dtype());
    HalValue x = h.cast(a, d);
    HalValue y = h.cast(b, d);
    // max: x if y < x; min: x if x < y.
    HalValue pick = max ? Compare.less(h, y, x) : Compare.less(h, x, y);
    return select(h, pick, x, y);
  }

  /** clamp(lo, x, hi) = min(max(x, lo), hi); scalar bounds broadcast. */
  public static HalValue clamp(Hal h, HalValue lo, HalValue x, HalValue hi) {
    Shape s = x.shape();
    DType d = DType.promote(DType.promote(lo.dtype(), x.dtype()), hi.dtype());
    HalValue l = h.cast(h.broadcastTo(lo, s), d);
    HalValue u = h.cast(h.broadcastTo(hi, s), d);
    return minMax(h, minMax(h, h.cast(x, d), l, true), u, false);
  }

  /** |x| (ring semantics: the most negative 64-bit value stays as it is). */
  public static HalValue abs(Hal h, HalValue x) {
    int n = x.numElements();
    if (x.isPublic()) {
      long[] xs = x.publicData();
      long[] r = new long[n];
      for (int i = 0; i < n; i++) {
        r[i] = Math.abs(xs[i]);
      }
      return HalValue.ofPublic(x.type(), r);
    }
    Protocol p = h.protocol();
    Share xa = h.arith(x);
    Share neg = p.bitToA(p.msbA(xa));
    // x · (1 − 2·[x < 0]); the factor is an integer, so no truncation.
    Share factor = p.addAP(p.mulAP(neg, RingOps.fill(n, -2L)), RingOps.fill(n, 1L));
    return HalValue.ofSecret(x.type(), p.mulAA(xa, factor));
  }

  /** −1, 0 or 1 (as fixed point for a fixed-point operand). */
  public static HalValue sign(Hal h, HalValue x) {
    int n = x.numElements();
    long one = x.dtype().isFixedPoint() ? h.fxpOne() : 1L;
    if (x.isPublic()) {
      long[] xs = x.publicData();
      long[] r = new long[n];
      for (int i = 0; i < n; i++) {
        r[i] = Long.signum(xs[i]) * one;
      }
      return HalValue.ofPublic(x.type(), r);
    }
    Protocol p = h.protocol();
    Share xa = h.arith(x);
    // [x < 0] and [x > 0] = [−x < 0] in one msb and one bit-to-arithmetic call.
    Share bits = p.bitToA(p.msbA(Share.concat(xa, p.negA(xa))));
    Share negative = bits.gather(Indexing.range(0, n));
    Share positive = bits.gather(Indexing.range(n, n));
    Share s = p.addAA(positive, p.negA(negative));
    return HalValue.ofSecret(x.type(), one == 1 ? s : p.mulAP(s, RingOps.fill(n, one)));
  }
}
