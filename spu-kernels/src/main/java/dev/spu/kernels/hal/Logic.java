package dev.spu.kernels.hal;

import dev.spu.mpc.Protocol;
import dev.spu.mpc.Share;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.TensorType;

/**
 * Logical and bitwise ops and shifts.
 *
 * <p>i1: boolean shares stay boolean — {@code and = andBB}, {@code xor} local, {@code or = a ⊕ b ⊕
 * ab}, {@code not = a ⊕ 1}. If an operand is an arithmetic 0/1 share (after prefer_a or a select)
 * the same ops are done arithmetically: {@code and = ab}, {@code xor = a + b − 2ab}, {@code or = a
 * + b − ab}, {@code not = 1 − a}.
 *
 * <p>Integers (bitwise on the 64-bit ring encoding): secret operands go to boolean shares ({@code
 * a2b}), the op runs there, and the result comes back with {@code b2a}; {@code not x = −x − 1} is
 * local.
 *
 * <p>Shifts by public amounts only. Values are sign-extended ring elements; an amount outside [0,
 * W) for the dtype width W gives 0 (left, logical right) or the sign fill (arithmetic right).
 * shift_left keeps ring semantics (no wrap at W); shift_right_logical reads the low W bits as
 * unsigned. On a secret operand only shift_left is supported (a local multiply by 2^k).
 */
public final class Logic {
  private Logic() {}

  static boolean anyArith(HalValue... vs) {
    for (HalValue v : vs) {
      if (v.isSecret() && v.share().isArith()) {
        return true;
      }
    }
    return false;
  }

  private static long[] ones(int n) {
    return RingOps.fill(n, 1L);
  }

  /** Xor of i1 operands that are public 0/1 or boolean shares. */
  static HalValue boolXor(Hal h, HalValue a, HalValue b) {
    TensorType t = Compare.i1(a, b);
    if (a.isPublic() && b.isPublic()) {
      long[] x = a.publicData();
      long[] y = b.publicData();
      long[] r = new long[x.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = x[i] ^ y[i];
      }
      return HalValue.ofPublic(t, r);
    }
    Protocol p = h.protocol();
    if (a.isPublic()) {
      return HalValue.ofSecret(t, p.xorBP(b.share(), a.publicData()));
    }
    if (b.isPublic()) {
      return HalValue.ofSecret(t, p.xorBP(a.share(), b.publicData()));
    }
    return HalValue.ofSecret(t, p.xorBB(a.share(), b.share()));
  }

  /** And of i1 operands that are public 0/1 or boolean shares. */
  static HalValue boolAnd(Hal h, HalValue a, HalValue b) {
    TensorType t = Compare.i1(a, b);
    if (a.isPublic() && b.isPublic()) {
      long[] x = a.publicData();
      long[] y = b.publicData();
      long[] r = new long[x.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = x[i] & y[i];
      }
      return HalValue.ofPublic(t, r);
    }
    Protocol p = h.protocol();
    if (a.isPublic()) {
      return HalValue.ofSecret(t, p.andBP(b.share(), a.publicData()));
    }
    if (b.isPublic()) {
      return HalValue.ofSecret(t, p.andBP(a.share(), b.publicData()));
    }
    return HalValue.ofSecret(t, p.andBB(a.share(), b.share()));
  }

  private enum Op {
    AND,
    OR,
    XOR
  }

  public static HalValue and(Hal h, HalValue a, HalValue b) {
    return binary(h, Op.AND, a, b);
  }

  public static HalValue or(Hal h, HalValue a, HalValue b) {
    return binary(h, Op.OR, a, b);
  }

  public static HalValue xor(Hal h, HalValue a, HalValue b) {
    return binary(h, Op.XOR, a, b);
  }

  private static HalValue binary(Hal h, Op op, HalValue a, HalValue b) {
    Hal.requireSameShape(op.name().toLowerCase(java.util.Locale.ROOT), a, b);
    DType d = DType.promote(a.dtype(), b.dtype());
    if (d.isFixedPoint()) {
      throw new IllegalArgumentException(
          "hal."
              + op
              + ": bitwise ops need integer or i1 operands, got "
              + a.type()
              + ", "
              + b.type());
    }
    HalValue x = h.cast(a, d);
    HalValue y = h.cast(b, d);
    TensorType t = Arith.resultType(a, b, d);
    if (x.isPublic() && y.isPublic()) {
      long[] xs = x.publicData();
      long[] ys = y.publicData();
      long[] r = new long[xs.length];
      for (int i = 0; i < r.length; i++) {
        r[i] =
            switch (op) {
              case AND -> xs[i] & ys[i];
              case OR -> xs[i] | ys[i];
              case XOR -> xs[i] ^ ys[i];
            };
      }
      return HalValue.ofPublic(t, r);
    }
    if (d == DType.I1) {
      return anyArith(x, y) ? arithBits(h, op, x, y) : boolBits(h, op, x, y);
    }
    return bitwise(h, op, x, y, t);
  }

  private static HalValue boolBits(Hal h, Op op, HalValue x, HalValue y) {
    return switch (op) {
      case AND -> boolAnd(h, x, y);
      case XOR -> boolXor(h, x, y);
      case OR -> boolXor(h, boolXor(h, x, y), boolAnd(h, x, y));
    };
  }

  /** i1 ops on arithmetic 0/1 values. */
  private static HalValue arithBits(Hal h, Op op, HalValue x, HalValue y) {
    DType d = DType.I1;
    HalValue prod = Arith.ringMul(h, d, x, y);
    if (op == Op.AND) {
      return prod;
    }
    HalValue sum = Arith.ringAdd(h, d, x, y);
    HalValue k = op == Op.XOR ? Arith.ringAdd(h, d, prod, prod) : prod;
    return Arith.ringSub(h, d, sum, k);
  }

  /** Bitwise ops on 64-bit integers through boolean shares. */
  private static HalValue bitwise(Hal h, Op op, HalValue x, HalValue y, TensorType t) {
    Protocol p = h.protocol();
    if (x.isPublic()) {
      HalValue tmp = x;
      x = y;
      y = tmp;
    }
    Share xb = p.a2b(h.arith(x));
    Share r;
    if (y.isPublic()) {
      long[] yp = y.publicData();
      r =
          switch (op) {
            case AND -> p.andBP(xb, yp);
            case XOR -> p.xorBP(xb, yp);
            case OR -> p.xorBB(p.xorBP(xb, yp), p.andBP(xb, yp));
          };
    } else {
      Share yb = p.a2b(h.arith(y));
      r =
          switch (op) {
            case AND -> p.andBB(xb, yb);
            case XOR -> p.xorBB(xb, yb);
            case OR -> p.xorBB(p.xorBB(xb, yb), p.andBB(xb, yb));
          };
    }
    return HalValue.ofSecret(t, p.b2a(r));
  }

  /** Logical not on i1, bitwise not (−x − 1) on integers. */
  public static HalValue not(Hal h, HalValue x) {
    if (x.dtype().isFixedPoint()) {
      throw new IllegalArgumentException(
          "hal.not: expected an integer or i1 operand, got " + x.type());
    }
    boolean bool = x.dtype() == DType.I1;
    int n = x.numElements();
    if (x.isPublic()) {
      long[] xs = x.publicData();
      long[] r = new long[n];
      for (int i = 0; i < n; i++) {
        r[i] = bool ? xs[i] ^ 1 : ~xs[i];
      }
      return HalValue.ofPublic(x.type(), r);
    }
    Protocol p = h.protocol();
    if (x.isBoolShare()) {
      return HalValue.ofSecret(x.type(), p.xorBP(x.share(), ones(n)));
    }
    return HalValue.ofSecret(
        x.type(), p.addAP(p.negA(x.share()), RingOps.fill(n, bool ? 1L : -1L)));
  }

  // ---------------------------------------------------------------- shifts

  private enum Shift {
    LEFT("shift_left"),
    RIGHT_ARITHMETIC("shift_right_arithmetic"),
    RIGHT_LOGICAL("shift_right_logical");

    final String opName;

    Shift(String opName) {
      this.opName = opName;
    }
  }

  public static HalValue shiftLeft(Hal h, HalValue x, HalValue k) {
    return shift(h, Shift.LEFT, x, k);
  }

  public static HalValue shiftRightArithmetic(Hal h, HalValue x, HalValue k) {
    return shift(h, Shift.RIGHT_ARITHMETIC, x, k);
  }

  public static HalValue shiftRightLogical(Hal h, HalValue x, HalValue k) {
    return shift(h, Shift.RIGHT_LOGICAL, x, k);
  }

  private static HalValue shift(Hal h, Shift s, HalValue a, HalValue b) {
    Hal.requireSameShape(s.opName, a, b);
    DType d = DType.promote(a.dtype(), b.dtype());
    if (d.isFixedPoint()) {
      throw new IllegalArgumentException(
          "hal." + s.opName + ": expected integer operands, got " + a.type() + ", " + b.type());
    }
    if (b.isSecret() || (a.isSecret() && s != Shift.LEFT)) {
      throw new UnsupportedOpException(
          "'pphlo."
              + s.opName
              + "' of "
              + a.type()
              + " by "
              + b.type()
              + ": shifts are supported on public operands, and shift_left of a secret by a"
              + " public amount; use multiply or divide by a power of two on fixed point instead");
    }
    HalValue x = h.cast(a, d);
    long[] k = h.cast(b, d).publicData();
    int w = d.bits();
    TensorType t = Arith.resultType(a, b, d);
    int n = k.length;
    if (x.isSecret()) {
      long[] pow = new long[n];
      for (int i = 0; i < n; i++) {
        pow[i] = k[i] < 0 || k[i] >= w ? 0 : 1L << k[i];
      }
      return HalValue.ofSecret(t, h.protocol().mulAP(x.share(), pow));
    }
    long[] xs = x.publicData();
    long[] r = new long[n];
    for (int i = 0; i < n; i++) {
      boolean out = k[i] < 0 || k[i] >= w;
      int kk = (int) k[i];
      r[i] =
          switch (s) {
            case LEFT -> out ? 0 : xs[i] << kk;
            case RIGHT_ARITHMETIC -> out ? (xs[i] < 0 ? -1 : 0) : xs[i] >> kk;
            case RIGHT_LOGICAL -> out ? 0 : signExtend(lowBits(xs[i], w) >>> kk, w);
          };
    }
    return HalValue.ofPublic(t, r);
  }

  private static long lowBits(long v, int w) {
    return w >= 64 ? v : v & ((1L << w) - 1);
  }

  private static long signExtend(long v, int w) {
    return w >= 64 ? v : (v << (64 - w)) >> (64 - w);
  }
}
