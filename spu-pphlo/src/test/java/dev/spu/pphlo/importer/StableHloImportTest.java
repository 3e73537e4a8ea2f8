package dev.spu.pphlo.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spu.pphlo.DType;
import dev.spu.pphlo.Module;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.Parser;
import dev.spu.pphlo.Printer;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Visibility;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * StableHLO text → PPHLO: structure of the imported programs, and their values (evaluated in double
 * by {@link PlainEval}) against independently computed references.
 */
class StableHloImportTest {
  static String resource(String name) {
    try (InputStream in = StableHloImportTest.class.getResourceAsStream("/importer/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
  }

  static ImportResult imp(String text) {
    return Importer.stableHlo(text, ImportOptions.defaults());
  }

  static Map<String, Integer> counts(Module m) {
    Map<String, Integer> c = new TreeMap<>();
    for (Operation op : m.main().body()) {
      c.merge(op.name(), 1, Integer::sum);
    }
    return c;
  }

  static double[] random(Random rng, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextGaussian();
    }
    return v;
  }

  @Test
  void mlpForwardInlinesCallsAndFoldsTheSoftmaxInfinities() {
    ImportResult r = imp(resource("mlp_forward.mlir"));
    Module m = r.module();
    assertThat(m.functions()).hasSize(1);
    assertThat(m.main().argumentTypes())
        .containsExactly(
            TensorType.secret(DType.F32, 4, 3),
            TensorType.secret(DType.F32, 3, 5),
            TensorType.secret(DType.F32, 5),
            TensorType.secret(DType.F32, 5, 2),
            TensorType.secret(DType.F32, 2));
    assertThat(m.main().resultTypes()).containsExactly(TensorType.secret(DType.F32, 4, 2));
    Map<String, Integer> c = counts(m);
    // maximum(-inf, x) vanished, is_finite/select folded: one maximum left (relu).
    assertThat(c)
        .containsEntry("maximum", 1)
        .containsEntry("reduce", 2)
        .containsEntry("dot_general", 2);
    assertThat(c).doesNotContainKeys("select", "call");
    // The printed module parses back (the importer's output is ordinary PPHLO).
    assertThat(Printer.print(Parser.parse(Printer.print(m)))).isEqualTo(Printer.print(m));

    Random rng = new Random(1);
    double[] x = random(rng, 12);
    double[] w1 = random(rng, 15);
    double[] b1 = random(rng, 5);
    double[] w2 = random(rng, 10);
    double[] b2 = random(rng, 2);
    double[] got = PlainEval.run(m, List.of(x, w1, b1, w2, b2)).get(0);
    for (int i = 0; i < 4; i++) {
      double[] z = new double[2];
      for (int o = 0; o < 2; o++) {
        z[o] = b2[o];
      }
      for (int h = 0; h < 5; h++) {
        double a = b1[h];
        for (int k = 0; k < 3; k++) {
          a += x[i * 3 + k] * w1[k * 5 + h];
        }
        a = Math.max(a, 0);
        for (int o = 0; o < 2; o++) {
          z[o] += a * w2[h * 2 + o];
        }
      }
      double mx = Math.max(z[0], z[1]);
      double s = Math.exp(z[0] - mx) + Math.exp(z[1] - mx);
      for (int o = 0; o < 2; o++) {
        assertThat(got[i * 2 + o]).isCloseTo(Math.exp(z[o] - mx) / s, within(1e-12));
      }
    }
  }

  @Test
  void visibilitiesFromTheCaller() {
    ImportResult r =
        Importer.stableHlo(
            resource("mlp_forward.mlir"),
            ImportOptions.defaults()
                .withVisibilities(ImportOptions.parseVisibilities("s,p,p,p,p")));
    List<TensorType> args = r.module().main().argumentTypes();
    assertThat(args.get(0).visibility()).isEqualTo(Visibility.SECRET);
    assertThat(args.subList(1, 5)).allMatch(t -> t.visibility() == Visibility.PUBLIC);
    assertThat(r.module().main().resultTypes().get(0).isSecret()).isTrue();
    // All public: the whole program is public.
    ImportResult p =
        Importer.stableHlo(
            resource("mlp_forward.mlir"),
            ImportOptions.defaults()
                .withVisibilities(ImportOptions.parseVisibilities("p,p,p,p,p")));
    assertThat(p.module().main().resultTypes().get(0).isSecret()).isFalse();
  }

  @Test
  void forLoopUnrollsWithFoldedCountersAndDynamicSlices() {
    // x: 3 rows; the loop adds row i of x times (i + 1) to the accumulator, i = 0..2, via a
    // JAX-style fori_loop (bounds carried, index normalized with select(i < 0, i + n, i)).
    String text =
        """
        module @jit_f {
          func.func public @main(%arg0: tensor<3x2xf32>) -> (tensor<2xf32> {jax.result_info = ""}) {
            %cst = stablehlo.constant dense<0.000000e+00> : tensor<2xf32>
            %c = stablehlo.constant dense<0> : tensor<i32>
            %c_0 = stablehlo.constant dense<3> : tensor<i32>
            %0:3 = stablehlo.while(%iterArg = %c, %iterArg_1 = %c_0, %iterArg_2 = %cst) : tensor<i32>, tensor<i32>, tensor<2xf32>
             cond {
              %1 = stablehlo.compare  LT, %iterArg, %iterArg_1,  SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
              stablehlo.return %1 : tensor<i1>
            } do {
              %c_3 = stablehlo.constant dense<0> : tensor<i32>
              %1 = stablehlo.compare  LT, %iterArg, %c_3,  SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
              %c_4 = stablehlo.constant dense<3> : tensor<i32>
              %2 = stablehlo.add %iterArg, %c_4 : tensor<i32>
              %3 = stablehlo.select %1, %2, %iterArg : tensor<i1>, tensor<i32>
              %c_5 = stablehlo.constant dense<0> : tensor<i32>
              %4 = stablehlo.dynamic_slice %arg0, %3, %c_5, sizes = [1, 2] : (tensor<3x2xf32>, tensor<i32>, tensor<i32>) -> tensor<1x2xf32>
              %5 = stablehlo.reshape %4 : (tensor<1x2xf32>) -> tensor<2xf32>
              %c_6 = stablehlo.constant dense<1> : tensor<i32>
              %6 = stablehlo.add %iterArg, %c_6 : tensor<i32>
              %7 = stablehlo.convert %6 : (tensor<i32>) -> tensor<f32>
              %8 = stablehlo.broadcast_in_dim %7, dims = [] : (tensor<f32>) -> tensor<2xf32>
              %9 = stablehlo.multiply %5, %8 : tensor<2xf32>
              %10 = stablehlo.add %iterArg_2, %9 : tensor<2xf32>
              stablehlo.return %6, %iterArg_1, %10 : tensor<i32>, tensor<i32>, tensor<2xf32>
            }
            return %0#2 : tensor<2xf32>
          }
        }
        """;
    Module m = imp(text).module();
    Map<String, Integer> c = counts(m);
    assertThat(c).containsEntry("slice", 3).containsEntry("multiply", 3).containsEntry("add", 3);
    assertThat(c).doesNotContainKeys("compare", "less", "select", "convert");
    double[] x = {1, 2, 3, 4, 5, 6};
    double[] got = PlainEval.run(m, List.of(x)).get(0);
    assertThat(got).containsExactly(1 + 2 * 3 + 3 * 5, 2 + 2 * 4 + 3 * 6);
  }

  @Test
  void caseWithKnownIndexPicksABranchAndWithAnArgumentSelects() {
    // lax.cond lowers to case(convert(pred)) with branches [false, true].
    String text =
        """
        func.func @main(%arg0: tensor<i1>, %arg1: tensor<3xf32>) -> tensor<3xf32> {
          %0 = stablehlo.convert %arg0 : (tensor<i1>) -> tensor<i32>
          %1 = "stablehlo.case"(%0) ({
            %2 = stablehlo.negate %arg1 : tensor<3xf32>
            stablehlo.return %2 : tensor<3xf32>
          }, {
            %2 = stablehlo.multiply %arg1, %arg1 : tensor<3xf32>
            stablehlo.return %2 : tensor<3xf32>
          }) : (tensor<i32>) -> tensor<3xf32>
          %c = stablehlo.constant dense<7> : tensor<i32>
          %3 = "stablehlo.case"(%c) ({
            stablehlo.return %1 : tensor<3xf32>
          }, {
            %4 = stablehlo.abs %1 : tensor<3xf32>
            stablehlo.return %4 : tensor<3xf32>
          }) : (tensor<i32>) -> tensor<3xf32>
          return %3 : tensor<3xf32>
        }
        """;
    ImportResult r =
        Importer.stableHlo(
            text, ImportOptions.defaults().withVisibilities(List.of(Visibility.PUBLIC)));
    Map<String, Integer> c = counts(r.module());
    // The unknown index runs both branches and selects; index 7 is out of range: the last branch.
    assertThat(c).containsEntry("select", 1).containsEntry("abs", 1).containsEntry("equal", 1);
    double[] x = {-2, 0.5, 3};
    assertThat(PlainEval.run(r.module(), List.of(new double[] {1}, x)).get(0))
        .containsExactly(4, 0.25, 9);
    assertThat(PlainEval.run(r.module(), List.of(new double[] {0}, x)).get(0))
        .containsExactly(2, 0.5, 3);
  }

  @Test
  void ifWithKnownPredicateInlinesOneBranch() {
    String text =
        """
        func.func @main(%arg0: tensor<2xf32>) -> tensor<2xf32> {
          %t = stablehlo.constant dense<true> : tensor<i1>
          %0 = "stablehlo.if"(%t) ({
            %1 = stablehlo.exponential %arg0 : tensor<2xf32>
            "stablehlo.return"(%1) : (tensor<2xf32>) -> ()
          }, {
            "stablehlo.return"(%arg0) : (tensor<2xf32>) -> ()
          }) : (tensor<i1>) -> tensor<2xf32>
          return %0 : tensor<2xf32>
        }
        """;
    Module m = imp(text).module();
    assertThat(counts(m)).containsExactly(Map.entry("exponential", 1));
  }

  @Test
  void genericFormModuleWithPropertiesAndFuncCall() {
    String text =
        """
        "builtin.module"() <{sym_name = "jit_lr"}> ({
          "func.func"() <{function_type = (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4xf32>, sym_name = "main", sym_visibility = "public", arg_attrs = [{jax.arg_info = "x"}, {jax.arg_info = "w"}]}> ({
          ^bb0(%arg0: tensor<4x3xf32>, %arg1: tensor<3xf32>):
            %0 = "stablehlo.dot_general"(%arg0, %arg1) <{dot_dimension_numbers = #stablehlo.dot<lhs_contracting_dimensions = [1], rhs_contracting_dimensions = [0]>, precision_config = [#stablehlo<precision DEFAULT>, #stablehlo<precision DEFAULT>]}> : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4xf32>
            %1 = "func.call"(%0) <{callee = @sigmoid}> : (tensor<4xf32>) -> tensor<4xf32>
            "func.return"(%1) : (tensor<4xf32>) -> ()
          }) : () -> ()
          "func.func"() <{function_type = (tensor<4xf32>) -> tensor<4xf32>, sym_name = "sigmoid", sym_visibility = "private"}> ({
          ^bb0(%arg0: tensor<4xf32>):
            %0 = "stablehlo.logistic"(%arg0) : (tensor<4xf32>) -> tensor<4xf32>
            "func.return"(%0) : (tensor<4xf32>) -> ()
          }) : () -> ()
        }) {mhlo.num_partitions = 1 : i32} : () -> ()
        """;
    ImportResult r = imp(text);
    assertThat(r.argumentNames()).containsExactly("x", "w");
    assertThat(counts(r.module()))
        .containsExactly(Map.entry("dot_general", 1), Map.entry("logistic", 1));
    double[] got =
        PlainEval.run(
                r.module(),
                List.of(
                    new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1}, new double[] {1, -2, 0.5}))
            .get(0);
    assertThat(got[0]).isCloseTo(1 / (1 + Math.exp(-1)), within(1e-12));
    assertThat(got[3]).isCloseTo(1 / (1 + Math.exp(0.5)), within(1e-12));
  }

  @Test
  void constantsInHexSplatsResourcesAndUnsignedTypes() {
    String text =
        """
        module {
          func.func @main(%arg0: tensor<3xui8>) -> (tensor<3xf32>, tensor<2xf16>, tensor<3xi1>, tensor<3xf32>) {
            %a = stablehlo.constant dense<"0x0000803F00000040000040C0"> : tensor<3xf32>
            %b = stablehlo.constant dense<0x3C00> : tensor<2xf16>
            %c = stablehlo.constant dense<200> : tensor<3xui8>
            %d = stablehlo.compare  GT, %arg0, %c,  UNSIGNED : (tensor<3xui8>, tensor<3xui8>) -> tensor<3xi1>
            %e = stablehlo.constant dense_resource<blob1> : tensor<3xf32>
            return %a, %b, %d, %e : tensor<3xf32>, tensor<2xf16>, tensor<3xi1>, tensor<3xf32>
          }
        }
        {-#
          dialect_resources: {
            builtin: {
              blob1: "0x040000000000803F0000C03F00002040"
            }
          }
        #-}
        """;
    ImportResult r = imp(text);
    // ui8 is widened to i16 (no unsigned types in PPHLO); values stay non-negative.
    assertThat(r.module().main().argumentTypes().get(0)).isEqualTo(TensorType.secret(DType.I16, 3));
    List<double[]> out = PlainEval.run(r.module(), List.of(new double[] {255, 3, 201}));
    assertThat(out.get(0)).containsExactly(1, 2, -3);
    assertThat(out.get(1)).containsExactly(1, 1);
    assertThat(out.get(2)).containsExactly(1, 0, 1);
    assertThat(out.get(3)).containsExactly(1, 1.5, 2.5);
  }

  @Test
  void broadcastWithUnsortedDimensionsTransposesFirst() {
    String text =
        """
        func.func @main(%arg0: tensor<2x3xf32>) -> tensor<3x4x2xf32> {
          %0 = stablehlo.broadcast_in_dim %arg0, dims = [2, 0] : (tensor<2x3xf32>) -> tensor<3x4x2xf32>
          return %0 : tensor<3x4x2xf32>
        }
        """;
    Module m = imp(text).module();
    assertThat(counts(m)).containsEntry("transpose", 1).containsEntry("broadcast_in_dim", 1);
    double[] x = {1, 2, 3, 4, 5, 6};
    double[] got = PlainEval.run(m, List.of(x)).get(0);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 4; j++) {
        for (int k = 0; k < 2; k++) {
          assertThat(got[(i * 4 + j) * 2 + k]).isEqualTo(x[k * 3 + i]);
        }
      }
    }
  }

  @Test
  void reverseIsAProductWithTheAntiIdentityAndDynamicUpdateSliceASelect() {
    String text =
        """
        func.func @main(%arg0: tensor<2x3xf32>, %arg1: tensor<1x2xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
          %0 = stablehlo.reverse %arg0, dims = [0, 1] : tensor<2x3xf32>
          %c = stablehlo.constant dense<1> : tensor<i64>
          %c_0 = stablehlo.constant dense<5> : tensor<i64>
          %1 = stablehlo.dynamic_update_slice %arg0, %arg1, %c, %c_0 : (tensor<2x3xf32>, tensor<1x2xf32>, tensor<i64>, tensor<i64>) -> tensor<2x3xf32>
          return %0, %1 : tensor<2x3xf32>, tensor<2x3xf32>
        }
        """;
    Module m = imp(text).module();
    assertThat(counts(m)).containsEntry("dot_general", 2).containsEntry("select", 1);
    // reverse of an integer-free fixed-point operand multiplies by an i32 matrix (no truncation).
    assertThat(m.main().body().stream().filter(o -> o.name().equals("constant")))
        .anyMatch(o -> o.results().get(0).type().dtype() == DType.I32);
    List<double[]> out =
        PlainEval.run(m, List.of(new double[] {1, 2, 3, 4, 5, 6}, new double[] {-1, -2}));
    assertThat(out.get(0)).containsExactly(6, 5, 4, 3, 2, 1);
    // Start index 5 is clamped to 3 − 2 = 1.
    assertThat(out.get(1)).containsExactly(1, 2, 3, 4, -1, -2);
  }

  @Test
  void reduceWithPrettyReducerRegionAndMultiResultCalls() {
    String text =
        """
        module @m {
          func.func public @main(%arg0: tensor<2x3xi32>) -> (tensor<2xi32>, tensor<3xi32>) {
            %0:2 = call @stats(%arg0) : (tensor<2x3xi32>) -> (tensor<2xi32>, tensor<3xi32>)
            return %0#0, %0#1 : tensor<2xi32>, tensor<3xi32>
          }
          func.func private @stats(%x: tensor<2x3xi32>) -> (tensor<2xi32>, tensor<3xi32>) {
            %c = stablehlo.constant dense<0> : tensor<i32>
            %0 = stablehlo.reduce(%x init: %c) across dimensions = [1] : (tensor<2x3xi32>, tensor<i32>) -> tensor<2xi32>
             reducer(%a: tensor<i32>, %b: tensor<i32>)  {
              %s = stablehlo.add %a, %b : tensor<i32>
              stablehlo.return %s : tensor<i32>
            }
            %c_0 = stablehlo.constant dense<-2147483648> : tensor<i32>
            %1 = "stablehlo.reduce"(%x, %c_0) ({
            ^bb0(%p: tensor<i32>, %q: tensor<i32>):
              %m = "stablehlo.maximum"(%q, %p) : (tensor<i32>, tensor<i32>) -> tensor<i32>
              "stablehlo.return"(%m) : (tensor<i32>) -> ()
            }) {dimensions = dense<0> : tensor<1xi64>} : (tensor<2x3xi32>, tensor<i32>) -> tensor<3xi32>
            return %0, %1 : tensor<2xi32>, tensor<3xi32>
          }
        }
        """;
    Module m = imp(text).module();
    List<double[]> out = PlainEval.run(m, List.of(new double[] {1, -5, 2, 7, 0, -1}));
    assertThat(out.get(0)).containsExactly(-2, 6);
    assertThat(out.get(1)).containsExactly(7, 0, 2);
    assertThat(m.main().body().stream().filter(o -> o.name().equals("reduce")))
        .extracting(o -> o.attributes().getString("kind"))
        .containsExactly("add", "max");
  }

  @Test
  void infinityAsPadValueFeedsAMaxPool() {
    // PyTorch-style max pooling: pad with -inf, then reduce_window max.
    String text =
        """
        func.func @main(%arg0: tensor<1x3xf32>) -> tensor<1x2xf32> {
          %cst = stablehlo.constant dense<0xFF800000> : tensor<f32>
          %0 = stablehlo.pad %arg0, %cst, low = [0, 1], high = [0, 0], interior = [0, 0] : (tensor<1x3xf32>, tensor<f32>) -> tensor<1x4xf32>
          %1 = "stablehlo.reduce_window"(%0, %cst) <{window_dimensions = array<i64: 1, 2>, window_strides = array<i64: 1, 2>}> ({
          ^bb0(%a: tensor<f32>, %b: tensor<f32>):
            %2 = stablehlo.maximum %a, %b : tensor<f32>
            stablehlo.return %2 : tensor<f32>
          }) : (tensor<1x4xf32>, tensor<f32>) -> tensor<1x2xf32>
          return %1 : tensor<1x2xf32>
        }
        """;
    Module m = imp(text).module();
    assertThat(PlainEval.run(m, List.of(new double[] {-3, -1, -2})).get(0)).containsExactly(-3, -1);
  }

  @Test
  void selfCheckingProgramTurnsInputsIntoSecretArguments() {
    String text =
        """
        module @jit_testcase {
          func.func public @main() -> tensor<i1> {
            %0:2 = call @inputs() : () -> (tensor<3xf32>, tensor<3xi32>)
            %1 = call @expected() : () -> tensor<3xf32>
            %2 = stablehlo.convert %0#1 : (tensor<3xi32>) -> tensor<3xf32>
            %3 = stablehlo.multiply %0#0, %2 : tensor<3xf32>
            %4 = stablehlo.custom_call @check.eq(%3, %1) : (tensor<3xf32>, tensor<3xf32>) -> tensor<i1>
            stablehlo.custom_call @check.expect_eq(%0#1, %0#1) {has_side_effect = true} : (tensor<3xi32>, tensor<3xi32>) -> ()
            return %4 : tensor<i1>
          }
          func.func private @inputs() -> (tensor<3xf32>, tensor<3xi32>) {
            %0 = stablehlo.constant dense<[1.5, -2.0, 0.25]> : tensor<3xf32>
            %1 = stablehlo.constant dense<[2, 3, -4]> : tensor<3xi32>
            return %0, %1 : tensor<3xf32>, tensor<3xi32>
          }
          func.func private @expected() -> tensor<3xf32> {
            %0 = stablehlo.constant dense<[3.0, -6.0, -1.0]> : tensor<3xf32>
            return %0 : tensor<3xf32>
          }
        }
        """;
    ImportResult plain = imp(text);
    assertThat(plain.module().main().arguments()).isEmpty();
    ImportResult r =
        Importer.stableHlo(text, ImportOptions.defaults().withInputsAsSecretArguments(true));
    assertThat(r.module().main().argumentTypes())
        .containsExactly(TensorType.secret(DType.F32, 3), TensorType.secret(DType.I32, 3));
    assertThat(r.argumentNames()).containsExactly("inputs#0", "inputs#1");
    assertThat(r.inputs()).extracting(ImportResult.Input::argument).containsExactly(0, 1);
    assertThat(r.resultCount()).isEqualTo(1);
    assertThat(r.checks()).hasSize(2);
    ImportResult.Check eq = r.checks().get(0);
    assertThat(eq.kind()).isEqualTo("check.eq");
    assertThat(eq.exact()).isFalse();
    assertThat(eq.expectedValue().doubles()).containsExactly(3, -6, -1);
    assertThat(r.checks().get(1).exact()).isTrue();
    List<double[]> args = new ArrayList<>();
    for (ImportResult.Input in : r.inputs()) {
      args.add(in.data().doubles());
    }
    List<double[]> out = PlainEval.run(r.module(), args);
    assertThat(out.get(0)).containsExactly(1); // the in-program check holds
    assertThat(out.get(eq.gotResult())).containsExactly(3, -6, -1);
    assertThat(out.get(eq.expectedResult())).containsExactly(3, -6, -1);
    // A wrong answer makes the in-program check false.
    args.set(0, new double[] {1.5, -2.0, 0.5});
    assertThat(PlainEval.run(r.module(), args).get(0)).containsExactly(0);
  }

  @Test
  void interpreterStyleCheckOpsWithConstantExpectations() {
    String text =
        """
        "builtin.module"() ({
          "func.func"() <{function_type = () -> (), sym_name = "logistic_op_test_f64"}> ({
            %0 = "stablehlo.constant"() <{value = dense<[[1.000000e+00, 2.000000e+00]]> : tensor<1x2xf64>}> : () -> tensor<1x2xf64>
            %1 = "stablehlo.logistic"(%0) : (tensor<1x2xf64>) -> tensor<1x2xf64>
            "check.expect_almost_eq_const"(%1) <{value = dense<[[0.7310585786300049, 0.88079707797788243]]> : tensor<1x2xf64>}> : (tensor<1x2xf64>) -> ()
            "func.return"() : () -> ()
          }) : () -> ()
        }) : () -> ()
        """;
    ImportResult r = imp(text);
    assertThat(r.resultCount()).isZero();
    assertThat(r.checks()).hasSize(1);
    ImportResult.Check c = r.checks().get(0);
    assertThat(c.kind()).isEqualTo("check.expect_almost_eq_const");
    double[] got = PlainEval.run(r.module(), List.of()).get(c.gotResult());
    for (int i = 0; i < 2; i++) {
      assertThat(ImportResult.passes(got[i], c.expectedValue().doubles()[i], c.exact())).isTrue();
    }
  }

  @Test
  void checkToleranceIsAbsolutePlusRelative() {
    assertThat(ImportResult.passes(1000.9, 1000, false)).isTrue();
    assertThat(ImportResult.passes(1001.1, 1000, false)).isFalse();
    assertThat(ImportResult.passes(0.0009, 0, false)).isTrue();
    assertThat(ImportResult.passes(0.0011, 0, false)).isFalse();
    assertThat(ImportResult.passes(3, 3, true)).isTrue();
    assertThat(ImportResult.passes(3.0000001, 3, true)).isFalse();
  }

  @Test
  void locationsAliasesCommentsAndNamedValues() {
    String text =
        """
        #loc1 = loc("f.py":3:0)
        // a comment
        module @jit_f attributes {jax.uses_shape_polymorphism = false} {
          func.func public @main(%x: tensor<2xf32> loc("x"), %y: tensor<2xf32>) -> (tensor<2xf32> {jax.result_info = ""}) {
            %cst_0 = stablehlo.constant dense<2.500000e-01> : tensor<f32> loc(#loc1)
            %sum = stablehlo.add %x, %y : tensor<2xf32> loc(#loc1)
            %b = stablehlo.broadcast_in_dim %cst_0, dims = [] : (tensor<f32>) -> tensor<2xf32>
            %out = stablehlo.multiply %sum, %b : tensor<2xf32>
            return %out : tensor<2xf32> loc(#loc1)
          } loc(#loc1)
        } loc(#loc1)
        #loc2 = loc(unknown)
        """;
    Module m = imp(text).module();
    assertThat(PlainEval.run(m, List.of(new double[] {1, 2}, new double[] {3, 6})).get(0))
        .containsExactly(1, 2);
  }
}
