package dev.spu.nn;

import dev.spu.tensor.SecretTensor;
import java.util.List;

/**
 * A 2-D convolution on NCHW inputs: kernel {@code W[out, in, k, k]} (OIHW), bias {@code b[out]},
 * square window, stride and symmetric zero padding; traced as one PPHLO {@code convolution} (its
 * backward, by autodiff, is two more convolutions).
 */
public final class Conv2D implements Layer {
  private final int in;
  private final int out;
  private final int k;
  private final int stride;
  private final int pad;
  private final Initializer init;

  /** Stride 1, no padding, Glorot-uniform weights. */
  public Conv2D(int in, int out, int k) {
    this(in, out, k, 1, 0, Initializer.GLOROT_UNIFORM);
  }

  public Conv2D(int in, int out, int k, int stride, int pad) {
    this(in, out, k, stride, pad, Initializer.GLOROT_UNIFORM);
  }

  public Conv2D(int in, int out, int k, int stride, int pad, Initializer init) {
    if (in < 1 || out < 1 || k < 1 || stride < 1 || pad < 0) {
      throw new IllegalArgumentException(
          "Conv2D(in="
              + in
              + ", out="
              + out
              + ", k="
              + k
              + ", stride="
              + stride
              + ", pad="
              + pad
              + "): sizes and stride must be >= 1, padding >= 0");
    }
    this.in = in;
    this.out = out;
    this.k = k;
    this.stride = stride;
    this.pad = pad;
    this.init = init;
  }

  @Override
  public int[] outputShape(int[] s) {
    if (s.length != 3 || s[0] != in) {
      throw new IllegalArgumentException(
          describe()
              + " takes examples of shape ["
              + in
              + ", H, W], got "
              + java.util.Arrays.toString(s));
    }
    int oh = PlainKernels.outSize(s[1], k, stride, pad, pad);
    int ow = PlainKernels.outSize(s[2], k, stride, pad, pad);
    if (oh < 1 || ow < 1) {
      throw new IllegalArgumentException(
          describe() + ": input " + s[1] + "x" + s[2] + " is smaller than the window");
    }
    return new int[] {out, oh, ow};
  }

  @Override
  public List<ParamSpec> parameters(int[] inputShape) {
    return List.of(
        new ParamSpec("W", new int[] {out, in, k, k}, init, in * k * k, out * k * k),
        new ParamSpec("b", new int[] {out}, Initializer.ZEROS, in * k * k, out * k * k));
  }

  @Override
  public SecretTensor forward(List<SecretTensor> p, SecretTensor x) {
    SecretTensor y = x.conv2d(p.get(0), new int[] {stride, stride}, new int[] {pad, pad});
    return y.add(p.get(1).reshape(out, 1, 1));
  }

  @Override
  public Plain forwardPlain(List<DoubleTensor> p, DoubleTensor x) {
    int batch = x.dim(0);
    int h = x.dim(2);
    int w = x.dim(3);
    int[] os = outputShape(new int[] {in, h, w});
    int ohw = os[1] * os[2];
    int ck = in * k * k;
    double[] wd = p.get(0).data();
    double[] bd = p.get(1).data();
    double[] cols = new double[batch * ck * ohw];
    double[] y = new double[batch * out * ohw];
    double[] colB = new double[ck * ohw];
    double[] yB = new double[out * ohw];
    for (int b = 0; b < batch; b++) {
      PlainKernels.im2col(x.data(), b * in * h * w, in, h, w, k, k, stride, pad, colB);
      System.arraycopy(colB, 0, cols, b * ck * ohw, ck * ohw);
      PlainKernels.matmul(wd, colB, yB, out, ck, ohw, false);
      for (int o = 0; o < out; o++) {
        for (int j = 0; j < ohw; j++) {
          y[(b * out + o) * ohw + j] = yB[o * ohw + j] + bd[o];
        }
      }
    }
    return new Plain(
        new DoubleTensor(new int[] {batch, out, os[1], os[2]}, y),
        (g, grads, needInput) -> {
          double[] gd = g.data();
          double[] dw = grads.get(0).data();
          double[] db = grads.get(1).data();
          double[] dx = needInput ? new double[batch * in * h * w] : null;
          double[] gB = new double[out * ohw];
          double[] dcol = needInput ? new double[ck * ohw] : null;
          double[] cB = new double[ck * ohw];
          for (int b = 0; b < batch; b++) {
            System.arraycopy(gd, b * out * ohw, gB, 0, out * ohw);
            System.arraycopy(cols, b * ck * ohw, cB, 0, ck * ohw);
            PlainKernels.matmulTransB(gB, cB, dw, out, ohw, ck, true);
            for (int o = 0; o < out; o++) {
              double s = 0;
              for (int j = 0; j < ohw; j++) {
                s += gB[o * ohw + j];
              }
              db[o] += s;
            }
            if (needInput) {
              PlainKernels.matmulTransA(wd, gB, dcol, out, ck, ohw, false);
              PlainKernels.col2im(dcol, in, h, w, k, k, stride, pad, dx, b * in * h * w);
            }
          }
          return needInput ? new DoubleTensor(x.shape(), dx) : null;
        });
  }

  @Override
  public String describe() {
    return "Conv2D("
        + in
        + "→"
        + out
        + ", "
        + k
        + "x"
        + k
        + (stride != 1 ? ", stride " + stride : "")
        + (pad != 0 ? ", pad " + pad : "")
        + ")";
  }
}
