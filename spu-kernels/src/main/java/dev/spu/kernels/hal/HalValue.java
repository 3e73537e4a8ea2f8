package dev.spu.kernels.hal;

import dev.spu.mpc.Share;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import java.util.Objects;

/**
 * A typed value on one party: its PPHLO {@link TensorType} and either the public data ({@code
 * long[]} in ring encoding: integers as they are, sign-extended to 64 bits; fixed point as round(x
 * · 2^f); i1 as 0/1) or this party's {@link Share}.
 *
 * <p>A secret i1 (a predicate) may be held as a BOOL share whose bit 0 is the value (higher bits
 * unspecified), as comparisons produce it, or as an ARITH share of 0/1 (after {@code prefer_a},
 * selects, conversions). Every other secret is an ARITH share.
 *
 * <p>Immutable; the arrays are not copied (treat them as read-only).
 */
public final class HalValue {
  private final TensorType type;
  private final long[] data;
  private final Share share;

  private HalValue(TensorType type, long[] data, Share share) {
    this.type = Objects.requireNonNull(type, "type");
    this.data = data;
    this.share = share;
  }

  /** A public value; {@code ring} must have one element per tensor element. */
  public static HalValue ofPublic(TensorType type, long[] ring) {
    if (type.isSecret()) {
      throw new IllegalArgumentException("public data given for the secret type " + type);
    }
    if (ring.length != type.numElements()) {
      throw new IllegalArgumentException(
          "public data has "
              + ring.length
              + " elements, type "
              + type
              + " needs "
              + type.numElements());
    }
    return new HalValue(type, ring, null);
  }

  /** A secret value held as this party's share. */
  public static HalValue ofSecret(TensorType type, Share share) {
    if (!type.isSecret()) {
      throw new IllegalArgumentException("a share given for the public type " + type);
    }
    if (share.size() != type.numElements()) {
      throw new IllegalArgumentException(
          "share has " + share.size() + " elements, type " + type + " needs " + type.numElements());
    }
    if (!share.isArith() && type.dtype() != DType.I1) {
      throw new IllegalArgumentException(
          "only i1 values may be held as boolean shares, got " + share + " for " + type);
    }
    return new HalValue(type, null, share);
  }

  public TensorType type() {
    return type;
  }

  public Shape shape() {
    return type.shape();
  }

  public DType dtype() {
    return type.dtype();
  }

  public int numElements() {
    return type.numElements();
  }

  public boolean isSecret() {
    return share != null;
  }

  public boolean isPublic() {
    return share == null;
  }

  /** The public ring data (not a copy). */
  public long[] publicData() {
    if (share != null) {
      throw new IllegalStateException(
          "value of type " + type + " is secret: it has no public data");
    }
    return data;
  }

  /** This party's share (secret values only). */
  public Share share() {
    if (share == null) {
      throw new IllegalStateException("value of type " + type + " is public: it has no share");
    }
    return share;
  }

  /** True for a secret i1 held as a boolean share (bit 0). */
  public boolean isBoolShare() {
    return share != null && !share.isArith();
  }

  /** The same data under another type of the same element count and visibility (no conversion). */
  public HalValue retype(TensorType t) {
    return share == null ? ofPublic(t, data) : ofSecret(t, share);
  }

  /** Never prints data or shares. */
  @Override
  public String toString() {
    return "HalValue(" + type + (share != null ? ", " + share.kind() : "") + ")";
  }
}
