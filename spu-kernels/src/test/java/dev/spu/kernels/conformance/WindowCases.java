package dev.spu.kernels.conformance;

import static dev.spu.pphlo.DType.F32;
import static dev.spu.pphlo.DType.I32;
import static dev.spu.pphlo.Visibility.PUBLIC;
import static dev.spu.pphlo.Visibility.SECRET;
import static org.assertj.core.api.Assertions.fail;

import dev.spu.kernels.hal.FixedPoint;
import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.ConvolutionSpec;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.TypeException;
import dev.spu.pphlo.Value;
import dev.spu.pphlo.Visibility;
import dev.spu.pphlo.WindowSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Random cases of convolution, reduce_window and select_and_scatter, run through a cluster and
 * compared with {@link WindowRef}. Fixed-point results of a product may differ by the truncation (≤
 * 2 ulp); everything else is exact.
 */
final class WindowCases {
  /** Runs a program on a cluster and returns the revealed results (ring encodings). */
  interface Runner {
    List<long[]> run(Prog p, Value... outs);
  }

  static final int F = FixedPoint.DEFAULT_FRACTION_BITS;
  static final double ULP = Math.scalb(1.0, -F);

  private final Random rnd;
  private final Runner runner;

  WindowCases(long seed, Runner runner) {
    this.rnd = new Random(seed);
    this.runner = runner;
  }

  // ------------------------------------------------------------------ data

  /** Ring data and its real values: fixed point in [−2, 2), ints in [−20, 20], or few levels. */
  record Data(long[] ring, double[] real) {}

  Data data(DType d, int n, boolean fewLevels) {
    long[] r = new long[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      if (fewLevels) {
        v[i] = rnd.nextInt(4) - 2; // ties are common
      } else if (d.isFixedPoint()) {
        v[i] = FixedPoint.decode(FixedPoint.encode(rnd.nextDouble() * 4 - 2, F), F);
      } else {
        v[i] = rnd.nextInt(41) - 20;
      }
      r[i] = d.isFixedPoint() ? FixedPoint.encode(v[i], F) : (long) v[i];
    }
    return new Data(r, v);
  }

  static double[] decode(long[] r, DType d) {
    double[] out = new double[r.length];
    for (int i = 0; i < r.length; i++) {
      out[i] = d.isFixedPoint() ? FixedPoint.decode(r[i], F) : r[i];
    }
    return out;
  }

  static void check(long[] got, DType d, double[] want, double ulps, String ctx) {
    if (got.length != want.length) {
      fail(ctx + ": " + got.length + " elements, want " + want.length);
    }
    double[] g = decode(got, d);
    for (int i = 0; i < want.length; i++) {
      double tol = ulps * ULP + 1e-9 * Math.abs(want[i]);
      if (!(Math.abs(g[i] - want[i]) <= tol)) {
        fail(ctx + " element " + i + ": got " + g[i] + ", want " + want[i] + " ± " + tol);
      }
    }
  }

  int between(int lo, int hi) {
    return lo + rnd.nextInt(hi - lo + 1);
  }

  int[] ints(int n, int lo, int hi) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = between(lo, hi);
    }
    return r;
  }

  int[] permutation(int n) {
    List<Integer> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(i);
    }
    Collections.shuffle(l, rnd);
    return l.stream().mapToInt(Integer::intValue).toArray();
  }

  // ------------------------------------------------------------------ convolution

  /** A convolution case: operand dims and the attributes. */
  record ConvCase(int[] lhs, int[] rhs, ConvolutionSpec spec) {
    @Override
    public String toString() {
      return "lhs " + Arrays.toString(lhs) + " rhs " + Arrays.toString(rhs) + " " + spec;
    }
  }

  /** layout: "nchw", "nhwc" or "any" (random dimension numbers). */
  ConvCase randomConv(int sp, String layout, boolean dilate) {
    while (true) {
      ConvolutionSpec.Dims dims =
          switch (layout) {
            case "nchw" -> ConvolutionSpec.Dims.nchw(sp);
            case "nhwc" -> ConvolutionSpec.Dims.nhwc(sp);
            default -> {
              int[] a = permutation(sp + 2);
              int[] b = permutation(sp + 2);
              int[] c = permutation(sp + 2);
              yield new ConvolutionSpec.Dims(
                  a[0],
                  a[1],
                  Arrays.copyOfRange(a, 2, sp + 2),
                  b[0],
                  b[1],
                  Arrays.copyOfRange(b, 2, sp + 2),
                  c[0],
                  c[1],
                  Arrays.copyOfRange(c, 2, sp + 2));
            }
          };
      int maxIn = sp >= 3 ? 4 : 7;
      int n = between(1, 3);
      int c = between(1, 3);
      int f = between(1, 3);
      int[] in = ints(sp, 1, maxIn);
      int[] k = ints(sp, 1, 3);
      int[] lhs = new int[sp + 2];
      int[] rhs = new int[sp + 2];
      lhs[dims.inputBatch()] = n;
      lhs[dims.inputFeature()] = c;
      rhs[dims.kernelInputFeature()] = c;
      rhs[dims.kernelOutputFeature()] = f;
      for (int i = 0; i < sp; i++) {
        lhs[dims.inputSpatial()[i]] = in[i];
        rhs[dims.kernelSpatial()[i]] = k[i];
      }
      boolean[] rev = new boolean[sp];
      for (int i = 0; i < sp; i++) {
        rev[i] = dilate && rnd.nextInt(3) == 0;
      }
      ConvolutionSpec spec =
          new ConvolutionSpec(
              dims,
              ints(sp, 1, 2),
              ints(2 * sp, -1, 2),
              dilate ? ints(sp, 1, 2) : WindowSpecOnes.of(sp),
              dilate ? ints(sp, 1, 2) : WindowSpecOnes.of(sp),
              rev,
              1,
              1);
      try {
        Shape out = spec.outputShape(Shape.of(lhs), Shape.of(rhs));
        if (out.numElements() == 0 && rnd.nextInt(4) != 0) {
          continue; // keep a few empty outputs, mostly real work
        }
      } catch (TypeException e) {
        continue;
      }
      return new ConvCase(lhs, rhs, spec);
    }
  }

  /** Runs one convolution and compares with the reference. */
  void conv(ConvCase cc, Visibility vl, Visibility vr, DType tl, DType tr) {
    Data a = data(tl, WindowRef.prod(cc.lhs), false);
    Data b = data(tr, WindowRef.prod(cc.rhs), false);
    Prog p = new Prog();
    Value x = p.arg(new TensorType(Shape.of(cc.lhs), tl, vl), a.ring());
    Value w = p.arg(new TensorType(Shape.of(cc.rhs), tr, vr), b.ring());
    Value y = p.op("convolution", cc.spec.toAttributes(), x, w);
    List<long[]> got = runner.run(p, y);
    ConvolutionSpec s = cc.spec;
    ConvolutionSpec.Dims d = s.dims();
    int[] outDims = new int[cc.lhs.length];
    double[] want =
        WindowRef.conv(
            a.real(),
            cc.lhs,
            b.real(),
            cc.rhs,
            d.inputBatch(),
            d.inputFeature(),
            d.inputSpatial(),
            d.kernelInputFeature(),
            d.kernelOutputFeature(),
            d.kernelSpatial(),
            d.outputBatch(),
            d.outputFeature(),
            d.outputSpatial(),
            s.strides(),
            s.padding(),
            s.lhsDilation(),
            s.rhsDilation(),
            s.reversal(),
            outDims);
    if (!y.type().shape().equals(Shape.of(outDims))) {
      fail(
          "convolution "
              + cc
              + ": type rule shape "
              + y.type().shape()
              + " vs reference "
              + Arrays.toString(outDims));
    }
    DType rd = DType.promote(tl, tr);
    boolean trunc = tl.isFixedPoint() && tr.isFixedPoint();
    check(
        got.get(0),
        rd,
        want,
        trunc ? 2 : 0,
        "convolution " + vl + "/" + vr + " " + tl + "×" + tr + " " + cc);
  }

  // ------------------------------------------------------------------ reduce_window

  record WinCase(int[] dims, WindowSpec spec) {
    @Override
    public String toString() {
      return Arrays.toString(dims) + " " + spec;
    }
  }

  WinCase randomWindow(int rank, boolean dilate, int maxStride) {
    while (true) {
      int[] dims = ints(rank, rank >= 3 ? 1 : 2, rank >= 3 ? 4 : 6);
      int[] win = ints(rank, 1, 3);
      int[] pad = ints(2 * rank, dilate ? -1 : 0, 1);
      WindowSpec spec =
          new WindowSpec(
              win,
              ints(rank, 1, maxStride),
              dilate ? ints(rank, 1, 2) : WindowSpecOnes.of(rank),
              dilate ? ints(rank, 1, 2) : WindowSpecOnes.of(rank),
              pad);
      try {
        if (spec.outputShape(Shape.of(dims)).numElements() == 0) {
          continue;
        }
      } catch (TypeException e) {
        continue;
      }
      return new WinCase(dims, spec);
    }
  }

  /**
   * @param init the init value (±inf for the max/min identity)
   */
  void reduceWindow(WinCase wc, String kind, Visibility vx, Visibility vi, DType dx, double init) {
    Data x = data(dx, WindowRef.prod(wc.dims), kind.equals("add") ? false : rnd.nextBoolean());
    DType di = dx.isFixedPoint() || Double.isInfinite(init) || init != Math.rint(init) ? F32 : dx;
    long initRing =
        Double.isInfinite(init)
            ? (init > 0 ? FixedPoint.maxRing() : -FixedPoint.maxRing())
            : di.isFixedPoint() ? FixedPoint.encode(init, F) : (long) init;
    double initReal = di.isFixedPoint() ? FixedPoint.decode(initRing, F) : initRing;
    Prog p = new Prog();
    Value xv = p.arg(new TensorType(Shape.of(wc.dims), dx, vx), x.ring());
    Value iv = p.arg(new TensorType(Shape.SCALAR, di, vi), new long[] {initRing});
    Attributes a = wc.spec.toAttributes(Attributes.builder().put("kind", kind), true).build();
    Value y = p.op("reduce_window", a, xv, iv);
    List<long[]> got = runner.run(p, y);
    int[] outDims = new int[wc.dims.length];
    double[] want =
        WindowRef.reduceWindow(
            x.real(),
            wc.dims,
            initReal,
            kind,
            wc.spec.window(),
            wc.spec.strides(),
            wc.spec.baseDilations(),
            wc.spec.windowDilations(),
            wc.spec.padding(),
            outDims);
    if (!y.type().shape().equals(Shape.of(outDims))) {
      fail(
          "reduce_window "
              + wc
              + ": shape "
              + y.type().shape()
              + " vs "
              + Arrays.toString(outDims));
    }
    check(
        got.get(0),
        DType.promote(dx, di),
        want,
        0,
        "reduce_window " + kind + " " + vx + "/" + vi + " init " + init + " " + wc);
  }

  // ------------------------------------------------------------------ select_and_scatter

  void selectAndScatter(
      WinCase wc, String select, Visibility vo, Visibility vs, Visibility vi, DType dop) {
    Data x = data(dop, WindowRef.prod(wc.dims), true);
    Shape windows = wc.spec.outputShape(Shape.of(wc.dims));
    Data src = data(F32, windows.numElements(), false);
    Data init = data(F32, 1, false);
    Prog p = new Prog();
    Value xv = p.arg(new TensorType(Shape.of(wc.dims), dop, vo), x.ring());
    Value sv = p.arg(new TensorType(windows, F32, vs), src.ring());
    Value iv = p.arg(new TensorType(Shape.SCALAR, F32, vi), init.ring());
    Attributes a =
        wc.spec
            .toAttributes(Attributes.builder().put("select", select).put("scatter", "add"), false)
            .build();
    Value y = p.op("select_and_scatter", a, xv, sv, iv);
    List<long[]> got = runner.run(p, y);
    double[] want =
        WindowRef.selectAndScatter(
            x.real(),
            wc.dims,
            src.real(),
            init.real()[0],
            select.equals("ge"),
            wc.spec.window(),
            wc.spec.strides(),
            wc.spec.padding());
    check(
        got.get(0),
        F32,
        want,
        0,
        "select_and_scatter " + select + " " + vo + "/" + vs + "/" + vi + " " + wc);
  }

  // ------------------------------------------------------------------ smoke (HAL suite coverage)

  /** A few cases of each op in every visibility combination, for the HAL conformance suite. */
  void smoke() {
    Visibility[] vis = {PUBLIC, SECRET};
    ConvCase cc = randomConv(2, "nchw", true);
    WinCase wc = randomWindow(2, true, 2);
    WinCase sc = randomWindow(2, false, 2);
    for (Visibility a : vis) {
      for (Visibility b : vis) {
        conv(cc, a, b, F32, F32);
        reduceWindow(wc, "max", a, b, F32, b == PUBLIC ? Double.NEGATIVE_INFINITY : 0.5);
        reduceWindow(wc, "add", a, b, F32, 0.25);
        selectAndScatter(sc, "ge", a, b, SECRET, F32);
      }
    }
    conv(cc, SECRET, PUBLIC, I32, F32);
    reduceWindow(wc, "min", SECRET, PUBLIC, I32, 3);
  }

  /** All-ones arrays. */
  static final class WindowSpecOnes {
    static int[] of(int n) {
      int[] r = new int[n];
      Arrays.fill(r, 1);
      return r;
    }
  }
}
