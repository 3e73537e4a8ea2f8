package dev.spu.pphlo.passes;

import dev.spu.pphlo.DenseElements;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.Value;
import java.util.Arrays;

/**
 * Reads the compile-time value of a public constant: a {@code constant} op, possibly behind {@code
 * broadcast_in_dim}, {@code reshape} or a {@code convert} of a public value (as the tracer writes
 * scalars next to tensors).
 */
final class Constants {
  private Constants() {}

  /**
   * The elements of {@code v} in row-major order if it is a public compile-time constant (a
   * broadcast of a splat gives the splat repeated), else null.
   */
  static double[] values(Rewriter rw, Value v) {
    if (v.type().isSecret()) {
      return null;
    }
    Operation d = rw.def(v);
    if (d == null) {
      return null;
    }
    switch (d.name()) {
      case "constant":
        return d.attributes().getDense("value").doubles();
      case "reshape":
        return values(rw, d.operand(0));
      case "convert":
        {
          double[] x = values(rw, d.operand(0));
          if (x == null) {
            return null;
          }
          if (!v.type().dtype().isFixedPoint()) {
            return null; // float → int rounds; not needed by the passes
          }
          return x;
        }
      case "broadcast_in_dim":
        {
          double[] x = values(rw, d.operand(0));
          if (x == null || !allEqual(x) || x.length == 0) {
            return null;
          }
          double[] r = new double[v.type().numElements()];
          Arrays.fill(r, x[0]);
          return r;
        }
      default:
        return null;
    }
  }

  /** A splat constant's single value behind {@code v}, or null. */
  static Double splat(Rewriter rw, Value v) {
    double[] x = values(rw, v);
    return x != null && x.length > 0 && allEqual(x) ? x[0] : null;
  }

  /** The dense payload of the constant whose result is {@code v}, or null. */
  static DenseElements dense(Rewriter rw, Value v) {
    Operation d = rw.def(v);
    return d != null && d.name().equals("constant") ? d.attributes().getDense("value") : null;
  }

  static boolean allEqual(double[] x) {
    for (double e : x) {
      if (Double.compare(e, x[0]) != 0) {
        return false;
      }
    }
    return true;
  }
}
