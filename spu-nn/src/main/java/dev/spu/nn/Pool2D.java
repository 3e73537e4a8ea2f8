package dev.spu.nn;

import java.util.List;

/** Shared shape logic of the 2-D pooling layers: square window, stride, no padding, NCHW. */
abstract class Pool2D implements Layer {
  final int k;
  final int stride;

  Pool2D(int k, int stride) {
    if (k < 1 || stride < 1) {
      throw new IllegalArgumentException(
          getClass().getSimpleName() + "(" + k + ", stride " + stride + "): must be >= 1");
    }
    this.k = k;
    this.stride = stride;
  }

  @Override
  public int[] outputShape(int[] s) {
    if (s.length != 3 || s[1] < k || s[2] < k) {
      throw new IllegalArgumentException(
          describe()
              + " takes examples [C, H, W] with H, W >= "
              + k
              + ", got "
              + java.util.Arrays.toString(s));
    }
    return new int[] {
      s[0], PlainKernels.outSize(s[1], k, stride, 0, 0), PlainKernels.outSize(s[2], k, stride, 0, 0)
    };
  }

  int[] window() {
    return new int[] {k, k};
  }

  int[] strides() {
    return new int[] {stride, stride};
  }

  static final int[] NO_PADDING = {0, 0};

  /** Visits every window: for output element {@code o} (flat), the flat input indices. */
  static void windows(int[] xs, int k, int stride, WindowVisitor v) {
    int planes = xs[0] * xs[1];
    int h = xs[2];
    int w = xs[3];
    int oh = PlainKernels.outSize(h, k, stride, 0, 0);
    int ow = PlainKernels.outSize(w, k, stride, 0, 0);
    int[] idx = new int[k * k];
    for (int p = 0; p < planes; p++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++) {
          int n = 0;
          for (int a = 0; a < k; a++) {
            for (int c = 0; c < k; c++) {
              idx[n++] = (p * h + i * stride + a) * w + j * stride + c;
            }
          }
          v.visit((p * oh + i) * ow + j, idx);
        }
      }
    }
  }

  @FunctionalInterface
  interface WindowVisitor {
    void visit(int out, int[] in);
  }

  static int[] outShape(int[] xs, int k, int stride) {
    return new int[] {
      xs[0],
      xs[1],
      PlainKernels.outSize(xs[2], k, stride, 0, 0),
      PlainKernels.outSize(xs[3], k, stride, 0, 0)
    };
  }

  @Override
  public List<ParamSpec> parameters(int[] inputShape) {
    return List.of();
  }
}
