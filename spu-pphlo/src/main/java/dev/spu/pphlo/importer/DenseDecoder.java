package dev.spu.pphlo.importer;

import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import java.util.List;

/**
 * Constant payloads: element literals ({@code 1.5}, {@code -2}, {@code true}, per-element hex bits
 * {@code 0xFF800000}, HLO's {@code inf}/{@code -inf}/{@code nan}) or a raw little-endian hex buffer
 * ({@code dense<"0x0000803F...">}), checked against the declared type; one element is a splat.
 */
final class DenseDecoder {
  private DenseDecoder() {}

  static Known fromLiterals(List<String> lits, Ast.Type t, int line) {
    Shape s = MlirParser.shapeOf(t, line);
    DType d = ElementTypes.dtype(t.elem(), line);
    checkCount(lits.size(), s, t, line);
    if (d.isFixedPoint()) {
      double[] v = new double[lits.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = floatLiteral(lits.get(i), t.elem(), line);
      }
      return Known.ofDoubles(s, d, v, line);
    }
    long[] v = new long[lits.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = intLiteral(lits.get(i), t.elem(), line);
    }
    return Known.ofLongs(s, d, v, line);
  }

  private static void checkCount(int n, Shape s, Ast.Type t, int line) {
    if (n != 1 && n != s.numElements()) {
      throw new ImportException(
          line, "constant of type " + t + " has " + n + " elements, expected " + s.numElements());
    }
  }

  static double floatLiteral(String lit, String elem, int line) {
    String l = lit.startsWith("+") ? lit.substring(1) : lit;
    switch (l) {
      case "true":
        return 1;
      case "false":
        return 0;
      case "inf":
        return Double.POSITIVE_INFINITY;
      case "-inf":
        return Double.NEGATIVE_INFINITY;
      case "nan":
      case "-nan":
        return Double.NaN;
      default:
        break;
    }
    try {
      if (l.startsWith("0x") || l.startsWith("0X")) {
        return ElementTypes.floatFromBits(elem, Long.parseUnsignedLong(l.substring(2), 16));
      }
      return Double.parseDouble(l);
    } catch (NumberFormatException e) {
      throw new ImportException(line, "bad " + elem + " literal '" + lit + "'");
    }
  }

  static long intLiteral(String lit, String elem, int line) {
    if (lit.equals("true")) {
      return 1;
    }
    if (lit.equals("false")) {
      return 0;
    }
    try {
      boolean neg = lit.startsWith("-");
      String l = neg || lit.startsWith("+") ? lit.substring(1) : lit;
      long v;
      if (l.startsWith("0x") || l.startsWith("0X")) {
        v = signExtend(Long.parseUnsignedLong(l.substring(2), 16), elem);
      } else if (l.contains(".") || l.contains("e") || l.contains("E")) {
        double dv = Double.parseDouble(l);
        if (dv != Math.rint(dv)) {
          throw new NumberFormatException();
        }
        v = (long) dv;
      } else {
        v = new java.math.BigInteger(l).longValue();
      }
      return neg ? -v : v;
    } catch (NumberFormatException e) {
      throw new ImportException(line, "bad " + elem + " literal '" + lit + "'");
    }
  }

  /** Raw bits of a signed element type → its value; unsigned types keep the bits. */
  private static long signExtend(long bits, String elem) {
    if (ElementTypes.isUnsigned(elem) || elem.equals("i1")) {
      return bits;
    }
    int w = ElementTypes.storageBits(elem);
    return w == 64 ? bits : (bits << (64 - w)) >> (64 - w);
  }

  static Known fromHex(String hex, Ast.Type t, int line) {
    if (!hex.startsWith("0x") && !hex.startsWith("0X")) {
      throw new ImportException(line, "expected a hex string \"0x...\" for constant " + t);
    }
    Shape s = MlirParser.shapeOf(t, line);
    DType d = ElementTypes.dtype(t.elem(), line);
    String digits = hex.substring(2);
    int bytesPer = ElementTypes.storageBits(t.elem()) / 8;
    if (digits.length() % (2 * bytesPer) != 0) {
      throw new ImportException(line, "hex constant of " + t + " has a partial element");
    }
    int n = digits.length() / (2 * bytesPer);
    checkCount(n, s, t, line);
    long[] bits = new long[n];
    for (int i = 0; i < n; i++) {
      long v = 0;
      for (int b = bytesPer - 1; b >= 0; b--) {
        int at = 2 * (i * bytesPer + b);
        int hi = Character.digit(digits.charAt(at), 16);
        int lo = Character.digit(digits.charAt(at + 1), 16);
        if (hi < 0 || lo < 0) {
          throw new ImportException(line, "bad hex digit in constant " + t);
        }
        v = (v << 8) | (hi << 4) | lo;
      }
      bits[i] = v;
    }
    if (d.isFixedPoint()) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = ElementTypes.floatFromBits(t.elem(), bits[i]);
      }
      return Known.ofDoubles(s, d, v, line);
    }
    for (int i = 0; i < n; i++) {
      bits[i] = signExtend(bits[i], t.elem());
    }
    return Known.ofLongs(s, d, bits, line);
  }
}
