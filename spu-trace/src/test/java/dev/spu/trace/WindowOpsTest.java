package dev.spu.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.TypeException;
import dev.spu.pphlo.Value;
import dev.spu.pphlo.WindowSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The NCHW helpers and the structure of the windowed ops' gradients (XLA's max-pool pattern). */
class WindowOpsTest {
  static List<Operation> ops(Function f, String name) {
    return f.body().stream().filter(o -> o.name().equals(name)).toList();
  }

  @Test
  void conv2dAndPoolingShapes() {
    Tracer t = new Tracer();
    Value x = t.argument(TensorType.secret(DType.F32, 2, 1, 28, 28));
    Value w = t.argument(TensorType.secret(DType.F32, 5, 1, 5, 5));
    // Network D's first layer: 5×5, stride 2, padding 2 → 14×14.
    Value y = WindowOps.conv2d(t, x, w, new int[] {2, 2}, new int[] {2, 2});
    assertThat(y.type()).isEqualTo(TensorType.secret(DType.F32, 2, 5, 14, 14));
    Value p = WindowOps.maxPool2d(t, y, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0});
    assertThat(p.type().shape()).isEqualTo(Shape.of(2, 5, 7, 7));
    Value a = WindowOps.avgPool2d(t, p, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 0, 1, 0});
    assertThat(a.type().shape()).isEqualTo(Shape.of(2, 5, 3, 3));
    Value xi = t.argument(TensorType.pub(DType.I32, 1, 1, 4, 4));
    assertThat(
            WindowOps.avgPool2d(t, xi, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}).type())
        .isEqualTo(TensorType.pub(DType.F32, 1, 1, 2, 2));
    assertThat(
            WindowOps.maxPool2d(t, xi, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}).type())
        .isEqualTo(TensorType.pub(DType.I32, 1, 1, 2, 2));
    Function f = t.finish(List.of(a));
    Operation rw = ops(f, "reduce_window").get(0);
    assertThat(rw.attributes().getString("kind")).isEqualTo("max");
    assertThat(rw.operand(1).type()).isEqualTo(TensorType.pub(DType.F32));
  }

  @Test
  void helperErrorsNameTheProblem() {
    Tracer t = new Tracer();
    Value x3 = t.argument(TensorType.secret(DType.F32, 1, 4, 4));
    assertThatThrownBy(
            () -> WindowOps.maxPool2d(t, x3, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}))
        .isInstanceOf(TypeException.class)
        .hasMessageContaining("expected an NCHW tensor");
    Value x = t.argument(TensorType.secret(DType.F32, 1, 1, 4, 4));
    Value w = t.argument(TensorType.secret(DType.F32, 1, 2, 3, 3));
    assertThatThrownBy(() -> WindowOps.conv2d(t, x, w, new int[] {1, 1}, new int[] {0, 0}))
        .isInstanceOf(TypeException.class)
        .hasMessageStartingWith("'pphlo.convolution' with operands")
        .hasMessageContaining("kernel_input_feature_dimension");
    assertThatThrownBy(() -> WindowOps.conv2d(t, x, w, new int[] {1, 1}, new int[] {0, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 2 values (both sides) or 4");
  }

  /**
   * grad of max pooling is XLA's pattern: select_and_scatter (ge, add) on the forward
   * reduce_window's own operand with the same window, init 0; conv's gradients are convolutions.
   */
  @Test
  void maxPoolGradientIsSelectAndScatterOnTheSameWindow() {
    Tracer t = new Tracer();
    Value x = t.argument(TensorType.secret(DType.F32, 2, 1, 6, 6));
    Value w = t.argument(TensorType.secret(DType.F32, 3, 1, 3, 3));
    Autodiff.Result r =
        Autodiff.valueAndGrad(
            t,
            (tt, a) -> {
              Value c =
                  WindowOps.conv2d(tt, a.get(0), a.get(1), new int[] {1, 1}, new int[] {1, 1});
              Value p =
                  WindowOps.maxPool2d(tt, c, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0});
              return TensorOps.sum(tt, p, new int[0], false);
            },
            List.of(x, w),
            0,
            1);
    Function f = t.finish(List.of(r.value(), r.grads().get(0), r.grads().get(1)));
    Operation rw = ops(f, "reduce_window").get(0);
    List<Operation> sas = ops(f, "select_and_scatter");
    assertThat(sas).hasSize(1);
    Operation s = sas.get(0);
    assertThat(s.operand(0)).isSameAs(rw.operand(0));
    assertThat(s.attributes().getString("select")).isEqualTo("ge");
    assertThat(s.attributes().getString("scatter")).isEqualTo("add");
    for (String k : new String[] {"window_dimensions", "window_strides", "padding"}) {
      assertThat(s.attributes().getLongs(k)).as(k).containsExactly(rw.attributes().getLongs(k));
    }
    assertThat(s.operand(2).type()).isEqualTo(TensorType.pub(DType.F32));
    // Forward conv + one convolution per gradient.
    assertThat(ops(f, "convolution")).hasSize(3);
    assertThat(r.grads().get(0).type().shape()).isEqualTo(x.type().shape());
    assertThat(r.grads().get(1).type().shape()).isEqualTo(w.type().shape());
  }

  @Test
  void dilatedMaxHasNoGradientAndSaysWhy() {
    Tracer t = new Tracer();
    Value x = t.argument(TensorType.secret(DType.F32, 6));
    WindowSpec spec =
        new WindowSpec(new int[] {2}, new int[] {1}, new int[] {1}, new int[] {2}, new int[2]);
    assertThatThrownBy(
            () ->
                Autodiff.grad(
                    t,
                    (tt, a) ->
                        TensorOps.sum(
                            tt,
                            WindowOps.reduceWindow(
                                tt,
                                a.get(0),
                                TensorOps.full(tt, Shape.SCALAR, DType.F32, -1e6),
                                "max",
                                spec),
                            new int[0],
                            false),
                    List.of(x),
                    0))
        .isInstanceOf(TypeException.class)
        .hasMessageContaining("'pphlo.reduce_window'")
        .hasMessageContaining("dilations");
  }

  @Test
  void selectAndScatterHasNoRuleYet() {
    assertThat(VjpRegistry.has("convolution")).isTrue();
    assertThat(VjpRegistry.has("reduce_window")).isTrue();
    assertThat(VjpRegistry.has("select_and_scatter")).isFalse();
    assertThat(Attributes.EMPTY.isEmpty()).isTrue();
  }
}
