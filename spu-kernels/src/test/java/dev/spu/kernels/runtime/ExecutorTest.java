package dev.spu.kernels.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spu.kernels.hal.FixedPoint;
import dev.spu.kernels.hal.UnsupportedOpException;
import dev.spu.mpc.link.CommStats;
import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.FunctionBuilder;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Value;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The executor on small programs built with FunctionBuilder, on a REF2K and a SEMI2K cluster. */
class ExecutorTest {
  private static Function millionaires() {
    FunctionBuilder b = new FunctionBuilder("main");
    Value alice = b.addArgument(TensorType.secret(DType.I64, 4));
    Value bob = b.addArgument(TensorType.secret(DType.I64, 4));
    Value richer = b.op("greater", Attributes.EMPTY, alice, bob);
    Value max = b.op("select", Attributes.EMPTY, richer, alice, bob);
    return b.build(richer, max);
  }

  @Test
  void millionairesOnRef2k() {
    try (LocalCluster c = new LocalCluster(RuntimeConfig.defaults("ref2k", 3))) {
      List<long[]> out =
          c.evaluate(
              millionaires(), List.of(new long[] {5, 100, -3, 7}, new long[] {9, 20, -3, 8}));
      assertThat(out.get(0)).containsExactly(0, 1, 0, 0);
      assertThat(out.get(1)).containsExactly(9, 100, -3, 8);
    }
  }

  @Test
  void millionairesOnSemi2kWithOpIdsAndStats() {
    try (LocalCluster c = new LocalCluster(RuntimeConfig.defaults("semi2k", 2))) {
      Function f = millionaires();
      List<long[]> out = c.evaluate(f, List.of(new long[] {1, 2, 3, 4}, new long[] {4, 3, 2, 1}));
      assertThat(out.get(0)).containsExactly(0, 0, 1, 1);
      assertThat(out.get(1)).containsExactly(4, 3, 3, 4);
      // Op ids: 2 inputs, 2 body ops, 2 reveals were reserved from 1.
      assertThat(c.reserveOpIds(1)).isEqualTo(7);
      CommStats agg = c.aggregate();
      assertThat(agg.total().bytes()).isPositive();
      assertThat(agg.byScope()).containsKeys("greater", "select");
      assertThat(c.stats()).hasSize(2);
      assertThat(c.securityModel()).isNotBlank();
    }
  }

  @Test
  void explicitPartyRuntimeCalls() {
    RuntimeConfig cfg = RuntimeConfig.defaults("ref2k", 2);
    try (LocalCluster c = new LocalCluster(cfg)) {
      FunctionBuilder b = new FunctionBuilder("main");
      Value x = b.addArgument(TensorType.secret(DType.F32, 3));
      Value y = b.addArgument(TensorType.pub(DType.F32, 3));
      Value z = b.op("multiply", Attributes.EMPTY, x, y);
      Value w = b.op("add", Attributes.EMPTY, z, x);
      Function f = b.build(w);
      long in = c.reserveOpIds(1);
      long first = c.reserveOpIds(PartyRuntime.opIdsNeeded(f));
      long open = c.reserveOpIds(1);
      long[] xs = FixedPoint.encode(new double[] {1.5, -2.25, 0}, 18);
      long[] ys = FixedPoint.encode(new double[] {2, 4, 8}, 18);
      c.driver().input(in, TensorType.secret(DType.F32, 3), xs);
      List<long[]> opened =
          c.onParties(
              rt -> {
                var a = rt.input(in, c.driverEndpoint(), TensorType.secret(DType.F32, 3));
                var r =
                    rt.run(first, f, List.of(a, rt.publicValue(TensorType.pub(DType.F32, 3), ys)));
                return rt.open(open, r.get(0));
              });
      for (long[] o : opened) {
        assertThat(FixedPoint.decode(o, 18)).containsExactly(4.5, -11.25, 0.0);
      }
    }
  }

  @Test
  void unsupportedOpFailsEveryPartyWithTheOriginalCause() {
    FunctionBuilder b = new FunctionBuilder("main");
    // Integer division by a secret stays unsupported (fixed-point division by a secret is not).
    Value x = b.addArgument(TensorType.secret(DType.I32, 2));
    Value y = b.addArgument(TensorType.secret(DType.I32, 2));
    Function f = b.build(b.op("divide", Attributes.EMPTY, x, y));
    try (LocalCluster c =
        new LocalCluster(RuntimeConfig.defaults("semi2k", 3).withTimeout(Duration.ofSeconds(20)))) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> c.evaluate(f, List.of(new long[2], new long[2])))
          .isInstanceOf(PartyFailureException.class)
          .hasCauseInstanceOf(UnsupportedOpException.class)
          .hasMessageContaining("secret integer division");
      assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(10).toNanos());
      assertThatThrownBy(() -> c.onParties(rt -> 1)).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void aFailingPartyDoesNotHangTheOthers() {
    try (LocalCluster c =
        new LocalCluster(RuntimeConfig.defaults("semi2k", 3).withTimeout(Duration.ofSeconds(30)))) {
      long id = c.reserveOpIds(1);
      long start = System.nanoTime();
      assertThatThrownBy(
              () ->
                  c.onParties(
                      rt -> {
                        if (rt.self() == 1) {
                          throw new IllegalStateException("boom on purpose");
                        }
                        // The others wait for a message party 1 never sends.
                        rt.protocol().context().beginOp(id, "wait");
                        return rt.protocol()
                            .open(
                                rt.hal()
                                    .protocol()
                                    .fromPublic(dev.spu.mpc.Share.Kind.ARITH, new long[] {1}));
                      }))
          .isInstanceOf(PartyFailureException.class)
          .hasMessageContaining("party 1")
          .hasRootCauseMessage("boom on purpose");
      assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(10).toNanos());
    }
  }

  @Test
  void badConfigurationsAreClearErrors() {
    assertThatThrownBy(() -> new LocalCluster(RuntimeConfig.defaults("aby3", 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("aby3");
    assertThatThrownBy(() -> new LocalCluster(RuntimeConfig.defaults("nope", 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ref2k");
    assertThatThrownBy(() -> new RuntimeConfig("ref2k", 2, 128, 18, null, Duration.ofSeconds(1)))
        .hasMessageContaining("FM64");
    assertThat(RuntimeConfig.defaults("ref2k", 2).withFixedSeed(new byte[] {1}).toString())
        .doesNotContain("[1]")
        .contains("fixed seed");
  }

  @Test
  void aProgramRunsTwiceUnderFreshOpIdsOnAby3() {
    try (LocalCluster c = new LocalCluster(RuntimeConfig.defaults("aby3", 3))) {
      Function f = millionaires();
      for (int k = 0; k < 2; k++) {
        List<long[]> out =
            c.evaluate(
                f, List.of(new long[] {-5, 0, 1L << 40, 3}, new long[] {-6, 0, 1L << 41, 2}));
        assertThat(out.get(0)).containsExactly(1, 0, 0, 1);
        assertThat(out.get(1)).containsExactly(-5, 0, 1L << 41, 3);
      }
    }
  }

  @Test
  void openGivesEveryPartyBooleanAndArithmeticResults() {
    for (String proto : new String[] {"semi2k", "aby3"}) {
      try (LocalCluster c = new LocalCluster(RuntimeConfig.defaults(proto, 3))) {
        Function f = millionaires();
        long in1 = c.reserveOpIds(1);
        long in2 = c.reserveOpIds(1);
        long first = c.reserveOpIds(PartyRuntime.opIdsNeeded(f));
        long o1 = c.reserveOpIds(1);
        long o2 = c.reserveOpIds(1);
        TensorType t = TensorType.secret(DType.I64, 4);
        c.driver().input(in1, t, new long[] {1, 9, -4, 0});
        c.driver().input(in2, t, new long[] {2, 8, -4, 5});
        List<List<long[]>> all =
            c.onParties(
                rt -> {
                  var a = rt.input(in1, c.driverEndpoint(), t);
                  var b = rt.input(in2, c.driverEndpoint(), t);
                  var r = rt.run(first, f, List.of(a, b));
                  assertThat(r.get(0).isBoolShare()).isTrue();
                  return List.of(rt.open(o1, r.get(0)), rt.open(o2, r.get(1)));
                });
        for (List<long[]> party : all) {
          assertThat(party.get(0)).as(proto).containsExactly(0, 1, 0, 0);
          assertThat(party.get(1)).as(proto).containsExactly(2, 9, -4, 5);
        }
      }
    }
  }
}
