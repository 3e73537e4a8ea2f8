package dev.spu.pphlo.importer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spu.pphlo.Visibility;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Programs the importer refuses: every message names the line, the op and what is supported. */
class ImportErrorTest {
  static void stablehlo(String text) {
    Importer.stableHlo(text, ImportOptions.defaults());
  }

  static void hlo(String text) {
    Importer.hlo(text, ImportOptions.defaults());
  }

  /** {@code body} is placed at line 2 of a function of one argument %x : tensor<4xf32>. */
  static String fn(String body) {
    return "func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {\n" + body + "\n}\n";
  }

  @Test
  void unsupportedOpNamesItsLineAndTheSupportedOps() {
    assertThatThrownBy(
            () ->
                stablehlo(
                    fn(
                        "  %0 = stablehlo.cosine %x : tensor<4xf32>\n"
                            + "  return %0 : tensor<4xf32>")))
        .isInstanceOf(ImportException.class)
        .hasMessageStartingWith("line 2: stablehlo.cosine: unsupported op (supported: ")
        .hasMessageContaining("convolution")
        .hasMessageContaining("select_and_scatter");
    assertThatThrownBy(
            () ->
                stablehlo(
                    fn(
                        "  %0 = \"stablehlo.sort\"(%x) ({\n"
                            + "  ^bb0(%a: tensor<f32>, %b: tensor<f32>):\n"
                            + "    %c = stablehlo.compare GT, %a, %b : (tensor<f32>, tensor<f32>) -> tensor<i1>\n"
                            + "    stablehlo.return %c : tensor<i1>\n"
                            + "  }) {dimension = 0 : i64} : (tensor<4xf32>) -> tensor<4xf32>\n"
                            + "  return %0 : tensor<4xf32>")))
        .hasMessageStartingWith("line 2: stablehlo.sort: unsupported op");
    assertThatThrownBy(
            () ->
                hlo(
                    "HloModule m\n\nENTRY main {\n  p = f32[4] parameter(0)\n"
                        + "  ROOT s = f32[4] cosine(p)\n}\n"))
        .isInstanceOf(ImportException.class)
        .hasMessageStartingWith(
            "line 5: unsupported HLO op 'cosine' (supported: parameter, abs, add,")
        .hasMessageContaining("select-and-scatter");
  }

  @Test
  void unsupportedCustomCallAndAttributes() {
    assertThatThrownBy(
            () ->
                stablehlo(
                    fn(
                        "  %0 = stablehlo.custom_call @my_kernel(%x) : (tensor<4xf32>) -> tensor<4xf32>\n"
                            + "  return %0 : tensor<4xf32>")))
        .hasMessageStartingWith(
            "line 2: stablehlo.custom_call: unsupported custom_call target 'my_kernel'")
        .hasMessageContaining("check.expect_close");
    String grouped =
        """
        func.func @main(%x: tensor<1x4x4x2xf32>, %k: tensor<3x3x1x2xf32>) -> tensor<1x2x2x2xf32> {
          %0 = stablehlo.convolution(%x, %k) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {} {batch_group_count = 1 : i64, feature_group_count = 2 : i64} : (tensor<1x4x4x2xf32>, tensor<3x3x1x2xf32>) -> tensor<1x2x2x2xf32>
          return %0 : tensor<1x2x2x2xf32>
        }
        """;
    assertThatThrownBy(() -> stablehlo(grouped))
        .hasMessageStartingWith("line 2: stablehlo.convolution: feature_group_count 2")
        .hasMessageContaining("only 1 is supported");
    String argmax =
        """
        func.func @main(%x: tensor<4xf32>, %i: tensor<4xi32>) -> (tensor<f32>, tensor<i32>) {
          %c = stablehlo.constant dense<0.0> : tensor<f32>
          %d = stablehlo.constant dense<0> : tensor<i32>
          %0:2 = stablehlo.reduce(%x init: %c), (%i init: %d) across dimensions = [0] : (tensor<4xf32>, tensor<4xi32>, tensor<f32>, tensor<i32>) -> (tensor<f32>, tensor<i32>)
           reducer(%a: tensor<f32>, %b: tensor<f32>) (%p: tensor<i32>, %q: tensor<i32>)  {
            %m = stablehlo.maximum %a, %b : tensor<f32>
            %n = stablehlo.maximum %p, %q : tensor<i32>
            stablehlo.return %m, %n : tensor<f32>, tensor<i32>
          }
          return %0#0, %0#1 : tensor<f32>, tensor<i32>
        }
        """;
    assertThatThrownBy(() -> stablehlo(argmax))
        .hasMessageStartingWith(
            "line 4: stablehlo.reduce: a reduce of 2 inputs together (e.g. argmax) is not supported");
    String subtractBody =
        fn(
            "  %c = stablehlo.constant dense<0.0> : tensor<f32>\n"
                + "  %0 = stablehlo.reduce(%x init: %c) applies stablehlo.subtract across dimensions = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<f32>\n"
                + "  %1 = stablehlo.broadcast_in_dim %0, dims = [] : (tensor<f32>) -> tensor<4xf32>\n"
                + "  return %1 : tensor<4xf32>");
    assertThatThrownBy(() -> stablehlo(subtractBody))
        .hasMessageStartingWith(
            "line 3: stablehlo.reduce: only bodies computing add, multiply, maximum or minimum");
  }

  @Test
  void elidedConstantsAreErrorsNamingTheLine() {
    assertThatThrownBy(
            () ->
                stablehlo(
                    fn(
                        "  %c = stablehlo.constant dense_resource<__elided__> : tensor<4xf32>\n"
                            + "  %0 = stablehlo.add %x, %c : tensor<4xf32>\n"
                            + "  return %0 : tensor<4xf32>")))
        .hasMessageStartingWith("line 2: constant tensor<4xf32> is elided");
    assertThatThrownBy(
            () ->
                hlo(
                    "HloModule m\n\nENTRY main {\n  p = f32[4] parameter(0)\n"
                        + "  c = f32[4] constant({...})\n  ROOT s = f32[4] add(p, c)\n}\n"))
        .hasMessageStartingWith("line 5: constant c is elided as {...}");
  }

  @Test
  void infinitiesOutsideMaxMinIdentitiesAndNaNsAreErrorsAtTheConstant() {
    assertThatThrownBy(
            () ->
                stablehlo(
                    fn(
                        "  %c = stablehlo.constant dense<0xFF800000> : tensor<f32>\n"
                            + "  %b = stablehlo.broadcast_in_dim %c, dims = [] : (tensor<f32>) -> tensor<4xf32>\n"
                            + "  %0 = stablehlo.add %x, %b : tensor<4xf32>\n"
                            + "  return %0 : tensor<4xf32>")))
        .hasMessageStartingWith(
            "line 2: a constant holding ±inf is used by stablehlo.add at line 4")
        .hasMessageContaining("identity of a max/min reduction");
    // -inf as the init of a min reduction is not an identity either.
    assertThatThrownBy(
            () ->
                stablehlo(
                    fn(
                        "  %c = stablehlo.constant dense<0xFF800000> : tensor<f32>\n"
                            + "  %0 = stablehlo.reduce(%x init: %c) applies stablehlo.minimum across dimensions = [0] : (tensor<4xf32>, tensor<f32>) -> tensor<f32>\n"
                            + "  %1 = stablehlo.broadcast_in_dim %0, dims = [] : (tensor<f32>) -> tensor<4xf32>\n"
                            + "  return %1 : tensor<4xf32>")))
        .hasMessageStartingWith(
            "line 2: a constant holding ±inf is used by stablehlo.reduce at line 3");
    assertThatThrownBy(
            () ->
                stablehlo(
                    fn(
                        "  %c = stablehlo.constant dense<[1.0, 0x7FC00000, 2.0, 3.0]> : tensor<4xf32>\n"
                            + "  %0 = stablehlo.multiply %x, %c : tensor<4xf32>\n"
                            + "  return %0 : tensor<4xf32>")))
        .hasMessageStartingWith("line 2: a NaN constant (used by stablehlo.multiply at line 3)");
    assertThatThrownBy(
            () ->
                hlo(
                    "HloModule m\n\nENTRY main {\n  p = f32[4] parameter(0)\n"
                        + "  c = f32[] constant(inf)\n  b = f32[4] broadcast(c), dimensions={}\n"
                        + "  ROOT s = f32[4] multiply(p, b)\n}\n"))
        .hasMessageStartingWith("line 5: a constant holding ±inf is used by multiply at line 7");
  }

  @Test
  void loopsWhoseTripCountDependsOnInputsAreRejected() {
    String text =
        """
        func.func @main(%n: tensor<i32>, %x: tensor<f32>) -> tensor<f32> {
          %c = stablehlo.constant dense<0> : tensor<i32>
          %0:2 = stablehlo.while(%i = %c, %acc = %x) : tensor<i32>, tensor<f32>
           cond {
            %1 = stablehlo.compare  LT, %i, %n,  SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
            stablehlo.return %1 : tensor<i1>
          } do {
            %one = stablehlo.constant dense<1> : tensor<i32>
            %2 = stablehlo.add %i, %one : tensor<i32>
            %3 = stablehlo.add %acc, %acc : tensor<f32>
            stablehlo.return %2, %3 : tensor<i32>, tensor<f32>
          }
          return %0#1 : tensor<f32>
        }
        """;
    assertThatThrownBy(
            () ->
                Importer.stableHlo(
                    text,
                    ImportOptions.defaults()
                        .withVisibilities(List.of(Visibility.PUBLIC, Visibility.SECRET))))
        .hasMessageStartingWith(
            "line 3: stablehlo.while: the loop condition is not known at import time")
        .hasMessageContaining("unrolled");
    String forever =
        """
        func.func @main(%x: tensor<f32>) -> tensor<f32> {
          %t = stablehlo.constant dense<true> : tensor<i1>
          %0 = stablehlo.while(%a = %x) : tensor<f32>
           cond {
            stablehlo.return %t : tensor<i1>
          } do {
            stablehlo.return %a : tensor<f32>
          }
          return %0 : tensor<f32>
        }
        """;
    assertThatThrownBy(
            () -> Importer.stableHlo(forever, ImportOptions.defaults().withLimits(1000, 50)))
        .hasMessageStartingWith("line 3: stablehlo.while: the loop runs more than 50 iterations");
  }

  @Test
  void syntaxErrorsNameLineAndColumn() {
    assertThatThrownBy(
            () ->
                stablehlo(
                    fn("  %0 = stablehlo.add %x %x : tensor<4xf32>\n  return %0 : tensor<4xf32>")))
        .isInstanceOf(ImportException.class)
        .hasMessageStartingWith("line 2, column 25: expected ':' but found '%x'");
    assertThatThrownBy(() -> stablehlo("func.func @main(%x: tensor<?x4xf32>) -> tensor<4xf32> {"))
        .hasMessageStartingWith("line 1, column 28: dynamic shapes are not supported");
    assertThatThrownBy(() -> stablehlo("module {\n}\n")).hasMessageContaining("no function found");
    assertThatThrownBy(
            () ->
                stablehlo(
                    fn("  %0 = stablehlo.add %x, %y : tensor<4xf32>\n  return %0 : tensor<4xf32>")))
        .hasMessageStartingWith("line 2: use of undefined value %y");
    assertThatThrownBy(
            () ->
                stablehlo(
                    "func.func @main(%x: tensor<4xcomplex<f32>>) -> tensor<4xcomplex<f32>> {\n"
                        + "  return %x : tensor<4xcomplex<f32>>\n}\n"))
        .hasMessageContaining("unsupported element type 'complex<f32>'")
        .hasMessageContaining("supported: i1, i8");
    assertThatThrownBy(() -> hlo("HloModule m\n\nENTRY main {\n  p = f32[4 parameter(0)\n}\n"))
        .hasMessageStartingWith("line 4, column");
  }

  @Test
  void typeErrorsOfTheLoweredOpNameTheSourceOp() {
    assertThatThrownBy(
            () ->
                stablehlo(
                    "func.func @main(%x: tensor<4xf32>, %y: tensor<3xf32>) -> tensor<4xf32> {\n"
                        + "  %0 = stablehlo.add %x, %y : (tensor<4xf32>, tensor<3xf32>) -> tensor<4xf32>\n"
                        + "  return %0 : tensor<4xf32>\n}\n"))
        .hasMessageStartingWith("line 2: stablehlo.add: 'pphlo.add' with operands")
        .hasMessageContaining("same shape");
    assertThatThrownBy(
            () ->
                Importer.stableHlo(
                    fn("  return %x : tensor<4xf32>"),
                    ImportOptions.defaults()
                        .withVisibilities(List.of(Visibility.SECRET, Visibility.PUBLIC))))
        .hasMessageContaining("2 visibilities given for the 1 arguments of @main");
    assertThatThrownBy(() -> ImportOptions.parseVisibilities("s,x"))
        .hasMessageContaining("visibility 'x': expected s (secret) or p (public)");
  }

  @Test
  void selectAndScatterNeedsGeOrLeSelection() {
    String text =
        """
        func.func @main(%x: tensor<4xf32>, %s: tensor<2xf32>) -> tensor<4xf32> {
          %c = stablehlo.constant dense<0.0> : tensor<f32>
          %0 = "stablehlo.select_and_scatter"(%x, %s, %c) <{window_dimensions = array<i64: 2>, window_strides = array<i64: 2>}> ({
          ^bb0(%a: tensor<f32>, %b: tensor<f32>):
            %1 = stablehlo.compare  GT, %a, %b,  FLOAT : (tensor<f32>, tensor<f32>) -> tensor<i1>
            stablehlo.return %1 : tensor<i1>
          }, {
          ^bb0(%a: tensor<f32>, %b: tensor<f32>):
            %1 = stablehlo.add %a, %b : tensor<f32>
            stablehlo.return %1 : tensor<f32>
          }) : (tensor<4xf32>, tensor<2xf32>, tensor<f32>) -> tensor<4xf32>
          return %0 : tensor<4xf32>
        }
        """;
    assertThatThrownBy(() -> stablehlo(text))
        .hasMessageStartingWith(
            "line 3: stablehlo.select_and_scatter: only a select region comparing its arguments"
                + " with GE or LE");
  }
}
