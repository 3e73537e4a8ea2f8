package dev.spu.pphlo.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spu.pphlo.DType;
import dev.spu.pphlo.Module;
import dev.spu.pphlo.Printer;
import dev.spu.pphlo.TensorType;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** XLA HLO text → PPHLO, and agreement with the equivalent StableHLO. */
class HloImportTest {
  static Module hlo(String text) {
    return Importer.hlo(text, ImportOptions.defaults()).module();
  }

  @Test
  void softmaxRegressionMatchesDoubleReference() {
    ImportResult r =
        Importer.text(
            StableHloImportTest.resource("softmax_regression.hlo"), ImportOptions.defaults());
    Module m = r.module();
    assertThat(r.argumentNames()).containsExactly("Arg_0.1", "Arg_1.2", "Arg_2.3");
    assertThat(m.main().resultTypes()).containsExactly(TensorType.secret(DType.F32, 4, 2));
    Random rng = new Random(3);
    double[] x = StableHloImportTest.random(rng, 12);
    double[] w = StableHloImportTest.random(rng, 6);
    double[] b = StableHloImportTest.random(rng, 2);
    double[] got = PlainEval.run(m, List.of(x, w, b)).get(0);
    for (int i = 0; i < 4; i++) {
      double[] z = new double[2];
      for (int o = 0; o < 2; o++) {
        z[o] = b[o];
        for (int k = 0; k < 3; k++) {
          z[o] += x[i * 3 + k] * w[k * 2 + o];
        }
      }
      double mx = Math.max(z[0], z[1]);
      double s = Math.exp(z[0] - mx) + Math.exp(z[1] - mx);
      assertThat(got[i * 2]).isCloseTo(Math.exp(z[0] - mx) / s, within(1e-12));
      assertThat(got[i * 2 + 1]).isCloseTo(Math.exp(z[1] - mx) / s, within(1e-12));
    }
  }

  @Test
  void whileOverTuplesUnrolls() {
    String text =
        """
        HloModule jit_loop, entry_computation_layout={(f32[2]{0})->f32[2]{0}}

        body.5 {
          p = (s32[], f32[2]{0}) parameter(0)
          i = s32[] get-tuple-element(p), index=0
          one = s32[] constant(1)
          next = s32[] add(i, one)
          acc = f32[2]{0} get-tuple-element(p), index=1
          two = f32[] constant(2)
          b = f32[2]{0} broadcast(two), dimensions={}
          m = f32[2]{0} multiply(acc, b)
          ROOT t = (s32[], f32[2]{0}) tuple(next, m)
        }

        cond.6 {
          p = (s32[], f32[2]{0}) parameter(0)
          i = s32[] get-tuple-element(p), index=0
          n = s32[] constant(4)
          ROOT lt = pred[] compare(i, n), direction=LT
        }

        ENTRY main.9 {
          x = f32[2]{0} parameter(0)
          zero = s32[] constant(0)
          init = (s32[], f32[2]{0}) tuple(zero, x)
          w = (s32[], f32[2]{0}) while(init), condition=cond.6, body=body.5
          ROOT r = f32[2]{0} get-tuple-element(w), index=1
        }
        """;
    Module m = hlo(text);
    assertThat(StableHloImportTest.counts(m)).containsEntry("multiply", 4);
    assertThat(PlainEval.run(m, List.of(new double[] {1, -0.5})).get(0)).containsExactly(16, -8);
  }

  @Test
  void conditionalWithComputationsAndOldStyleSyntax() {
    String text =
        """
        HloModule cond_test

        %on_true (x.1: f32[3]) -> f32[3] {
          %x.1 = f32[3]{0} parameter(0)
          ROOT %neg = f32[3]{0} negate(f32[3]{0} %x.1)
        }

        %on_false (x.2: f32[3]) -> f32[3] {
          %x.2 = f32[3]{0} parameter(0)
          ROOT %exp = f32[3]{0} exponential(f32[3]{0} %x.2)
        }

        ENTRY %main (p: pred[], a: f32[3]) -> f32[3] {
          %p = pred[] parameter(0)
          %a = f32[3]{0} parameter(1)
          %c = f32[3]{0} constant({1, 2, 3})
          %b = f32[3]{0} add(f32[3]{0} %a, f32[3]{0} %c), metadata={op_type="add" op_name="a+c" source_file="t.py" source_line=3}
          ROOT %r = f32[3]{0} conditional(pred[] %p, f32[3]{0} %b, f32[3]{0} %b), true_computation=%on_true, false_computation=%on_false
        }
        """;
    ImportResult r =
        Importer.hlo(
            text,
            ImportOptions.defaults().withVisibilities(ImportOptions.parseVisibilities("p,s")));
    Module m = r.module();
    assertThat(StableHloImportTest.counts(m)).containsEntry("select", 1);
    double[] a = {0, -1, 0.5};
    double[] t = PlainEval.run(m, List.of(new double[] {1}, a)).get(0);
    assertThat(t).containsExactly(-1, -1, -3.5);
    double[] f = PlainEval.run(m, List.of(new double[] {0}, a)).get(0);
    assertThat(f[0]).isCloseTo(Math.exp(1), within(1e-12));
  }

  static final String CNN_HLO =
      """
      HloModule jit_cnn, entry_computation_layout={(f32[2,6,6,1]{3,2,1,0}, f32[3,3,1,2]{3,2,1,0}, f32[2,3,3,2]{3,2,1,0})->(f32[2,3,3,2]{3,2,1,0}, f32[3,3,1,2]{3,2,1,0})}

      region_0.7 {
        Arg_0.8 = f32[] parameter(0)
        Arg_1.9 = f32[] parameter(1)
        ROOT maximum.10 = f32[] maximum(Arg_0.8, Arg_1.9)
      }

      ge.14 {
        a.15 = f32[] parameter(0)
        b.16 = f32[] parameter(1)
        ROOT compare.17 = pred[] compare(a.15, b.16), direction=GE, type=TOTALORDER
      }

      add.18 {
        a.19 = f32[] parameter(0)
        b.20 = f32[] parameter(1)
        ROOT add.21 = f32[] add(a.19, b.20)
      }

      ENTRY main.30 {
        x.1 = f32[2,6,6,1]{3,2,1,0} parameter(0)
        k.2 = f32[3,3,1,2]{3,2,1,0} parameter(1)
        conv.3 = f32[2,6,6,2]{3,2,1,0} convolution(x.1, k.2), window={size=3x3 pad=1_1x1_1}, dim_labels=b01f_01io->b01f
        zero.4 = f32[] constant(0)
        bz.5 = f32[2,6,6,2]{3,2,1,0} broadcast(zero.4), dimensions={}
        relu.6 = f32[2,6,6,2]{3,2,1,0} maximum(conv.3, bz.5)
        ninf.11 = f32[] constant(-inf)
        pool.12 = f32[2,3,3,2]{3,2,1,0} reduce-window(relu.6, ninf.11), window={size=1x2x2x1 stride=1x2x2x1}, to_apply=region_0.7
        g.13 = f32[2,3,3,2]{3,2,1,0} parameter(2)
        sas.22 = f32[2,6,6,2]{3,2,1,0} select-and-scatter(relu.6, g.13, zero.4), window={size=1x2x2x1 stride=1x2x2x1}, select=ge.14, scatter=add.18
        gt.23 = pred[2,6,6,2]{3,2,1,0} compare(conv.3, bz.5), direction=GT
        dr.24 = f32[2,6,6,2]{3,2,1,0} select(gt.23, sas.22, bz.5)
        dk.25 = f32[3,3,1,2]{3,2,1,0} convolution(x.1, dr.24), window={size=6x6 pad=1_1x1_1}, dim_labels=f01b_i01o->01bf
        ROOT t.26 = (f32[2,3,3,2]{3,2,1,0}, f32[3,3,1,2]{3,2,1,0}) tuple(pool.12, dk.25)
      }
      """;

  static final String CNN_STABLEHLO =
      """
      module @jit_cnn {
        func.func public @main(%arg0: tensor<2x6x6x1xf32>, %arg1: tensor<3x3x1x2xf32>, %arg2: tensor<2x3x3x2xf32>) -> (tensor<2x3x3x2xf32>, tensor<3x3x1x2xf32>) {
          %0 = stablehlo.convolution(%arg0, %arg1) dim_numbers = [b, 0, 1, f]x[0, 1, i, o]->[b, 0, 1, f], window = {pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<2x6x6x1xf32>, tensor<3x3x1x2xf32>) -> tensor<2x6x6x2xf32>
          %cst = stablehlo.constant dense<0.000000e+00> : tensor<f32>
          %1 = stablehlo.broadcast_in_dim %cst, dims = [] : (tensor<f32>) -> tensor<2x6x6x2xf32>
          %2 = stablehlo.maximum %0, %1 : tensor<2x6x6x2xf32>
          %cst_0 = stablehlo.constant dense<0xFF800000> : tensor<f32>
          %3 = "stablehlo.reduce_window"(%2, %cst_0) <{window_dimensions = array<i64: 1, 2, 2, 1>, window_strides = array<i64: 1, 2, 2, 1>}> ({
          ^bb0(%a: tensor<f32>, %b: tensor<f32>):
            %m = stablehlo.maximum %a, %b : tensor<f32>
            stablehlo.return %m : tensor<f32>
          }) : (tensor<2x6x6x2xf32>, tensor<f32>) -> tensor<2x3x3x2xf32>
          %4 = "stablehlo.select_and_scatter"(%2, %arg2, %cst) <{window_dimensions = array<i64: 1, 2, 2, 1>, window_strides = array<i64: 1, 2, 2, 1>}> ({
          ^bb0(%a: tensor<f32>, %b: tensor<f32>):
            %c = stablehlo.compare  GE, %a, %b,  TOTALORDER : (tensor<f32>, tensor<f32>) -> tensor<i1>
            stablehlo.return %c : tensor<i1>
          }, {
          ^bb0(%a: tensor<f32>, %b: tensor<f32>):
            %s = stablehlo.add %a, %b : tensor<f32>
            stablehlo.return %s : tensor<f32>
          }) : (tensor<2x6x6x2xf32>, tensor<2x3x3x2xf32>, tensor<f32>) -> tensor<2x6x6x2xf32>
          %5 = stablehlo.compare  GT, %0, %1,  FLOAT : (tensor<2x6x6x2xf32>, tensor<2x6x6x2xf32>) -> tensor<2x6x6x2xi1>
          %6 = stablehlo.select %5, %4, %1 : tensor<2x6x6x2xi1>, tensor<2x6x6x2xf32>
          %7 = stablehlo.convolution(%arg0, %6) dim_numbers = [f, 0, 1, b]x[i, 0, 1, o]->[0, 1, b, f], window = {pad = [[1, 1], [1, 1]]} {batch_group_count = 1 : i64, feature_group_count = 1 : i64} : (tensor<2x6x6x1xf32>, tensor<2x6x6x2xf32>) -> tensor<3x3x1x2xf32>
          return %3, %7 : tensor<2x3x3x2xf32>, tensor<3x3x1x2xf32>
        }
      }
      """;

  @Test
  void cnnPiecesImportTheSameFromHloAndStableHlo() {
    Module a = hlo(CNN_HLO);
    Module b = Importer.stableHlo(CNN_STABLEHLO, ImportOptions.defaults()).module();
    assertThat(Printer.print(a)).isEqualTo(Printer.print(b));
    Map<String, Integer> c = StableHloImportTest.counts(a);
    assertThat(c)
        .containsEntry("convolution", 2)
        .containsEntry("reduce_window", 1)
        .containsEntry("select_and_scatter", 1);

    // Against direct loops: the kernel gradient of a SAME 3x3 convolution.
    Random rng = new Random(5);
    double[] x = StableHloImportTest.random(rng, 72);
    double[] k = StableHloImportTest.random(rng, 18);
    double[] g = StableHloImportTest.random(rng, 36);
    List<double[]> out = PlainEval.run(a, List.of(x, k, g));
    double[] conv = new double[2 * 6 * 6 * 2];
    for (int n = 0; n < 2; n++) {
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 6; j++) {
          for (int o = 0; o < 2; o++) {
            double s = 0;
            for (int di = 0; di < 3; di++) {
              for (int dj = 0; dj < 3; dj++) {
                int y = i + di - 1;
                int z = j + dj - 1;
                if (y >= 0 && y < 6 && z >= 0 && z < 6) {
                  s += x[(n * 6 + y) * 6 + z] * k[(di * 3 + dj) * 2 + o];
                }
              }
            }
            conv[((n * 6 + i) * 6 + j) * 2 + o] = s;
          }
        }
      }
    }
    // pooled output
    for (int n = 0; n < 2; n++) {
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          for (int o = 0; o < 2; o++) {
            double mx = Double.NEGATIVE_INFINITY;
            for (int di = 0; di < 2; di++) {
              for (int dj = 0; dj < 2; dj++) {
                mx =
                    Math.max(
                        mx, Math.max(0, conv[((n * 6 + 2 * i + di) * 6 + 2 * j + dj) * 2 + o]));
              }
            }
            assertThat(out.get(0)[((n * 3 + i) * 3 + j) * 2 + o]).isCloseTo(mx, within(1e-12));
          }
        }
      }
    }
    // kernel gradient: dk[di, dj, 0, o] = sum x[n, i+di-1, j+dj-1] * drelu[n, i, j, o]
    double[] dr = new double[conv.length];
    for (int n = 0; n < 2; n++) {
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          for (int o = 0; o < 2; o++) {
            int best = -1;
            double bv = 0;
            for (int di = 0; di < 2; di++) {
              for (int dj = 0; dj < 2; dj++) {
                int idx = ((n * 6 + 2 * i + di) * 6 + 2 * j + dj) * 2 + o;
                double v = Math.max(0, conv[idx]);
                if (best < 0 || v > bv) {
                  best = idx;
                  bv = v;
                }
              }
            }
            if (conv[best] > 0) {
              dr[best] += g[((n * 3 + i) * 3 + j) * 2 + o];
            }
          }
        }
      }
    }
    for (int di = 0; di < 3; di++) {
      for (int dj = 0; dj < 3; dj++) {
        for (int o = 0; o < 2; o++) {
          double s = 0;
          for (int n = 0; n < 2; n++) {
            for (int i = 0; i < 6; i++) {
              for (int j = 0; j < 6; j++) {
                int y = i + di - 1;
                int z = j + dj - 1;
                if (y >= 0 && y < 6 && z >= 0 && z < 6) {
                  s += x[(n * 6 + y) * 6 + z] * dr[((n * 6 + i) * 6 + j) * 2 + o];
                }
              }
            }
          }
          assertThat(out.get(1)[(di * 3 + dj) * 2 + o]).isCloseTo(s, within(1e-9));
        }
      }
    }
  }

  @Test
  void dotSlicePadConcatenateTransposeAndOldComparisons() {
    String text =
        """
        HloModule misc

        ENTRY %main (a: f32[2,3], b: f32[3,2]) -> (f32[2,2], f32[1,2], f32[4,5], f32[3,2], pred[2,3]) {
          %a = f32[2,3]{1,0} parameter(0)
          %b = f32[3,2]{1,0} parameter(1)
          %d = f32[2,2]{1,0} dot(f32[2,3]{1,0} %a, f32[3,2]{1,0} %b), lhs_contracting_dims={1}, rhs_contracting_dims={0}, operand_precision={default,default}
          %s = f32[1,2]{1,0} slice(f32[2,3]{1,0} %a), slice={[1:2], [0:3:2]}
          %z = f32[] constant(0.5)
          %p = f32[4,5]{1,0} pad(f32[2,3]{1,0} %a, f32[] %z), padding=1_1x0_0_1
          %t = f32[3,2]{1,0} transpose(f32[2,3]{1,0} %a), dimensions={1,0}
          %c = f32[3,2]{1,0} concatenate(f32[3,2]{1,0} %t), dimensions={0}
          %ge = pred[2,3]{1,0} greater-than-or-equal-to(f32[2,3]{1,0} %a, f32[2,3]{1,0} %a)
          ROOT %r = (f32[2,2]{1,0}, f32[1,2]{1,0}, f32[4,5]{1,0}, f32[3,2]{1,0}, pred[2,3]{1,0}) tuple(%d, %s, %p, %c, %ge)
        }
        """;
    Module m = hlo(text);
    double[] a = {1, 2, 3, 4, 5, 6};
    double[] b = {1, 0, 0, 1, 1, 1};
    List<double[]> out = PlainEval.run(m, List.of(a, b));
    assertThat(out.get(0)).containsExactly(4, 5, 10, 11);
    assertThat(out.get(1)).containsExactly(4, 6);
    assertThat(out.get(2))
        .containsExactly(
            0.5, 0.5, 0.5, 0.5, 0.5, 1, 0.5, 2, 0.5, 3, 4, 0.5, 5, 0.5, 6, 0.5, 0.5, 0.5, 0.5, 0.5);
    assertThat(out.get(3)).containsExactly(1, 4, 2, 5, 3, 6);
    assertThat(out.get(4)).containsExactly(1, 1, 1, 1, 1, 1);
  }
}
