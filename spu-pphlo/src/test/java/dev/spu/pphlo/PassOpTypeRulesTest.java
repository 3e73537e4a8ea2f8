package dev.spu.pphlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Type rules of prefer_a, epsilon, argmax and maxpool_scatter. */
class PassOpTypeRulesTest {
  private static final Attributes POOL =
      Attributes.builder()
          .put("window_dimensions", new int[] {1, 2, 2, 1})
          .put("window_strides", new int[] {1, 2, 2, 1})
          .put("padding", new int[] {0, 0, 0, 1, 0, 1, 0, 0})
          .build();

  @Test
  void preferAKeepsTheType() {
    TensorType p = TensorType.secret(DType.I1, 3);
    assertThat(OpRegistry.infer("prefer_a", List.of(p), Attributes.EMPTY, null)).containsExactly(p);
  }

  @Test
  void epsilonIsADeclaredPublicFixedPoint() {
    TensorType t = TensorType.pub(DType.F32, 2, 3);
    assertThat(OpRegistry.check("epsilon", List.of(), Attributes.EMPTY, List.of(t)))
        .containsExactly(t);
    assertThatThrownBy(
            () ->
                OpRegistry.check(
                    "epsilon", List.of(), Attributes.EMPTY, List.of(TensorType.pub(DType.I32, 2))))
        .isInstanceOf(TypeException.class)
        .hasMessageContaining("'pphlo.epsilon'")
        .hasMessageContaining("public floating-point");
    assertThatThrownBy(
            () ->
                OpRegistry.check(
                    "epsilon",
                    List.of(),
                    Attributes.EMPTY,
                    List.of(TensorType.secret(DType.F32, 2))))
        .isInstanceOf(TypeException.class);
    assertThatThrownBy(() -> OpRegistry.check("epsilon", List.of(), Attributes.EMPTY, null))
        .isInstanceOf(TypeException.class)
        .hasMessageContaining("declared");
  }

  @Test
  void argmaxGivesMaximaAndAOneHotPerTap() {
    // 1x5x5x2, window 2x2 stride 2, padding (0,1) on H and W: 3x3 windows of 4 taps.
    TensorType x = TensorType.secret(DType.F32, 1, 5, 5, 2);
    TensorType init = TensorType.pub(DType.F32);
    List<TensorType> r = OpRegistry.infer("argmax", List.of(x, init), POOL, null);
    assertThat(r)
        .containsExactly(
            TensorType.secret(DType.F32, 1, 3, 3, 2), TensorType.secret(DType.I1, 1, 3, 3, 2, 4));
    // A public operand: public maxima and index; a secret init makes the maxima secret only.
    List<TensorType> p =
        OpRegistry.infer(
            "argmax",
            List.of(x.withVisibility(Visibility.PUBLIC), TensorType.secret(DType.F32)),
            POOL,
            null);
    assertThat(p.get(0).isSecret()).isTrue();
    assertThat(p.get(1).isSecret()).isFalse();
  }

  @Test
  void argmaxRejectsBadOperands() {
    TensorType x = TensorType.secret(DType.F32, 1, 5, 5, 2);
    assertThatThrownBy(
            () -> OpRegistry.infer("argmax", List.of(x, TensorType.pub(DType.F32, 1)), POOL, null))
        .isInstanceOf(TypeException.class)
        .hasMessageContaining("scalar init");
    assertThatThrownBy(
            () ->
                OpRegistry.infer(
                    "argmax",
                    List.of(TensorType.secret(DType.I1, 1, 5, 5, 2), TensorType.pub(DType.I1)),
                    POOL,
                    null))
        .isInstanceOf(TypeException.class)
        .hasMessageContaining("'pphlo.argmax'");
    Attributes dilated =
        Attributes.builder()
            .put("window_dimensions", new int[] {1, 2, 2, 1})
            .put("window_dilations", new int[] {1, 2, 2, 1})
            .build();
    assertThatThrownBy(
            () -> OpRegistry.infer("argmax", List.of(x, TensorType.pub(DType.F32)), dilated, null))
        .isInstanceOf(TypeException.class)
        .hasMessageContaining("dilations");
  }

  @Test
  void maxpoolScatterChecksIndexSourceAndResult() {
    TensorType onehot = TensorType.secret(DType.I1, 1, 3, 3, 2, 4);
    TensorType source = TensorType.secret(DType.F32, 1, 3, 3, 2);
    TensorType init = TensorType.pub(DType.F32);
    TensorType out = TensorType.secret(DType.F32, 1, 5, 5, 2);
    assertThat(
            OpRegistry.check("maxpool_scatter", List.of(onehot, source, init), POOL, List.of(out)))
        .containsExactly(out);
    // Wrong source shape, wrong index shape, a non-i1 index, a wrong declared dtype.
    assertThatThrownBy(
            () ->
                OpRegistry.check(
                    "maxpool_scatter",
                    List.of(onehot, TensorType.secret(DType.F32, 1, 2, 2, 2), init),
                    POOL,
                    List.of(out)))
        .isInstanceOf(TypeException.class)
        .hasMessageContaining("window output shape");
    assertThatThrownBy(
            () ->
                OpRegistry.check(
                    "maxpool_scatter",
                    List.of(TensorType.secret(DType.I1, 1, 3, 3, 2, 3), source, init),
                    POOL,
                    List.of(out)))
        .isInstanceOf(TypeException.class);
    assertThatThrownBy(
            () ->
                OpRegistry.check(
                    "maxpool_scatter",
                    List.of(onehot.withDType(DType.F32), source, init),
                    POOL,
                    List.of(out)))
        .isInstanceOf(TypeException.class)
        .hasMessageContaining("i1 one-hot");
    assertThatThrownBy(
            () ->
                OpRegistry.check(
                    "maxpool_scatter",
                    List.of(onehot, source, init),
                    POOL,
                    List.of(out.withDType(DType.F64))))
        .isInstanceOf(TypeException.class)
        .hasMessageContaining("declared result types");
  }

  @Test
  void newOpsRoundTripThroughText() {
    FunctionBuilder b = new FunctionBuilder("main");
    Value x = b.addArgument(TensorType.secret(DType.F32, 1, 5, 5, 2));
    Value g = b.addArgument(TensorType.secret(DType.F32, 1, 3, 3, 2));
    Value init =
        b.op(
            "constant",
            Attributes.of(
                "value", DenseElements.ofFloats(Shape.SCALAR, DType.F32, new double[] {0})));
    List<Value> am = b.op("argmax", POOL, null, List.of(x, init));
    Value s = b.op("maxpool_scatter", POOL, x.type(), am.get(1), g, init);
    Value eps = b.op("epsilon", Attributes.EMPTY, TensorType.pub(DType.F32, 1, 3, 3, 2));
    Value pa = b.op("prefer_a", Attributes.EMPTY, am.get(1));
    Module m = Module.of(b.build(List.of(am.get(0), s, eps, pa)));
    Verifier.verify(m);
    String text = Printer.print(m);
    assertThat(text).contains("%1:2 = \"pphlo.argmax\"").contains("\"pphlo.maxpool_scatter\"(%1#1");
    assertThat(Printer.print(Parser.parse(text))).isEqualTo(text);
  }
}
