package dev.spu.nn.dl4j;

import java.util.Arrays;

/**
 * The geometry of a 2-D window over NCHW examples: kernel, strides and padding (top, bottom, left,
 * right), as DL4J's convolution modes resolve them.
 */
record Window2D(int kh, int kw, int sh, int sw, int top, int bottom, int left, int right) {
  Window2D {
    if (kh < 1 || kw < 1 || sh < 1 || sw < 1 || top < 0 || bottom < 0 || left < 0 || right < 0) {
      throw new IllegalArgumentException(
          "window "
              + kh
              + "x"
              + kw
              + ", strides "
              + sh
              + "x"
              + sw
              + ", padding "
              + Arrays.toString(new int[] {top, bottom, left, right})
              + ": sizes and strides must be >= 1, padding >= 0");
    }
  }

  /**
   * DL4J's {@code Truncate}/{@code Strict} mode: symmetric padding {@code (ph, pw)}, output {@code
   * floor((in + 2p − k) / s) + 1}.
   */
  static Window2D truncate(int[] k, int[] s, int[] p) {
    return new Window2D(k[0], k[1], s[0], s[1], p[0], p[0], p[1], p[1]);
  }

  /**
   * DL4J's {@code Same} mode for an {@code h × w} input: output {@code ceil(in / s)}, total padding
   * {@code max(0, (out − 1)·s + k − in)} with the smaller half on top/left (as libnd4j).
   */
  static Window2D same(int[] k, int[] s, int h, int w) {
    int oh = (h + s[0] - 1) / s[0];
    int ow = (w + s[1] - 1) / s[1];
    int ph = Math.max(0, (oh - 1) * s[0] + k[0] - h);
    int pw = Math.max(0, (ow - 1) * s[1] + k[1] - w);
    return new Window2D(k[0], k[1], s[0], s[1], ph / 2, ph - ph / 2, pw / 2, pw - pw / 2);
  }

  int outH(int h) {
    return Math.floorDiv(h + top + bottom - kh, sh) + 1;
  }

  int outW(int w) {
    return Math.floorDiv(w + left + right - kw, sw) + 1;
  }

  int[] strides() {
    return new int[] {sh, sw};
  }

  int[] kernel() {
    return new int[] {kh, kw};
  }

  int[] padding() {
    return new int[] {top, bottom, left, right};
  }

  boolean padded() {
    return top + bottom + left + right > 0;
  }

  @Override
  public String toString() {
    return kh
        + "x"
        + kw
        + (sh != 1 || sw != 1 ? ", stride " + sh + "x" + sw : "")
        + (padded() ? ", pad " + Arrays.toString(padding()) : "");
  }
}
