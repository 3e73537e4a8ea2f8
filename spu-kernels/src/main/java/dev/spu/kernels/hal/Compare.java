package dev.spu.kernels.hal;

import dev.spu.mpc.Protocol;
import dev.spu.mpc.Share;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.TensorType;

/**
 * Comparisons, producing i1. Operands are brought to their promoted dtype first (an int compared
 * with a fixed-point value is scaled by 2^f).
 *
 * <p>Secret: {@code less(x, y) = msb(x − y)}, a boolean share in bit 0; correct while |x − y| &lt;
 * 2^63, which holds for operands inside the encodable range |x|, |y| &lt; 2^62 (see {@link
 * FixedPoint}). Equality is a zero test of d = x − y: the msb of d and of −d in one batched {@code
 * msbA} call; inside the range at most one of them is set, so {@code d ≠ 0 = msb(d) ⊕ msb(−d)} (no
 * AND needed). Public operands are compared exactly as signed 64-bit values.
 */
public final class Compare {
  private Compare() {}

  static TensorType i1(HalValue a, HalValue b) {
    return Hal.type(a.shape(), DType.I1, Hal.vis(a, b));
  }

  /** x &lt; y. */
  public static HalValue less(Hal h, HalValue a, HalValue b) {
    Hal.requireSameShape("less", a, b);
    DType d = DType.promote(a.dtype(), b.dtype());
    HalValue x = h.cast(a, d);
    HalValue y = h.cast(b, d);
    TensorType t = i1(a, b);
    if (x.isPublic() && y.isPublic()) {
      long[] xs = x.publicData();
      long[] ys = y.publicData();
      long[] r = new long[xs.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = xs[i] < ys[i] ? 1 : 0;
      }
      return HalValue.ofPublic(t, r);
    }
    HalValue diff = Arith.ringSub(h, d, x, y);
    return HalValue.ofSecret(t, h.protocol().msbA(diff.share()));
  }

  public static HalValue greater(Hal h, HalValue a, HalValue b) {
    return less(h, b, a);
  }

  public static HalValue lessEqual(Hal h, HalValue a, HalValue b) {
    return Logic.not(h, less(h, b, a));
  }

  public static HalValue greaterEqual(Hal h, HalValue a, HalValue b) {
    return Logic.not(h, less(h, a, b));
  }

  public static HalValue equal(Hal h, HalValue a, HalValue b) {
    return Logic.not(h, notEqual(h, a, b));
  }

  public static HalValue notEqual(Hal h, HalValue a, HalValue b) {
    Hal.requireSameShape("not_equal", a, b);
    DType d = DType.promote(a.dtype(), b.dtype());
    HalValue x = h.cast(a, d);
    HalValue y = h.cast(b, d);
    TensorType t = i1(a, b);
    if (x.isPublic() && y.isPublic()) {
      long[] xs = x.publicData();
      long[] ys = y.publicData();
      long[] r = new long[xs.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = xs[i] != ys[i] ? 1 : 0;
      }
      return HalValue.ofPublic(t, r);
    }
    if (d == DType.I1 && !Logic.anyArith(x, y)) {
      // Two predicates differ iff their xor is set: local on boolean shares.
      return Logic.boolXor(h, x, y);
    }
    HalValue diff = Arith.ringSub(h, d, x, y);
    return HalValue.ofSecret(t, nonZeroBits(h.protocol(), diff.share()));
  }

  /** x ≠ 0 as i1 (the numeric → i1 conversion). */
  static HalValue nonZero(Hal h, HalValue x) {
    TensorType t = x.type().withDType(DType.I1);
    if (x.isPublic()) {
      long[] xs = x.publicData();
      long[] r = new long[xs.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = xs[i] != 0 ? 1 : 0;
      }
      return HalValue.ofPublic(t, r);
    }
    if (x.isBoolShare()) {
      return HalValue.ofSecret(t, x.share());
    }
    return HalValue.ofSecret(t, nonZeroBits(h.protocol(), x.share()));
  }

  /** Boolean share (bit 0) of d ≠ 0: msb(d) ⊕ msb(−d), one msbA call on 2n elements. */
  static Share nonZeroBits(Protocol p, Share d) {
    int n = d.size();
    Share m = p.msbA(Share.concat(d, p.negA(d)));
    return p.xorBB(m.gather(Indexing.range(0, n)), m.gather(Indexing.range(n, n)));
  }
}
