package dev.spu.pphlo;

import java.util.Arrays;

/**
 * The window of {@code reduce_window} and {@code select_and_scatter} (StableHLO attributes), one
 * entry per operand dimension:
 *
 * <ul>
 *   <li>{@code window_dimensions} (required, ≥ 1);
 *   <li>{@code window_strides} (default 1, ≥ 1);
 *   <li>{@code base_dilations} (default 1, ≥ 1): base_dilation − 1 holes between operand elements
 *       (reduce_window only);
 *   <li>{@code window_dilations} (default 1, ≥ 1): window_dilation − 1 skipped positions between
 *       window taps (reduce_window only);
 *   <li>{@code padding} (default 0): pairs flattened as {@code [lo0, hi0, lo1, hi1, ...]} (the
 *       row-major order of StableHLO's {@code tensor<Nx2xi64>}); negative values crop.
 * </ul>
 *
 * <p>Along each dimension the operand of size d becomes a base of size {@code (d − 1)·base_dilation
 * + 1 + lo + hi} (0 stays 0 before padding); a window spans {@code (w − 1)·window_dilation + 1}
 * positions; the output has {@code floor((base − span) / stride) + 1} positions, or 0 if the base
 * is shorter than the span. Window position k of output o sits at base position {@code o·stride +
 * k·window_dilation}; base position p holds operand element {@code (p − lo) / base_dilation} when
 * that is an integer in range, else padding (a hole).
 */
public final class WindowSpec {
  private final int[] window;
  private final int[] strides;
  private final int[] baseDilations;
  private final int[] windowDilations;
  private final int[] padding;

  /**
   * @param padding flattened pairs {@code [lo0, hi0, lo1, hi1, ...]}
   */
  public WindowSpec(
      int[] window, int[] strides, int[] baseDilations, int[] windowDilations, int[] padding) {
    int r = window.length;
    this.window = window.clone();
    this.strides = strides.clone();
    this.baseDilations = baseDilations.clone();
    this.windowDilations = windowDilations.clone();
    this.padding = padding.clone();
    requireLength("window_strides", strides, r);
    requireLength("base_dilations", baseDilations, r);
    requireLength("window_dilations", windowDilations, r);
    requireLength("padding", padding, 2 * r);
    requirePositive("window_dimensions", window);
    requirePositive("window_strides", strides);
    requirePositive("base_dilations", baseDilations);
    requirePositive("window_dilations", windowDilations);
  }

  /** A window with unit dilations. */
  public static WindowSpec of(int[] window, int[] strides, int[] padding) {
    return new WindowSpec(window, strides, ones(window.length), ones(window.length), padding);
  }

  /**
   * Reads the attributes; optional ones take their defaults. {@code withDilations} false (for
   * select_and_scatter) rejects dilation attributes other than all ones.
   */
  public static WindowSpec parse(Attributes a, int rank, boolean withDilations) {
    int[] w = a.getInts("window_dimensions");
    requireLength("window_dimensions", w, rank);
    int[] bd = optional(a, "base_dilations", rank, 1);
    int[] wd = optional(a, "window_dilations", rank, 1);
    if (!withDilations && (!allOnes(bd) || !allOnes(wd))) {
      throw new TypeException(
          "base_dilations "
              + Arrays.toString(bd)
              + " and window_dilations "
              + Arrays.toString(wd)
              + " must be all ones here (select_and_scatter has no dilations)");
    }
    return new WindowSpec(
        w, optional(a, "window_strides", rank, 1), bd, wd, optional(a, "padding", 2 * rank, 0));
  }

  /** The attributes of this window (all of them, explicitly). */
  public Attributes.Builder toAttributes(Attributes.Builder b, boolean withDilations) {
    b.put("window_dimensions", window).put("window_strides", strides).put("padding", padding);
    if (withDilations) {
      b.put("base_dilations", baseDilations).put("window_dilations", windowDilations);
    }
    return b;
  }

  public int rank() {
    return window.length;
  }

  public int[] window() {
    return window.clone();
  }

  public int[] strides() {
    return strides.clone();
  }

  public int[] baseDilations() {
    return baseDilations.clone();
  }

  public int[] windowDilations() {
    return windowDilations.clone();
  }

  /** Flattened {@code [lo0, hi0, ...]}. */
  public int[] padding() {
    return padding.clone();
  }

  public int padLo(int d) {
    return padding[2 * d];
  }

  public int padHi(int d) {
    return padding[2 * d + 1];
  }

  public boolean hasDilations() {
    return !allOnes(baseDilations) || !allOnes(windowDilations);
  }

  /** The output shape over an operand of shape {@code s}; throws if a padded base is negative. */
  public Shape outputShape(Shape s) {
    if (s.rank() != rank()) {
      throw new TypeException(
          "window of rank " + rank() + " does not match an operand of rank " + s.rank());
    }
    int[] out = new int[rank()];
    for (int d = 0; d < rank(); d++) {
      out[d] =
          outputSize(
              "dimension " + d,
              s.dim(d),
              baseDilations[d],
              padLo(d),
              padHi(d),
              window[d],
              windowDilations[d],
              strides[d]);
    }
    return Shape.of(out);
  }

  /**
   * The number of window positions along one dimension: the operand size dilated and padded, the
   * window dilated, then {@code floor((base − span) / stride) + 1} (0 if the base is shorter).
   */
  public static int outputSize(
      String what, int size, int baseDil, int lo, int hi, int win, int winDil, int stride) {
    long base = (size == 0 ? 0 : (long) (size - 1) * baseDil + 1) + lo + hi;
    if (base < 0) {
      throw new TypeException(
          what
              + ": padding ("
              + lo
              + ", "
              + hi
              + ") crops more than the "
              + (size == 0 ? 0 : (long) (size - 1) * baseDil + 1)
              + " positions there are");
    }
    long span = (long) (win - 1) * winDil + 1;
    long n = base < span ? 0 : (base - span) / stride + 1;
    if (n > Integer.MAX_VALUE) {
      throw new TypeException(what + ": " + n + " window positions is too many");
    }
    return (int) n;
  }

  /**
   * The operand coordinate that base position {@code o·stride + k·winDil} of one dimension holds,
   * or −1 for padding or a dilation hole.
   */
  public static int tap(int o, int k, int size, int baseDil, int lo, int stride, int winDil) {
    long p = (long) o * stride + (long) k * winDil - lo;
    if (p < 0 || p % baseDil != 0) {
      return -1;
    }
    long i = p / baseDil;
    return i < size ? (int) i : -1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WindowSpec w
        && Arrays.equals(window, w.window)
        && Arrays.equals(strides, w.strides)
        && Arrays.equals(baseDilations, w.baseDilations)
        && Arrays.equals(windowDilations, w.windowDilations)
        && Arrays.equals(padding, w.padding);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(
        new Object[] {window, strides, baseDilations, windowDilations, padding});
  }

  @Override
  public String toString() {
    return "window "
        + Arrays.toString(window)
        + " strides "
        + Arrays.toString(strides)
        + " base_dilations "
        + Arrays.toString(baseDilations)
        + " window_dilations "
        + Arrays.toString(windowDilations)
        + " padding "
        + Arrays.toString(padding);
  }

  // ------------------------------------------------------------------ attribute helpers

  static int[] ones(int n) {
    int[] r = new int[n];
    Arrays.fill(r, 1);
    return r;
  }

  static boolean allOnes(int[] x) {
    for (int v : x) {
      if (v != 1) {
        return false;
      }
    }
    return true;
  }

  /** An optional i64 array attribute of length n, filled with {@code dflt} when absent. */
  static int[] optional(Attributes a, String key, int n, int dflt) {
    if (!a.has(key)) {
      int[] r = new int[n];
      Arrays.fill(r, dflt);
      return r;
    }
    int[] v = a.getInts(key);
    requireLength(key, v, n);
    return v;
  }

  static void requireLength(String key, int[] v, int n) {
    if (v.length != n) {
      throw new TypeException(
          "attribute '"
              + key
              + "' has "
              + v.length
              + " elements "
              + Arrays.toString(v)
              + ", expected "
              + n);
    }
  }

  static void requirePositive(String key, int[] v) {
    for (int x : v) {
      if (x < 1) {
        throw new TypeException(
            "attribute '" + key + "' " + Arrays.toString(v) + " must be all >= 1");
      }
    }
  }
}
