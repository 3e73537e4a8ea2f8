package dev.spu.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.pphlo.DType;
import dev.spu.pphlo.Module;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.passes.PassPipeline;
import dev.spu.pphlo.passes.PassStats;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The optimizer passes on a device: each pass alone changes what runs, keeps the results (exactly,
 * or within the stated fixed-point error) and, on aby3, sends fewer bytes than the program as
 * traced. Only the pass selection differs between the runs compared.
 */
class PassesOnDeviceTest {
  static final double ULP = Math.scalb(1.0, -18);

  private static Device device(String protocol) {
    return Spu.simulate(SimConfig.of(protocol, protocol.equals("ref2k") ? 1 : 3).withSeed(5));
  }

  /** Outputs and bytes of one jit call under a pass selection. */
  private record Run(List<double[]> outs, long bytes, List<PassStats> stats, Module module) {}

  private static Run run(
      Device spu,
      PassPipeline passes,
      JitFunction<List<SecretTensor>> f,
      TensorType[] types,
      SecretTensor... args) {
    spu.setPasses(passes);
    List<SecretTensor>[] out = new List[1];
    CommTotals c = spu.measure(() -> out[0] = f.call(args));
    return new Run(
        out[0].stream().map(SecretTensor::revealDoubles).toList(),
        c.bytes(),
        f.passStats(types),
        f.module(types));
  }

  private static double[] randoms(Random r, int n, double scale) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = (r.nextDouble() - 0.5) * 2 * scale;
    }
    return x;
  }

  private static long count(Module m, String op) {
    return m.main().body().stream().map(Operation::name).filter(op::equals).count();
  }

  private static void assertClose(
      List<double[]> got, List<double[]> want, double tol, String what) {
    assertThat(got).hasSameSizeAs(want);
    for (int i = 0; i < got.size(); i++) {
      double[] g = got.get(i);
      double[] w = want.get(i);
      assertThat(g).as(what + " output " + i).hasSameSizeAs(w);
      for (int j = 0; j < g.length; j++) {
        assertThat(Math.abs(g[j] - w[j]))
            .as("%s output %d element %d: %s vs %s", what, i, j, g[j], w[j])
            .isLessThanOrEqualTo(tol * Math.max(1, Math.abs(w[j])));
      }
    }
  }

  /**
   * Runs {@code f} with no pass and with {@code pass} alone; the outputs agree within {@code tol}
   * and, on aby3, the pass sends fewer bytes.
   */
  private static void check(
      String protocol,
      String pass,
      Function<Device, JitFunction<List<SecretTensor>>> f,
      Function<Device, SecretTensor[]> inputs,
      double tol) {
    try (Device spu = device(protocol)) {
      JitFunction<List<SecretTensor>> jit = f.apply(spu);
      SecretTensor[] args = inputs.apply(spu);
      TensorType[] types = new TensorType[args.length];
      for (int i = 0; i < args.length; i++) {
        types[i] = args[i].type();
      }
      Run off = run(spu, PassPipeline.none(), jit, types, args);
      Run on = run(spu, PassPipeline.parse(pass), jit, types, args);
      Run all = run(spu, PassPipeline.standard(), jit, types, args);
      assertThat(on.stats().get(0).rewrites()).as(pass + " rewrites").isPositive();
      assertClose(on.outs(), off.outs(), tol, pass + " on " + protocol);
      assertClose(all.outs(), off.outs(), tol, "all passes on " + protocol);
      if (!protocol.equals("ref2k")) {
        System.err.printf(
            "%s on %s: %d B as traced, %d B with %s, %d B with all passes%n",
            pass, protocol, off.bytes(), on.bytes(), pass, all.bytes());
        assertThat(on.bytes()).as(pass + " bytes").isLessThan(off.bytes());
        assertThat(all.bytes()).as("all passes bytes").isLessThanOrEqualTo(on.bytes());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ref2k", "aby3"})
  void maxPoolForwardAndGradientShareOneComparisonTree(String protocol) {
    Random r = new Random(1);
    ValueAndGrad vg =
        Grad.valueAndGrad(
            (x, w) ->
                x.maxPool2d(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}).mul(w).sum(),
            0);
    check(
        protocol,
        "max-pool",
        spu ->
            spu.jit(
                (x, w) -> {
                  ValueAndGrad.Result res = vg.apply(x, w);
                  return List.of(res.value(), res.grad());
                }),
        spu ->
            new SecretTensor[] {
              spu.input("alice", randoms(r, 2 * 3 * 6 * 6, 4), DType.F32, 2, 3, 6, 6),
              spu.input("bob", randoms(r, 2 * 3 * 3 * 3, 1), DType.F32, 2, 3, 3, 3)
            },
        // The gradient is exact; the loss sums 54 truncated products (±1 ulp each on aby3, whose
        // truncation is probabilistic, so two runs differ anyway).
        64 * ULP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ref2k", "aby3"})
  void reluGradientConvertsItsPredicateOnce(String protocol) {
    Random r = new Random(2);
    ValueAndGrad vg =
        Grad.valueAndGrad((x, w) -> x.greater(0.0).select(x, x.mul(0.0)).mul(w).sum(), 0);
    check(
        protocol,
        "select-reuse",
        spu ->
            spu.jit(
                (x, w) -> {
                  ValueAndGrad.Result res = vg.apply(x, w);
                  return List.of(res.value(), res.grad());
                }),
        spu ->
            new SecretTensor[] {
              spu.input("alice", randoms(r, 256, 3)), spu.input("bob", randoms(r, 256, 1))
            },
        // The gradient is exact; the loss sums 256 truncated products.
        300 * ULP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ref2k", "aby3"})
  void integerTimesFixedNeedsNoTruncation(String protocol) {
    Random r = new Random(3);
    long[] ints = new long[256];
    for (int i = 0; i < ints.length; i++) {
      ints[i] = r.nextInt(201) - 100;
    }
    check(
        protocol,
        "mixed-type-fusion",
        spu -> spu.jit((k, x) -> List.of(k.cast(DType.F32).mul(x), k.cast(DType.F32).matmul(x))),
        spu ->
            new SecretTensor[] {
              spu.input("alice", ints, DType.I32, 16, 16),
              spu.input("bob", randoms(r, 256, 2), DType.F32, 16, 16)
            },
        // The traced products truncate (≤ 1 ulp each, 16 of them in a row of the matmul); the fused
        // ones are exact.
        20 * ULP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ref2k", "aby3"})
  void publicFactorsFoldIntoOneTruncation(String protocol) {
    Random r = new Random(4);
    check(
        protocol,
        "mixed-visibility-reorder",
        spu -> spu.jit(x -> List.of(x.mul(0.5).mul(0.75).mul(3.0))),
        spu -> new SecretTensor[] {spu.input("alice", randoms(r, 512, 100))},
        // Three truncations (≤ 1 ulp each, scaled by the later factors) against one.
        4 * ULP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ref2k", "aby3"})
  void cseMergesRepeatedComparisons(String protocol) {
    Random r = new Random(5);
    check(
        protocol,
        "cse",
        spu -> spu.jit((x, y) -> List.of(x.greater(y).select(x, y), x.greater(y).select(y, x))),
        spu ->
            new SecretTensor[] {
              spu.input("alice", randoms(r, 256, 3)), spu.input("bob", randoms(r, 256, 3))
            },
        0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ref2k", "aby3"})
  void deadComparisonsAreNotRun(String protocol) {
    Random r = new Random(6);
    check(
        protocol,
        "dce",
        spu ->
            spu.jit(
                (x, y) -> {
                  x.less(y).select(x, y); // unused: every party would still compare
                  return List.of(x.add(y));
                }),
        spu ->
            new SecretTensor[] {
              spu.input("alice", randoms(r, 256, 3)), spu.input("bob", randoms(r, 256, 3))
            },
        0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ref2k", "aby3"})
  void theDefaultIsAllPassesAndJitRecompilesWhenTheSelectionChanges(String protocol) {
    try (Device spu = device(protocol)) {
      assertThat(spu.passes().names()).isEqualTo(PassPipeline.allNames());
      JitFunction<List<SecretTensor>> f =
          spu.jit((x, y) -> List.of(x.greater(y).select(x, y), x.greater(y).select(y, x)));
      TensorType t = TensorType.secret(DType.F32, 4);
      assertThat(count(f.module(t, t), "greater")).isEqualTo(1);
      assertThat(count(f.tracedModule(t, t), "greater")).isEqualTo(2);
      spu.setPasses(PassPipeline.none());
      assertThat(count(f.module(t, t), "greater")).isEqualTo(2);
      assertThat(f.traceCount()).isEqualTo(1); // recompiled, not retraced
    }
  }
}
