package dev.spu.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.Module;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.Parser;
import dev.spu.pphlo.Printer;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.TypeException;
import dev.spu.pphlo.Value;
import dev.spu.trace.DoubleInterpreter.T;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The structure of traced gradients: what ops are emitted, captures, nesting, errors. */
class AutodiffTest {
  private static final TensorType VEC = TensorType.secret(DType.F32, 4);

  private static Value op(Tracer t, String name, Value... in) {
    return t.op(name, Attributes.EMPTY, in);
  }

  private static Value sum(Tracer t, Value x) {
    return TensorOps.sum(t, x, new int[0], false);
  }

  private static Value relu(Tracer t, Value x) {
    Value zero = TensorOps.full(t, x.type().shape(), x.type().dtype(), 0.0);
    return op(t, "select", op(t, "greater", x, zero), x, zero);
  }

  private static List<Operation> ops(Function f, String name) {
    return f.body().stream().filter(o -> o.name().equals(name)).toList();
  }

  private static double[] run1(Function f, double[]... args) {
    List<T> in =
        java.util.stream.IntStream.range(0, args.length)
            .mapToObj(i -> new T(f.arguments().get(i).type().shape(), args[i]))
            .toList();
    return DoubleInterpreter.run(f, in).get(0).v();
  }

  @Test
  void reluBackwardIsASelectOnTheSameForwardPredicate() {
    Tracer t = new Tracer();
    Value x = t.argument(VEC);
    Value g = Autodiff.grad(t, (tt, a) -> sum(tt, relu(tt, a.get(0))), List.of(x)).get(0);
    Function f = t.finish(List.of(g));

    // One comparison in the whole program; the backward select reuses its result.
    assertThat(ops(f, "greater")).hasSize(1);
    Value predicate = ops(f, "greater").get(0).result();
    List<Operation> selects = ops(f, "select");
    assertThat(selects).hasSize(2);
    assertThat(selects).allMatch(s -> s.operand(0) == predicate);
    // Forward select(p, x, 0); backward select(p, g, 0).
    assertThat(selects.get(0).operand(1)).isSameAs(x);
    assertThat(run1(f, new double[] {-1, 2, 0.5, -3})).containsExactly(0, 1, 1, 0);
  }

  @Test
  void aValueUsedTwiceSumsItsCotangents() {
    Tracer t = new Tracer();
    Value x = t.argument(VEC);
    Autodiff.Result r =
        Autodiff.valueAndGrad(
            t, (tt, a) -> sum(tt, op(tt, "multiply", a.get(0), a.get(0))), List.of(x));
    Function f = t.finish(List.of(r.value(), r.grad()));
    List<T> out =
        DoubleInterpreter.run(f, List.of(new T(Shape.of(4), new double[] {1, -2, 3, 0.5})));
    assertThat(out.get(0).scalar()).isCloseTo(14.25, within(1e-12));
    assertThat(out.get(1).v()).containsExactly(2, -4, 6, 1);
  }

  @Test
  void capturedValuesAreConstantsEvenWhenTheyAreTheDifferentiatedArgument() {
    Tracer t = new Tracer();
    Value x = t.argument(VEC);
    Value c = t.argument(VEC);
    // d/dw sum(w · x · c) at w = x is x · c, not 2x · c: the closure's x is a constant.
    Value g =
        Autodiff.grad(
                t,
                (tt, a) -> sum(tt, op(tt, "multiply", op(tt, "multiply", a.get(0), x), c)),
                List.of(x))
            .get(0);
    Function f = t.finish(List.of(g));
    assertThat(f.arguments()).hasSize(2); // the captures are inlined back, no new arguments
    assertThat(run1(f, new double[] {1, 2, 3, 4}, new double[] {2, 2, 1, -1}))
        .containsExactly(2, 4, 3, -4);
  }

  @Test
  void secondDerivativeByNestingGrad() {
    Tracer t = new Tracer();
    Value x = t.argument(VEC);
    Autodiff.TracedFn cube =
        (tt, a) -> sum(tt, op(tt, "multiply", op(tt, "multiply", a.get(0), a.get(0)), a.get(0)));
    // d/dx sum(d/dx sum(x³)) = d/dx sum(3x²) = 6x.
    Value g2 =
        Autodiff.grad(t, (tt, a) -> sum(tt, Autodiff.grad(tt, cube, a).get(0)), List.of(x)).get(0);
    Function f = t.finish(List.of(g2));
    double[] v = run1(f, new double[] {1, -2, 0.5, 3});
    assertThat(v).containsExactly(6, -12, 3, 18);
  }

  @Test
  void onlyOpsOnAPathFromTheChosenArgumentsGetBackwardOps() {
    Tracer t = new Tracer();
    Value x = t.argument(VEC);
    Value y = t.argument(VEC);
    List<Value> gx =
        Autodiff.grad(
            t, (tt, a) -> sum(tt, op(tt, "subtract", a.get(0), a.get(1))), List.of(x, y), 0);
    Function f = t.finish(gx);
    assertThat(ops(f, "negate")).isEmpty(); // y's cotangent (−g) is never built
    // An output independent of the argument: zeros.
    Tracer t2 = new Tracer();
    Value a2 = t2.argument(VEC);
    Value b2 = t2.argument(VEC);
    Value z = Autodiff.grad(t2, (tt, a) -> sum(tt, a.get(1)), List.of(a2, b2), 0).get(0);
    Function f2 = t2.finish(List.of(z));
    assertThat(run1(f2, new double[4], new double[] {1, 2, 3, 4})).containsExactly(0, 0, 0, 0);
  }

  @Test
  void vjpOfAVectorFunctionWithAGivenCotangent() {
    Tracer p = new Tracer();
    Value a = p.argument(VEC);
    Function square = p.finish(List.of(op(p, "multiply", a, a)));

    Tracer t = new Tracer();
    Value x = t.argument(VEC);
    Value ct = t.argument(VEC);
    Autodiff.Result r = Autodiff.vjp(t, square, List.of(x), List.of(ct));
    Function f = t.finish(List.of(r.grad()));
    assertThat(run1(f, new double[] {1, 2, 3, 4}, new double[] {1, 0, -1, 0.5}))
        .containsExactly(2, 0, -6, 4);
  }

  @Test
  void functionTransformsPrintAndParseBack() {
    Tracer p = new Tracer();
    Value w = p.argument(TensorType.secret(DType.F32, 3));
    Value xs = p.argument(TensorType.pub(DType.F32, 5, 3));
    Value err =
        op(
            p,
            "subtract",
            TensorOps.matmul(p, xs, w),
            TensorOps.full(p, Shape.of(5), DType.F32, 1.0));
    Function loss =
        p.finish(List.of(TensorOps.mean(p, op(p, "multiply", err, err), new int[0], false)));

    Function vg = Autodiff.valueAndGrad(loss, 0);
    assertThat(vg.resultTypes())
        .containsExactly(TensorType.secret(DType.F32), TensorType.secret(DType.F32, 3));
    String text = Printer.print(Module.of(vg));
    assertThat(Printer.print(Parser.parse(text))).isEqualTo(text);
    assertThat(Autodiff.grad(loss).resultTypes()).containsExactly(TensorType.secret(DType.F32, 3));
  }

  @Test
  void errorsNameTheProblemAndTheFix() {
    Tracer t = new Tracer();
    Value i = t.argument(TensorType.secret(DType.I32, 4));
    Value x = t.argument(VEC);
    assertThatThrownBy(() -> Autodiff.grad(t, (tt, a) -> sum(tt, a.get(0)), List.of(i)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tensor<4x!pphlo.sec<i32>>")
        .hasMessageContaining("cast it to f32");
    assertThatThrownBy(() -> Autodiff.grad(t, (tt, a) -> a.get(0), List.of(x)))
        .hasMessageContaining("scalar output")
        .hasMessageContaining("tensor<4x!pphlo.sec<f32>>");
    assertThatThrownBy(() -> Autodiff.grad(t, (tt, a) -> sum(tt, a.get(0)), List.of(x), 1))
        .hasMessageContaining("argnum 1 out of range");
    Attributes prod =
        Attributes.builder().put("dimensions", new int[] {0}).put("kind", "mul").build();
    assertThatThrownBy(
            () ->
                Autodiff.grad(
                    t,
                    (tt, a) ->
                        tt.op(
                            "reduce",
                            prod,
                            a.get(0),
                            TensorOps.full(tt, Shape.SCALAR, DType.F32, 1.0)),
                    List.of(x)))
        .isInstanceOf(TypeException.class)
        .hasMessageContaining("pphlo.reduce")
        .hasMessageContaining("kind 'mul'");
  }

  @Test
  void everyRegisteredRuleNamesARealOp() {
    for (String op : VjpRegistry.ops()) {
      assertThat(dev.spu.pphlo.OpRegistry.contains(op)).as(op).isTrue();
    }
  }

  @Test
  void childTracersCaptureOuterValuesAsArguments() {
    Tracer outer = new Tracer();
    Value a = outer.argument(VEC);
    Tracer child = outer.child("f");
    Value b = child.argument(VEC);
    Value s = op(child, "add", a, b);
    Value s2 = op(child, "add", a, s);
    assertThat(child.capturedValues()).containsExactly(a);
    Function f = child.finish(List.of(s2));
    assertThat(f.arguments()).hasSize(2);
    assertThat(child.capturedValue(f.arguments().get(1))).isSameAs(a);
    assertThat(f.body().get(0).operand(0)).isSameAs(f.arguments().get(1));
    assertThat(child.isNestedIn(outer)).isTrue();
    // A value of an unrelated trace is still rejected.
    Value foreign = new Tracer().argument(VEC);
    Tracer c2 = outer.child("g");
    assertThatThrownBy(() -> op(c2, "negate", foreign)).hasMessageContaining("another trace");
  }
}
