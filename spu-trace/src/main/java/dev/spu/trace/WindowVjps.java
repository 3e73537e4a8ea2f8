package dev.spu.trace;

import dev.spu.pphlo.ConvolutionSpec;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TypeException;
import dev.spu.pphlo.Value;
import dev.spu.pphlo.WindowSpec;

/**
 * VJP rules of {@code convolution} and {@code reduce_window}, as XLA/JAX derive them: every
 * gradient is again one windowed op, so the backward pass keeps the forward's efficiency (one
 * matrix product per convolution gradient) and the passes see XLA's patterns.
 *
 * <p>Along one spatial dimension let the input have size I (lhs dilation ld, padding lo/hi), the
 * kernel K taps (rhs dilation rd), stride s, output size O. Output o, tap k read dilated+padded
 * position o·s + k·rd, which holds input i iff o·s + k·rd = i·ld + lo.
 *
 * <ul>
 *   <li><b>lhs</b>: the cotangent convolved with the kernel, features swapped and taps reversed:
 *       lhs dilation s (the forward stride), stride ld, rhs dilation rd, padding lo' = (K−1)·rd −
 *       lo, hi' = (I−1)·ld − (O−1)·s + lo (output size exactly I; negative values crop).
 *   <li><b>rhs</b>: the lhs (batch and feature roles swapped) convolved with the cotangent as the
 *       kernel (its batch contracted): rhs dilation s, stride rd, lhs dilation ld, padding lo and
 *       hi − slack, where slack is the forward's unused tail (output size exactly K). Reversed taps
 *       are flipped back by an exact integer anti-identity {@code dot_general}.
 *   <li><b>reduce_window add</b>: reduce_window add of the cotangent with base dilation s, stride
 *       base_dilation, window dilation unchanged, padding as for the lhs above; the init value gets
 *       Σ_w g_w · (holes_w + 1) = (K + 1)·Σg − Σ dx.
 *   <li><b>reduce_window max/min</b>: {@code select_and_scatter(x, g, 0)} with select ≥ (≤ for min)
 *       and scatter add over the same window: XLA's max-pool gradient, sending each window's
 *       cotangent to its first maximum. No dilations (select_and_scatter has none); the init value
 *       gets no gradient (it is −inf/+inf in pooling; where a finite init wins a window, its
 *       cotangent still goes to the window's first maximum).
 * </ul>
 *
 * <p>{@code select_and_scatter} itself has no rule (second derivatives through max pooling are not
 * supported).
 */
final class WindowVjps {
  private WindowVjps() {}

  // ------------------------------------------------------------------ convolution

  static Value[] convolution(VjpContext c) {
    ConvolutionSpec s = ConvolutionSpec.parse(c.attrs());
    Value lhs = c.operand(0);
    Value rhs = c.operand(1);
    Shape out = c.result().type().shape();
    boolean empty = out.numElements() == 0;
    Value dl = null;
    Value dr = null;
    if (c.needs(0)) {
      dl =
          empty || lhs.type().numElements() == 0
              ? c.zerosLike(lhs)
              : c.op("convolution", lhsGrad(s, lhs, rhs, out).toAttributes(), c.ct(), rhs);
    }
    if (c.needs(1)) {
      dr = empty || rhs.type().numElements() == 0 ? c.zerosLike(rhs) : rhsGrad(c, s, lhs, rhs, out);
    }
    return new Value[] {dl, dr};
  }

  private static ConvolutionSpec lhsGrad(ConvolutionSpec s, Value lhs, Value rhs, Shape out) {
    ConvolutionSpec.Dims d = s.dims();
    int sp = s.spatial();
    int[] is = d.inputSpatial();
    int[] ks = d.kernelSpatial();
    int[] os = d.outputSpatial();
    int[] st = s.strides();
    int[] ld = s.lhsDilation();
    int[] rd = s.rhsDilation();
    boolean[] rev = s.reversal();
    int[] pad = new int[2 * sp];
    boolean[] rev2 = new boolean[sp];
    for (int i = 0; i < sp; i++) {
      int in = lhs.type().shape().dim(is[i]);
      int k = rhs.type().shape().dim(ks[i]);
      int o = out.dim(os[i]);
      pad[2 * i] = (k - 1) * rd[i] - s.padLo(i);
      pad[2 * i + 1] = (in - 1) * ld[i] - (o - 1) * st[i] + s.padLo(i);
      rev2[i] = !rev[i];
    }
    ConvolutionSpec.Dims d2 =
        new ConvolutionSpec.Dims(
            d.outputBatch(),
            d.outputFeature(),
            os,
            d.kernelOutputFeature(),
            d.kernelInputFeature(),
            ks,
            d.inputBatch(),
            d.inputFeature(),
            is);
    return new ConvolutionSpec(d2, ld, pad, st, rd, rev2, 1, 1);
  }

  private static Value rhsGrad(VjpContext c, ConvolutionSpec s, Value lhs, Value rhs, Shape out) {
    ConvolutionSpec.Dims d = s.dims();
    int sp = s.spatial();
    int[] is = d.inputSpatial();
    int[] ks = d.kernelSpatial();
    int[] os = d.outputSpatial();
    int[] st = s.strides();
    int[] ld = s.lhsDilation();
    int[] rd = s.rhsDilation();
    int[] pad = new int[2 * sp];
    for (int i = 0; i < sp; i++) {
      int in = lhs.type().shape().dim(is[i]);
      int k = rhs.type().shape().dim(ks[i]);
      int o = out.dim(os[i]);
      int padded = (in - 1) * ld[i] + 1 + s.padLo(i) + s.padHi(i);
      int slack = padded - ((o - 1) * st[i] + (k - 1) * rd[i] + 1);
      pad[2 * i] = s.padLo(i);
      pad[2 * i + 1] = s.padHi(i) - slack;
    }
    ConvolutionSpec.Dims d2 =
        new ConvolutionSpec.Dims(
            d.inputFeature(),
            d.inputBatch(),
            is,
            d.outputBatch(),
            d.outputFeature(),
            os,
            d.kernelInputFeature(),
            d.kernelOutputFeature(),
            ks);
    ConvolutionSpec s2 = new ConvolutionSpec(d2, rd, pad, ld, st, null, 1, 1);
    Value dw = c.op("convolution", s2.toAttributes(), lhs, c.ct());
    boolean[] rev = s.reversal();
    for (int i = 0; i < sp; i++) {
      if (rev[i]) {
        dw = reverse(c, dw, ks[i]);
      }
    }
    return dw;
  }

  /**
   * {@code x} read backwards along {@code dim}: a {@code dot_general} with the public integer
   * anti-identity (exact: integer × fixed point needs no truncation), then a transpose putting the
   * dimension back in place.
   */
  static Value reverse(VjpContext c, Value x, int dim) {
    Shape s = x.type().shape();
    int n = s.dim(dim);
    long[] j = new long[n * n];
    for (int i = 0; i < n; i++) {
      j[i * n + (n - 1 - i)] = 1;
    }
    Value anti = TensorOps.constant(c.tracer(), Shape.of(n, n), DType.I32, j);
    Value y =
        TensorOps.dotGeneral(
            c.tracer(), x, anti, new int[0], new int[0], new int[] {dim}, new int[] {0});
    int r = s.rank();
    int[] perm = new int[r];
    for (int i = 0; i < r; i++) {
      perm[i] = i < dim ? i : i == dim ? r - 1 : i - 1;
    }
    return c.transpose(y, perm);
  }

  // ------------------------------------------------------------------ reduce_window

  static Value[] reduceWindow(VjpContext c) {
    String kind = c.attrs().getString("kind");
    Value x = c.operand(0);
    WindowSpec s = WindowSpec.parse(c.attrs(), x.type().shape().rank(), true);
    return switch (kind) {
      case "add" -> add(c, s);
      case "max", "min" -> new Value[] {c.needs(0) ? chooser(c, s, kind) : null, null};
      default ->
          throw new TypeException(
              "'pphlo.reduce_window' with operands "
                  + c.op().operandTypes()
                  + ": no gradient for kind '"
                  + kind
                  + "' (differentiable kinds: add, max, min)");
    };
  }

  private static Value[] add(VjpContext c, WindowSpec s) {
    Value x = c.operand(0);
    Shape xs = x.type().shape();
    Shape out = c.result().type().shape();
    Value g = c.ct();
    Value dx;
    if (out.numElements() == 0 || xs.numElements() == 0) {
      dx = c.zeros(xs, g.type().dtype());
    } else {
      int r = xs.rank();
      int[] w = s.window();
      int[] st = s.strides();
      int[] bd = s.baseDilations();
      int[] wd = s.windowDilations();
      int[] pad = new int[2 * r];
      for (int i = 0; i < r; i++) {
        pad[2 * i] = (w[i] - 1) * wd[i] - s.padLo(i);
        pad[2 * i + 1] = (xs.dim(i) - 1) * bd[i] - (out.dim(i) - 1) * st[i] + s.padLo(i);
      }
      WindowSpec back = new WindowSpec(w, bd, st, wd, pad);
      Value zero = c.zeros(Shape.SCALAR, g.type().dtype());
      dx = WindowOps.reduceWindow(c.tracer(), g, zero, "add", back);
    }
    Value dinit = null;
    if (c.needs(1)) {
      long k = 1;
      for (int v : s.window()) {
        k *= v;
      }
      Value sumG = c.sumToScalar(g);
      Value scaled =
          c.op(
              "multiply",
              sumG,
              TensorOps.full(
                  c.tracer(),
                  Shape.SCALAR,
                  TensorOps.scalarDType(sumG.type().dtype(), k + 1),
                  k + 1));
      dinit = c.op("subtract", scaled, c.sumToScalar(dx));
    }
    return new Value[] {c.needs(0) ? dx : null, dinit};
  }

  private static Value chooser(VjpContext c, WindowSpec s, String kind) {
    if (s.hasDilations()) {
      throw new TypeException(
          "'pphlo.reduce_window' with operands "
              + c.op().operandTypes()
              + ": no gradient for kind '"
              + kind
              + "' with base or window dilations (its gradient is select_and_scatter, which has"
              + " none)");
    }
    Value g = c.ct();
    Value zero = c.zeros(Shape.SCALAR, g.type().dtype());
    WindowSpec plain = WindowSpec.of(s.window(), s.strides(), s.padding());
    return WindowOps.selectAndScatter(
        c.tracer(), c.operand(0), g, zero, kind.equals("max") ? "ge" : "le", plain);
  }
}
