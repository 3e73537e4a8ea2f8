package dev.spu.kernels.hal;

import dev.spu.kernels.hal.math.MathOptions;
import dev.spu.mpc.Protocol;
import dev.spu.mpc.Share;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Visibility;

/**
 * The hardware abstraction layer of one party: the protocol it dispatches secret work to and the
 * fixed-point setting, plus the value plumbing every HAL op shares — dtype casts (the ring
 * encodings of int, fixed point and i1), sharing of public values, share kinds, relayout and
 * truncation. The ops themselves live in {@link Arith}, {@link Compare}, {@link Logic}, {@link
 * Layout}, {@link LinAlg}, {@link Reduce} and {@link Sources}, as static functions of a {@code
 * Hal}.
 *
 * <p>Dispatch rule: public ⊗ public is computed in plaintext on every party (no messages); secret ⊗
 * public is local on shares ({@code addAP}, {@code mulAP}); only secret ⊗ secret (and truncation,
 * comparison, conversions) reaches the interactive primitives.
 *
 * <p>Threading: one instance per party, used by that party's thread only.
 */
public final class Hal {
  private final Protocol protocol;
  private final int fracBits;
  private final MathOptions math;

  /**
   * @param protocol the party's protocol instance; may be null for a public-only HAL (tests,
   *     constant folding), in which case any secret operation fails
   * @param fracBits fixed-point fraction bits f
   */
  public Hal(Protocol protocol, int fracBits) {
    this(protocol, fracBits, MathOptions.DEFAULT);
  }

  /** As above, with the choice of non-linear approximations ({@link MathOptions}). */
  public Hal(Protocol protocol, int fracBits, MathOptions math) {
    FixedPoint.checkFracBits(fracBits);
    this.protocol = protocol;
    this.fracBits = fracBits;
    this.math = java.util.Objects.requireNonNull(math, "math");
  }

  public Protocol protocol() {
    if (protocol == null) {
      throw new IllegalStateException(
          "this HAL has no protocol: secret values need a party runtime (PartyRuntime)");
    }
    return protocol;
  }

  public int fracBits() {
    return fracBits;
  }

  /** The approximation methods of the fixed-point math ops. */
  public MathOptions math() {
    return math;
  }

  /** The fixed-point encoding of 1: 2^f. */
  long fxpOne() {
    return 1L << fracBits;
  }

  // ---------------------------------------------------------------- value plumbing

  static TensorType type(Shape s, DType d, Visibility v) {
    return new TensorType(s, d, v);
  }

  static Visibility vis(HalValue... vs) {
    for (HalValue v : vs) {
      if (v.isSecret()) {
        return Visibility.SECRET;
      }
    }
    return Visibility.PUBLIC;
  }

  static void requireSameShape(String op, HalValue a, HalValue b) {
    if (!a.shape().equals(b.shape())) {
      throw new IllegalArgumentException(
          "hal." + op + ": operands of different shapes " + a.type() + " and " + b.type());
    }
  }

  /**
   * This party's share of {@code v} in the requested domain: a public value is shared without
   * communication; a boolean i1 share is converted to arithmetic (0/1) when ARITH is asked for.
   */
  Share share(HalValue v, Share.Kind kind) {
    if (v.isPublic()) {
      return protocol().fromPublic(kind, v.publicData());
    }
    Share s = v.share();
    if (s.kind() == kind) {
      return s;
    }
    if (kind == Share.Kind.ARITH) {
      return protocol().bitToA(s);
    }
    throw new IllegalStateException(
        "internal: a boolean view of the arithmetic share of " + v.type() + " was requested");
  }

  /** The arithmetic share of a secret (bit-to-arithmetic for a boolean i1). */
  Share arith(HalValue secret) {
    return share(secret, Share.Kind.ARITH);
  }

  /** A public i1 becomes a boolean share, anything else an arithmetic one. */
  public HalValue toSecret(HalValue v) {
    if (v.isSecret()) {
      return v;
    }
    Share.Kind k = v.dtype() == DType.I1 ? Share.Kind.BOOL : Share.Kind.ARITH;
    return HalValue.ofSecret(
        v.type().withVisibility(Visibility.SECRET), protocol().fromPublic(k, v.publicData()));
  }

  /**
   * A secret i1 held as a boolean share becomes an arithmetic 0/1 share (the {@code prefer_a}
   * conversion: one bit-to-arithmetic now, so later selects and products need none).
   */
  public HalValue preferA(HalValue v) {
    if (!v.isBoolShare()) {
      return v;
    }
    return HalValue.ofSecret(v.type(), protocol().bitToA(v.share()));
  }

  /** Element j of the result is element index[j] of x, or 0 (false) where index[j] < 0. */
  public HalValue gather(HalValue x, int[] index, Shape outShape) {
    TensorType t = x.type().withShape(outShape);
    if (x.isSecret()) {
      return HalValue.ofSecret(t, x.share().gather(index));
    }
    long[] src = x.publicData();
    long[] out = new long[index.length];
    for (int j = 0; j < index.length; j++) {
      int i = index[j];
      out[j] = i < 0 ? 0L : src[i];
    }
    return HalValue.ofPublic(t, out);
  }

  /** A scalar repeated to {@code shape} (no-op if x already has that shape). */
  public HalValue broadcastTo(HalValue x, Shape shape) {
    if (x.shape().equals(shape)) {
      return x;
    }
    if (x.numElements() != 1) {
      throw new IllegalArgumentException(
          "hal: cannot broadcast " + x.type() + " to shape " + shape + " (only scalars broadcast)");
    }
    return gather(x, Indexing.splat(shape.numElements()), shape);
  }

  /** Arithmetic right shift by {@code bits}: exact floor on public data, truncA on secrets. */
  public HalValue truncate(HalValue x, int bits) {
    if (bits == 0) {
      return x;
    }
    if (x.isPublic()) {
      return HalValue.ofPublic(x.type(), RingOps.sra(x.publicData(), bits));
    }
    return HalValue.ofSecret(x.type(), protocol().truncA(arith(x), bits));
  }

  // ---------------------------------------------------------------- dtype casts

  /**
   * The same value under another dtype, visibility unchanged.
   *
   * <ul>
   *   <li>int → int, fixed → fixed: no change (ring semantics, no wrap to a narrower width);
   *   <li>int or i1 → fixed: multiply by 2^f (local);
   *   <li>fixed → int: floor(x) by an arithmetic shift of f bits; on a secret this is truncA, whose
   *       result may exceed the floor by 1 (probabilistic truncation);
   *   <li>i1 → int: 0/1 (a boolean share becomes arithmetic);
   *   <li>numeric → i1: x ≠ 0 (a zero test on secrets).
   * </ul>
   */
  public HalValue cast(HalValue x, DType to) {
    DType from = x.dtype();
    if (from == to) {
      return x;
    }
    TensorType t = x.type().withDType(to);
    if (to == DType.I1) {
      return Compare.nonZero(this, x);
    }
    if (from == DType.I1) {
      HalValue asInt = x.isSecret() ? HalValue.ofSecret(t, arith(x)) : x.retype(t);
      return to.isFixedPoint() ? scaleRing(asInt, fxpOne()) : asInt;
    }
    if (from.isFixedPoint() == to.isFixedPoint()) {
      return x.retype(t);
    }
    if (to.isFixedPoint()) {
      return scaleRing(x.retype(t), fxpOne());
    }
    return truncate(x.retype(t), fracBits);
  }

  /** Multiplies the ring encoding by a public constant (local). */
  HalValue scaleRing(HalValue x, long c) {
    if (x.isPublic()) {
      return HalValue.ofPublic(x.type(), RingOps.scale(x.publicData(), c));
    }
    return HalValue.ofSecret(
        x.type(), protocol().mulAP(arith(x), RingOps.fill(x.numElements(), c)));
  }

  /**
   * The {@code convert} op: a dtype cast (see {@link #cast}), then, if the target is secret and x
   * public, sharing without communication. Secret → public is not a conversion (reveal is).
   */
  public HalValue convert(HalValue x, TensorType to) {
    if (!to.shape().equals(x.shape())) {
      throw new IllegalArgumentException(
          "hal.convert: " + x.type() + " to a different shape " + to);
    }
    if (x.isSecret() && !to.isSecret()) {
      throw new IllegalArgumentException(
          "hal.convert: cannot convert the secret " + x.type() + " to public " + to);
    }
    HalValue c = cast(x, to.dtype());
    return to.isSecret() ? toSecret(c) : c;
  }
}
