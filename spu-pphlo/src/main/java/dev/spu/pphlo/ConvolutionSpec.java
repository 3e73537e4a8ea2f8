package dev.spu.pphlo;

import java.util.Arrays;

/**
 * The attributes of {@code convolution(lhs, rhs)}, as StableHLO spells them, parsed and checked.
 *
 * <p>Dimension numbers (all required; each of lhs, rhs and result has rank 2 + S for S spatial
 * dimensions, and each list of its dimensions is a permutation of 0..rank−1):
 *
 * <ul>
 *   <li>{@code input_batch_dimension}, {@code input_feature_dimension}, {@code
 *       input_spatial_dimensions} (lhs);
 *   <li>{@code kernel_input_feature_dimension}, {@code kernel_output_feature_dimension}, {@code
 *       kernel_spatial_dimensions} (rhs);
 *   <li>{@code output_batch_dimension}, {@code output_feature_dimension}, {@code
 *       output_spatial_dimensions} (result).
 * </ul>
 *
 * <p>Window (optional, one entry per spatial dimension): {@code window_strides} (1), {@code
 * padding} pairs flattened as {@code [lo0, hi0, lo1, hi1, ...]} (0; negative crops), {@code
 * lhs_dilation} (1), {@code rhs_dilation} (1), {@code window_reversal} (0; 1 reads the kernel
 * backwards along that spatial dimension). {@code feature_group_count} and {@code
 * batch_group_count} (1) must be 1 for now.
 *
 * <p>Semantics: {@code out[b, o…, f] = Σ_{c, k…} lhs'[b, c, o·stride + k·rhs_dilation] · rhs[c, f,
 * k']} where lhs' is lhs dilated by lhs_dilation (zeros between elements) and padded with zeros,
 * and k' = K − 1 − k on reversed dimensions. Each output spatial size is {@link
 * WindowSpec#outputSize} of the input size with base dilation lhs_dilation and window dilation
 * rhs_dilation.
 */
public final class ConvolutionSpec {
  /** Which dimension of lhs, rhs and result plays which role. */
  public record Dims(
      int inputBatch,
      int inputFeature,
      int[] inputSpatial,
      int kernelInputFeature,
      int kernelOutputFeature,
      int[] kernelSpatial,
      int outputBatch,
      int outputFeature,
      int[] outputSpatial) {
    public Dims {
      inputSpatial = inputSpatial.clone();
      kernelSpatial = kernelSpatial.clone();
      outputSpatial = outputSpatial.clone();
      int s = inputSpatial.length;
      if (kernelSpatial.length != s || outputSpatial.length != s) {
        throw new TypeException(
            "input, kernel and output spatial dimensions differ in number: "
                + Arrays.toString(inputSpatial)
                + ", "
                + Arrays.toString(kernelSpatial)
                + ", "
                + Arrays.toString(outputSpatial));
      }
      requirePermutation("input", inputBatch, inputFeature, inputSpatial);
      requirePermutation("kernel", kernelInputFeature, kernelOutputFeature, kernelSpatial);
      requirePermutation("output", outputBatch, outputFeature, outputSpatial);
    }

    /** NCHW input, OIHW kernel, NCHW output (PyTorch's layout) with {@code s} spatial dims. */
    public static Dims nchw(int s) {
      int[] sp = new int[s];
      for (int i = 0; i < s; i++) {
        sp[i] = 2 + i;
      }
      return new Dims(0, 1, sp, 1, 0, sp, 0, 1, sp);
    }

    /** NHWC input, HWIO kernel, NHWC output (TensorFlow's layout) with {@code s} spatial dims. */
    public static Dims nhwc(int s) {
      int[] sp = new int[s];
      for (int i = 0; i < s; i++) {
        sp[i] = 1 + i;
      }
      int[] ksp = new int[s];
      for (int i = 0; i < s; i++) {
        ksp[i] = i;
      }
      return new Dims(0, s + 1, sp, s, s + 1, ksp, 0, s + 1, sp);
    }

    public int spatial() {
      return inputSpatial.length;
    }

    @Override
    public int[] inputSpatial() {
      return inputSpatial.clone();
    }

    @Override
    public int[] kernelSpatial() {
      return kernelSpatial.clone();
    }

    @Override
    public int[] outputSpatial() {
      return outputSpatial.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Dims d
          && inputBatch == d.inputBatch
          && inputFeature == d.inputFeature
          && Arrays.equals(inputSpatial, d.inputSpatial)
          && kernelInputFeature == d.kernelInputFeature
          && kernelOutputFeature == d.kernelOutputFeature
          && Arrays.equals(kernelSpatial, d.kernelSpatial)
          && outputBatch == d.outputBatch
          && outputFeature == d.outputFeature
          && Arrays.equals(outputSpatial, d.outputSpatial);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(
          new int[] {
            inputBatch,
            inputFeature,
            Arrays.hashCode(inputSpatial),
            kernelInputFeature,
            kernelOutputFeature,
            Arrays.hashCode(kernelSpatial),
            outputBatch,
            outputFeature,
            Arrays.hashCode(outputSpatial)
          });
    }

    @Override
    public String toString() {
      return "input [b="
          + inputBatch
          + ", f="
          + inputFeature
          + ", spatial="
          + Arrays.toString(inputSpatial)
          + "], kernel [i="
          + kernelInputFeature
          + ", o="
          + kernelOutputFeature
          + ", spatial="
          + Arrays.toString(kernelSpatial)
          + "], output [b="
          + outputBatch
          + ", f="
          + outputFeature
          + ", spatial="
          + Arrays.toString(outputSpatial)
          + "]";
    }

    private static void requirePermutation(String what, int a, int b, int[] spatial) {
      int rank = spatial.length + 2;
      boolean[] seen = new boolean[rank];
      int[] all = new int[rank];
      all[0] = a;
      all[1] = b;
      System.arraycopy(spatial, 0, all, 2, spatial.length);
      for (int d : all) {
        if (d < 0 || d >= rank || seen[d]) {
          throw new TypeException(
              what
                  + " dimension numbers "
                  + Arrays.toString(all)
                  + " (two feature/batch dimensions, then the spatial ones) must be a permutation"
                  + " of 0.."
                  + (rank - 1));
        }
        seen[d] = true;
      }
    }
  }

  private final Dims dims;
  private final int[] strides;
  private final int[] padding;
  private final int[] lhsDilation;
  private final int[] rhsDilation;
  private final boolean[] reversal;
  private final int featureGroupCount;
  private final int batchGroupCount;

  /**
   * @param padding flattened pairs {@code [lo0, hi0, ...]}
   * @param reversal per spatial dimension, or null for none
   */
  public ConvolutionSpec(
      Dims dims,
      int[] strides,
      int[] padding,
      int[] lhsDilation,
      int[] rhsDilation,
      boolean[] reversal,
      int featureGroupCount,
      int batchGroupCount) {
    int s = dims.spatial();
    this.dims = dims;
    this.strides = strides.clone();
    this.padding = padding.clone();
    this.lhsDilation = lhsDilation.clone();
    this.rhsDilation = rhsDilation.clone();
    this.reversal = reversal == null ? new boolean[s] : reversal.clone();
    this.featureGroupCount = featureGroupCount;
    this.batchGroupCount = batchGroupCount;
    WindowSpec.requireLength("window_strides", strides, s);
    WindowSpec.requireLength("padding", padding, 2 * s);
    WindowSpec.requireLength("lhs_dilation", lhsDilation, s);
    WindowSpec.requireLength("rhs_dilation", rhsDilation, s);
    if (this.reversal.length != s) {
      throw new TypeException(
          "attribute 'window_reversal' has " + this.reversal.length + " elements, expected " + s);
    }
    WindowSpec.requirePositive("window_strides", strides);
    WindowSpec.requirePositive("lhs_dilation", lhsDilation);
    WindowSpec.requirePositive("rhs_dilation", rhsDilation);
    if (featureGroupCount != 1 || batchGroupCount != 1) {
      throw new TypeException(
          "feature_group_count "
              + featureGroupCount
              + " and batch_group_count "
              + batchGroupCount
              + ": only 1 is supported (grouped and depthwise convolutions are not implemented;"
              + " split the channels and concatenate instead)");
    }
  }

  /** Strides and padding only (no dilation, no reversal, groups 1). */
  public static ConvolutionSpec of(Dims dims, int[] strides, int[] padding) {
    int s = dims.spatial();
    return new ConvolutionSpec(
        dims, strides, padding, WindowSpec.ones(s), WindowSpec.ones(s), null, 1, 1);
  }

  /** Reads and checks the attributes of a {@code convolution} op. */
  public static ConvolutionSpec parse(Attributes a) {
    int[] is = a.getInts("input_spatial_dimensions");
    Dims d =
        new Dims(
            intAttr(a, "input_batch_dimension"),
            intAttr(a, "input_feature_dimension"),
            is,
            intAttr(a, "kernel_input_feature_dimension"),
            intAttr(a, "kernel_output_feature_dimension"),
            a.getInts("kernel_spatial_dimensions"),
            intAttr(a, "output_batch_dimension"),
            intAttr(a, "output_feature_dimension"),
            a.getInts("output_spatial_dimensions"));
    int s = is.length;
    int[] rev = WindowSpec.optional(a, "window_reversal", s, 0);
    boolean[] reversal = new boolean[s];
    for (int i = 0; i < s; i++) {
      if (rev[i] != 0 && rev[i] != 1) {
        throw new TypeException(
            "attribute 'window_reversal' " + Arrays.toString(rev) + " must hold 0 or 1");
      }
      reversal[i] = rev[i] == 1;
    }
    return new ConvolutionSpec(
        d,
        WindowSpec.optional(a, "window_strides", s, 1),
        WindowSpec.optional(a, "padding", 2 * s, 0),
        WindowSpec.optional(a, "lhs_dilation", s, 1),
        WindowSpec.optional(a, "rhs_dilation", s, 1),
        reversal,
        a.has("feature_group_count") ? intAttr(a, "feature_group_count") : 1,
        a.has("batch_group_count") ? intAttr(a, "batch_group_count") : 1);
  }

  /** Every attribute, explicitly. */
  public Attributes toAttributes() {
    long[] rev = new long[reversal.length];
    for (int i = 0; i < rev.length; i++) {
      rev[i] = reversal[i] ? 1 : 0;
    }
    return Attributes.builder()
        .put("input_batch_dimension", dims.inputBatch())
        .put("input_feature_dimension", dims.inputFeature())
        .put("input_spatial_dimensions", dims.inputSpatial())
        .put("kernel_input_feature_dimension", dims.kernelInputFeature())
        .put("kernel_output_feature_dimension", dims.kernelOutputFeature())
        .put("kernel_spatial_dimensions", dims.kernelSpatial())
        .put("output_batch_dimension", dims.outputBatch())
        .put("output_feature_dimension", dims.outputFeature())
        .put("output_spatial_dimensions", dims.outputSpatial())
        .put("window_strides", strides)
        .put("padding", padding)
        .put("lhs_dilation", lhsDilation)
        .put("rhs_dilation", rhsDilation)
        .put("window_reversal", rev)
        .put("feature_group_count", featureGroupCount)
        .put("batch_group_count", batchGroupCount)
        .build();
  }

  public Dims dims() {
    return dims;
  }

  public int spatial() {
    return dims.spatial();
  }

  public int[] strides() {
    return strides.clone();
  }

  /** Flattened {@code [lo0, hi0, ...]}. */
  public int[] padding() {
    return padding.clone();
  }

  public int padLo(int i) {
    return padding[2 * i];
  }

  public int padHi(int i) {
    return padding[2 * i + 1];
  }

  public int[] lhsDilation() {
    return lhsDilation.clone();
  }

  public int[] rhsDilation() {
    return rhsDilation.clone();
  }

  public boolean[] reversal() {
    return reversal.clone();
  }

  /**
   * The result shape for operands of these shapes, or a {@link TypeException} saying which rank,
   * feature count or padding does not fit.
   */
  public Shape outputShape(Shape lhs, Shape rhs) {
    int s = spatial();
    if (lhs.rank() != s + 2 || rhs.rank() != s + 2) {
      throw new TypeException(
          "expected lhs and rhs of rank "
              + (s + 2)
              + " ("
              + s
              + " spatial dimensions + 2), got ranks "
              + lhs.rank()
              + " and "
              + rhs.rank());
    }
    int c = lhs.dim(dims.inputFeature());
    int ci = rhs.dim(dims.kernelInputFeature());
    if (c != ci) {
      throw new TypeException(
          "input feature dimension "
              + dims.inputFeature()
              + " of lhs has size "
              + c
              + " but kernel_input_feature_dimension "
              + dims.kernelInputFeature()
              + " of rhs has size "
              + ci
              + " (they must agree with feature_group_count 1)");
    }
    int[] out = new int[s + 2];
    out[dims.outputBatch()] = lhs.dim(dims.inputBatch());
    out[dims.outputFeature()] = rhs.dim(dims.kernelOutputFeature());
    int[] isp = dims.inputSpatial;
    int[] ksp = dims.kernelSpatial;
    int[] osp = dims.outputSpatial;
    for (int i = 0; i < s; i++) {
      int k = rhs.dim(ksp[i]);
      if (k == 0) {
        throw new TypeException(
            "kernel spatial dimension " + ksp[i] + " has size 0 (a window needs >= 1 tap)");
      }
      out[osp[i]] =
          WindowSpec.outputSize(
              "spatial dimension " + i,
              lhs.dim(isp[i]),
              lhsDilation[i],
              padLo(i),
              padHi(i),
              k,
              rhsDilation[i],
              strides[i]);
    }
    return Shape.of(out);
  }

  private static int intAttr(Attributes a, String key) {
    long v = a.getLong(key);
    if (v != (int) v) {
      throw new TypeException("attribute '" + key + "' (" + v + ") does not fit an int");
    }
    return (int) v;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConvolutionSpec c
        && dims.equals(c.dims)
        && Arrays.equals(strides, c.strides)
        && Arrays.equals(padding, c.padding)
        && Arrays.equals(lhsDilation, c.lhsDilation)
        && Arrays.equals(rhsDilation, c.rhsDilation)
        && Arrays.equals(reversal, c.reversal)
        && featureGroupCount == c.featureGroupCount
        && batchGroupCount == c.batchGroupCount;
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(
        new Object[] {dims, strides, padding, lhsDilation, rhsDilation, reversal});
  }

  @Override
  public String toString() {
    return "convolution "
        + dims
        + ", strides "
        + Arrays.toString(strides)
        + ", padding "
        + Arrays.toString(padding)
        + ", lhs_dilation "
        + Arrays.toString(lhsDilation)
        + ", rhs_dilation "
        + Arrays.toString(rhsDilation)
        + ", window_reversal "
        + Arrays.toString(reversal);
  }
}
