package dev.spu.trace;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.ConvolutionSpec;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TypeException;
import dev.spu.pphlo.Value;
import dev.spu.pphlo.WindowSpec;
import java.util.Arrays;

/**
 * Convolutions and pooling as PPHLO ops, recorded into a {@link Tracer}: the general {@code
 * convolution}, {@code reduce_window} and {@code select_and_scatter}, and NCHW conveniences (conv2d
 * with an OIHW kernel, max and average pooling). Max pooling is {@code reduce_window} (max) with
 * init −inf, so its gradient is XLA's {@code select_and_scatter} (≥, add) pattern that the
 * max-pooling pass rewrites.
 */
public final class WindowOps {
  private WindowOps() {}

  /** A general {@code convolution}. */
  public static Value convolution(Tracer t, Value lhs, Value rhs, ConvolutionSpec spec) {
    return t.op("convolution", spec.toAttributes(), lhs, rhs);
  }

  /**
   * 2-D convolution of an NCHW input with an OIHW kernel, NCHW result.
   *
   * @param strides {sh, sw}
   * @param padding {ph, pw} (both sides) or {top, bottom, left, right}
   */
  public static Value conv2d(Tracer t, Value x, Value kernel, int[] strides, int[] padding) {
    return convolution(
        t,
        x,
        kernel,
        ConvolutionSpec.of(ConvolutionSpec.Dims.nchw(2), strides.clone(), pairs(padding, 2)));
  }

  /** A general {@code reduce_window} ({@code kind} add, max or min). */
  public static Value reduceWindow(Tracer t, Value x, Value init, String kind, WindowSpec spec) {
    Attributes a = spec.toAttributes(Attributes.builder().put("kind", kind), true).build();
    return t.op("reduce_window", a, x, init);
  }

  /**
   * A general {@code select_and_scatter}: for each window of {@code operand}, the first element
   * that is ≥ ({@code select} "ge") or ≤ ("le") all others receives the window's {@code source}
   * value; contributions add up, on top of {@code init}.
   */
  public static Value selectAndScatter(
      Tracer t, Value operand, Value source, Value init, String select, WindowSpec spec) {
    Attributes a =
        spec.toAttributes(Attributes.builder().put("select", select).put("scatter", "add"), false)
            .build();
    return t.op("select_and_scatter", a, operand, source, init);
  }

  /**
   * Max pooling over the last two dimensions of an NCHW tensor: {@code reduce_window} max with init
   * −inf (padding never wins).
   *
   * @param window {kh, kw}
   * @param strides {sh, sw}
   * @param padding {ph, pw} or {top, bottom, left, right}
   */
  public static Value maxPool2d(Tracer t, Value x, int[] window, int[] strides, int[] padding) {
    DType d = x.type().dtype();
    Value init =
        d.isFixedPoint()
            ? TensorOps.full(t, Shape.SCALAR, d, Double.NEGATIVE_INFINITY)
            : TensorOps.full(
                t, Shape.SCALAR, d, d.bits() >= 64 ? Long.MIN_VALUE : -(1L << (d.bits() - 1)));
    return reduceWindow(t, x, init, "max", pool2d("maxPool2d", x, window, strides, padding));
  }

  /**
   * Average pooling over the last two dimensions of an NCHW tensor: {@code reduce_window} add, then
   * a multiply by the public 1/(kh·kw) (padding counts as zeros in the average, as PyTorch's
   * default {@code count_include_pad}). Integer inputs give a fixed-point result.
   */
  public static Value avgPool2d(Tracer t, Value x, int[] window, int[] strides, int[] padding) {
    WindowSpec spec = pool2d("avgPool2d", x, window, strides, padding);
    Value xf = TensorOps.convert(t, x, TensorOps.floatFor(x.type().dtype()));
    DType d = xf.type().dtype();
    Value sum = reduceWindow(t, xf, TensorOps.full(t, Shape.SCALAR, d, 0.0), "add", spec);
    double scale = 1.0 / ((long) window[0] * window[1]);
    return t.op("multiply", Attributes.EMPTY, sum, TensorOps.full(t, sum.type().shape(), d, scale));
  }

  /** The window of a 2-D pooling over an NCHW tensor. */
  static WindowSpec pool2d(String what, Value x, int[] window, int[] strides, int[] padding) {
    if (x.type().shape().rank() != 4 || window.length != 2 || strides.length != 2) {
      throw new TypeException(
          what
              + " of "
              + x.type()
              + " with window "
              + Arrays.toString(window)
              + " and strides "
              + Arrays.toString(strides)
              + ": expected an NCHW tensor (rank 4) and two window sizes and strides");
    }
    int[] p = pairs(padding, 2);
    return WindowSpec.of(
        new int[] {1, 1, window[0], window[1]},
        new int[] {1, 1, strides[0], strides[1]},
        new int[] {0, 0, 0, 0, p[0], p[1], p[2], p[3]});
  }

  /** {pad per dim} (symmetric) or flattened {lo, hi} pairs → flattened pairs. */
  static int[] pairs(int[] padding, int dims) {
    if (padding.length == 2 * dims) {
      return padding.clone();
    }
    if (padding.length == dims) {
      int[] r = new int[2 * dims];
      for (int i = 0; i < dims; i++) {
        r[2 * i] = padding[i];
        r[2 * i + 1] = padding[i];
      }
      return r;
    }
    throw new IllegalArgumentException(
        "padding "
            + Arrays.toString(padding)
            + ": expected "
            + dims
            + " values (both sides) or "
            + 2 * dims
            + " (lo, hi per dimension)");
  }
}
