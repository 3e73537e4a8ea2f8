package dev.spu.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.nn.Optimizer;
import dev.spu.nn.train.Model;
import dev.spu.nn.train.PaperModels;
import dev.spu.nn.train.Trainer;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Module;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Value;
import dev.spu.pphlo.passes.PassPipeline;
import dev.spu.tensor.CommTotals;
import dev.spu.tensor.Device;
import dev.spu.tensor.SecretTensor;
import dev.spu.tensor.SimConfig;
import dev.spu.tensor.Spu;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The preservation test: one training step (forward, loss, backward, optimizer update) of
 * LR and the paper's networks A–D, traced once, runs as traced and after all passes on the same
 * random inputs; every output (parameters, optimizer state, loss) must agree.
 *
 * <p>Tolerances: 2e-3·max(1, |x|) everywhere (fixed-point noise), plus on aby3 twice the difference
 * between two runs of the traced program itself (its truncation is probabilistic, so the same
 * program already differs from run to run; occasionally by percents in a gradient), except Adam's
 * updated parameters: the rsqrt rewrite replaces {@code k1·m / (sqrt(k2·v) + eps)} by {@code k1·m ·
 * rsqrt(k2·v + 2^−18)}, which changes an update by at most about 0.4·lr where |ĝ| is near eps (the
 * quotient a/(a + 1) against a/sqrt(a² + ¼) at a = |ĝ|/eps = ½); they get lr/2 + 2e-3, plus
 * 2^−f/eps where k1·m is within a few ulps of 0 (Adam's own quantization: one ulp of the numerator
 * divided by eps; it differs between two runs of the same program on aby3 already).
 */
class PassPreservationTest {
  private static final int BATCH = 2;
  private static final double ADAM_EPS = dev.spu.nn.Adam.DEFAULT_EPS;

  @ParameterizedTest(name = "{0}/{1} on {2}")
  @CsvSource({
    "lr, sgd, ref2k",
    "lr, adam, ref2k",
    "A, sgd, ref2k",
    "A, adam, ref2k",
    "B, sgd, ref2k",
    "C, adam, ref2k",
    "D, amsgrad, ref2k",
    "lr, adam, aby3",
    "A, sgd, aby3",
    "D, adam, aby3"
  })
  void oneTrainingStepKeepsItsResults(String model, String optimizer, String protocol) {
    check(model, optimizer, protocol);
  }

  @Tag("slow")
  @ParameterizedTest(name = "{0}/{1} on {2}")
  @CsvSource({"B, adam, aby3", "C, adam, aby3", "C, sgd, aby3", "A, adam, aby3"})
  void largerNetworksOnAby3(String model, String optimizer, String protocol) {
    check(model, optimizer, protocol);
  }

  private static void check(String name, String optimizer, String protocol) {
    Model model = PaperModels.model(name);
    double lr = PaperModels.defaultLearningRate(name, optimizer);
    Optimizer opt = PaperModels.optimizer(optimizer, lr);
    int width = 1;
    for (int d : model.outputShape()) {
      width *= d;
    }
    try (Device spu =
        Spu.simulate(SimConfig.of(protocol, protocol.equals("ref2k") ? 1 : 3).withSeed(4))) {
      spu.setPasses(PassPipeline.none());
      Module traced = new Trainer(spu, model, opt).program(BATCH, width);
      PassPipeline.Result optimized = PassPipeline.standard().run(traced);
      assertThat(optimized.totalRewrites()).isPositive();
      SecretTensor[] args = inputs(spu, traced, model.parameters().size(), opt, width);
      List<double[]> want = new ArrayList<>();
      List<double[]> got = new ArrayList<>();
      CommTotals off =
          spu.measure(() -> spu.run(traced, args).forEach(t -> want.add(t.revealDoubles())));
      CommTotals on =
          spu.measure(
              () -> spu.run(optimized.module(), args).forEach(t -> got.add(t.revealDoubles())));
      // aby3 truncation is probabilistic: a second run of the traced program measures the noise
      // the passes may add to (ref2k is deterministic).
      List<double[]> again = new ArrayList<>();
      if (!protocol.equals("ref2k")) {
        spu.run(traced, args).forEach(t -> again.add(t.revealDoubles()));
      }
      int nParams = model.parameters().size();
      boolean adam = !optimizer.equals("sgd");
      for (int o = 0; o < want.size(); o++) {
        boolean approx = adam && o < nParams;
        double[] moment = approx ? want.get(nParams + o * opt.slots()) : null;
        for (int j = 0; j < want.get(o).length; j++) {
          double w = want.get(o)[j];
          double g = got.get(o)[j];
          double noise = again.isEmpty() ? 0 : 2 * Math.abs(again.get(o)[j] - w);
          double tol = 2e-3 * Math.max(1, Math.abs(w)) + noise;
          if (approx) {
            // k1·m below a few ulps is quantized; divided by eps (traced) or multiplied by
            // rsqrt(eps) (rewritten) one ulp of it moves the update by up to 2^-f / eps.
            tol =
                lr / 2
                    + 2e-3
                    + noise
                    + (Math.abs(moment[j]) * lr < 0x1p-14 ? 0x1p-18 / ADAM_EPS : 0);
          }
          assertThat(Math.abs(g - w))
              .as(
                  "%s/%s on %s: output %d element %d: %s vs %s",
                  name, optimizer, protocol, o, j, g, w)
              .isLessThanOrEqualTo(tol);
        }
      }
      if (!protocol.equals("ref2k")) {
        System.err.printf(
            "%s/%s batch %d on %s: %d B as traced, %d B optimized%n",
            name, optimizer, BATCH, protocol, off.bytes(), on.bytes());
        assertThat(on.bytes()).isLessThan(off.bytes());
      }
    }
  }

  /**
   * Random step inputs: parameters ±0.1, SGD velocity ±0.01, Adam moments 0 (step 1), features in
   * [0, 1), one-hot (or 0/1) targets, the public schedule of step 1.
   */
  private static SecretTensor[] inputs(
      Device spu, Module m, int nParams, Optimizer opt, int width) {
    Random r = new Random(17);
    List<Value> a = m.main().arguments();
    SecretTensor[] out = new SecretTensor[a.size()];
    int nState = nParams * opt.slots();
    for (int i = 0; i < out.length; i++) {
      TensorType t = a.get(i).type();
      int n = t.numElements();
      double[] x = new double[n];
      if (!t.isSecret()) { // the schedule
        out[i] = spu.constant(opt.schedule(1), DType.F32, t.shape());
        continue;
      }
      for (int j = 0; j < n; j++) {
        if (i < nParams) {
          x[j] = (r.nextDouble() - 0.5) * 0.2;
        } else if (i < nParams + nState) {
          // SGD's velocity: random; Adam's moments: zero, as at step 1 (random moments would not
          // satisfy |m| ≲ sqrt(v), and the update bound above assumes they do).
          x[j] = opt.name().equals("sgd") ? (r.nextDouble() - 0.5) * 0.02 : 0;
        } else if (i == nParams + nState) {
          x[j] = r.nextDouble();
        }
      }
      if (i == nParams + nState + 1) { // targets
        int rows = n / width;
        for (int row = 0; row < rows; row++) {
          x[row * width + (width == 1 ? 0 : r.nextInt(width))] = width == 1 ? r.nextInt(2) : 1;
        }
      }
      out[i] = spu.input(i <= nParams + nState ? "alice" : "bob", x, DType.F32, t.shape());
    }
    return out;
  }
}
