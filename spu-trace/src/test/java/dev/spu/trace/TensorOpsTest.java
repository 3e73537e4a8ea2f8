package dev.spu.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spu.pphlo.DType;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.TypeException;
import dev.spu.pphlo.Value;
import org.junit.jupiter.api.Test;

class TensorOpsTest {
  private final Tracer t = new Tracer();

  private Value sec(DType d, int... dims) {
    return t.argument(TensorType.secret(d, dims));
  }

  private Value pub(DType d, int... dims) {
    return t.argument(TensorType.pub(d, dims));
  }

  private java.util.List<String> ops() {
    return t.body().stream().map(Operation::name).toList();
  }

  @Test
  void broadcastingInsertsBroadcastInDim() {
    Value a = sec(DType.F32, 2, 3);
    Value b = pub(DType.I32, 3);
    Value c = TensorOps.binary(t, "add", a, b);
    assertThat(c.type()).isEqualTo(TensorType.secret(DType.F32, 2, 3));
    assertThat(ops()).containsExactly("broadcast_in_dim", "add");
    assertThat(t.body().get(0).attributes().getInts("broadcast_dimensions")).containsExactly(1);
  }

  @Test
  void broadcastingBothSides() {
    Value a = sec(DType.I32, 4, 1);
    Value b = sec(DType.I32, 1, 5);
    assertThat(TensorOps.binary(t, "multiply", a, b).type().shape()).isEqualTo(Shape.of(4, 5));
    assertThat(TensorOps.broadcastShape("x", a.type(), b.type(), TensorType.pub(DType.I1, 3, 1, 1)))
        .isEqualTo(Shape.of(3, 4, 5));
  }

  @Test
  void incompatibleShapesNameOpAndBothTypes() {
    Value a = sec(DType.I32, 2, 3);
    Value b = pub(DType.F32, 4);
    assertThatThrownBy(() -> TensorOps.binary(t, "subtract", a, b))
        .isInstanceOf(TypeException.class)
        .hasMessageContaining("pphlo.subtract")
        .hasMessageContaining("tensor<2x3x!pphlo.sec<i32>>")
        .hasMessageContaining("tensor<4x!pphlo.pub<f32>>")
        .hasMessageContaining("broadcast");
  }

  @Test
  void divisionOfIntegersIsTrueDivision() {
    Value c = TensorOps.divide(t, sec(DType.I32, 3), pub(DType.I32, 3));
    assertThat(c.type()).isEqualTo(TensorType.secret(DType.F32, 3));
    assertThat(ops()).containsExactly("convert", "convert", "divide");
  }

  @Test
  void comparisonsYieldI1WithNarrowedVisibility() {
    Value c = TensorOps.binary(t, "greater", pub(DType.F32, 2), sec(DType.I32, 2));
    assertThat(c.type()).isEqualTo(TensorType.secret(DType.I1, 2));
  }

  @Test
  void matmulShapes() {
    assertThat(TensorOps.matmul(t, sec(DType.F32, 2, 3), pub(DType.F32, 3, 4)).type().shape())
        .isEqualTo(Shape.of(2, 4));
    assertThat(TensorOps.matmul(t, sec(DType.F32, 3), pub(DType.F32, 3, 4)).type().shape())
        .isEqualTo(Shape.of(4));
    assertThat(TensorOps.matmul(t, sec(DType.F32, 2, 3), pub(DType.F32, 3)).type().shape())
        .isEqualTo(Shape.of(2));
    assertThat(TensorOps.matmul(t, sec(DType.F32, 3), pub(DType.F32, 3)).type().shape())
        .isEqualTo(Shape.SCALAR);
    assertThat(TensorOps.matmul(t, sec(DType.F32, 5, 2, 3), pub(DType.F32, 3, 4)).type().shape())
        .isEqualTo(Shape.of(5, 2, 4));
    assertThat(
            TensorOps.matmul(t, sec(DType.F32, 5, 1, 2, 3), pub(DType.F32, 6, 3, 4)).type().shape())
        .isEqualTo(Shape.of(5, 6, 2, 4));
    assertThat(TensorOps.matmul(t, sec(DType.F32, 3), pub(DType.F32, 5, 3, 4)).type().shape())
        .isEqualTo(Shape.of(5, 4));
    assertThat(TensorOps.matmul(t, sec(DType.F32, 5, 2, 3), pub(DType.F32, 3)).type().shape())
        .isEqualTo(Shape.of(5, 2));
  }

  @Test
  void matmulMismatchNamesDotAndBothTypes() {
    Value a = sec(DType.F32, 2, 3);
    Value b = pub(DType.F32, 4, 5);
    assertThatThrownBy(() -> TensorOps.matmul(t, a, b))
        .isInstanceOf(TypeException.class)
        .hasMessageContaining("pphlo.dot")
        .hasMessageContaining("tensor<2x3x!pphlo.sec<f32>>")
        .hasMessageContaining("tensor<4x5x!pphlo.pub<f32>>");
  }

  @Test
  void reductions() {
    Value x = sec(DType.I32, 2, 3, 4);
    assertThat(TensorOps.sum(t, x, new int[] {1}, false).type().shape()).isEqualTo(Shape.of(2, 4));
    assertThat(TensorOps.sum(t, x, new int[] {-1, 0}, true).type().shape())
        .isEqualTo(Shape.of(1, 3, 1));
    assertThat(TensorOps.sum(t, x, new int[0], false).type().shape()).isEqualTo(Shape.SCALAR);
    Value m = TensorOps.mean(t, x, new int[] {2}, false);
    assertThat(m.type()).isEqualTo(TensorType.secret(DType.F32, 2, 3));
    Value mx = TensorOps.max(t, x, new int[] {2, 1}, false);
    assertThat(mx.type()).isEqualTo(TensorType.secret(DType.I32, 2));
    Value mn = TensorOps.min(t, x, new int[] {1}, true);
    assertThat(mn.type()).isEqualTo(TensorType.secret(DType.I32, 2, 1, 4));
    assertThatThrownBy(() -> TensorOps.sum(t, x, new int[] {3}, false))
        .hasMessageContaining("pphlo.reduce")
        .hasMessageContaining("axis 3");
  }

  @Test
  void layoutOps() {
    Value x = sec(DType.F32, 2, 3, 4);
    assertThat(TensorOps.transpose(t, x).type().shape()).isEqualTo(Shape.of(4, 3, 2));
    assertThat(TensorOps.transpose(t, x, 1, 0, 2).type().shape()).isEqualTo(Shape.of(3, 2, 4));
    assertThat(TensorOps.reshape(t, x, 6, -1).type().shape()).isEqualTo(Shape.of(6, 4));
    assertThat(TensorOps.index(t, x, 1).type().shape()).isEqualTo(Shape.of(3, 4));
    assertThat(TensorOps.index(t, x, -1, 2).type().shape()).isEqualTo(Shape.of(4));
    assertThat(
            TensorOps.slice(t, x, new int[] {0, 1, 0}, new int[] {2, 3, 4}, new int[] {1, 1, 2})
                .type()
                .shape())
        .isEqualTo(Shape.of(2, 2, 2));
    assertThat(TensorOps.concat(t, -1, x, x).type().shape()).isEqualTo(Shape.of(2, 3, 8));
    assertThat(
            TensorOps.pad(t, x, new int[] {1, 0, 0}, new int[] {0, 2, 0}, null, 0.5).type().shape())
        .isEqualTo(Shape.of(3, 5, 4));
    assertThatThrownBy(() -> TensorOps.reshape(t, x, 5, 5))
        .hasMessageContaining("pphlo.reshape")
        .hasMessageContaining("tensor<2x3x4x!pphlo.sec<f32>>");
    assertThatThrownBy(() -> TensorOps.index(t, x, 2))
        .hasMessageContaining("pphlo.slice")
        .hasMessageContaining("out of range");
  }

  @Test
  void constantsTakeAFittingDtype() {
    assertThat(TensorOps.scalarDType(DType.I32, 2.5)).isEqualTo(DType.F32);
    assertThat(TensorOps.scalarDType(DType.I64, 2.5)).isEqualTo(DType.F64);
    assertThat(TensorOps.scalarDType(DType.I32, 2L)).isEqualTo(DType.I32);
    assertThat(TensorOps.scalarDType(DType.F32, 2L)).isEqualTo(DType.I32);
    assertThat(TensorOps.scalarDType(DType.F32, 1L << 40)).isEqualTo(DType.I64);
    Value c = TensorOps.full(t, Shape.of(2, 2), DType.F32, 1.5);
    assertThat(c.type()).isEqualTo(TensorType.pub(DType.F32, 2, 2));
    assertThatThrownBy(() -> TensorOps.full(t, Shape.SCALAR, DType.I32, 1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void selectBroadcastsScalarPredicateAndBranches() {
    Value p = sec(DType.I1);
    Value a = sec(DType.I32, 3);
    Value b = pub(DType.I32);
    assertThat(TensorOps.select(t, p, a, b).type()).isEqualTo(TensorType.secret(DType.I32, 3));
    Value x = sec(DType.F32, 2, 2);
    Value c =
        TensorOps.clamp(
            t,
            TensorOps.full(t, Shape.SCALAR, DType.F32, -1.0),
            x,
            TensorOps.full(t, Shape.SCALAR, DType.F32, 1.0));
    assertThat(c.type()).isEqualTo(x.type());
  }
}
