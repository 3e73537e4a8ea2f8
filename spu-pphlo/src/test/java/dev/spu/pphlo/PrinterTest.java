package dev.spu.pphlo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrinterTest {
  @Test
  void attributeKinds() {
    assertThat(Printer.attribute(3L)).isEqualTo("3 : i64");
    assertThat(Printer.attribute(-1.5)).isEqualTo("-1.5 : f64");
    assertThat(Printer.attribute(1e-7)).isEqualTo("1.0E-7 : f64");
    assertThat(Printer.attribute(Double.NaN)).isEqualTo("0x7FF8000000000000 : f64");
    assertThat(Printer.attribute("add")).isEqualTo("\"add\"");
    assertThat(Printer.attribute("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\0Ad\"");
    assertThat(Printer.attribute(true)).isEqualTo("true");
    assertThat(Printer.attribute(new long[] {1, 0})).isEqualTo("array<i64: 1, 0>");
    assertThat(Printer.attribute(new long[0])).isEqualTo("array<i64>");
    assertThat(Printer.attribute(DType.I32)).isEqualTo("i32");
  }

  @Test
  void denseAttributes() {
    assertThat(
            Printer.attribute(
                DenseElements.ofInts(Shape.of(2, 2), DType.I32, new long[] {1, 2, 3, 4})))
        .isEqualTo("dense<[[1, 2], [3, 4]]> : tensor<2x2xi32>");
    assertThat(
            Printer.attribute(DenseElements.ofFloats(Shape.of(3), DType.F32, new double[] {0.5})))
        .isEqualTo("dense<0.5> : tensor<3xf32>");
    assertThat(
            Printer.attribute(DenseElements.ofFloats(Shape.SCALAR, DType.F64, new double[] {-2})))
        .isEqualTo("dense<-2.0> : tensor<f64>");
    assertThat(Printer.attribute(DenseElements.ofInts(Shape.of(1), DType.I1, new long[] {1})))
        .isEqualTo("dense<[true]> : tensor<1xi1>");
    assertThat(Printer.attribute(DenseElements.ofInts(Shape.of(2, 0), DType.I8, new long[0])))
        .isEqualTo("dense<> : tensor<2x0xi8>");
  }

  @Test
  void constantOpAndSortedAttributes() {
    FunctionBuilder fb = new FunctionBuilder("main");
    Value c =
        fb.op(
            "constant",
            Attributes.of(
                "value", DenseElements.ofInts(Shape.of(2), DType.I32, new long[] {1, -2})));
    Value t =
        fb.op(
            "slice",
            Attributes.builder()
                .put("strides", new int[] {1})
                .put("start_indices", new int[] {1})
                .put("limit_indices", new int[] {2})
                .build(),
            c);
    Function f = fb.build(t);
    assertThat(Printer.printOp(f, 0))
        .isEqualTo(
            "%0 = \"pphlo.constant\"() {value = dense<[1, -2]> : tensor<2xi32>} : () ->"
                + " tensor<2x!pphlo.pub<i32>>");
    assertThat(Printer.printOp(f, 1))
        .isEqualTo(
            "%1 = \"pphlo.slice\"(%0) {limit_indices = array<i64: 2>, start_indices = array<i64:"
                + " 1>, strides = array<i64: 1>} : (tensor<2x!pphlo.pub<i32>>) ->"
                + " tensor<1x!pphlo.pub<i32>>");
  }

  @Test
  void multiResultOpsAndUnknownValues() {
    Value a = new Value(TensorType.secret(DType.F32, 2));
    Value r0 = new Value(TensorType.secret(DType.F32));
    Value r1 = new Value(TensorType.secret(DType.I1, 2));
    Value s = new Value(TensorType.secret(DType.F32));
    Value stray = new Value(TensorType.pub(DType.F32));
    Function f =
        new Function(
            "main",
            List.of(a),
            List.of(
                new Operation("argmax", List.of(a), Attributes.EMPTY, List.of(r0, r1)),
                new Operation("add", List.of(r0, stray), Attributes.EMPTY, List.of(s))),
            List.of(s, r1));
    assertThat(Printer.print(f))
        .isEqualTo(
            """
            func.func @main(%arg0: tensor<2x!pphlo.sec<f32>>) -> (tensor<!pphlo.sec<f32>>, tensor<2x!pphlo.sec<i1>>) {
              %0:2 = "pphlo.argmax"(%arg0) : (tensor<2x!pphlo.sec<f32>>) -> (tensor<!pphlo.sec<f32>>, tensor<2x!pphlo.sec<i1>>)
              %1 = "pphlo.add"(%0#0, %<<UNKNOWN SSA VALUE>>) : (tensor<!pphlo.sec<f32>>, tensor<!pphlo.pub<f32>>) -> tensor<!pphlo.sec<f32>>
              "pphlo.return"(%1, %0#1) : (tensor<!pphlo.sec<f32>>, tensor<2x!pphlo.sec<i1>>) -> ()
            }
            """);
  }
}
