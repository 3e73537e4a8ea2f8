package dev.spu.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spu.pphlo.DType;
import dev.spu.pphlo.Module;
import dev.spu.pphlo.Parser;
import dev.spu.pphlo.Printer;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.TypeException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JitTest {
  static Device spu;

  @BeforeAll
  static void start() {
    spu = Spu.simulate(SimConfig.of("ref2k", 1).withSeed(3));
  }

  @AfterAll
  static void stop() {
    spu.close();
  }

  private static SecretTensor alice(long... v) {
    return spu.input("alice", v, DType.I32);
  }

  private static SecretTensor bob(long... v) {
    return spu.input("bob", v, DType.I32);
  }

  @Test
  void millionairesTextAndResult() {
    JitFunction<SecretTensor> richer = spu.jit((a, b) -> a.greater(b).select(a, b));
    SecretTensor a = alice(5, 9, 1, -3);
    SecretTensor b = bob(7, 2, 1, -4);

    String text = richer.text(a, b);
    assertThat(text)
        .contains("\"pphlo.greater\"")
        .contains("\"pphlo.select\"")
        .contains("tensor<4x!pphlo.sec<i32>>")
        .contains("tensor<4x!pphlo.sec<i1>>");
    assertThat(richer.call(a, b).revealDoubles()).containsExactly(7, 9, 1, -3);
    // The printed program parses back to the same text.
    assertThat(Printer.print(Parser.parse(text))).isEqualTo(text);
  }

  @Test
  void sameSignatureReusesTheModuleAndANewOneRetraces() {
    JitFunction<SecretTensor> f = spu.jit((a, b) -> a.mul(b).add(1L));
    SecretTensor a = alice(1, 2, 3);
    SecretTensor b = bob(4, 5, 6);
    Module m1 = f.module(a, b);
    assertThat(f.call(a, b).revealDoubles()).containsExactly(5, 11, 19);
    assertThat(f.call(bob(1, 1, 1), alice(2, 2, 2)).revealDoubles()).containsExactly(3, 3, 3);
    assertThat(f.module(a, b)).isSameAs(m1);
    assertThat(f.traceCount()).isEqualTo(1);

    // Another shape, another visibility, another dtype: each retraces.
    Module m2 = f.module(alice(1, 2), bob(3, 4));
    SecretTensor pub = spu.constant(new long[] {4, 5, 6}, DType.I32);
    Module m3 = f.module(a, pub);
    Module m4 = f.module(TensorType.secret(DType.F32, 3), TensorType.secret(DType.I32, 3));
    assertThat(List.of(m2, m3, m4)).doesNotContain(m1);
    assertThat(f.traceCount()).isEqualTo(4);
    assertThat(f.call(a, pub).revealDoubles()).containsExactly(5, 11, 19);
    assertThat(f.traceCount()).isEqualTo(4);
    assertThat(m3.main().argumentTypes().get(1).isSecret()).isFalse();
  }

  @Test
  void listArrayResultsConstantsAndNestedJit() {
    JitFunction<SecretTensor> square = spu.jit(x -> x.mul(x));
    JitFunction<List<SecretTensor>> f =
        spu.jit(
            (a, b) -> {
              SecretTensor w = spu.constant(new long[] {10, 20}, DType.I32);
              return List.of(square.call(a).add(w), b.sub(a));
            });
    List<SecretTensor> out = f.call(alice(1, 2), bob(3, 5));
    assertThat(out.get(0).revealDoubles()).containsExactly(11, 24);
    assertThat(out.get(1).revealDoubles()).containsExactly(2, 3);
    // The nested jit was inlined, the constant recorded: one module, no device tensor captured.
    assertThat(Printer.print(f.module(alice(1, 2), bob(3, 5))))
        .contains("pphlo.constant")
        .contains("pphlo.multiply");

    JitFunction<SecretTensor[]> g =
        spu.jit(3, xs -> new SecretTensor[] {xs[0].add(xs[1]).add(xs[2]), xs[2]});
    SecretTensor[] r = g.call(alice(1), bob(2), alice(3));
    assertThat(r).hasSize(2);
    assertThat(r[0].revealDoubles()).containsExactly(6);
    assertThat(r[1].revealDoubles()).containsExactly(3);
  }

  @Test
  void typeErrorsAtTraceTimeNameTheOpAndBothOperandTypes() {
    SecretTensor a = spu.input("alice", new double[] {1, 2, 3, 4, 5, 6}, DType.F32, 2, 3);
    SecretTensor b = spu.constant(new long[] {1, 2, 3, 4}, DType.I32);
    // Eager.
    assertThatThrownBy(() -> a.add(b))
        .isInstanceOf(TypeException.class)
        .hasMessageContaining("pphlo.add")
        .hasMessageContaining("tensor<2x3x!pphlo.sec<f32>>")
        .hasMessageContaining("tensor<4x!pphlo.pub<i32>>");
    // Jit: the same message while tracing, before anything runs.
    JitFunction<SecretTensor> f = spu.jit((x, y) -> x.matmul(y));
    assertThatThrownBy(() -> f.call(a, a))
        .isInstanceOf(TypeException.class)
        .hasMessageContaining("pphlo.dot")
        .hasMessageContaining("tensor<2x3x!pphlo.sec<f32>>, tensor<2x3x!pphlo.sec<f32>>");
    SecretTensor p = a.greater(0.0);
    assertThatThrownBy(() -> p.add(a))
        .isInstanceOf(TypeException.class)
        .hasMessageContaining("pphlo.add")
        .hasMessageContaining("tensor<2x3x!pphlo.sec<i1>>")
        .hasMessageContaining("tensor<2x3x!pphlo.sec<f32>>");
    assertThatThrownBy(() -> a.select(a, a))
        .isInstanceOf(TypeException.class)
        .hasMessageContaining("pphlo.select")
        .hasMessageContaining("i1");
    assertThatThrownBy(() -> a.reshape(4, 2))
        .isInstanceOf(TypeException.class)
        .hasMessageContaining("pphlo.reshape")
        .hasMessageContaining("tensor<2x3x!pphlo.sec<f32>>");
  }

  @Test
  void capturedAndEscapedTensorsAreRejected() {
    SecretTensor outside = alice(1, 2);
    JitFunction<SecretTensor> captures = spu.jit(x -> x.add(outside));
    assertThatThrownBy(() -> captures.call(bob(1, 1)))
        .hasMessageContaining("captured inside a jit-traced function")
        .hasMessageContaining("pass it as an argument");

    SecretTensor[] leak = new SecretTensor[1];
    JitFunction<SecretTensor> leaks =
        spu.jit(
            x -> {
              leak[0] = x.neg();
              return x;
            });
    leaks.call(bob(1, 2));
    assertThat(leak[0].isTraced()).isTrue();
    assertThatThrownBy(() -> leak[0].add(outside)).hasMessageContaining("escaped");
    assertThatThrownBy(() -> leak[0].reveal()).hasMessageContaining("traced");

    JitFunction<SecretTensor> inputs =
        spu.jit(x -> spu.input("alice", new long[] {1, 2}, DType.I32));
    assertThatThrownBy(() -> inputs.call(bob(1, 2))).hasMessageContaining("owners provide data");
  }

  @Test
  void runsAParsedModule() {
    String text =
        "func.func @main(%arg0: tensor<3x!pphlo.sec<i32>>, %arg1: tensor<3x!pphlo.pub<i32>>)"
            + " -> tensor<3x!pphlo.sec<i32>> {\n"
            + "  %0 = \"pphlo.multiply\"(%arg0, %arg1) : (tensor<3x!pphlo.sec<i32>>,"
            + " tensor<3x!pphlo.pub<i32>>) -> tensor<3x!pphlo.sec<i32>>\n"
            + "  \"pphlo.return\"(%0) : (tensor<3x!pphlo.sec<i32>>) -> ()\n"
            + "}\n";
    Module m = Parser.parse(text);
    SecretTensor x = alice(1, -2, 3);
    SecretTensor y = spu.constant(new long[] {4, 5, 6}, DType.I32);
    List<SecretTensor> out = spu.run(m, x, y);
    assertThat(out.get(0).revealDoubles()).containsExactly(4, -10, 18);
    // A public value may feed a secret argument, never the reverse.
    assertThat(spu.run(m, y, y).get(0).revealDoubles()).containsExactly(16, 25, 36);
    assertThatThrownBy(() -> spu.run(m, x, x))
        .hasMessageContaining("argument 1")
        .hasMessageContaining("tensor<3x!pphlo.pub<i32>>");
  }
}
