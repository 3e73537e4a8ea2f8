package dev.spu.pphlo;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerifierTest {
  private static final TensorType S4 = TensorType.secret(DType.I32, 4);
  private static final TensorType P3 = TensorType.pub(DType.I32, 3);

  @Test
  void acceptsWellFormedPrograms() {
    assertThatCode(() -> Verifier.verify(Parser.parse(ParserTest.MILLIONAIRES)))
        .doesNotThrowAnyException();
  }

  @Test
  void reportsOpPositionOperandTypesAndExpectation() {
    Value a = new Value(S4);
    Value b = new Value(P3);
    Value r = new Value(S4);
    Value n = new Value(S4);
    Function f =
        new Function(
            "main",
            List.of(a, b),
            List.of(
                new Operation("negate", List.of(a), Attributes.EMPTY, List.of(n)),
                new Operation("add", List.of(n, b), Attributes.EMPTY, List.of(r))),
            List.of(r));
    assertThatThrownBy(() -> Verifier.verify(Module.of(f)))
        .isInstanceOf(TypeException.class)
        .hasMessage(
            "@main op #1: 'pphlo.add' with operands [tensor<4x!pphlo.sec<i32>>,"
                + " tensor<3x!pphlo.pub<i32>>]: expected operands of the same shape (broadcast"
                + " explicitly with broadcast_in_dim)");
  }

  @Test
  void declaredResultMustMatchTheRule() {
    Value a = new Value(S4);
    Value r = new Value(S4.withVisibility(Visibility.PUBLIC));
    Function f =
        new Function(
            "main",
            List.of(a),
            List.of(new Operation("abs", List.of(a), Attributes.EMPTY, List.of(r))),
            List.of(r));
    assertThatThrownBy(() -> Verifier.verify(f))
        .hasMessage(
            "@main op #0: 'pphlo.abs' with operands [tensor<4x!pphlo.sec<i32>>]: declared result"
                + " types [tensor<4x!pphlo.pub<i32>>] but the type rule infers"
                + " [tensor<4x!pphlo.sec<i32>>]");
  }

  @Test
  void useBeforeDefinitionAndForeignValues() {
    Value a = new Value(S4);
    Value x = new Value(S4);
    Value y = new Value(S4);
    Function f =
        new Function(
            "g",
            List.of(a),
            List.of(
                new Operation("add", List.of(a, y), Attributes.EMPTY, List.of(x)),
                new Operation("negate", List.of(a), Attributes.EMPTY, List.of(y))),
            List.of(x));
    assertThatThrownBy(() -> Verifier.verify(f))
        .hasMessage(
            "@g op #0: 'pphlo.add' with operands [tensor<4x!pphlo.sec<i32>>,"
                + " tensor<4x!pphlo.sec<i32>>]: operand #1 is not defined before its use in @g");
  }

  @Test
  void valuesAreDefinedOnce() {
    Value a = new Value(S4);
    Function f =
        new Function(
            "main",
            List.of(a),
            List.of(new Operation("negate", List.of(a), Attributes.EMPTY, List.of(a))),
            List.of(a));
    assertThatThrownBy(() -> Verifier.verify(f))
        .hasMessage(
            "@main op #0: 'pphlo.negate' with operands [tensor<4x!pphlo.sec<i32>>]: result #0 is"
                + " already defined (an SSA value is defined once)");
  }

  @Test
  void operandCountsUnknownOpsReturnsAndFunctionNames() {
    Value a = new Value(S4);
    Value r = new Value(S4);
    Function wrongCount =
        new Function(
            "main",
            List.of(a),
            List.of(new Operation("add", List.of(a), Attributes.EMPTY, List.of(r))),
            List.of(r));
    assertThatThrownBy(() -> Verifier.verify(wrongCount))
        .hasMessage(
            "@main op #0: 'pphlo.add' expects 2 operands, got 1 [tensor<4x!pphlo.sec<i32>>]");

    Function unknown =
        new Function(
            "main",
            List.of(a),
            List.of(new Operation("frobnicate", List.of(a), Attributes.EMPTY, List.of(r))),
            List.of(r));
    assertThatThrownBy(() -> Verifier.verify(unknown))
        .hasMessage("@main op #0: unknown op 'pphlo.frobnicate'");

    Function badReturn = new Function("main", List.of(a), List.of(), List.of(r));
    assertThatThrownBy(() -> Verifier.verify(badReturn))
        .hasMessage(
            "@main 'pphlo.return' with operands [tensor<4x!pphlo.sec<i32>>]: value #0 is not"
                + " defined in the function");

    Function ok = new Function("main", List.of(a), List.of(), List.of(a));
    assertThatThrownBy(() -> Verifier.verify(new Module(List.of(ok, ok))))
        .hasMessage("function @main is defined twice in the module");
  }

  @Test
  void missingAttributeNamesTheOp() {
    Value a = new Value(TensorType.secret(DType.F32, 2, 3));
    Value r = new Value(TensorType.secret(DType.F32, 3, 2));
    Function f =
        new Function(
            "main",
            List.of(a),
            List.of(new Operation("transpose", List.of(a), Attributes.EMPTY, List.of(r))),
            List.of(r));
    assertThatThrownBy(() -> Verifier.verify(f))
        .hasMessage(
            "@main op #0: 'pphlo.transpose' with operands [tensor<2x3x!pphlo.sec<f32>>]: missing"
                + " attribute 'permutation'");
  }
}
