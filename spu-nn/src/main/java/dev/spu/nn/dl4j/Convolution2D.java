package dev.spu.nn.dl4j;

import dev.spu.nn.DoubleTensor;
import dev.spu.nn.Initializer;
import dev.spu.nn.Layer;
import dev.spu.nn.ParamSpec;
import dev.spu.tensor.SecretTensor;
import java.util.Arrays;
import java.util.List;

/**
 * A 2-D convolution as DL4J's {@code ConvolutionLayer} computes it on NCHW examples: kernel {@code
 * W[out, in, kh, kw]} (OIHW, DL4J's layout), bias {@code b[out]}, any strides and (asymmetric)
 * padding. Traced as one PPHLO {@code convolution} plus the bias; the plaintext twin is a direct
 * loop with its backward pass.
 */
public final class Convolution2D implements Layer {
  private final int in;
  private final int out;
  private final Window2D win;

  Convolution2D(int in, int out, Window2D win) {
    if (in < 1 || out < 1) {
      throw new IllegalArgumentException(
          "Convolution2D(" + in + "→" + out + "): sizes must be >= 1");
    }
    this.in = in;
    this.out = out;
    this.win = win;
  }

  @Override
  public int[] outputShape(int[] s) {
    if (s.length != 3 || s[0] != in) {
      throw new IllegalArgumentException(
          describe() + " takes examples of shape [" + in + ", H, W], got " + Arrays.toString(s));
    }
    int oh = win.outH(s[1]);
    int ow = win.outW(s[2]);
    if (oh < 1 || ow < 1) {
      throw new IllegalArgumentException(
          describe() + ": input " + s[1] + "x" + s[2] + " is smaller than the window");
    }
    return new int[] {out, oh, ow};
  }

  @Override
  public List<ParamSpec> parameters(int[] inputShape) {
    int fanIn = in * win.kh() * win.kw();
    int fanOut = out * win.kh() * win.kw();
    return List.of(
        new ParamSpec(
            "W",
            new int[] {out, in, win.kh(), win.kw()},
            Initializer.GLOROT_UNIFORM,
            fanIn,
            fanOut),
        new ParamSpec("b", new int[] {out}, Initializer.ZEROS, fanIn, fanOut));
  }

  @Override
  public SecretTensor forward(List<SecretTensor> p, SecretTensor x) {
    return x.conv2d(p.get(0), win.strides(), win.padding()).add(p.get(1).reshape(out, 1, 1));
  }

  @Override
  public Plain forwardPlain(List<DoubleTensor> p, DoubleTensor x) {
    int batch = x.dim(0);
    int h = x.dim(2);
    int w = x.dim(3);
    int[] os = outputShape(new int[] {in, h, w});
    int oh = os[1];
    int ow = os[2];
    double[] xd = x.data();
    double[] wd = p.get(0).data();
    double[] bd = p.get(1).data();
    double[] y = new double[batch * out * oh * ow];
    for (int b = 0; b < batch; b++) {
      for (int o = 0; o < out; o++) {
        for (int i = 0; i < oh; i++) {
          for (int j = 0; j < ow; j++) {
            double s = bd[o];
            for (int c = 0; c < in; c++) {
              for (int a = 0; a < win.kh(); a++) {
                int r = i * win.sh() - win.top() + a;
                if (r < 0 || r >= h) {
                  continue;
                }
                for (int d = 0; d < win.kw(); d++) {
                  int q = j * win.sw() - win.left() + d;
                  if (q >= 0 && q < w) {
                    s +=
                        xd[((b * in + c) * h + r) * w + q]
                            * wd[((o * in + c) * win.kh() + a) * win.kw() + d];
                  }
                }
              }
            }
            y[((b * out + o) * oh + i) * ow + j] = s;
          }
        }
      }
    }
    return new Plain(
        new DoubleTensor(new int[] {batch, out, oh, ow}, y),
        (g, grads, needInput) -> {
          double[] gd = g.data();
          double[] dw = grads.get(0).data();
          double[] db = grads.get(1).data();
          double[] dx = needInput ? new double[xd.length] : null;
          for (int b = 0; b < batch; b++) {
            for (int o = 0; o < out; o++) {
              for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                  double gv = gd[((b * out + o) * oh + i) * ow + j];
                  db[o] += gv;
                  for (int c = 0; c < in; c++) {
                    for (int a = 0; a < win.kh(); a++) {
                      int r = i * win.sh() - win.top() + a;
                      if (r < 0 || r >= h) {
                        continue;
                      }
                      for (int d = 0; d < win.kw(); d++) {
                        int q = j * win.sw() - win.left() + d;
                        if (q >= 0 && q < w) {
                          int xi = ((b * in + c) * h + r) * w + q;
                          int wi = ((o * in + c) * win.kh() + a) * win.kw() + d;
                          dw[wi] += gv * xd[xi];
                          if (dx != null) {
                            dx[xi] += gv * wd[wi];
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
          return dx == null ? null : new DoubleTensor(x.shape(), dx);
        });
  }

  @Override
  public String describe() {
    return "Convolution2D(" + in + "→" + out + ", " + win + ")";
  }
}
