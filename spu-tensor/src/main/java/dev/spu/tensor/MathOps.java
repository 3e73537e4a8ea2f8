package dev.spu.tensor;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.DenseElements;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.Value;
import dev.spu.trace.TensorOps;
import dev.spu.trace.Tracer;
import java.util.List;

/**
 * The fixed-point math of {@link SecretTensor} as PPHLO: one op per function (integers are
 * converted to fixed point first, as NumPy's ufuncs do), and compositions of existing ops for
 * softmax, logSoftmax and the axis argmax/argmin, so that compiler passes and autodiff see every
 * step.
 */
final class MathOps {
  private MathOps() {}

  /** A unary math op ({@code exponential}, {@code log}, ...) on x converted to fixed point. */
  static Value unary(Tracer t, String op, Value x) {
    return t.op(op, Attributes.EMPTY, toFloat(t, x));
  }

  static Value toFloat(Tracer t, Value x) {
    return TensorOps.convert(t, x, TensorOps.floatFor(x.type().dtype()));
  }

  /** x^y with NumPy broadcasting; an integer base with a fixed-point exponent is converted. */
  static Value pow(Tracer t, Value x, Value y) {
    return TensorOps.binary(t, "power", x, y);
  }

  /**
   * softmax along {@code axis}: e = exp(x − max(x)), e · reciprocal(Σ e). The shift makes every
   * exponent ≤ 0 (no overflow) and the sum ≥ 1; one reciprocal per row instead of a division per
   * element.
   */
  static Value softmax(Tracer t, Value x, int axis) {
    Value xf = toFloat(t, x);
    int[] ax = {TensorOps.normalizeAxis("softmax", xf.type(), axis)};
    Value z = TensorOps.binary(t, "subtract", xf, TensorOps.max(t, xf, ax, true));
    Value e = t.op("exponential", Attributes.EMPTY, z);
    Value s = TensorOps.sum(t, e, ax, true);
    return TensorOps.binary(t, "multiply", e, t.op("reciprocal", Attributes.EMPTY, s));
  }

  /** logSoftmax along {@code axis}: z − log(Σ exp(z)) with z = x − max(x). */
  static Value logSoftmax(Tracer t, Value x, int axis) {
    Value xf = toFloat(t, x);
    int[] ax = {TensorOps.normalizeAxis("log_softmax", xf.type(), axis)};
    Value z = TensorOps.binary(t, "subtract", xf, TensorOps.max(t, xf, ax, true));
    Value s = TensorOps.sum(t, t.op("exponential", Attributes.EMPTY, z), ax, true);
    return TensorOps.binary(t, "subtract", z, t.op("log", Attributes.EMPTY, s));
  }

  /**
   * The index (i64) of the first maximum ({@code max}) or minimum along {@code axis}, by a
   * log-depth tree: each level pairs neighbours (2j, 2j + 1), keeps the later one only if strictly
   * better (so ties keep the earlier index) with one comparison and two selects on the same
   * predicate; an odd last element is carried. ⌈log2 n⌉ levels.
   */
  static Value argExtremum(Tracer t, Value x, int axis, boolean keepDims, boolean max) {
    String op = max ? "argmax" : "argmin";
    Shape s = x.type().shape();
    int ax = TensorOps.normalizeAxis(op, x.type(), axis);
    int n = s.dim(ax);
    if (n == 0) {
      throw TensorOps.error(op, List.of(x.type()), "reduction over the empty axis " + axis);
    }
    long[] idx = new long[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Value iv = t.constant(DenseElements.ofInts(Shape.of(n), DType.I64, idx));
    Value ix =
        t.op(
            "broadcast_in_dim",
            Attributes.of("broadcast_dimensions", new int[] {ax}),
            x.type().withShape(s).withDType(DType.I64).withVisibility(iv.type().visibility()),
            iv);
    Value v = x;
    int w = n;
    while (w > 1) {
      int half = w / 2;
      Value lo = strided(t, v, ax, 0, 2 * half);
      Value hi = strided(t, v, ax, 1, 2 * half);
      Value ilo = strided(t, ix, ax, 0, 2 * half);
      Value ihi = strided(t, ix, ax, 1, 2 * half);
      Value better = t.op(max ? "greater" : "less", Attributes.EMPTY, hi, lo);
      Value nv = t.op("select", Attributes.EMPTY, better, hi, lo);
      Value ni = t.op("select", Attributes.EMPTY, better, ihi, ilo);
      if (w % 2 == 1) {
        nv = TensorOps.concat(t, ax, nv, TensorOps.sliceAxis(t, v, ax, w - 1, w));
        ni = TensorOps.concat(t, ax, ni, TensorOps.sliceAxis(t, ix, ax, w - 1, w));
      }
      v = nv;
      ix = ni;
      w = half + w % 2;
    }
    if (keepDims) {
      return ix;
    }
    int[] out = new int[s.rank() - 1];
    for (int i = 0, j = 0; i < s.rank(); i++) {
      if (i != ax) {
        out[j++] = s.dim(i);
      }
    }
    return TensorOps.reshape(t, ix, out);
  }

  /** Elements from, from + 2, ... below limit along one axis. */
  private static Value strided(Tracer t, Value x, int axis, int from, int limit) {
    Shape s = x.type().shape();
    int[] start = new int[s.rank()];
    int[] end = s.dims();
    int[] step = new int[s.rank()];
    java.util.Arrays.fill(step, 1);
    start[axis] = from;
    end[axis] = limit;
    step[axis] = 2;
    return TensorOps.slice(t, x, start, end, step);
  }
}
