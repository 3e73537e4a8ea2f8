package dev.spu.pphlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every (dtype × visibility) × (dtype × visibility) operand pair for every binary op: the result
 * dtype follows promotion, the visibility follows narrowing, and invalid pairs are rejected with
 * the op and both operand types in the message.
 */
class BinaryTypeInferenceTest {
  static final List<String> ARITHMETIC =
      List.of("add", "subtract", "multiply", "divide", "maximum", "minimum", "remainder", "power");
  static final List<String> COMPARISON =
      List.of("equal", "not_equal", "greater", "greater_equal", "less", "less_equal");
  static final List<String> LOGICAL = List.of("and", "or", "xor");
  static final List<String> SHIFT =
      List.of("shift_left", "shift_right_arithmetic", "shift_right_logical");

  /** The promotion oracle, written out independently of DType.promote. */
  static DType expectedPromotion(DType a, DType b) {
    boolean fa = a.name().startsWith("F");
    boolean fb = b.name().startsWith("F");
    if (fa && !fb) {
      return a;
    }
    if (fb && !fa) {
      return b;
    }
    return a.bits() >= b.bits() ? a : b;
  }

  static Visibility expectedVisibility(Visibility a, Visibility b) {
    return a == Visibility.PUBLIC && b == Visibility.PUBLIC ? Visibility.PUBLIC : Visibility.SECRET;
  }

  record Operand(DType dtype, Visibility vis) {
    TensorType of(int... dims) {
      return new TensorType(Shape.of(dims), dtype, vis);
    }
  }

  static List<Operand> allOperands() {
    List<Operand> out = new ArrayList<>();
    for (DType d : DType.values()) {
      for (Visibility v : Visibility.values()) {
        out.add(new Operand(d, v));
      }
    }
    return out;
  }

  private static List<TensorType> infer(String op, TensorType a, TensorType b, Attributes attrs) {
    return OpRegistry.infer(op, List.of(a, b), attrs, null);
  }

  private static void assertRejected(
      String op, TensorType a, TensorType b, Attributes attrs, String reason) {
    assertThatThrownBy(() -> infer(op, a, b, attrs))
        .as("%s(%s, %s)", op, a, b)
        .isInstanceOf(TypeException.class)
        .hasMessageContaining("'pphlo." + op + "'")
        .hasMessageContaining(a.toString())
        .hasMessageContaining(b.toString())
        .hasMessageContaining(reason);
  }

  @Test
  void everyPairForEveryBinaryOp() {
    int checked = 0;
    for (Operand x : allOperands()) {
      for (Operand y : allOperands()) {
        TensorType a = x.of(2, 3);
        TensorType b = y.of(2, 3);
        DType promoted = expectedPromotion(x.dtype, y.dtype);
        Visibility vis = expectedVisibility(x.vis, y.vis);
        boolean anyBool = x.dtype == DType.I1 || y.dtype == DType.I1;
        boolean anyFloat = x.dtype.isFixedPoint() || y.dtype.isFixedPoint();

        for (String op : ARITHMETIC) {
          if (anyBool) {
            assertRejected(op, a, b, Attributes.EMPTY, "not i1");
          } else {
            assertThat(infer(op, a, b, Attributes.EMPTY))
                .containsExactly(new TensorType(Shape.of(2, 3), promoted, vis));
          }
          checked++;
        }
        for (String op : COMPARISON) {
          assertThat(infer(op, a, b, Attributes.EMPTY))
              .containsExactly(new TensorType(Shape.of(2, 3), DType.I1, vis));
          checked++;
        }
        for (String op : LOGICAL) {
          if (anyFloat) {
            assertRejected(op, a, b, Attributes.EMPTY, "expected integer or i1 operands");
          } else {
            assertThat(infer(op, a, b, Attributes.EMPTY))
                .containsExactly(new TensorType(Shape.of(2, 3), promoted, vis));
          }
          checked++;
        }
        for (String op : SHIFT) {
          if (anyFloat || anyBool) {
            assertRejected(op, a, b, Attributes.EMPTY, "expected integer operands");
          } else {
            assertThat(infer(op, a, b, Attributes.EMPTY))
                .containsExactly(new TensorType(Shape.of(2, 3), promoted, vis));
          }
          checked++;
        }
        checkDot(x, y, promoted, vis, anyBool);
        checked += 5;
      }
    }
    assertThat(checked).isEqualTo(256 * (8 + 6 + 3 + 3 + 5));
  }

  private static void checkDot(
      Operand x, Operand y, DType promoted, Visibility vis, boolean anyBool) {
    Attributes general =
        Attributes.builder()
            .put("lhs_batching_dimensions", new int[] {0})
            .put("rhs_batching_dimensions", new int[] {0})
            .put("lhs_contracting_dimensions", new int[] {2})
            .put("rhs_contracting_dimensions", new int[] {1})
            .build();
    Object[][] cases = {
      {"dot", x.of(2, 3), y.of(3, 4), Attributes.EMPTY, Shape.of(2, 4)},
      {"dot", x.of(2, 3), y.of(3), Attributes.EMPTY, Shape.of(2)},
      {"dot", x.of(3), y.of(3, 4), Attributes.EMPTY, Shape.of(4)},
      {"dot", x.of(3), y.of(3), Attributes.EMPTY, Shape.SCALAR},
      {"dot_general", x.of(5, 2, 3), y.of(5, 3, 4), general, Shape.of(5, 2, 4)},
    };
    for (Object[] c : cases) {
      String op = (String) c[0];
      TensorType a = (TensorType) c[1];
      TensorType b = (TensorType) c[2];
      Attributes attrs = (Attributes) c[3];
      if (anyBool) {
        assertRejected(op, a, b, attrs, "not i1");
      } else {
        assertThat(infer(op, a, b, attrs))
            .as("%s(%s, %s)", op, a, b)
            .containsExactly(new TensorType((Shape) c[4], promoted, vis));
      }
    }
  }

  @Test
  void promotionExamples() {
    assertThat(DType.promote(DType.I64, DType.F16)).isEqualTo(DType.F16);
    assertThat(DType.promote(DType.F16, DType.I64)).isEqualTo(DType.F16);
    assertThat(DType.promote(DType.I1, DType.I8)).isEqualTo(DType.I8);
    assertThat(DType.promote(DType.I32, DType.I16)).isEqualTo(DType.I32);
    assertThat(DType.promote(DType.F32, DType.F64)).isEqualTo(DType.F64);
    assertThat(Visibility.narrow(Visibility.PUBLIC, Visibility.SECRET))
        .isEqualTo(Visibility.SECRET);
    assertThat(Visibility.narrow(Visibility.PUBLIC, Visibility.PUBLIC))
        .isEqualTo(Visibility.PUBLIC);
  }

  @Test
  void binaryOpsRejectShapeMismatchNamingBothTypes() {
    for (String op : List.of("add", "greater", "and", "shift_left")) {
      TensorType a = TensorType.secret(DType.I32, 4);
      TensorType b = TensorType.pub(DType.I32, 3);
      assertRejected(op, a, b, Attributes.EMPTY, "same shape");
    }
    assertRejected(
        "dot",
        TensorType.secret(DType.F32, 2, 3),
        TensorType.secret(DType.F32, 4, 2),
        Attributes.EMPTY,
        "(m×k)·(k×n)");
  }
}
