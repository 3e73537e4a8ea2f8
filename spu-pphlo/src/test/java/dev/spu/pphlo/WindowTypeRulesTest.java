package dev.spu.pphlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Type rules of convolution, reduce_window and select_and_scatter: shapes, dtypes, errors. */
class WindowTypeRulesTest {
  private static TensorType one(String op, Attributes a, TensorType... operands) {
    return OpRegistry.infer(op, List.of(operands), a, null).get(0);
  }

  private static void rejects(String op, Attributes a, String reason, TensorType... operands) {
    assertThatThrownBy(() -> OpRegistry.infer(op, List.of(operands), a, null))
        .isInstanceOf(TypeException.class)
        .hasMessageStartingWith("'pphlo." + op + "' with operands " + List.of(operands))
        .hasMessageContaining(reason);
  }

  static ConvolutionSpec.Dims nchw = ConvolutionSpec.Dims.nchw(2);

  static Attributes conv(int[] strides, int[] padding) {
    return ConvolutionSpec.of(nchw, strides, padding).toAttributes();
  }

  static Attributes window(String kind, int[] w, int[] s, int[] pad) {
    return WindowSpec.of(w, s, pad)
        .toAttributes(Attributes.builder().put("kind", kind), true)
        .build();
  }

  @Test
  void convolutionShapesNchw() {
    TensorType x = TensorType.secret(DType.F32, 8, 3, 28, 28);
    TensorType w = TensorType.pub(DType.F32, 16, 3, 5, 5);
    assertThat(one("convolution", conv(new int[] {1, 1}, new int[4]), x, w))
        .isEqualTo(TensorType.secret(DType.F32, 8, 16, 24, 24));
    // Model D: stride 2, padding 2: (28 + 4 − 5) / 2 + 1 = 14.
    assertThat(one("convolution", conv(new int[] {2, 2}, new int[] {2, 2, 2, 2}), x, w))
        .isEqualTo(TensorType.secret(DType.F32, 8, 16, 14, 14));
    // Asymmetric padding and strides per dimension.
    assertThat(one("convolution", conv(new int[] {3, 1}, new int[] {0, 1, -2, 0}), x, w).shape())
        .isEqualTo(Shape.of(8, 16, 9, 22));
    // Integer × fixed point promotes; public × public stays public.
    TensorType xi = TensorType.pub(DType.I32, 8, 3, 28, 28);
    assertThat(one("convolution", conv(new int[] {1, 1}, new int[4]), xi, w))
        .isEqualTo(TensorType.pub(DType.F32, 8, 16, 24, 24));
  }

  @Test
  void convolutionDilationsAndLayouts() {
    // NHWC input, HWIO kernel: lhs dilation 2 makes 5 → 9, rhs dilation 2 makes 3 → 5.
    ConvolutionSpec spec =
        new ConvolutionSpec(
            ConvolutionSpec.Dims.nhwc(2),
            new int[] {1, 2},
            new int[] {1, 1, 0, 0},
            new int[] {2, 1},
            new int[] {2, 1},
            new boolean[] {true, false},
            1,
            1);
    TensorType x = TensorType.secret(DType.F64, 2, 5, 7, 4);
    TensorType w = TensorType.secret(DType.F64, 3, 3, 4, 6);
    // dim 0: base 9 + 2 = 11, span 5 → 7; dim 1: base 7, span 3, stride 2 → 3.
    assertThat(one("convolution", spec.toAttributes(), x, w).shape())
        .isEqualTo(Shape.of(2, 7, 3, 6));
    // The attributes round-trip through parse.
    assertThat(ConvolutionSpec.parse(spec.toAttributes())).isEqualTo(spec);
    // 1-D and 3-D.
    TensorType x1 = TensorType.secret(DType.F32, 2, 3, 10);
    TensorType w1 = TensorType.secret(DType.F32, 4, 3, 3);
    assertThat(
            one(
                    "convolution",
                    ConvolutionSpec.of(ConvolutionSpec.Dims.nchw(1), new int[] {2}, new int[2])
                        .toAttributes(),
                    x1,
                    w1)
                .shape())
        .isEqualTo(Shape.of(2, 4, 4));
    TensorType x3 = TensorType.secret(DType.F32, 1, 2, 4, 5, 6);
    TensorType w3 = TensorType.pub(DType.F32, 3, 2, 2, 2, 3);
    assertThat(
            one(
                    "convolution",
                    ConvolutionSpec.of(
                            ConvolutionSpec.Dims.nchw(3), new int[] {1, 1, 1}, new int[6])
                        .toAttributes(),
                    x3,
                    w3)
                .shape())
        .isEqualTo(Shape.of(1, 3, 3, 4, 4));
  }

  @Test
  void convolutionOptionalAttributesDefault() {
    Attributes full = conv(new int[] {1, 1}, new int[4]);
    Attributes.Builder b = Attributes.builder();
    full.asMap()
        .forEach(
            (k, v) -> {
              if (k.contains("dimension")) {
                b.put(k, v);
              }
            });
    TensorType x = TensorType.secret(DType.F32, 1, 2, 4, 4);
    TensorType w = TensorType.secret(DType.F32, 3, 2, 3, 3);
    assertThat(one("convolution", b.build(), x, w).shape()).isEqualTo(Shape.of(1, 3, 2, 2));
  }

  @Test
  void convolutionErrors() {
    TensorType x = TensorType.secret(DType.F32, 8, 3, 28, 28);
    TensorType w = TensorType.pub(DType.F32, 16, 4, 5, 5);
    rejects(
        "convolution", conv(new int[] {1, 1}, new int[4]), "kernel_input_feature_dimension", x, w);
    TensorType w2 = TensorType.pub(DType.F32, 16, 3, 5);
    rejects(
        "convolution", conv(new int[] {1, 1}, new int[4]), "expected lhs and rhs of rank 4", x, w2);
    TensorType ok = TensorType.pub(DType.F32, 16, 3, 5, 5);
    Attributes good = conv(new int[] {1, 1}, new int[4]);
    rejects(
        "convolution",
        edit(good, "window_strides", new int[] {1}),
        "'window_strides' has 1 elements",
        x,
        ok);
    rejects(
        "convolution", edit(good, "window_strides", new int[] {0, 1}), "must be all >= 1", x, ok);
    rejects(
        "convolution", edit(good, "window_reversal", new int[] {0, 2}), "must hold 0 or 1", x, ok);
    rejects("convolution", conv(new int[] {1, 1}, new int[] {-20, -20, 0, 0}), "crops more", x, ok);
    Attributes grouped =
        new AttributesEdit(conv(new int[] {1, 1}, new int[4]))
            .put("feature_group_count", 3)
            .build();
    rejects("convolution", grouped, "only 1 is supported", x, ok);
    Attributes batchGrouped =
        new AttributesEdit(conv(new int[] {1, 1}, new int[4])).put("batch_group_count", 2).build();
    rejects("convolution", batchGrouped, "batch_group_count 2", x, ok);
    Attributes badDims =
        new AttributesEdit(conv(new int[] {1, 1}, new int[4]))
            .put("input_spatial_dimensions", new int[] {1, 3})
            .build();
    rejects("convolution", badDims, "must be a permutation", x, ok);
    Attributes missing =
        new AttributesEdit(conv(new int[] {1, 1}, new int[4]))
            .remove("output_batch_dimension")
            .build();
    rejects("convolution", missing, "missing attribute 'output_batch_dimension'", x, ok);
    TensorType xb = TensorType.secret(DType.I1, 8, 3, 28, 28);
    rejects("convolution", conv(new int[] {1, 1}, new int[4]), "not i1", xb, ok);
  }

  @Test
  void reduceWindowShapes() {
    TensorType x = TensorType.secret(DType.F32, 2, 3, 24, 24);
    TensorType init = TensorType.pub(DType.F32);
    int[] w = {1, 1, 2, 2};
    int[] s = {1, 1, 2, 2};
    assertThat(one("reduce_window", window("max", w, s, new int[8]), x, init))
        .isEqualTo(TensorType.secret(DType.F32, 2, 3, 12, 12));
    // 3×3 stride 2 with padding 1: (24 + 2 − 3) / 2 + 1 = 12; unit window elsewhere.
    assertThat(
            one(
                    "reduce_window",
                    window("add", new int[] {1, 1, 3, 3}, s, new int[] {0, 0, 0, 0, 1, 1, 1, 1}),
                    x,
                    init)
                .shape())
        .isEqualTo(Shape.of(2, 3, 12, 12));
    // Base and window dilation: base (5 − 1)·2 + 1 = 9, span (2 − 1)·3 + 1 = 4 → 6.
    Attributes dil =
        new WindowSpec(new int[] {2}, new int[] {1}, new int[] {2}, new int[] {3}, new int[2])
            .toAttributes(Attributes.builder().put("kind", "min"), true)
            .build();
    assertThat(one("reduce_window", dil, TensorType.pub(DType.I32, 5), TensorType.pub(DType.I32)))
        .isEqualTo(TensorType.pub(DType.I32, 6));
    // A window longer than the base gives an empty output; secret init makes the result secret.
    assertThat(
            one(
                "reduce_window",
                window("add", new int[] {7}, new int[] {1}, new int[2]),
                TensorType.pub(DType.F32, 5),
                TensorType.secret(DType.F32)))
        .isEqualTo(TensorType.secret(DType.F32, 0));
    // Defaults: only window_dimensions and kind.
    Attributes minimal =
        Attributes.builder().put("kind", "add").put("window_dimensions", new int[] {2, 2}).build();
    assertThat(one("reduce_window", minimal, TensorType.pub(DType.F32, 4, 5), init).shape())
        .isEqualTo(Shape.of(3, 4));
  }

  @Test
  void reduceWindowErrors() {
    TensorType x = TensorType.secret(DType.F32, 4, 4);
    TensorType init = TensorType.pub(DType.F32);
    rejects(
        "reduce_window",
        window("mul", new int[] {2, 2}, new int[] {1, 1}, new int[4]),
        "kind 'mul' is not one of [add, max, min]",
        x,
        init);
    rejects(
        "reduce_window",
        window("add", new int[] {2}, new int[] {1}, new int[2]),
        "'window_dimensions' has 1 elements",
        x,
        init);
    Attributes good = window("add", new int[] {2, 2}, new int[] {1, 1}, new int[4]);
    rejects(
        "reduce_window",
        edit(good, "window_dimensions", new int[] {0, 2}),
        "must be all >= 1",
        x,
        init);
    rejects(
        "reduce_window",
        edit(good, "window_dilations", new int[] {1, 0}),
        "must be all >= 1",
        x,
        init);
    rejects(
        "reduce_window",
        window("add", new int[] {2, 2}, new int[] {1, 1}, new int[4]),
        "scalar init value",
        x,
        TensorType.pub(DType.F32, 1));
    rejects(
        "reduce_window", edit(good, "padding", new int[3]), "'padding' has 3 elements", x, init);
  }

  @Test
  void selectAndScatterShapes() {
    TensorType x = TensorType.secret(DType.F32, 2, 3, 24, 24);
    TensorType src = TensorType.pub(DType.F32, 2, 3, 12, 12);
    TensorType init = TensorType.pub(DType.F32);
    Attributes a = sas("ge", new int[] {1, 1, 2, 2}, new int[] {1, 1, 2, 2}, new int[8]);
    assertThat(one("select_and_scatter", a, x, src, init)).isEqualTo(x);
    // Public operand and source with a secret init: secret; int source promotes with fixed init.
    TensorType px = TensorType.pub(DType.I32, 2, 3, 24, 24);
    assertThat(
            one(
                "select_and_scatter",
                a,
                px,
                TensorType.pub(DType.I32, 2, 3, 12, 12),
                TensorType.secret(DType.F32)))
        .isEqualTo(TensorType.secret(DType.F32, 2, 3, 24, 24));
    rejects(
        "select_and_scatter",
        a,
        "expected a source of the window output shape [2x3x12x12]",
        x,
        TensorType.pub(DType.F32, 2, 3, 12, 11),
        init);
    rejects(
        "select_and_scatter",
        sas("gt", new int[] {1, 1, 2, 2}, new int[] {1, 1, 2, 2}, new int[8]),
        "select 'gt' is not one of [ge, le]",
        x,
        src,
        init);
    Attributes mul = new AttributesEdit(a).put("scatter", "mul").build();
    rejects("select_and_scatter", mul, "scatter 'mul' is not one of [add]", x, src, init);
    Attributes dil = new AttributesEdit(a).put("base_dilations", new int[] {1, 1, 2, 1}).build();
    rejects("select_and_scatter", dil, "select_and_scatter has no dilations", x, src, init);
  }

  static Attributes sas(String select, int[] w, int[] s, int[] pad) {
    return WindowSpec.of(w, s, pad)
        .toAttributes(Attributes.builder().put("select", select).put("scatter", "add"), false)
        .build();
  }

  /** Random windows: the output size is the number of window starts that fit (brute force). */
  @Test
  void outputSizeMatchesBruteForce() {
    Random r = new Random(5);
    for (int t = 0; t < 2000; t++) {
      int size = r.nextInt(8);
      int bd = 1 + r.nextInt(3);
      int lo = r.nextInt(5) - 2;
      int hi = r.nextInt(5) - 2;
      int win = 1 + r.nextInt(4);
      int wd = 1 + r.nextInt(3);
      int st = 1 + r.nextInt(3);
      long base = (size == 0 ? 0 : (size - 1) * bd + 1) + lo + hi;
      if (base < 0) {
        continue;
      }
      int count = 0;
      for (int o = 0; o * st + (win - 1) * wd < base; o++) {
        count++;
      }
      assertThat(WindowSpec.outputSize("d", size, bd, lo, hi, win, wd, st)).isEqualTo(count);
    }
  }

  @Test
  void textRoundTrip() {
    FunctionBuilder b = new FunctionBuilder("main");
    Value x = b.addArgument(TensorType.secret(DType.F32, 1, 2, 6, 6));
    Value w = b.addArgument(TensorType.pub(DType.F32, 3, 2, 3, 3));
    Value c = b.op("convolution", conv(new int[] {1, 1}, new int[] {1, 1, 1, 1}), x, w);
    Value init =
        b.op(
            "constant",
            Attributes.of(
                "value", DenseElements.ofFloats(Shape.SCALAR, DType.F32, new double[] {0})));
    Value p =
        b.op(
            "reduce_window",
            window("max", new int[] {1, 1, 2, 2}, new int[] {1, 1, 2, 2}, new int[8]),
            c,
            init);
    Value g =
        b.op(
            "select_and_scatter",
            sas("ge", new int[] {1, 1, 2, 2}, new int[] {1, 1, 2, 2}, new int[8]),
            c,
            p,
            init);
    Module m = Module.of(b.build(g));
    String text = Printer.print(m);
    assertThat(text)
        .contains("padding = array<i64: 1, 1, 1, 1>")
        .contains("\"pphlo.select_and_scatter\"");
    assertThat(Printer.print(Parser.parse(text))).isEqualTo(text);
  }

  static Attributes edit(Attributes a, String k, Object v) {
    return new AttributesEdit(a).put(k, v).build();
  }

  /** Edits a copy of an attribute dictionary. */
  static final class AttributesEdit {
    private final java.util.Map<String, Object> m;

    AttributesEdit(Attributes a) {
      m = new java.util.TreeMap<>(a.asMap());
    }

    AttributesEdit put(String k, Object v) {
      m.put(k, v);
      return this;
    }

    AttributesEdit remove(String k) {
      m.remove(k);
      return this;
    }

    Attributes build() {
      Attributes.Builder b = Attributes.builder();
      m.forEach(b::put);
      return b.build();
    }
  }
}
