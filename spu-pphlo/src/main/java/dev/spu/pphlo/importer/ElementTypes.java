package dev.spu.pphlo.importer;

import dev.spu.pphlo.DType;
import java.util.Map;

/**
 * Source element types (StableHLO spelling; the HLO parser maps {@code s32}, {@code u8}, {@code
 * pred} to it) and the PPHLO dtypes they become. PPHLO has no unsigned or bfloat types:
 *
 * <ul>
 *   <li>{@code ui8 → i16}, {@code ui16 → i32}, {@code ui32 → i64}: the next wider signed type holds
 *       every value, so comparisons and conversions keep their meaning;
 *   <li>{@code ui64 → i64}: values ≥ 2^63 wrap (two's complement);
 *   <li>{@code bf16 → f16}: both are 16-bit floats, and every float is fixed point at run time;
 *   <li>{@code index → i64}.
 * </ul>
 *
 * Integer arithmetic follows the runtime's ring semantics (64-bit wrap, not the dtype width).
 */
final class ElementTypes {
  private ElementTypes() {}

  private static final Map<String, DType> MAP =
      Map.ofEntries(
          Map.entry("i1", DType.I1),
          Map.entry("i8", DType.I8),
          Map.entry("i16", DType.I16),
          Map.entry("i32", DType.I32),
          Map.entry("i64", DType.I64),
          Map.entry("si8", DType.I8),
          Map.entry("si16", DType.I16),
          Map.entry("si32", DType.I32),
          Map.entry("si64", DType.I64),
          Map.entry("ui8", DType.I16),
          Map.entry("ui16", DType.I32),
          Map.entry("ui32", DType.I64),
          Map.entry("ui64", DType.I64),
          Map.entry("index", DType.I64),
          Map.entry("f16", DType.F16),
          Map.entry("bf16", DType.F16),
          Map.entry("f32", DType.F32),
          Map.entry("f64", DType.F64));

  static final String SUPPORTED =
      "i1, i8, i16, i32, i64, ui8, ui16, ui32, ui64, f16, bf16, f32, f64";

  /** The PPHLO dtype of a source element type, or an error naming it and the supported ones. */
  static DType dtype(String elem, int line) {
    DType d = MAP.get(elem);
    if (d == null) {
      throw new ImportException(
          line, "unsupported element type '" + elem + "' (supported: " + SUPPORTED + ")");
    }
    return d;
  }

  /** Bits of one element in a raw (hex) buffer. */
  static int storageBits(String elem) {
    return switch (elem) {
      case "i1" -> 8;
      case "i8", "si8", "ui8" -> 8;
      case "i16", "si16", "ui16", "f16", "bf16" -> 16;
      case "i32", "si32", "ui32", "f32" -> 32;
      default -> 64;
    };
  }

  static boolean isUnsigned(String elem) {
    return elem.startsWith("ui");
  }

  static boolean isFloat(String elem) {
    return elem.equals("f16") || elem.equals("bf16") || elem.equals("f32") || elem.equals("f64");
  }

  /** The IEEE value of raw bits of a float element type (half, bfloat, single, double). */
  static double floatFromBits(String elem, long bits) {
    return switch (elem) {
      case "f16" -> halfToDouble((int) (bits & 0xffff));
      case "bf16" -> Float.intBitsToFloat((int) ((bits & 0xffff) << 16));
      case "f32" -> Float.intBitsToFloat((int) bits);
      default -> Double.longBitsToDouble(bits);
    };
  }

  private static double halfToDouble(int h) {
    int sign = (h >>> 15) & 1;
    int exp = (h >>> 10) & 0x1f;
    int frac = h & 0x3ff;
    double v;
    if (exp == 0x1f) {
      v = frac == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
    } else if (exp == 0) {
      v = frac * Math.pow(2, -24);
    } else {
      v = (1 + frac / 1024.0) * Math.pow(2, exp - 15);
    }
    return sign == 1 ? -v : v;
  }
}
