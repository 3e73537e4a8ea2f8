package dev.spu.nn.dl4j;

import dev.spu.nn.DoubleTensor;
import dev.spu.nn.Layer;
import dev.spu.tensor.SecretTensor;
import java.util.Arrays;
import java.util.List;

/**
 * Max or average pooling as DL4J's {@code SubsamplingLayer} computes it on NCHW examples, with any
 * window, strides and padding. Max pooling ignores padding (pads with −∞: {@code reduce_window}
 * max); average pooling divides by the window size when padding counts ({@code
 * avgPoolIncludePadInDivisor}) or else by the number of real elements under the window (a public
 * per-position factor).
 */
public final class Pooling2D implements Layer {
  private final boolean max;
  private final Window2D win;
  private final boolean includePadInDivisor;

  Pooling2D(boolean max, Window2D win, boolean includePadInDivisor) {
    this.max = max;
    this.win = win;
    this.includePadInDivisor = includePadInDivisor;
  }

  @Override
  public int[] outputShape(int[] s) {
    if (s.length != 3) {
      throw new IllegalArgumentException(
          describe() + " takes examples [C, H, W], got " + Arrays.toString(s));
    }
    int oh = win.outH(s[1]);
    int ow = win.outW(s[2]);
    if (oh < 1 || ow < 1) {
      throw new IllegalArgumentException(
          describe() + ": input " + s[1] + "x" + s[2] + " is smaller than the window");
    }
    return new int[] {s[0], oh, ow};
  }

  @Override
  public SecretTensor forward(List<SecretTensor> p, SecretTensor x) {
    if (max) {
      return x.maxPool2d(win.kernel(), win.strides(), win.padding());
    }
    SecretTensor avg = x.avgPool2d(win.kernel(), win.strides(), win.padding());
    if (includePadInDivisor || !win.padded()) {
      return avg;
    }
    // Public per-position factor k²/count: the pooled ones give count/k², computed in plaintext.
    SecretTensor share = x.fullLike(1.0).avgPool2d(win.kernel(), win.strides(), win.padding());
    return avg.mul(share.reciprocal());
  }

  @Override
  public Plain forwardPlain(List<DoubleTensor> p, DoubleTensor x) {
    int batch = x.dim(0);
    int ch = x.dim(1);
    int h = x.dim(2);
    int w = x.dim(3);
    int oh = win.outH(h);
    int ow = win.outW(w);
    double[] xd = x.data();
    double[] y = new double[batch * ch * oh * ow];
    int[] arg = new int[y.length];
    double[] div = new double[y.length];
    for (int pl = 0; pl < batch * ch; pl++) {
      for (int i = 0; i < oh; i++) {
        for (int j = 0; j < ow; j++) {
          int o = (pl * oh + i) * ow + j;
          double best = Double.NEGATIVE_INFINITY;
          int bestAt = -1;
          double sum = 0;
          int count = 0;
          for (int a = 0; a < win.kh(); a++) {
            int r = i * win.sh() - win.top() + a;
            for (int d = 0; d < win.kw(); d++) {
              int q = j * win.sw() - win.left() + d;
              if (r < 0 || r >= h || q < 0 || q >= w) {
                continue;
              }
              int xi = (pl * h + r) * w + q;
              count++;
              sum += xd[xi];
              if (xd[xi] > best) {
                best = xd[xi];
                bestAt = xi;
              }
            }
          }
          arg[o] = bestAt;
          div[o] = includePadInDivisor ? win.kh() * win.kw() : Math.max(1, count);
          y[o] = max ? best : sum / div[o];
        }
      }
    }
    return new Plain(
        new DoubleTensor(new int[] {batch, ch, oh, ow}, y),
        (g, grads, needInput) -> {
          if (!needInput) {
            return null;
          }
          double[] gd = g.data();
          double[] dx = new double[xd.length];
          for (int pl = 0; pl < batch * ch; pl++) {
            for (int i = 0; i < oh; i++) {
              for (int j = 0; j < ow; j++) {
                int o = (pl * oh + i) * ow + j;
                if (max) {
                  if (arg[o] >= 0) {
                    dx[arg[o]] += gd[o];
                  }
                  continue;
                }
                for (int a = 0; a < win.kh(); a++) {
                  int r = i * win.sh() - win.top() + a;
                  for (int d = 0; d < win.kw(); d++) {
                    int q = j * win.sw() - win.left() + d;
                    if (r >= 0 && r < h && q >= 0 && q < w) {
                      dx[(pl * h + r) * w + q] += gd[o] / div[o];
                    }
                  }
                }
              }
            }
          }
          return new DoubleTensor(x.shape(), dx);
        });
  }

  @Override
  public String describe() {
    return (max ? "MaxPool2D(" : "AvgPool2D(") + win + ")";
  }
}
