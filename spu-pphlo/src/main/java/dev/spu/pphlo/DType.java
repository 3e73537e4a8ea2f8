package dev.spu.pphlo;

/**
 * Element data types of PPHLO tensors. Integers are two's complement in the ring; floating-point
 * types are fixed point at run time (the fraction bits are a runtime setting, not part of the
 * type).
 */
public enum DType {
  I1("i1", 1, false),
  I8("i8", 8, false),
  I16("i16", 16, false),
  I32("i32", 32, false),
  I64("i64", 64, false),
  F16("f16", 16, true),
  F32("f32", 32, true),
  F64("f64", 64, true);

  private final String mlirName;
  private final int bits;
  private final boolean fixedPoint;

  DType(String mlirName, int bits, boolean fixedPoint) {
    this.mlirName = mlirName;
    this.bits = bits;
    this.fixedPoint = fixedPoint;
  }

  /** The element type as MLIR spells it: {@code i1}, {@code i32}, {@code f32}, ... */
  public String mlirName() {
    return mlirName;
  }

  public int bits() {
    return bits;
  }

  /** True for f16/f32/f64, which are fixed-point numbers at run time. */
  public boolean isFixedPoint() {
    return fixedPoint;
  }

  public boolean isInteger() {
    return !fixedPoint;
  }

  public boolean isBoolean() {
    return this == I1;
  }

  /**
   * Data-type promotion (paper, §3.2): any fixed-point operand makes the result fixed point; among
   * the same kind, the wider type wins.
   */
  public static DType promote(DType a, DType b) {
    if (a.fixedPoint != b.fixedPoint) {
      return a.fixedPoint ? a : b;
    }
    return a.bits >= b.bits ? a : b;
  }

  /** Parses an MLIR element type name; throws {@link IllegalArgumentException} naming it. */
  public static DType fromMlir(String name) {
    for (DType t : values()) {
      if (t.mlirName.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown element type '"
            + name
            + "': expected one of i1, i8, i16, i32, i64, f16, f32, f64");
  }

  @Override
  public String toString() {
    return mlirName;
  }
}
