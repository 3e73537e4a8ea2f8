package dev.spu.pphlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The non-binary type rules: results, and errors naming the op, operands and expectation. */
class TypeRulesTest {
  private static List<TensorType> infer(
      String op, Attributes a, List<TensorType> declared, TensorType... operands) {
    return OpRegistry.infer(op, List.of(operands), a, declared);
  }

  private static TensorType one(String op, Attributes a, TensorType... operands) {
    return infer(op, a, null, operands).get(0);
  }

  private static void rejects(
      String op, Attributes a, List<TensorType> declared, String reason, TensorType... operands) {
    assertThatThrownBy(() -> infer(op, a, declared, operands))
        .isInstanceOf(TypeException.class)
        .hasMessageStartingWith("'pphlo." + op + "' with operands " + List.of(operands))
        .hasMessageContaining(reason);
  }

  private static Attributes attrs(Object... kv) {
    Attributes.Builder b = Attributes.builder();
    for (int i = 0; i < kv.length; i += 2) {
      b.put((String) kv[i], kv[i + 1]);
    }
    return b.build();
  }

  static final TensorType S23 = TensorType.secret(DType.F32, 2, 3);
  static final TensorType P23I = TensorType.pub(DType.I32, 2, 3);

  @Test
  void everyIssueListOpIsRegistered() {
    for (String op : StandardOpsList.NAMES) {
      assertThat(OpRegistry.contains(op)).as(op).isTrue();
      assertThat(OpRegistry.contains("pphlo." + op)).as(op).isTrue();
    }
  }

  @Test
  void constantAndIota() {
    DenseElements d = DenseElements.ofInts(Shape.of(2), DType.I8, new long[] {-128, 255});
    assertThat(one("constant", attrs("value", d))).isEqualTo(TensorType.pub(DType.I8, 2));
    rejects(
        "constant",
        attrs("value", DenseElements.ofInts(Shape.of(1), DType.I1, new long[] {2})),
        null,
        "outside [0, 1]");
    TensorType t = TensorType.pub(DType.F32, 3, 4);
    assertThat(infer("iota", attrs("iota_dimension", 1), List.of(t))).containsExactly(t);
    rejects("iota", attrs("iota_dimension", 2), List.of(t), "0 <= iota_dimension < rank");
    rejects(
        "iota",
        attrs("iota_dimension", 0),
        List.of(t.withVisibility(Visibility.SECRET)),
        "public result");
    rejects("iota", attrs("iota_dimension", 0), null, "the result type must be declared");
  }

  @Test
  void unaryOps() {
    for (String op : List.of("negate", "abs", "sign")) {
      assertThat(one(op, Attributes.EMPTY, S23)).isEqualTo(S23);
      rejects(op, Attributes.EMPTY, null, "not i1", TensorType.secret(DType.I1, 2));
    }
    assertThat(one("not", Attributes.EMPTY, TensorType.secret(DType.I1, 2)))
        .isEqualTo(TensorType.secret(DType.I1, 2));
    rejects("not", Attributes.EMPTY, null, "integer or i1", S23);
    assertThat(TypeRules.unaryFloat("exp", List.of(S23), Attributes.EMPTY, null))
        .containsExactly(S23);
    assertThatThrownBy(() -> TypeRules.unaryFloat("exp", List.of(P23I), Attributes.EMPTY, null))
        .hasMessageContaining("'pphlo.exp'")
        .hasMessageContaining("convert integers first");
  }

  @Test
  void selectAndClamp() {
    TensorType pred = TensorType.pub(DType.I1, 2, 3);
    assertThat(one("select", Attributes.EMPTY, pred, P23I, S23)).isEqualTo(S23);
    // A secret predicate makes the result secret even with public branches.
    assertThat(one("select", Attributes.EMPTY, pred.withVisibility(Visibility.SECRET), P23I, P23I))
        .isEqualTo(P23I.withVisibility(Visibility.SECRET));
    assertThat(one("select", Attributes.EMPTY, TensorType.pub(DType.I1), P23I, P23I))
        .isEqualTo(P23I);
    rejects("select", Attributes.EMPTY, null, "i1 predicate", P23I, P23I, P23I);
    rejects(
        "select",
        Attributes.EMPTY,
        null,
        "predicate of that shape",
        TensorType.pub(DType.I1, 3),
        P23I,
        P23I);

    TensorType lo = TensorType.pub(DType.I32);
    assertThat(one("clamp", Attributes.EMPTY, lo, S23, lo)).isEqualTo(S23);
    rejects("clamp", Attributes.EMPTY, null, "bounds", TensorType.pub(DType.I32, 3), S23, lo);
    rejects("clamp", Attributes.EMPTY, null, "not i1", lo, TensorType.pub(DType.I1, 2, 3), lo);
  }

  @Test
  void convert() {
    TensorType target = TensorType.secret(DType.I32, 2, 3);
    assertThat(infer("convert", Attributes.EMPTY, List.of(target), S23)).containsExactly(target);
    assertThat(infer("convert", Attributes.EMPTY, List.of(target), P23I)).containsExactly(target);
    rejects("convert", Attributes.EMPTY, List.of(P23I), "cannot convert a secret to public", S23);
    rejects(
        "convert",
        Attributes.EMPTY,
        List.of(TensorType.secret(DType.I32, 6)),
        "operand's shape",
        S23);
  }

  @Test
  void dotGeneralRejectsRepeatedDimensions() {
    TensorType l = TensorType.secret(DType.F32, 3, 3);
    Attributes twice =
        attrs(
            "lhs_batching_dimensions", new int[] {0},
            "rhs_batching_dimensions", new int[] {0},
            "lhs_contracting_dimensions", new int[] {0},
            "rhs_contracting_dimensions", new int[] {1});
    rejects("dot_general", twice, null, "lhs dimension 0 appears twice", l, l);
    Attributes outOfRange =
        attrs(
            "lhs_batching_dimensions", new int[0],
            "rhs_batching_dimensions", new int[0],
            "lhs_contracting_dimensions", new int[] {2},
            "rhs_contracting_dimensions", new int[] {0});
    rejects("dot_general", outOfRange, null, "dimension 2 out of range", l, l);
  }

  @Test
  void layoutOps() {
    assertThat(one("transpose", attrs("permutation", new int[] {1, 0}), S23))
        .isEqualTo(TensorType.secret(DType.F32, 3, 2));
    rejects("transpose", attrs("permutation", new int[] {0, 0}), null, "permutation", S23);

    TensorType flat = TensorType.secret(DType.F32, 6);
    assertThat(infer("reshape", Attributes.EMPTY, List.of(flat), S23)).containsExactly(flat);
    rejects(
        "reshape",
        Attributes.EMPTY,
        List.of(TensorType.secret(DType.F32, 5)),
        "same element count",
        S23);

    TensorType b = TensorType.secret(DType.F32, 4, 2, 3);
    assertThat(
            infer(
                "broadcast_in_dim",
                attrs("broadcast_dimensions", new int[] {1, 2}),
                List.of(b),
                S23))
        .containsExactly(b);
    rejects(
        "broadcast_in_dim",
        attrs("broadcast_dimensions", new int[] {2, 1}),
        List.of(b),
        "must be increasing",
        S23);
    rejects(
        "broadcast_in_dim",
        attrs("broadcast_dimensions", new int[] {0, 2}),
        List.of(b),
        "cannot broadcast",
        S23);

    Attributes sl =
        attrs(
            "start_indices", new int[] {0, 1},
            "limit_indices", new int[] {2, 3},
            "strides", new int[] {1, 2});
    assertThat(one("slice", sl, S23)).isEqualTo(TensorType.secret(DType.F32, 2, 1));
    Attributes bad =
        attrs(
            "start_indices", new int[] {0, 1},
            "limit_indices", new int[] {2, 4},
            "strides", new int[] {1, 1});
    rejects("slice", bad, null, "out of range for dimension 1 of size 3", S23);

    assertThat(one("concatenate", attrs("dimension", 1), S23, P23I))
        .isEqualTo(TensorType.secret(DType.F32, 2, 6));
    rejects(
        "concatenate",
        attrs("dimension", 0),
        null,
        "agree except in dimension 0",
        S23,
        TensorType.pub(DType.I32, 2, 2));
    rejects("concatenate", attrs("dimension", 5), null, "out of range for rank 2", S23);

    Attributes pad =
        attrs(
            "edge_padding_low", new int[] {1, -1},
            "edge_padding_high", new int[] {0, 2},
            "interior_padding", new int[] {1, 0});
    assertThat(one("pad", pad, P23I, TensorType.pub(DType.F32)))
        .isEqualTo(TensorType.pub(DType.F32, 4, 4));
    rejects("pad", pad, null, "scalar padding value", P23I, P23I);
  }

  @Test
  void reduce() {
    Attributes a = attrs("dimensions", new int[] {1}, "kind", "max");
    assertThat(one("reduce", a, S23, TensorType.pub(DType.F32)))
        .isEqualTo(TensorType.secret(DType.F32, 2));
    rejects(
        "reduce",
        attrs("dimensions", new int[] {1}, "kind", "argmax"),
        null,
        "kind 'argmax'",
        S23,
        TensorType.pub(DType.F32));
    rejects(
        "reduce",
        attrs("dimensions", new int[] {1, 1}, "kind", "add"),
        null,
        "invalid for rank 2",
        S23,
        TensorType.pub(DType.F32));
  }

  @Test
  void attributeErrorsNameTheOp() {
    rejects("slice", Attributes.EMPTY, null, "missing attribute 'start_indices'", S23);
    rejects(
        "transpose",
        attrs("permutation", "1,0"),
        null,
        "attribute 'permutation' is String, expected long[]",
        S23);
    rejects(
        "transpose",
        attrs("permutation", new long[] {1L << 40, 0}),
        null,
        "does not fit an int",
        S23);
  }

  @Test
  void builderChecksDeclaredTypesAgainstTheRule() {
    FunctionBuilder fb = new FunctionBuilder("main");
    Value x = fb.addArgument(S23);
    assertThatThrownBy(() -> fb.op("negate", Attributes.EMPTY, P23I, x))
        .isInstanceOf(TypeException.class)
        .hasMessage(
            "'pphlo.negate' with operands [tensor<2x3x!pphlo.sec<f32>>]: declared result types"
                + " [tensor<2x3x!pphlo.pub<i32>>] but the type rule infers"
                + " [tensor<2x3x!pphlo.sec<f32>>]");
    assertThatThrownBy(() -> fb.op("add", Attributes.EMPTY, x))
        .hasMessage("'pphlo.add' expects 2 operands, got 1 [tensor<2x3x!pphlo.sec<f32>>]");
  }
}
