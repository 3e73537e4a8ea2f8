package dev.spu.trace;

import static dev.spu.trace.AutodiffFiniteDifferenceTest.all;
import static dev.spu.trace.AutodiffFiniteDifferenceTest.distinct;
import static dev.spu.trace.AutodiffFiniteDifferenceTest.f;
import static dev.spu.trace.AutodiffFiniteDifferenceTest.floatType;
import static dev.spu.trace.AutodiffFiniteDifferenceTest.permutation;

import dev.spu.pphlo.ConvolutionSpec;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.TypeException;
import dev.spu.pphlo.WindowSpec;
import dev.spu.trace.AutodiffFiniteDifferenceTest.Case;
import dev.spu.trace.AutodiffFiniteDifferenceTest.Instance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Finite-difference cases of the windowed ops' VJP rules (convolution with random layouts, strides,
 * padding, dilations and reversal; reduce_window add/max/min; the NCHW pooling helpers), added to
 * {@link AutodiffFiniteDifferenceTest}'s list.
 */
final class WindowFdCases {
  private WindowFdCases() {}

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    c.add(new Case("convolution", "convolution_general", r -> conv(r, 1 + r.nextInt(2), true)));
    c.add(new Case("convolution", "convolution_3d", r -> conv(r, 3, false)));
    c.add(
        new Case(
            "convolution",
            "conv2d_nchw_stride2_pad",
            r -> {
              int n = 1 + r.nextInt(2);
              int ci = 1 + r.nextInt(2);
              int co = 1 + r.nextInt(2);
              Shape x = Shape.of(n, ci, 3 + r.nextInt(4), 3 + r.nextInt(4));
              Shape w = Shape.of(co, ci, 1 + r.nextInt(3), 1 + r.nextInt(3));
              int[] st = {1 + r.nextInt(2), 1 + r.nextInt(2)};
              int[] pad = {r.nextInt(2), r.nextInt(2)};
              return new Instance(
                  List.of(f(r, x), f(r, w)),
                  all(-2, 2),
                  (t, a) -> WindowOps.conv2d(t, a.get(0), a.get(1), st, pad));
            }));
    c.add(reduceWindow("add"));
    c.add(reduceWindow("max"));
    c.add(reduceWindow("min"));
    c.add(
        new Case(
            "reduce_window",
            "max_pool_then_avg_pool_nchw",
            r -> {
              Shape x = Shape.of(1 + r.nextInt(2), 1 + r.nextInt(2), 4 + r.nextInt(3), 4);
              int[] win = {2, 1 + r.nextInt(2)};
              int[] st = {1 + r.nextInt(2), 2};
              int[] pad = {r.nextInt(2), 0};
              return new Instance(
                  List.of(TensorType.secret(floatType(r), x.dims())),
                  (rr, ts) -> List.of(distinct(rr, x.numElements())),
                  (t, a) ->
                      WindowOps.avgPool2d(
                          t,
                          WindowOps.maxPool2d(t, a.get(0), win, st, pad),
                          new int[] {1, 1},
                          new int[] {1, 1},
                          new int[] {0, 0}));
            }));
    return c;
  }

  /** A random convolution over {@code sp} spatial dims; any layout when {@code general}. */
  static Instance conv(Random r, int sp, boolean general) {
    while (true) {
      ConvolutionSpec.Dims dims;
      if (general) {
        int[] a = permutation(r, sp + 2);
        int[] b = permutation(r, sp + 2);
        int[] o = permutation(r, sp + 2);
        dims =
            new ConvolutionSpec.Dims(
                a[0],
                a[1],
                Arrays.copyOfRange(a, 2, sp + 2),
                b[0],
                b[1],
                Arrays.copyOfRange(b, 2, sp + 2),
                o[0],
                o[1],
                Arrays.copyOfRange(o, 2, sp + 2));
      } else {
        dims = r.nextBoolean() ? ConvolutionSpec.Dims.nchw(sp) : ConvolutionSpec.Dims.nhwc(sp);
      }
      int n = 1 + r.nextInt(2);
      int ci = 1 + r.nextInt(2);
      int co = 1 + r.nextInt(2);
      int[] lhs = new int[sp + 2];
      int[] rhs = new int[sp + 2];
      lhs[dims.inputBatch()] = n;
      lhs[dims.inputFeature()] = ci;
      rhs[dims.kernelInputFeature()] = ci;
      rhs[dims.kernelOutputFeature()] = co;
      int[] st = new int[sp];
      int[] pad = new int[2 * sp];
      int[] ld = new int[sp];
      int[] rd = new int[sp];
      boolean[] rev = new boolean[sp];
      for (int i = 0; i < sp; i++) {
        lhs[dims.inputSpatial()[i]] = 1 + r.nextInt(sp == 3 ? 3 : 5);
        rhs[dims.kernelSpatial()[i]] = 1 + r.nextInt(3);
        st[i] = 1 + r.nextInt(2);
        pad[2 * i] = r.nextInt(4) - 1;
        pad[2 * i + 1] = r.nextInt(4) - 1;
        ld[i] = general ? 1 + r.nextInt(2) : 1;
        rd[i] = general ? 1 + r.nextInt(2) : 1;
        rev[i] = general && r.nextBoolean();
      }
      ConvolutionSpec spec = new ConvolutionSpec(dims, st, pad, ld, rd, rev, 1, 1);
      try {
        if (spec.outputShape(Shape.of(lhs), Shape.of(rhs)).numElements() == 0) {
          continue;
        }
      } catch (TypeException e) {
        continue;
      }
      return new Instance(
          List.of(f(r, Shape.of(lhs)), f(r, Shape.of(rhs))),
          all(-2, 2),
          (t, a) -> WindowOps.convolution(t, a.get(0), a.get(1), spec));
    }
  }

  static Case reduceWindow(String kind) {
    return new Case(
        "reduce_window",
        "reduce_window_" + kind,
        r -> {
          while (true) {
            int rank = 1 + r.nextInt(3);
            int[] dims = new int[rank];
            int[] win = new int[rank];
            int[] st = new int[rank];
            int[] bd = new int[rank];
            int[] wd = new int[rank];
            int[] pad = new int[2 * rank];
            boolean add = kind.equals("add");
            for (int i = 0; i < rank; i++) {
              dims[i] = 1 + r.nextInt(rank == 3 ? 3 : 5);
              win[i] = 1 + r.nextInt(3);
              st[i] = 1 + r.nextInt(2);
              bd[i] = add ? 1 + r.nextInt(2) : 1;
              wd[i] = add ? 1 + r.nextInt(2) : 1;
              // max/min: padding < window so that no window is all padding.
              pad[2 * i] = add ? r.nextInt(4) - 1 : r.nextInt(win[i]);
              pad[2 * i + 1] = add ? r.nextInt(4) - 1 : r.nextInt(win[i]);
            }
            WindowSpec spec = new WindowSpec(win, st, bd, wd, pad);
            try {
              if (spec.outputShape(Shape.of(dims)).numElements() == 0) {
                continue;
              }
            } catch (TypeException e) {
              continue;
            }
            DType d = floatType(r);
            if (add) {
              // The init value is an input: it fills padding and holes and starts each window.
              return new Instance(
                  List.of(f(r, Shape.of(dims)), f(r, Shape.SCALAR)),
                  all(-2, 2),
                  (t, a) -> WindowOps.reduceWindow(t, a.get(0), a.get(1), "add", spec));
            }
            double init = kind.equals("max") ? -1e6 : 1e6;
            int n = Shape.of(dims).numElements();
            return new Instance(
                List.of(TensorType.secret(d, dims)),
                (rr, ts) -> List.of(distinct(rr, n)),
                (t, a) ->
                    WindowOps.reduceWindow(
                        t, a.get(0), TensorOps.full(t, Shape.SCALAR, d, init), kind, spec));
          }
        });
  }
}
