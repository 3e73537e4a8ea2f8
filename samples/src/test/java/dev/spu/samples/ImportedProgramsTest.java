package dev.spu.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.pphlo.importer.ImportOptions;
import dev.spu.pphlo.importer.ImportResult;
import dev.spu.pphlo.importer.Importer;
import dev.spu.pphlo.passes.PassPipeline;
import dev.spu.tensor.Device;
import dev.spu.tensor.SecretTensor;
import dev.spu.tensor.SimConfig;
import dev.spu.tensor.Spu;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hand-written JAX-style exports (samples/examples/importer) imported and run privately under ref2k
 * and aby3 through Device.run (passes on), compared with plaintext double references and with the
 * same computation written against {@link SecretTensor} (the tracer).
 *
 * <p>Tolerances: 2e-3 + 2e-3·|x| for the training steps (fixed point with f = 18: each product's
 * truncation is within an ulp, exp/log/logistic within ~1e-4 relative; aby3's truncation is
 * probabilistic), 5e-3 absolute between the imported program and the tracer on one device.
 */
class ImportedProgramsTest {
  static final Path EXAMPLES = Path.of("examples/importer");

  static ImportResult load(String name) throws IOException {
    return Importer.file(EXAMPLES.resolve(name), ImportOptions.defaults());
  }

  static double[] gaussian(Random rng, int n, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextGaussian() * scale;
    }
    return v;
  }

  static ProgramRunner.ArgData arg(double[] v, int... shape) {
    return new ProgramRunner.ArgData(dev.spu.pphlo.Shape.of(shape), v, null);
  }

  static void assertClose(double[] got, double[] want, double tol, String what) {
    assertThat(got).as(what).hasSameSizeAs(want);
    for (int i = 0; i < got.length; i++) {
      assertThat(Math.abs(got[i] - want[i]))
          .as("%s[%d]: got %s, want %s", what, i, got[i], want[i])
          .isLessThanOrEqualTo(tol + tol * Math.abs(want[i]));
    }
  }

  // ------------------------------------------------------------------ MLP forward/backward

  /** The MLP step of mlp_train_step.mlir in double: returns w1, b1, w2, b2 updated and the loss. */
  static List<double[]> mlpReference(
      double[] w1, double[] b1, double[] w2, double[] b2, double[] x, double[] y) {
    int n = 8;
    int in = 4;
    int hid = 6;
    int out = 3;
    double[] pre = new double[n * hid];
    double[] h = new double[n * hid];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < hid; j++) {
        double s = b1[j];
        for (int k = 0; k < in; k++) {
          s += x[i * in + k] * w1[k * hid + j];
        }
        pre[i * hid + j] = s;
        h[i * hid + j] = Math.max(s, 0);
      }
    }
    double[] dz = new double[n * out];
    double loss = 0;
    for (int i = 0; i < n; i++) {
      double[] z = new double[out];
      double mx = Double.NEGATIVE_INFINITY;
      for (int o = 0; o < out; o++) {
        z[o] = b2[o];
        for (int j = 0; j < hid; j++) {
          z[o] += h[i * hid + j] * w2[j * out + o];
        }
        mx = Math.max(mx, z[o]);
      }
      double se = 0;
      for (int o = 0; o < out; o++) {
        se += Math.exp(z[o] - mx);
      }
      double ysum = 0;
      for (int o = 0; o < out; o++) {
        double logp = z[o] - mx - Math.log(se);
        loss -= y[i * out + o] * logp / n;
        ysum += y[i * out + o];
      }
      for (int o = 0; o < out; o++) {
        double p = Math.exp(z[o] - mx) / se;
        dz[i * out + o] = (p * ysum - y[i * out + o]) / n;
      }
    }
    double lr = 0.5;
    double[] nw2 = w2.clone();
    double[] nb2 = b2.clone();
    double[] dh = new double[n * hid];
    for (int j = 0; j < hid; j++) {
      for (int o = 0; o < out; o++) {
        double g = 0;
        for (int i = 0; i < n; i++) {
          g += h[i * hid + j] * dz[i * out + o];
          dh[i * hid + j] += dz[i * out + o] * w2[j * out + o];
        }
        nw2[j * out + o] -= lr * g;
      }
    }
    for (int o = 0; o < out; o++) {
      double g = 0;
      for (int i = 0; i < n; i++) {
        g += dz[i * out + o];
      }
      nb2[o] -= lr * g;
    }
    double[] nw1 = w1.clone();
    double[] nb1 = b1.clone();
    for (int j = 0; j < hid; j++) {
      double gb = 0;
      for (int i = 0; i < n; i++) {
        double d = pre[i * hid + j] > 0 ? dh[i * hid + j] : 0;
        gb += d;
        for (int k = 0; k < in; k++) {
          nw1[k * hid + j] -= lr * x[i * in + k] * d;
        }
      }
      nb1[j] -= lr * gb;
    }
    return List.of(nw1, nb1, nw2, nb2, new double[] {loss});
  }

  /** The same step written against SecretTensor (traced by the tracer, jit on the device). */
  static List<SecretTensor> mlpTraced(Device d, List<SecretTensor> a) {
    SecretTensor w1 = a.get(0);
    SecretTensor b1 = a.get(1);
    SecretTensor w2 = a.get(2);
    SecretTensor b2 = a.get(3);
    SecretTensor x = a.get(4);
    SecretTensor y = a.get(5);
    SecretTensor pre = x.matmul(w1).add(b1.reshape(1, 6).broadcastTo(8, 6));
    SecretTensor h = pre.maximum(0.0);
    SecretTensor z = h.matmul(w2).add(b2.reshape(1, 3).broadcastTo(8, 3));
    SecretTensor logp = z.logSoftmax(1);
    SecretTensor loss = y.mul(logp).sum().neg().div(8.0);
    SecretTensor g = y.mul(-1.0 / 8);
    SecretTensor dz = g.sub(logp.exp().mul(g.sum(new int[] {1}, true).broadcastTo(8, 3)));
    SecretTensor dw2 = h.transpose().matmul(dz);
    SecretTensor db2 = dz.sum(0);
    SecretTensor dh = dz.matmul(w2.transpose());
    SecretTensor dpre = SecretTensor.where(pre.greater(0.0), dh, dh.zerosLike());
    SecretTensor dw1 = x.transpose().matmul(dpre);
    SecretTensor db1 = dpre.sum(0);
    return List.of(
        w1.sub(dw1.mul(0.5)),
        b1.sub(db1.mul(0.5)),
        w2.sub(dw2.mul(0.5)),
        b2.sub(db2.mul(0.5)),
        loss);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ref2k", "aby3"})
  void mlpTrainStepMatchesDoubleAndTheTracer(String protocol) throws IOException {
    ImportResult imp = load("mlp_train_step.mlir");
    Random rng = new Random(17);
    double[] w1 = gaussian(rng, 24, 0.5);
    double[] b1 = gaussian(rng, 6, 0.1);
    double[] w2 = gaussian(rng, 18, 0.5);
    double[] b2 = gaussian(rng, 3, 0.1);
    double[] x = gaussian(rng, 32, 1);
    double[] y = new double[24];
    for (int i = 0; i < 8; i++) {
      y[i * 3 + rng.nextInt(3)] = 1;
    }
    List<ProgramRunner.ArgData> args =
        List.of(arg(w1, 4, 6), arg(b1, 6), arg(w2, 6, 3), arg(b2, 3), arg(x, 8, 4), arg(y, 8, 3));
    List<double[]> want = mlpReference(w1, b1, w2, b2, x, y);
    try (Device d = Spu.simulate(SimConfig.of(protocol, protocol.equals("ref2k") ? 1 : 3))) {
      ProgramRunner.Outcome o = ProgramRunner.run(d, imp, PassPipeline.standard(), args, "alice");
      assertThat(o.outputs()).hasSize(5);
      for (int i = 0; i < 5; i++) {
        assertClose(o.outputs().get(i).values(), want.get(i), 2e-3, "output " + i);
      }
      assertThat(o.comm().bytes()).isPositive();
      // The same step written as XLA HLO text.
      ProgramRunner.Outcome h =
          ProgramRunner.run(d, load("mlp_train_step.hlo"), PassPipeline.standard(), args, "alice");
      for (int i = 0; i < 5; i++) {
        assertClose(h.outputs().get(i).values(), want.get(i), 2e-3, "hlo output " + i);
      }

      // The tracer: the same step in SecretTensor, on the same secret inputs.
      List<SecretTensor> in = new ArrayList<>();
      int[][] shapes = {{4, 6}, {6}, {6, 3}, {3}, {8, 4}, {8, 3}};
      double[][] data = {w1, b1, w2, b2, x, y};
      for (int i = 0; i < 6; i++) {
        in.add(d.input("alice", data[i], shapes[i]));
      }
      dev.spu.tensor.JitFunction<List<SecretTensor>> step = d.jit(6, a -> mlpTraced(d, List.of(a)));
      List<SecretTensor> traced = step.call(in.toArray(new SecretTensor[0]));
      for (int i = 0; i < 5; i++) {
        assertClose(
            traced.get(i).revealDoubles(),
            o.outputs().get(i).values(),
            5e-3,
            "tracer vs import " + i);
      }
    }
  }

  // ------------------------------------------------------------------ CNN with windows

  /** cnn_train_step.mlir in double. */
  static List<double[]> cnnReference(
      double[] k, double[] kb, double[] w, double[] wb, double[] x, double[] y) {
    double[] pre = new double[2 * 6 * 6 * 2];
    for (int n = 0; n < 2; n++) {
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 6; j++) {
          for (int o = 0; o < 2; o++) {
            double s = kb[o];
            for (int di = 0; di < 3; di++) {
              for (int dj = 0; dj < 3; dj++) {
                int r = i + di - 1;
                int c = j + dj - 1;
                if (r >= 0 && r < 6 && c >= 0 && c < 6) {
                  s += x[(n * 6 + r) * 6 + c] * k[(di * 3 + dj) * 2 + o];
                }
              }
            }
            pre[((n * 6 + i) * 6 + j) * 2 + o] = s;
          }
        }
      }
    }
    double[] pool = new double[2 * 18];
    int[] arg = new int[2 * 18];
    for (int n = 0; n < 2; n++) {
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          for (int o = 0; o < 2; o++) {
            int best = -1;
            double bv = 0;
            for (int di = 0; di < 2; di++) {
              for (int dj = 0; dj < 2; dj++) {
                int idx = ((n * 6 + 2 * i + di) * 6 + 2 * j + dj) * 2 + o;
                double v = Math.max(pre[idx], 0);
                if (best < 0 || v > bv) {
                  best = idx;
                  bv = v;
                }
              }
            }
            int p = n * 18 + (i * 3 + j) * 2 + o;
            pool[p] = bv;
            arg[p] = best;
          }
        }
      }
    }
    double loss = 0;
    double[] dz = new double[6];
    for (int n = 0; n < 2; n++) {
      double[] z = new double[3];
      double mx = Double.NEGATIVE_INFINITY;
      for (int o = 0; o < 3; o++) {
        z[o] = wb[o];
        for (int f = 0; f < 18; f++) {
          z[o] += pool[n * 18 + f] * w[f * 3 + o];
        }
        mx = Math.max(mx, z[o]);
      }
      double se = 0;
      for (int o = 0; o < 3; o++) {
        se += Math.exp(z[o] - mx);
      }
      double ysum = 0;
      for (int o = 0; o < 3; o++) {
        loss -= y[n * 3 + o] * (z[o] - mx - Math.log(se)) / 2;
        ysum += y[n * 3 + o];
      }
      for (int o = 0; o < 3; o++) {
        dz[n * 3 + o] = (Math.exp(z[o] - mx) / se * ysum - y[n * 3 + o]) / 2;
      }
    }
    double lr = 0.1;
    double[] nw = w.clone();
    double[] nwb = wb.clone();
    double[] dpool = new double[36];
    for (int f = 0; f < 18; f++) {
      for (int o = 0; o < 3; o++) {
        double g = 0;
        for (int n = 0; n < 2; n++) {
          g += pool[n * 18 + f] * dz[n * 3 + o];
          dpool[n * 18 + f] += dz[n * 3 + o] * w[f * 3 + o];
        }
        nw[f * 3 + o] -= lr * g;
      }
    }
    for (int o = 0; o < 3; o++) {
      nwb[o] -= lr * (dz[o] + dz[3 + o]);
    }
    double[] dpre = new double[pre.length];
    for (int p = 0; p < 36; p++) {
      if (pre[arg[p]] > 0) {
        dpre[arg[p]] += dpool[p];
      }
    }
    double[] nk = k.clone();
    double[] nkb = kb.clone();
    for (int o = 0; o < 2; o++) {
      double g = 0;
      for (int q = o; q < dpre.length; q += 2) {
        g += dpre[q];
      }
      nkb[o] -= lr * g;
      for (int di = 0; di < 3; di++) {
        for (int dj = 0; dj < 3; dj++) {
          double s = 0;
          for (int n = 0; n < 2; n++) {
            for (int i = 0; i < 6; i++) {
              for (int j = 0; j < 6; j++) {
                int r = i + di - 1;
                int c = j + dj - 1;
                if (r >= 0 && r < 6 && c >= 0 && c < 6) {
                  s += x[(n * 6 + r) * 6 + c] * dpre[((n * 6 + i) * 6 + j) * 2 + o];
                }
              }
            }
          }
          nk[(di * 3 + dj) * 2 + o] -= lr * s;
        }
      }
    }
    return List.of(nk, nkb, nw, nwb, new double[] {loss});
  }

  @ParameterizedTest
  @ValueSource(strings = {"ref2k", "aby3"})
  void cnnTrainStepWithConvolutionPoolingAndItsGradient(String protocol) throws IOException {
    ImportResult imp = load("cnn_train_step.mlir");
    Random rng = new Random(23);
    double[] k = gaussian(rng, 18, 0.5);
    double[] kb = gaussian(rng, 2, 0.1);
    double[] w = gaussian(rng, 54, 0.3);
    double[] wb = gaussian(rng, 3, 0.1);
    double[] x = gaussian(rng, 72, 1);
    double[] y = {0, 1, 0, 0, 0, 1};
    List<double[]> want = cnnReference(k, kb, w, wb, x, y);
    List<ProgramRunner.ArgData> args =
        List.of(
            arg(k, 3, 3, 1, 2),
            arg(kb, 2),
            arg(w, 18, 3),
            arg(wb, 3),
            arg(x, 2, 6, 6, 1),
            arg(y, 2, 3));
    try (Device d = Spu.simulate(SimConfig.of(protocol, protocol.equals("ref2k") ? 1 : 3))) {
      ProgramRunner.Outcome o = ProgramRunner.run(d, imp, PassPipeline.standard(), args, "alice");
      for (int i = 0; i < 5; i++) {
        assertClose(o.outputs().get(i).values(), want.get(i), 2e-3, "output " + i);
      }
      // The imported pooling and its gradient meet the max-pool pass like traced ones.
      assertThat(PassPipeline.standard().run(imp.module()).module().main().body())
          .extracting(dev.spu.pphlo.Operation::name)
          .contains("argmax", "maxpool_scatter")
          .doesNotContain("reduce_window", "select_and_scatter");
    }
  }

  // ------------------------------------------------------------------ branches on secrets

  static final String BRANCHES =
      """
      func.func @main(%p: tensor<i1>, %x: tensor<3xf32>) -> tensor<3xf32> {
        %0 = "stablehlo.if"(%p) ({
          %1 = stablehlo.exponential %x : tensor<3xf32>
          stablehlo.return %1 : tensor<3xf32>
        }, {
          %1 = stablehlo.negate %x : tensor<3xf32>
          stablehlo.return %1 : tensor<3xf32>
        }) : (tensor<i1>) -> tensor<3xf32>
        %i = stablehlo.convert %p : (tensor<i1>) -> tensor<i32>
        %2 = "stablehlo.case"(%i) ({
          stablehlo.return %0 : tensor<3xf32>
        }, {
          %3 = stablehlo.multiply %0, %0 : tensor<3xf32>
          stablehlo.return %3 : tensor<3xf32>
        }) : (tensor<i32>) -> tensor<3xf32>
        return %2 : tensor<3xf32>
      }
      """;

  @ParameterizedTest
  @ValueSource(strings = {"s,s", "p,s"})
  void ifAndCaseOnPredicatesUnknownAtImportRunBothBranchesAndSelect(String vis) {
    ImportResult imp =
        Importer.stableHlo(
            BRANCHES,
            ImportOptions.defaults().withVisibilities(ImportOptions.parseVisibilities(vis)));
    double[] x = {-1, 0.5, 2};
    try (Device d = Spu.simulate(SimConfig.of("aby3", 3))) {
      for (long p : new long[] {0, 1}) {
        List<ProgramRunner.ArgData> args =
            List.of(
                new ProgramRunner.ArgData(dev.spu.pphlo.Shape.SCALAR, null, new long[] {p}),
                arg(x, 3));
        double[] got =
            ProgramRunner.run(d, imp, PassPipeline.standard(), args, "alice")
                .outputs()
                .get(0)
                .values();
        double[] want = new double[3];
        for (int i = 0; i < 3; i++) {
          want[i] = p == 1 ? Math.exp(2 * x[i]) : -x[i];
        }
        assertClose(got, want, 2e-3, "predicate " + p);
      }
    }
  }

  // ------------------------------------------------------------------ lowered layout ops

  @ParameterizedTest
  @ValueSource(strings = {"ref2k", "aby3"})
  void reverseUpdateSliceAndUnsortedBroadcastOnSecrets(String protocol) {
    String text =
        """
        func.func @main(%x: tensor<2x3xf32>, %u: tensor<1x2xf32>, %k: tensor<3xi32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<3xi32>, tensor<3x2xf32>) {
          %0 = stablehlo.reverse %x, dims = [0, 1] : tensor<2x3xf32>
          %c = stablehlo.constant dense<1> : tensor<i64>
          %1 = stablehlo.dynamic_update_slice %x, %u, %c, %c : (tensor<2x3xf32>, tensor<1x2xf32>, tensor<i64>, tensor<i64>) -> tensor<2x3xf32>
          %2 = stablehlo.reverse %k, dims = [0] : tensor<3xi32>
          %3 = stablehlo.broadcast_in_dim %x, dims = [1, 0] : (tensor<2x3xf32>) -> tensor<3x2xf32>
          return %0, %1, %2, %3 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<3xi32>, tensor<3x2xf32>
        }
        """;
    ImportResult imp = Importer.stableHlo(text, ImportOptions.defaults());
    double[] x = {1.5, -2, 3.25, 4, -5.5, 6};
    List<ProgramRunner.ArgData> args =
        List.of(
            arg(x, 2, 3),
            arg(new double[] {-1, -2}, 1, 2),
            new ProgramRunner.ArgData(dev.spu.pphlo.Shape.of(3), null, new long[] {7, -8, 9}));
    try (Device d = Spu.simulate(SimConfig.of(protocol, protocol.equals("ref2k") ? 1 : 3))) {
      List<ProgramRunner.Output> out =
          ProgramRunner.run(d, imp, PassPipeline.standard(), args, "alice").outputs();
      assertClose(out.get(0).values(), new double[] {6, -5.5, 4, 3.25, -2, 1.5}, 1e-5, "reverse");
      assertClose(out.get(1).values(), new double[] {1.5, -2, 3.25, 4, -1, -2}, 1e-5, "update");
      assertThat(out.get(2).values()).containsExactly(9, -8, 7);
      assertClose(out.get(3).values(), new double[] {1.5, 4, -2, -5.5, 3.25, 6}, 1e-5, "bcast");
    }
  }

  // ------------------------------------------------------------------ LR: StableHLO vs HLO

  @ParameterizedTest
  @ValueSource(strings = {"ref2k", "aby3"})
  void lrStepFromStableHloAndHloAgreeWithDouble(String protocol) throws IOException {
    Random rng = new Random(29);
    double[] w = gaussian(rng, 30, 0.2);
    double[] b = gaussian(rng, 1, 0.1);
    double[] vw = gaussian(rng, 30, 0.05);
    double[] vb = gaussian(rng, 1, 0.05);
    double[] x = gaussian(rng, 64 * 30, 1);
    double[] y = new double[64];
    for (int i = 0; i < 64; i++) {
      y[i] = rng.nextInt(2);
    }
    double[][] want = lrStep(w, b[0], vw, vb[0], x, y);
    List<ProgramRunner.ArgData> args =
        List.of(
            arg(w, 30, 1), arg(b, 1), arg(vw, 30, 1), arg(vb, 1), arg(x, 64, 30), arg(y, 64, 1));
    try (Device d = Spu.simulate(SimConfig.of(protocol, protocol.equals("ref2k") ? 1 : 3))) {
      for (String file : List.of("lr_train_step.mlir", "lr_train_step.hlo")) {
        ProgramRunner.Outcome o =
            ProgramRunner.run(d, load(file), PassPipeline.standard(), args, "alice");
        for (int i = 0; i < 4; i++) {
          assertClose(o.outputs().get(i).values(), want[i], 2e-3, file + " output " + i);
        }
      }
    }
  }

  /** One LR step in double: w, b, vw, vb updated. */
  static double[][] lrStep(double[] w, double b, double[] vw, double vb, double[] x, double[] y) {
    int n = y.length;
    int f = w.length;
    double[] gw = new double[f];
    double gb = 0;
    for (int i = 0; i < n; i++) {
      double z = b;
      for (int j = 0; j < f; j++) {
        z += x[i * f + j] * w[j];
      }
      double e = 1 / (1 + Math.exp(-z)) - y[i];
      for (int j = 0; j < f; j++) {
        gw[j] += x[i * f + j] * e / n;
      }
      gb += e / n;
    }
    double[] nvw = new double[f];
    double[] nw = new double[f];
    for (int j = 0; j < f; j++) {
      nvw[j] = 0.9 * vw[j] + gw[j];
      nw[j] = w[j] - 0.1 * nvw[j];
    }
    double nvb = 0.9 * vb + gb;
    return new double[][] {nw, {b - 0.1 * nvb}, nvw, {nvb}};
  }
}
