package dev.spu.pphlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParserTest {
  /** The paper's Figure 3: the millionaires' problem. */
  static final String MILLIONAIRES =
      """
      func.func @main(%arg0: tensor<4x!pphlo.sec<i32>>, %arg1: tensor<4x!pphlo.sec<i32>>) -> tensor<4x!pphlo.sec<i32>> {
        %0 = "pphlo.greater"(%arg0, %arg1) : (tensor<4x!pphlo.sec<i32>>, tensor<4x!pphlo.sec<i32>>) -> tensor<4x!pphlo.sec<i1>>
        %1 = "pphlo.select"(%0, %arg0, %arg1) : (tensor<4x!pphlo.sec<i1>>, tensor<4x!pphlo.sec<i32>>, tensor<4x!pphlo.sec<i32>>) -> tensor<4x!pphlo.sec<i32>>
        "pphlo.return"(%1) : (tensor<4x!pphlo.sec<i32>>) -> ()
      }
      """;

  @Test
  void goldenMillionairesParsesAndPrintsIdentically() {
    Module m = Parser.parse(MILLIONAIRES);
    Verifier.verify(m);
    assertThat(Printer.print(m)).isEqualTo(MILLIONAIRES);
    Function main = m.main();
    assertThat(main.body()).extracting(Operation::name).containsExactly("greater", "select");
    assertThat(main.returns()).containsExactly(main.body().get(1).result());
  }

  @Test
  void builderAndTextAgree() {
    FunctionBuilder fb = new FunctionBuilder("main");
    Value a = fb.addArgument(TensorType.secret(DType.I32, 4));
    Value b = fb.addArgument(TensorType.secret(DType.I32, 4));
    Value g = fb.op("greater", Attributes.EMPTY, a, b);
    Value s = fb.op("select", Attributes.EMPTY, g, a, b);
    assertThat(Printer.print(Module.of(fb.build(s)))).isEqualTo(MILLIONAIRES);
  }

  @Test
  void toleratesCommentsWhitespaceAndArbitraryNames() {
    String text =
        """
        // the millionaires, hand written
        module {
          func.func @main( %x : tensor< 4 x !pphlo.sec< i32 > >,%cst_0:tensor<4x!pphlo.sec<i32>> )
              -> (tensor<4x!pphlo.sec<i32>>) {
            %gt.1 = "pphlo.greater" ( %x , %cst_0 )   // compare
                : (tensor<4x!pphlo.sec<i32>>, tensor<4x!pphlo.sec<i32>>) -> tensor<4x!pphlo.sec<i1>>
            %r-2 = "pphlo.select"(%gt.1, %x, %cst_0) : (tensor<4x!pphlo.sec<i1>>,
                tensor<4x!pphlo.sec<i32>>, tensor<4x!pphlo.sec<i32>>) -> (tensor<4x!pphlo.sec<i32>>)
            "pphlo.return"(%r-2) : (tensor<4x!pphlo.sec<i32>>) -> ()
          }
        }
        """;
    assertThat(Printer.print(Parser.parse(text))).isEqualTo(MILLIONAIRES);
  }

  @Test
  void constantsScalarsAndAttributes() {
    String text =
        """
        func.func @main(%arg0: tensor<2x2x!pphlo.sec<f32>>) -> (tensor<2x2x!pphlo.sec<f32>>, tensor<!pphlo.sec<f32>>) {
          %0 = "pphlo.constant"() {value = dense<[[1.5, -2.0], [0.25, -0.0]]> : tensor<2x2xf32>} : () -> tensor<2x2x!pphlo.pub<f32>>
          %1 = "pphlo.transpose"(%0) {permutation = array<i64: 1, 0>} : (tensor<2x2x!pphlo.pub<f32>>) -> tensor<2x2x!pphlo.pub<f32>>
          %2 = "pphlo.add"(%arg0, %1) : (tensor<2x2x!pphlo.sec<f32>>, tensor<2x2x!pphlo.pub<f32>>) -> tensor<2x2x!pphlo.sec<f32>>
          %3 = "pphlo.constant"() {value = dense<0.5> : tensor<f32>} : () -> tensor<!pphlo.pub<f32>>
          %4 = "pphlo.reduce"(%2, %3) {dimensions = array<i64: 0, 1>, kind = "add"} : (tensor<2x2x!pphlo.sec<f32>>, tensor<!pphlo.pub<f32>>) -> tensor<!pphlo.sec<f32>>
          %5 = "pphlo.concatenate"(%2) {dimension = 1 : i64} : (tensor<2x2x!pphlo.sec<f32>>) -> tensor<2x2x!pphlo.sec<f32>>
          %6 = "pphlo.constant"() {value = dense<-3> : tensor<3xi32>} : () -> tensor<3x!pphlo.pub<i32>>
          %7 = "pphlo.constant"() {value = dense<[true, false]> : tensor<2xi1>} : () -> tensor<2x!pphlo.pub<i1>>
          %8 = "pphlo.constant"() {value = dense<> : tensor<0x3xi64>} : () -> tensor<0x3x!pphlo.pub<i64>>
          "pphlo.return"(%5, %4) : (tensor<2x2x!pphlo.sec<f32>>, tensor<!pphlo.sec<f32>>) -> ()
        }
        """;
    Module m = Parser.parse(text);
    assertThat(Printer.print(m)).isEqualTo(text);
    List<Operation> body = m.main().body();
    assertThat(body.get(0).attributes().getDense("value").doubles())
        .containsExactly(1.5, -2.0, 0.25, -0.0);
    assertThat(body.get(1).attributes().getLongs("permutation")).containsExactly(1, 0);
    assertThat(body.get(3).attributes().getDense("value").isSplat()).isFalse();
    assertThat(body.get(4).attributes().getString("kind")).isEqualTo("add");
    assertThat(body.get(5).attributes().getLong("dimension")).isEqualTo(1);
    assertThat(body.get(6).attributes().getDense("value").longs()).containsExactly(-3, -3, -3);
    assertThat(body.get(7).attributes().getDense("value").longs()).containsExactly(1, 0);
    assertThat(body.get(8).resultTypes()).containsExactly(TensorType.pub(DType.I64, 0, 3));
  }

  @Test
  void lenientAttributeSpellingsNormalize() {
    String text =
        """
        func.func @main() -> tensor<2x!pphlo.pub<f32>> {
          %c = "pphlo.constant"() {"value" = dense<[1, 0x3FF8000000000000]> : tensor<2xf32>, w = 2 : f64, n = 7, b = 0x10 : i64} : () -> tensor<2x!pphlo.pub<f32>>
          "pphlo.return"(%c) : (tensor<2x!pphlo.pub<f32>>) -> ()
        }
        """;
    Operation op = Parser.parse(text).main().body().get(0);
    assertThat(op.attributes().getDense("value").doubles()).containsExactly(1.0, 1.5);
    assertThat(op.attributes().getDouble("w")).isEqualTo(2.0);
    assertThat(op.attributes().getLong("n")).isEqualTo(7);
    assertThat(op.attributes().getLong("b")).isEqualTo(16);
    assertThat(Printer.printOp(Parser.parse(text).main(), 0))
        .isEqualTo(
            "%0 = \"pphlo.constant\"() {b = 16 : i64, n = 7 : i64, value = dense<[1.0, 1.5]> :"
                + " tensor<2xf32>, w = 2.0 : f64} : () -> tensor<2x!pphlo.pub<f32>>");
  }

  @Test
  void multiResultOpsUseGroupSyntax() {
    // No standard op has two results yet (argmax will); check the syntax with a stand-in op.
    Parser.OpChecker split =
        (name, operands, attrs, declared) -> {
          if (!name.equals("pphlo.split2")) {
            return OpRegistry.check(name, operands, attrs, declared);
          }
          TensorType t = operands.get(0);
          return List.of(t, t.withVisibility(Visibility.PUBLIC));
        };
    String text =
        """
        func.func @main(%arg0: tensor<3x!pphlo.sec<i32>>) -> (tensor<3x!pphlo.pub<i32>>, tensor<3x!pphlo.sec<i32>>) {
          %0:2 = "pphlo.split2"(%arg0) : (tensor<3x!pphlo.sec<i32>>) -> (tensor<3x!pphlo.sec<i32>>, tensor<3x!pphlo.pub<i32>>)
          %1 = "pphlo.add"(%0#0, %0#1) : (tensor<3x!pphlo.sec<i32>>, tensor<3x!pphlo.pub<i32>>) -> tensor<3x!pphlo.sec<i32>>
          "pphlo.return"(%0#1, %1) : (tensor<3x!pphlo.pub<i32>>, tensor<3x!pphlo.sec<i32>>) -> ()
        }
        """;
    Module m = Parser.parse(text, split);
    assertThat(Printer.print(m)).isEqualTo(text);
    Operation op = m.main().body().get(0);
    assertThat(op.results()).hasSize(2);
    assertThat(m.main().returns().get(0)).isSameAs(op.results().get(1));

    String listForm = text.replace("%0:2 =", "%a, %b =").replace("%0#0", "%a");
    listForm = listForm.replace("%0#1", "%b");
    assertThat(Printer.print(Parser.parse(listForm, split))).isEqualTo(text);

    assertThatThrownBy(() -> Parser.parse(text.replace("(%0#0, %0#1)", "(%0, %0#1)"), split))
        .isInstanceOf(ParseException.class)
        .hasMessage("line 3, column 20: '%0' names 2 results: expected '%0#<index>'");
    assertThatThrownBy(() -> Parser.parse(text.replace("%0#1, %1)", "%0#2, %1)"), split))
        .hasMessage("line 4, column 21: result index 2 out of range: '%0' has 2 result(s)");
  }

  @Test
  void severalFunctionsAreSeparatedByABlankLine() {
    String f2 = MILLIONAIRES.replace("@main", "@other");
    String text = MILLIONAIRES + "\n" + f2;
    Module m = Parser.parse(text);
    assertThat(m.functions()).extracting(Function::name).containsExactly("main", "other");
    assertThat(Printer.print(m)).isEqualTo(text);
    assertThatThrownBy(() -> Parser.parse(MILLIONAIRES + MILLIONAIRES))
        .hasMessage("line 6, column 1: redefinition of function @main");
  }

  @Test
  void functionWithoutResultsAndQuotedNames() {
    FunctionBuilder fb = new FunctionBuilder("my fn");
    fb.addArgument(TensorType.pub(DType.F64));
    Function f = fb.build();
    String text = Printer.print(f);
    assertThat(text)
        .isEqualTo(
            "func.func @\"my fn\"(%arg0: tensor<!pphlo.pub<f64>>) {\n"
                + "  \"pphlo.return\"() : () -> ()\n}\n");
    assertThat(Printer.print(Parser.parse(text))).isEqualTo(text);
  }

  @Test
  void parsesSingleTypes() {
    assertThat(Parser.parseType("tensor<2x3x!pphlo.sec<f32>>"))
        .isEqualTo(TensorType.secret(DType.F32, 2, 3));
    assertThat(Parser.parseType(" tensor<!pphlo.pub<i1>> ")).isEqualTo(TensorType.pub(DType.I1));
  }

  // ------------------------------------------------------------ errors

  private static void assertParseError(String text, String message) {
    assertThatThrownBy(() -> Parser.parse(text))
        .isInstanceOf(ParseException.class)
        .hasMessage(message);
  }

  @Test
  void syntaxErrorsGiveLineColumnAndExpectation() {
    assertParseError(
        MILLIONAIRES.replace("(%0, %arg0, %arg1)", "(%0, %arg0 %arg1)"),
        "line 3, column 33: expected ')' but found '%arg1'");
    assertParseError(
        MILLIONAIRES.replace(
            "(tensor<4x!pphlo.sec<i32>>) -> ()", "(tensor<4x!pphlo.sec<i32>>, -> ()"),
        "line 4, column 52: expected 'tensor' but found '->'");
    assertParseError(
        MILLIONAIRES.replace("%arg1: tensor<4x!", "%arg1: tensor<4!"),
        "line 1, column 66: expected 'x' but found '!'");
    assertParseError(
        MILLIONAIRES.replace("%arg1: tensor<4x!pphlo.sec<i32>>", "%arg1: tensor<4xi32>"),
        "line 1, column 67: expected '!pphlo.sec<...>' or '!pphlo.pub<...>' but found 'i32'");
    assertParseError(
        MILLIONAIRES.replace("sec<i1>>\n", "sec<i3>>\n"),
        "line 2, column 118: unknown element type 'i3': expected one of i1, i8, i16, i32, i64,"
            + " f16, f32, f64");
    assertParseError(
        MILLIONAIRES.substring(0, MILLIONAIRES.indexOf("  \"pphlo.return\"")) + "}\n",
        "line 4, column 1: expected '\"pphlo.return\"' (every function ends with a return) but"
            + " found '}'");
    assertParseError("", "line 1, column 1: expected 'func.func' but found end of input");
    assertParseError(
        MILLIONAIRES + "garbage", "line 6, column 1: expected 'func.func' but found 'garbage'");
  }

  @Test
  void semanticErrorsNameTheValueOrOp() {
    assertParseError(
        MILLIONAIRES.replace("(%0, %arg0, %arg1)", "(%0, %arg0, %arg2)"),
        "line 3, column 34: use of undefined SSA value '%arg2'");
    assertParseError(
        MILLIONAIRES.replace("%1 = ", "%0 = "), "line 3, column 3: redefinition of SSA value '%0'");
    assertParseError(
        MILLIONAIRES.replace("pphlo.greater", "pphlo.bigger"),
        "line 2, column 8: unknown op 'pphlo.bigger'");
    // Declared result type differs from the inferred one.
    assertThatThrownBy(
            () ->
                Parser.parse(
                    MILLIONAIRES.replace(
                        "-> tensor<4x!pphlo.sec<i1>>", "-> tensor<4x!pphlo.pub<i1>>")))
        .isInstanceOf(ParseException.class)
        .hasMessage(
            "line 2, column 8: 'pphlo.greater' with operands [tensor<4x!pphlo.sec<i32>>,"
                + " tensor<4x!pphlo.sec<i32>>]: declared result types [tensor<4x!pphlo.pub<i1>>]"
                + " but the type rule infers [tensor<4x!pphlo.sec<i1>>]");
    // Operand type in the op's signature differs from the value's type.
    assertParseError(
        MILLIONAIRES.replace(
            "(tensor<4x!pphlo.sec<i32>>, tensor<4x!pphlo.sec<i32>>) -> tensor<4x!pphlo.sec<i1>>",
            "(tensor<4x!pphlo.sec<i32>>, tensor<4x!pphlo.pub<i32>>) -> tensor<4x!pphlo.sec<i1>>"),
        "line 2, column 31: operand #1 of 'pphlo.greater' has type tensor<4x!pphlo.sec<i32>> but"
            + " the op's type says tensor<4x!pphlo.pub<i32>>");
    // Type rule errors come with the op's position.
    assertParseError(
        MILLIONAIRES
            .replace("(%0, %arg0, %arg1)", "(%arg0, %arg0, %arg1)")
            .replace(
                "(tensor<4x!pphlo.sec<i1>>, tensor<4x!pphlo.sec<i32>>, tensor<4x!pphlo.sec<i32>>)",
                "(tensor<4x!pphlo.sec<i32>>, tensor<4x!pphlo.sec<i32>>, tensor<4x!pphlo.sec<i32>>)"),
        "line 3, column 8: 'pphlo.select' with operands [tensor<4x!pphlo.sec<i32>>,"
            + " tensor<4x!pphlo.sec<i32>>, tensor<4x!pphlo.sec<i32>>]: expected an i1 predicate as"
            + " first operand");
    assertParseError(
        MILLIONAIRES.replace(
            ") -> tensor<4x!pphlo.sec<i32>> {", ") -> tensor<4x!pphlo.pub<i32>> {"),
        "line 4, column 3: 'pphlo.return' returns [tensor<4x!pphlo.sec<i32>>] but @main is"
            + " declared to return [tensor<4x!pphlo.pub<i32>>]");
  }

  @Test
  void attributeErrors() {
    String base =
        """
        func.func @main() -> tensor<2x!pphlo.pub<i32>> {
          %0 = "pphlo.constant"() {value = dense<[1, 2]> : tensor<2xi32>} : () -> tensor<2x!pphlo.pub<i32>>
          "pphlo.return"(%0) : (tensor<2x!pphlo.pub<i32>>) -> ()
        }
        """;
    Parser.parse(base);
    assertParseError(
        base.replace("dense<[1, 2]>", "dense<[1, 2, 3]>"),
        "line 2, column 42: dense literal does not match shape 2: expected a list of 2 element(s)"
            + " at depth 0");
    assertParseError(
        base.replace("dense<[1, 2]>", "dense<[1, 2.5]>"),
        "line 2, column 46: expected a 64-bit integer but found '2.5'");
    assertParseError(
        base.replace("{value = ", "{value = ,"),
        "line 2, column 36: expected an attribute value but found ','");
    assertParseError(
        base.replace(
            "{value = dense<[1, 2]> : tensor<2xi32>}",
            "{value = dense<[1, 2]> : tensor<2xi32>, value = 1 : i64}"),
        "line 2, column 67: attribute 'value' given twice");
    assertParseError(
        base.replace("dense<[1, 2]>", "dense<[1, 300]>").replace("xi32>}", "xi8>}"),
        "line 2, column 8: 'pphlo.constant' with operands []: element 1 of the i8 constant is"
            + " 300, outside [-128, 255]");
    assertParseError(
        base.replace(
            "{value = dense<[1, 2]> : tensor<2xi32>}", "{valeu = dense<[1, 2]> : tensor<2xi32>}"),
        "line 2, column 8: 'pphlo.constant' with operands []: missing attribute 'value'");
  }
}
