package dev.spu.kernels.conformance;

import static dev.spu.pphlo.DType.F32;
import static dev.spu.pphlo.DType.I32;
import static dev.spu.pphlo.Visibility.PUBLIC;
import static dev.spu.pphlo.Visibility.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.kernels.runtime.LocalCluster;
import dev.spu.kernels.runtime.RuntimeConfig;
import dev.spu.mpc.Cost;
import dev.spu.mpc.link.CommStats;
import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.ConvolutionSpec;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Value;
import dev.spu.pphlo.Visibility;
import dev.spu.pphlo.WindowSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * convolution, reduce_window and select_and_scatter on a {@link LocalCluster} against the direct
 * loops of {@link WindowRef}: random shapes with strides, padding (incl. negative), dilations and
 * reversal, NCHW, NHWC and arbitrary layouts, 1-D to 3-D windows, public and secret operands in
 * every combination; plus the communication of a secret convolution (one matmul round) and the
 * log-depth trees. Subclasses give the protocol and the party count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class WindowConformanceTest {
  protected abstract String protocol();

  protected abstract int parties();

  static final Visibility[] VIS = {PUBLIC, SECRET};

  private LocalCluster cluster;
  private WindowCases cases;

  @BeforeAll
  void start() {
    cluster = newCluster();
    cases = new WindowCases(protocol().hashCode() * 7L + parties(), this::run);
  }

  @AfterAll
  void stop() {
    cluster.close();
  }

  private LocalCluster newCluster() {
    return new LocalCluster(
        RuntimeConfig.defaults(protocol(), parties()).withTimeout(Duration.ofSeconds(30)));
  }

  List<long[]> run(Prog p, Value... outs) {
    Function f = p.build(outs);
    try {
      return cluster.evaluate(f, p.data);
    } catch (RuntimeException e) {
      cluster.close();
      cluster = newCluster();
      throw e;
    }
  }

  @Test
  void convolution2dNchwNhwcAndAnyLayout() {
    for (String layout : new String[] {"nchw", "nhwc", "any"}) {
      for (int t = 0; t < 3; t++) {
        WindowCases.ConvCase c = cases.randomConv(2, layout, t > 0);
        for (Visibility a : VIS) {
          for (Visibility b : VIS) {
            cases.conv(c, a, b, F32, F32);
          }
        }
      }
    }
  }

  @Test
  void convolution1dAnd3dAndMixedDtypes() {
    for (int sp : new int[] {1, 3}) {
      for (int t = 0; t < 2; t++) {
        WindowCases.ConvCase c = cases.randomConv(sp, t == 0 ? "nchw" : "any", true);
        for (Visibility a : VIS) {
          for (Visibility b : VIS) {
            cases.conv(c, a, b, F32, F32);
          }
        }
      }
    }
    WindowCases.ConvCase c = cases.randomConv(2, "any", true);
    cases.conv(c, SECRET, SECRET, I32, F32);
    cases.conv(c, PUBLIC, SECRET, F32, I32);
    cases.conv(c, SECRET, SECRET, I32, I32);
    cases.conv(c, SECRET, PUBLIC, I32, I32);
  }

  @Test
  void convolutionModelDShape() {
    // Conv 5×5 stride 2 padding 2 on a small NCHW batch (the paper's network D, scaled down).
    ConvolutionSpec spec =
        ConvolutionSpec.of(ConvolutionSpec.Dims.nchw(2), new int[] {2, 2}, new int[] {2, 2, 2, 2});
    cases.conv(
        new WindowCases.ConvCase(new int[] {2, 1, 9, 9}, new int[] {3, 1, 5, 5}, spec),
        SECRET,
        SECRET,
        F32,
        F32);
  }

  @Test
  void reduceWindowEveryKindRankAndInit() {
    for (int rank = 1; rank <= 4; rank++) {
      WindowCases.WinCase w = cases.randomWindow(rank, rank != 4, 2);
      for (Visibility a : VIS) {
        for (Visibility b : VIS) {
          cases.reduceWindow(w, "add", a, b, F32, b == PUBLIC ? 0 : 0.75);
          cases.reduceWindow(w, "max", a, b, F32, Double.NEGATIVE_INFINITY);
          cases.reduceWindow(w, "min", a, b, F32, Double.POSITIVE_INFINITY);
          cases.reduceWindow(w, "max", a, b, F32, 0.5);
        }
      }
      cases.reduceWindow(w, "add", SECRET, PUBLIC, I32, 2);
      cases.reduceWindow(w, "min", SECRET, SECRET, I32, -1);
    }
  }

  @Test
  void selectAndScatterTiesOverlapAndPadding() {
    for (int rank = 1; rank <= 3; rank++) {
      for (int t = 0; t < 2; t++) {
        WindowCases.WinCase w = cases.randomWindow(rank, false, t == 0 ? 1 : 3);
        for (String sel : new String[] {"ge", "le"}) {
          for (Visibility a : VIS) {
            for (Visibility b : VIS) {
              cases.selectAndScatter(w, sel, a, b, t == 0 ? PUBLIC : SECRET, F32);
            }
          }
        }
      }
    }
    WindowCases.WinCase w = cases.randomWindow(2, false, 2);
    cases.selectAndScatter(w, "ge", SECRET, SECRET, PUBLIC, I32);
  }

  @Test
  void maxPoolPattern2x2() {
    // NCHW 2×2 stride 2 windows, ties everywhere: reduce_window max and select_and_scatter agree.
    WindowCases.WinCase w =
        new WindowCases.WinCase(
            new int[] {2, 2, 4, 6},
            WindowSpec.of(new int[] {1, 1, 2, 2}, new int[] {1, 1, 2, 2}, new int[8]));
    cases.reduceWindow(w, "max", SECRET, PUBLIC, F32, Double.NEGATIVE_INFINITY);
    cases.selectAndScatter(w, "ge", SECRET, SECRET, PUBLIC, F32);
    cases.selectAndScatter(w, "ge", SECRET, PUBLIC, PUBLIC, F32);
  }

  // ------------------------------------------------------------------ communication

  private CommStats.Counters scopeMax(List<CommStats> before, String scope) {
    List<CommStats> after = cluster.stats();
    long bytes = 0;
    long rounds = 0;
    for (int i = 0; i < after.size(); i++) {
      CommStats.Counters d = after.get(i).scope(scope).minus(before.get(i).scope(scope));
      bytes = Math.max(bytes, d.bytes());
      rounds = Math.max(rounds, d.rounds());
    }
    return new CommStats.Counters(bytes, 0, rounds);
  }

  private Cost theory(String primitive, int... dims) {
    int[] withParties = java.util.Arrays.copyOf(dims, dims.length + 1);
    withParties[dims.length] = parties();
    return cluster.factory().theory(primitive, withParties);
  }

  @Test
  void secretConvolutionCostsOneMatmulRound() {
    ConvolutionSpec spec =
        ConvolutionSpec.of(ConvolutionSpec.Dims.nchw(2), new int[] {1, 1}, new int[] {1, 1, 1, 1});
    int[] lhs = {4, 3, 6, 6};
    int[] rhs = {5, 3, 3, 3};
    for (DType d : new DType[] {I32, F32}) {
      WindowCases.Data a = cases.data(d, 4 * 3 * 36, false);
      WindowCases.Data b = cases.data(d, 5 * 27, false);
      Prog p = new Prog();
      Value x = p.arg(new TensorType(Shape.of(lhs), d, SECRET), a.ring());
      Value w = p.arg(new TensorType(Shape.of(rhs), d, SECRET), b.ring());
      Value y = p.op("convolution", spec.toAttributes(), x, w);
      List<CommStats> before = cluster.stats();
      run(p, y);
      CommStats.Counters got = scopeMax(before, "convolution");
      int rows = 4 * 36;
      int cols = 3 * 9;
      Cost want = theory("matmul", rows, cols, 5);
      if (d.isFixedPoint()) {
        want = want.then(theory("trunc", rows * 5));
      }
      assertThat(got.bytes())
          .as(protocol() + " " + d + " convolution bytes")
          .isEqualTo(want.bytesPerParty());
      assertThat(got.rounds())
          .as(protocol() + " " + d + " convolution rounds")
          .isEqualTo(want.rounds());
      if (!protocol().equals("ref2k")) {
        assertThat(want.rounds())
            .isEqualTo(d.isFixedPoint() ? 1 + theory("trunc", rows * 5).rounds() : 1);
      }
    }
    // Secret × public: local, no messages.
    Prog p = new Prog();
    Value x = p.arg(new TensorType(Shape.of(lhs), F32, SECRET), cases.data(F32, 432, false).ring());
    Value w = p.arg(new TensorType(Shape.of(rhs), I32, PUBLIC), cases.data(I32, 135, false).ring());
    Value y = p.op("convolution", spec.toAttributes(), x, w);
    List<CommStats> before = cluster.stats();
    run(p, y);
    assertThat(scopeMax(before, "convolution").bytes()).isZero();
  }

  @Test
  void maxTreesAreLogDepthWithOneComparisonPerLevel() {
    // 2×2 windows on 4×4: 4 windows of 4; levels of 8 and 4 pairs.
    WindowSpec spec = WindowSpec.of(new int[] {2, 2}, new int[] {2, 2}, new int[4]);
    Prog p = new Prog();
    Value x = p.arg(new TensorType(Shape.of(4, 4), F32, SECRET), cases.data(F32, 16, true).ring());
    Value init =
        p.arg(
            new TensorType(Shape.SCALAR, F32, PUBLIC),
            new long[] {-dev.spu.kernels.hal.FixedPoint.maxRing()});
    Value y =
        p.op(
            "reduce_window",
            spec.toAttributes(Attributes.builder().put("kind", "max"), true).build(),
            x,
            init);
    List<CommStats> before = cluster.stats();
    run(p, y);
    // reduce_window add with a secret init is local.
    Prog pa = new Prog();
    Value xa =
        pa.arg(new TensorType(Shape.of(4, 4), F32, SECRET), cases.data(F32, 16, false).ring());
    Value ia = pa.arg(new TensorType(Shape.SCALAR, F32, SECRET), cases.data(F32, 1, false).ring());
    WindowSpec padded = WindowSpec.of(new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1, 1, 1});
    Value ya =
        pa.op(
            "reduce_window",
            padded.toAttributes(Attributes.builder().put("kind", "add"), true).build(),
            xa,
            ia);
    List<CommStats> beforeAdd = cluster.stats();
    run(pa, ya);
    assertThat(scopeMax(beforeAdd, "reduce_window").bytes()).as("reduce_window add bytes").isZero();

    Cost level8 = theory("msb", 8).then(bitToA(8)).then(theory("mul", 8));
    Cost level4 = theory("msb", 4).then(bitToA(4)).then(theory("mul", 4));
    CommStats.Counters got = scopeMax(before, "reduce_window");
    assertThat(got.rounds()).as("reduce_window max rounds").isEqualTo(level8.then(level4).rounds());
    assertThat(got.bytes())
        .as("reduce_window max bytes")
        .isEqualTo(level8.then(level4).bytesPerParty());

    // select_and_scatter: level 1 (masks implicit), level 2 (values + 16 mask entries in one
    // product), then mask × source.
    Prog q = new Prog();
    Value o = q.arg(new TensorType(Shape.of(4, 4), F32, SECRET), cases.data(F32, 16, true).ring());
    Value s = q.arg(new TensorType(Shape.of(2, 2), F32, SECRET), cases.data(F32, 4, false).ring());
    Value i0 = q.arg(new TensorType(Shape.SCALAR, F32, PUBLIC), new long[] {0});
    Value z =
        q.op(
            "select_and_scatter",
            spec.toAttributes(Attributes.builder().put("select", "ge").put("scatter", "add"), false)
                .build(),
            o,
            s,
            i0);
    before = cluster.stats();
    run(q, z);
    Cost want =
        theory("msb", 8)
            .then(bitToA(8))
            .then(theory("mul", 8))
            .then(theory("msb", 4))
            .then(bitToA(4))
            .then(theory("mul", 4 + 16))
            .then(theory("mul", 16));
    got = scopeMax(before, "select_and_scatter");
    assertThat(got.rounds()).as("select_and_scatter rounds").isEqualTo(want.rounds());
    assertThat(got.bytes()).as("select_and_scatter bytes").isEqualTo(want.bytesPerParty());
  }

  private Cost bitToA(int n) {
    if (protocol().equals("ref2k")) {
      return Cost.FREE;
    }
    try {
      return theory("bitToA", n);
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return theory("bit2a", n);
    }
  }
}
