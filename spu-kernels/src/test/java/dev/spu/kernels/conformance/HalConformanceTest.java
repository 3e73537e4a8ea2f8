package dev.spu.kernels.conformance;

import static dev.spu.pphlo.DType.F32;
import static dev.spu.pphlo.DType.F64;
import static dev.spu.pphlo.DType.I1;
import static dev.spu.pphlo.DType.I32;
import static dev.spu.pphlo.DType.I64;
import static dev.spu.pphlo.Visibility.PUBLIC;
import static dev.spu.pphlo.Visibility.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.spu.kernels.hal.FixedPoint;
import dev.spu.kernels.hal.UnsupportedOpException;
import dev.spu.kernels.runtime.LocalCluster;
import dev.spu.kernels.runtime.PartyFailureException;
import dev.spu.kernels.runtime.RuntimeConfig;
import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.DenseElements;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.OpDef;
import dev.spu.pphlo.OpRegistry;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Value;
import dev.spu.pphlo.Visibility;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every kernel and HAL op, run through {@link dev.spu.kernels.runtime.PartyRuntime} on a {@link
 * LocalCluster}, with public and secret operands in every visibility combination, random and edge
 * values, compared with a plaintext oracle: exact for integer, boolean, layout and add-like
 * fixed-point results; within 1 ulp per truncation for fixed-point products. Subclasses give only
 * the protocol name and the party count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HalConformanceTest {
  protected abstract String protocol();

  protected abstract int parties();

  static final int F = FixedPoint.DEFAULT_FRACTION_BITS;
  static final double ULP = Math.scalb(1.0, -F);
  static final long MAX = FixedPoint.maxRing();
  static final Visibility[] VIS = {PUBLIC, SECRET};
  static final String[] PRED_KINDS = {"pub", "secA", "secB"};

  private LocalCluster cluster;
  private Random rnd;
  private final Set<String> covered = new TreeSet<>();
  private int testsRun;

  @BeforeAll
  void start() {
    cluster = newCluster();
    rnd = new Random(protocol().hashCode() * 31L + parties());
  }

  @AfterAll
  void stopAndCheckCoverage() {
    System.err.println(
        "STATS "
            + protocol()
            + parties()
            + " "
            + cluster.aggregate().total()
            + " covered="
            + covered.size()
            + " tests="
            + testsRun);
    cluster.close();
    long declared =
        Arrays.stream(HalConformanceTest.class.getDeclaredMethods())
            .filter(m -> m.isAnnotationPresent(Test.class))
            .count();
    if (testsRun == declared) {
      Set<String> all = new TreeSet<>();
      for (OpDef d : OpRegistry.all()) {
        all.add(d.name());
      }
      all.removeAll(covered);
      assertThat(all).as("ops never exercised by the conformance suite").isEmpty();
    }
  }

  private List<long[]> run(Prog p, Value... outs) {
    Function f = p.build(outs);
    f.body().forEach(o -> covered.add(o.name()));
    try {
      return cluster.evaluate(f, p.data);
    } catch (RuntimeException e) {
      // A failed cluster is unusable: give the remaining tests a fresh one.
      cluster.close();
      cluster = newCluster();
      throw e;
    }
  }

  private LocalCluster newCluster() {
    return new LocalCluster(
        RuntimeConfig.defaults(protocol(), parties()).withTimeout(Duration.ofSeconds(30)));
  }

  private void counted() {
    testsRun++;
  }

  // ------------------------------------------------------------------ data

  enum Dom {
    /** Add, compare, select: the whole encodable range. */
    ADD,
    /** Products: the largest values whose product still fits. */
    MUL
  }

  /** Bound on |encoding| of a value of type {@code self} combined with one of {@code other}. */
  static long bound(DType self, DType other, Dom dom) {
    boolean fs = self.isFixedPoint();
    boolean fo = other.isFixedPoint();
    if (dom == Dom.ADD) {
      if (!fs && fo) {
        return (1L << (62 - F)) - 1; // scaled by 2^f it stays below 2^62
      }
      return self == I32 ? Integer.MAX_VALUE : MAX;
    }
    if (fs && fo) {
      return (1L << 31) - (1L << 13); // |x|, |y| < 2^13: |x·y·2^2f| < 2^62
    }
    if (fs) {
      return 1L << 38; // fixed |x| ≤ 2^20 times int ≤ 2^20
    }
    return fo ? 1L << 20 : 1L << 30;
  }

  /** Edge values first (reversed if {@code flip}), then random: half small, half anywhere. */
  long[] gen(DType self, DType other, Dom dom, int n, boolean flip) {
    long b = bound(self, other, dom);
    long one = self.isFixedPoint() ? 1L << F : 1;
    long[] edges = {0, one, -one, b, -b, 1, -1, b / 2, -(b / 3), 3 * one};
    if (flip) {
      for (int i = 0; i < edges.length / 2; i++) {
        long t = edges[i];
        edges[i] = edges[edges.length - 1 - i];
        edges[edges.length - 1 - i] = t;
      }
    }
    long[] r = new long[n];
    for (int i = 0; i < n; i++) {
      if (i < edges.length && n > 2) {
        r[i] = edges[i];
      } else if (rnd.nextBoolean()) {
        r[i] = (long) ((rnd.nextDouble() * 2 - 1) * Math.min(b, 100 * one));
      } else {
        r[i] = (long) ((rnd.nextDouble() * 2 - 1) * b);
      }
    }
    return r;
  }

  long[] bits(int n) {
    long[] r = new long[n];
    for (int i = 0; i < n; i++) {
      r[i] = rnd.nextBoolean() ? 1 : 0;
    }
    if (n >= 2) {
      r[0] = 0;
      r[1] = 1;
    }
    return r;
  }

  static long[] enc(double... x) {
    return FixedPoint.encode(x, F);
  }

  static double[] real(long[] x, DType t) {
    double[] r = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      r[i] = t.isFixedPoint() ? FixedPoint.decode(x[i], F) : x[i];
    }
    return r;
  }

  /** The ring encoding of x (type from) as type to: ints scaled by 2^f to become fixed point. */
  static long[] promote(long[] x, DType from, DType to) {
    if (to.isFixedPoint() && !from.isFixedPoint()) {
      long[] r = new long[x.length];
      for (int i = 0; i < x.length; i++) {
        r[i] = x[i] << F;
      }
      return r;
    }
    return x;
  }

  static void exact(long[] got, long[] want, String ctx) {
    assertThat(got).as(ctx).containsExactly(want);
  }

  static void close(long[] got, double[] want, double ulps, String ctx) {
    assertThat(got).as(ctx).hasSize(want.length);
    for (int i = 0; i < want.length; i++) {
      double g = FixedPoint.decode(got[i], F);
      double tol = ulps * ULP + 1e-12 * Math.abs(want[i]);
      if (!(Math.abs(g - want[i]) <= tol)) {
        fail(ctx + " element " + i + ": got " + g + ", want " + want[i] + " ± " + tol);
      }
    }
  }

  static int[] shape(int... d) {
    return d;
  }

  static String ctx(String what, Object... parts) {
    return what + " " + Arrays.deepToString(parts);
  }

  static TensorType tt(Visibility v, DType d, int... shape) {
    return new TensorType(Shape.of(shape), d, v);
  }

  // ------------------------------------------------------------------ elementwise binary

  static final DType[][] PAIRS = {{F32, F32}, {I32, I32}, {I64, F32}, {F32, I32}, {I64, I64}};
  static final String[] ADD_OPS = {
    "add",
    "subtract",
    "maximum",
    "minimum",
    "less",
    "less_equal",
    "greater",
    "greater_equal",
    "equal",
    "not_equal"
  };

  @Test
  void addLikeOpsAndComparisons() {
    counted();
    for (DType[] pair : PAIRS) {
      for (Visibility va : VIS) {
        for (Visibility vb : VIS) {
          for (int[] s : new int[][] {shape(3, 5), shape()}) {
            int n = Ref.size(s);
            DType ta = pair[0];
            DType tb = pair[1];
            long[] a = gen(ta, tb, Dom.ADD, n, false);
            long[] b = gen(tb, ta, Dom.ADD, n, true);
            // Some equal pairs for the equality ops.
            for (int i = 2; i < n; i += 4) {
              a[i] = ta.isFixedPoint() ? 7L << F : 7;
              b[i] = tb.isFixedPoint() ? 7L << F : 7;
            }
            Prog p = new Prog();
            Value x = p.arg(va, ta, s, a);
            Value y = p.arg(vb, tb, s, b);
            Value[] outs = new Value[ADD_OPS.length];
            for (int k = 0; k < outs.length; k++) {
              outs[k] = p.op(ADD_OPS[k], x, y);
            }
            List<long[]> got = run(p, outs);
            DType d = DType.promote(ta, tb);
            long[] pa = promote(a, ta, d);
            long[] pb = promote(b, tb, d);
            for (int k = 0; k < outs.length; k++) {
              long[] want = new long[n];
              for (int i = 0; i < n; i++) {
                long u = pa[i];
                long v = pb[i];
                want[i] =
                    switch (ADD_OPS[k]) {
                      case "add" -> u + v;
                      case "subtract" -> u - v;
                      case "maximum" -> Math.max(u, v);
                      case "minimum" -> Math.min(u, v);
                      case "less" -> u < v ? 1 : 0;
                      case "less_equal" -> u <= v ? 1 : 0;
                      case "greater" -> u > v ? 1 : 0;
                      case "greater_equal" -> u >= v ? 1 : 0;
                      case "equal" -> u == v ? 1 : 0;
                      case "not_equal" -> u != v ? 1 : 0;
                      default -> throw new IllegalStateException();
                    };
              }
              exact(got.get(k), want, ctx(ADD_OPS[k], ta, va, tb, vb, s));
            }
          }
        }
      }
    }
  }

  @Test
  void multiply() {
    counted();
    for (DType[] pair : PAIRS) {
      for (Visibility va : VIS) {
        for (Visibility vb : VIS) {
          for (int[] s : new int[][] {shape(2, 7), shape()}) {
            int n = Ref.size(s);
            DType ta = pair[0];
            DType tb = pair[1];
            long[] a = gen(ta, tb, Dom.MUL, n, false);
            long[] b = gen(tb, ta, Dom.MUL, n, true);
            Prog p = new Prog();
            Value z = p.op("multiply", p.arg(va, ta, s, a), p.arg(vb, tb, s, b));
            long[] got = run(p, z).get(0);
            String c = ctx("multiply", ta, va, tb, vb, s);
            if (ta.isFixedPoint() && tb.isFixedPoint()) {
              double[] x = real(a, ta);
              double[] y = real(b, tb);
              double[] want = new double[n];
              for (int i = 0; i < n; i++) {
                want[i] = x[i] * y[i];
              }
              close(got, want, 1, c);
            } else {
              long[] want = new long[n];
              for (int i = 0; i < n; i++) {
                want[i] = a[i] * b[i]; // int × fixed: ring product, no scaling
              }
              exact(got, want, c);
            }
          }
        }
      }
    }
  }

  @Test
  void manyRandomSecretProductsAndComparisons() {
    counted();
    int n = 2000;
    long[] a = gen(F32, F32, Dom.MUL, n, false);
    long[] b = gen(F32, F32, Dom.MUL, n, true);
    long[] u = gen(F32, F32, Dom.ADD, n, false);
    long[] v = gen(F32, F32, Dom.ADD, n, true);
    for (int i = 0; i < n; i += 7) {
      v[i] = u[i] + (rnd.nextBoolean() ? 0 : rnd.nextBoolean() ? 1 : -1); // near ties
    }
    Prog p = new Prog();
    Value x = p.arg(SECRET, F32, shape(n), a);
    Value y = p.arg(SECRET, F32, shape(n), b);
    Value s = p.arg(SECRET, F32, shape(n), u);
    Value t = p.arg(SECRET, F32, shape(n), v);
    List<long[]> got = run(p, p.op("multiply", x, y), p.op("less", s, t), p.op("equal", s, t));
    double[] want = new double[n];
    long[] lt = new long[n];
    long[] eq = new long[n];
    double[] ar = real(a, F32);
    double[] br = real(b, F32);
    for (int i = 0; i < n; i++) {
      want[i] = ar[i] * br[i];
      lt[i] = u[i] < v[i] ? 1 : 0;
      eq[i] = u[i] == v[i] ? 1 : 0;
    }
    close(got.get(0), want, 1, "multiply (2000 random)");
    exact(got.get(1), lt, "less (2000 random)");
    exact(got.get(2), eq, "equal (2000 random)");
  }

  @Test
  void unaryNegateAbsSign() {
    counted();
    for (DType t : new DType[] {F32, I32, I64}) {
      for (Visibility v : VIS) {
        for (int[] s : new int[][] {shape(11), shape()}) {
          int n = Ref.size(s);
          long[] a = gen(t, t, Dom.ADD, n, false);
          Prog p = new Prog();
          Value x = p.arg(v, t, s, a);
          List<long[]> got = run(p, p.op("negate", x), p.op("abs", x), p.op("sign", x));
          long one = t.isFixedPoint() ? 1L << F : 1;
          long[] neg = new long[n];
          long[] abs = new long[n];
          long[] sign = new long[n];
          for (int i = 0; i < n; i++) {
            neg[i] = -a[i];
            abs[i] = Math.abs(a[i]);
            sign[i] = Long.signum(a[i]) * one;
          }
          exact(got.get(0), neg, ctx("negate", t, v, s));
          exact(got.get(1), abs, ctx("abs", t, v, s));
          exact(got.get(2), sign, ctx("sign", t, v, s));
        }
      }
    }
  }

  // ------------------------------------------------------------------ select, clamp

  @Test
  void selectEveryPredicateKindAndBranchVisibility() {
    counted();
    DType[][] branchTypes = {{F32, F32}, {I32, F32}, {I64, I64}};
    for (String pk : PRED_KINDS) {
      for (Visibility va : VIS) {
        for (Visibility vb : VIS) {
          for (DType[] bt : branchTypes) {
            int[] s = shape(2, 6);
            int n = 12;
            long[] bits = bits(n);
            long[] a = gen(bt[0], bt[1], Dom.ADD, n, false);
            long[] b = gen(bt[1], bt[0], Dom.ADD, n, true);
            Prog p = new Prog();
            Value pred = p.pred(pk, s, bits);
            Value z = p.op("select", pred, p.arg(va, bt[0], s, a), p.arg(vb, bt[1], s, b));
            long[] got = run(p, z).get(0);
            DType d = DType.promote(bt[0], bt[1]);
            long[] pa = promote(a, bt[0], d);
            long[] pb = promote(b, bt[1], d);
            long[] want = new long[n];
            for (int i = 0; i < n; i++) {
              want[i] = bits[i] != 0 ? pa[i] : pb[i];
            }
            exact(got, want, ctx("select", pk, bt[0], va, bt[1], vb));
          }
          // i1 branches: comparison results muxed by the predicate.
          int n = 8;
          int[] s = shape(n);
          long[] bits = bits(n);
          long[] ba = bits(n);
          long[] bb = bits(n);
          Prog p = new Prog();
          Value pred = p.pred(pk, s, bits);
          Value x = va == SECRET ? p.pred("secB", s, ba) : p.pred("pub", s, ba);
          Value y = vb == SECRET ? p.pred("secA", s, bb) : p.pred("pub", s, bb);
          long[] got = run(p, p.op("select", pred, x, y)).get(0);
          long[] want = new long[n];
          for (int i = 0; i < n; i++) {
            want[i] = bits[i] != 0 ? ba[i] : bb[i];
          }
          exact(got, want, ctx("select i1", pk, va, vb));
        }
      }
    }
    // A scalar predicate.
    for (String pk : PRED_KINDS) {
      for (long bit : new long[] {0, 1}) {
        Prog p = new Prog();
        Value pred = p.pred(pk, shape(), new long[] {bit});
        long[] a = enc(1.5, -2, 3);
        long[] b = enc(-7, 8.25, 0);
        Value z =
            p.op("select", pred, p.arg(SECRET, F32, shape(3), a), p.arg(PUBLIC, F32, shape(3), b));
        exact(run(p, z).get(0), bit != 0 ? a : b, ctx("select scalar", pk, bit));
      }
    }
  }

  @Test
  void clampWithScalarAndFullBounds() {
    counted();
    for (Visibility vx : VIS) {
      for (Visibility vb : VIS) {
        int n = 9;
        long[] x = enc(-5, -1.5, 0, 0.25, 1, 2.75, 3, 100, -100);
        // Scalar bounds, mixed dtypes: int lower bound, fixed upper bound.
        Prog p = new Prog();
        Value lo = p.arg(vb, I32, shape(), new long[] {-2});
        Value hi = p.arg(vb, F32, shape(), enc(2.5));
        Value z = p.op("clamp", lo, p.arg(vx, F32, shape(n), x), hi);
        long[] want = new long[n];
        for (int i = 0; i < n; i++) {
          want[i] = Math.min(Math.max(x[i], -2L << F), enc(2.5)[0]);
        }
        exact(run(p, z).get(0), want, ctx("clamp scalar", vx, vb));
        // Full bounds.
        long[] l = gen(I64, I64, Dom.ADD, n, false);
        long[] h = new long[n];
        long[] xi = gen(I64, I64, Dom.ADD, n, true);
        for (int i = 0; i < n; i++) {
          h[i] = l[i] / 2 + Math.abs(l[i] / 2) + 5; // h ≥ l
        }
        Prog q = new Prog();
        Value z2 =
            q.op(
                "clamp",
                q.arg(vb, I64, shape(n), l),
                q.arg(vx, I64, shape(n), xi),
                q.arg(vb, I64, shape(n), h));
        for (int i = 0; i < n; i++) {
          want[i] = Math.min(Math.max(xi[i], l[i]), h[i]);
        }
        exact(run(q, z2).get(0), want, ctx("clamp full", vx, vb));
      }
    }
  }

  // ------------------------------------------------------------------ logic

  @Test
  void logicalOpsOnPredicatesOfEveryKind() {
    counted();
    int n = 8;
    int[] s = shape(n);
    for (String ka : PRED_KINDS) {
      for (String kb : PRED_KINDS) {
        long[] a = bits(n);
        long[] b = bits(n);
        a[2] = 1;
        b[2] = 1;
        a[3] = 0;
        b[3] = 0;
        Prog p = new Prog();
        Value x = p.pred(ka, s, a);
        Value y = p.pred(kb, s, b);
        List<long[]> got =
            run(p, p.op("and", x, y), p.op("or", x, y), p.op("xor", x, y), p.op("not", x));
        long[][] want = new long[4][n];
        for (int i = 0; i < n; i++) {
          want[0][i] = a[i] & b[i];
          want[1][i] = a[i] | b[i];
          want[2][i] = a[i] ^ b[i];
          want[3][i] = a[i] ^ 1;
        }
        String[] names = {"and", "or", "xor", "not"};
        for (int k = 0; k < 4; k++) {
          exact(got.get(k), want[k], ctx(names[k], ka, kb));
        }
        // Comparisons of predicates.
        Prog q = new Prog();
        Value x2 = q.pred(ka, s, a);
        Value y2 = q.pred(kb, s, b);
        List<long[]> cmp = run(q, q.op("equal", x2, y2), q.op("less", x2, y2));
        long[] eq = new long[n];
        long[] lt = new long[n];
        for (int i = 0; i < n; i++) {
          eq[i] = a[i] == b[i] ? 1 : 0;
          lt[i] = a[i] < b[i] ? 1 : 0;
        }
        exact(cmp.get(0), eq, ctx("equal i1", ka, kb));
        exact(cmp.get(1), lt, ctx("less i1", ka, kb));
      }
    }
  }

  @Test
  void bitwiseOpsOnIntegers() {
    counted();
    for (Visibility va : VIS) {
      for (Visibility vb : VIS) {
        int n = 9;
        long[] a = gen(I32, I32, Dom.ADD, n, false);
        long[] b = gen(I32, I32, Dom.ADD, n, true);
        Prog p = new Prog();
        Value x = p.arg(va, I32, shape(3, 3), a);
        Value y = p.arg(vb, I32, shape(3, 3), b);
        List<long[]> got =
            run(p, p.op("and", x, y), p.op("or", x, y), p.op("xor", x, y), p.op("not", x));
        long[][] want = new long[4][n];
        for (int i = 0; i < n; i++) {
          want[0][i] = a[i] & b[i];
          want[1][i] = a[i] | b[i];
          want[2][i] = a[i] ^ b[i];
          want[3][i] = ~a[i];
        }
        String[] names = {"and", "or", "xor", "not"};
        for (int k = 0; k < 4; k++) {
          exact(got.get(k), want[k], ctx(names[k], va, vb));
        }
      }
    }
  }

  @Test
  void shiftsOnPublicIntegersAndShiftLeftOfASecret() {
    counted();
    long[] x = {1, -1, 5, -8, Integer.MAX_VALUE, Integer.MIN_VALUE, 12345, 3};
    long[] k = {0, 1, 3, 2, 31, 4, 40, -1};
    Prog p = new Prog();
    Value a = p.arg(PUBLIC, I32, shape(8), x);
    Value b = p.arg(PUBLIC, I32, shape(8), k);
    List<long[]> got =
        run(
            p,
            p.op("shift_left", a, b),
            p.op("shift_right_arithmetic", a, b),
            p.op("shift_right_logical", a, b));
    long[] sl = new long[8];
    long[] sra = new long[8];
    long[] srl = new long[8];
    for (int i = 0; i < 8; i++) {
      boolean out = k[i] < 0 || k[i] >= 32;
      int kk = (int) k[i];
      sl[i] = out ? 0 : x[i] << kk;
      sra[i] = out ? (x[i] < 0 ? -1 : 0) : x[i] >> kk;
      srl[i] = out ? 0 : (int) ((int) x[i] >>> kk);
    }
    exact(got.get(0), sl, "shift_left");
    exact(got.get(1), sra, "shift_right_arithmetic");
    exact(got.get(2), srl, "shift_right_logical");

    Prog q = new Prog();
    Value z =
        q.op(
            "shift_left",
            q.arg(SECRET, I64, shape(4), new long[] {1, -3, 7, 0}),
            q.arg(PUBLIC, I64, shape(4), new long[] {2, 5, 0, 9}));
    exact(run(q, z).get(0), new long[] {4, -96, 7, 0}, "shift_left secret");

    Prog r = new Prog();
    Value w =
        r.op(
            "shift_right_arithmetic",
            r.arg(SECRET, I64, shape(1), new long[] {8}),
            r.arg(PUBLIC, I64, shape(1), new long[] {1}));
    assertUnsupported(r, w, "shift");
  }

  private void assertUnsupported(Prog p, Value out, String fragment) {
    assertThatThrownBy(() -> run(p, out))
        .isInstanceOf(PartyFailureException.class)
        .hasCauseInstanceOf(UnsupportedOpException.class)
        .hasMessageContaining(fragment);
  }

  // ------------------------------------------------------------------ divide, remainder, power

  @Test
  void divide() {
    counted();
    // public ÷ public, fixed point: nearest ulp.
    double[] x = {1, -1, 7.5, -100.25, 1e-3, 12345.678, 0, 3};
    double[] y = {3, 3, -0.5, 7, 1e-3, -0.1, 5, 1024};
    Prog p = new Prog();
    Value z =
        p.op("divide", p.arg(PUBLIC, F32, shape(8), enc(x)), p.arg(PUBLIC, F32, shape(8), enc(y)));
    double[] want = new double[8];
    double[] xr = real(enc(x), F32);
    double[] yr = real(enc(y), F32);
    for (int i = 0; i < 8; i++) {
      want[i] = xr[i] / yr[i];
    }
    close(run(p, z).get(0), want, 0.5, "divide pub fixed");

    // public ÷ public, integers: truncation toward zero.
    long[] xi = {7, -7, 7, -7, 0, Long.MIN_VALUE};
    long[] yi = {2, 2, -2, -2, 5, -1};
    Prog q = new Prog();
    Value zi = q.op("divide", q.arg(PUBLIC, I64, shape(6), xi), q.arg(PUBLIC, I64, shape(6), yi));
    long[] wi = new long[6];
    for (int i = 0; i < 6; i++) {
      wi[i] = xi[i] / yi[i];
    }
    exact(run(q, zi).get(0), wi, "divide pub int");

    // secret ÷ public: fixed and int divisors (mixed).
    for (DType dt : new DType[] {F32, I32}) {
      double[] sx = {1, -1, 7.5, -100.25, 2000, 0.001, 0, -4096};
      double[] sy =
          dt == F32
              ? new double[] {3, -3, 0.7, 7, 1000.5, 0.25, 5, -1.5}
              : new double[] {3, -3, 7, 7, 1000, 2, 5, -1};
      long[] yring = dt == F32 ? enc(sy) : Arrays.stream(sy).mapToLong(v -> (long) v).toArray();
      Prog r = new Prog();
      Value zs =
          r.op("divide", r.arg(SECRET, F32, shape(8), enc(sx)), r.arg(PUBLIC, dt, shape(8), yring));
      double[] sxr = real(enc(sx), F32);
      double[] syr = real(yring, dt);
      double minAbs = Arrays.stream(syr).map(Math::abs).min().orElseThrow();
      long[] got = run(r, zs).get(0);
      for (int i = 0; i < 8; i++) {
        double w = sxr[i] / syr[i];
        // 1 ulp truncation + the reciprocal's rounding, relative to the smallest divisor.
        double tol =
            2 * ULP + Math.abs(sxr[i]) * ULP / Math.min(1, minAbs / 2) / Math.max(1, minAbs / 2);
        double g = FixedPoint.decode(got[i], F);
        assertThat(Math.abs(g - w)).as(ctx("divide sec/pub", dt, i, g, w)).isLessThanOrEqualTo(tol);
      }
    }

    // ÷ secret (fixed point): normalisation + Goldschmidt (hal.math), 1e-4 + 1e-3·|q|.
    for (Visibility va : VIS) {
      double[] na = {1, -1, 7.5, -100.25, 1000, 0.001, 0, -3};
      double[] db = {3, 3, -0.5, 7, 1e-3, -0.1, 5, 1024};
      Prog s = new Prog();
      Value qs =
          s.op("divide", s.arg(va, F32, shape(8), enc(na)), s.arg(SECRET, F32, shape(8), enc(db)));
      double[] wq = new double[8];
      double[] nr = real(enc(na), F32);
      double[] dr = real(enc(db), F32);
      for (int i = 0; i < 8; i++) {
        wq[i] = nr[i] / dr[i];
      }
      within(run(s, qs).get(0), wq, ctx("divide by secret", va));
    }
    Prog s2 = new Prog();
    Value bad =
        s2.op(
            "divide",
            s2.arg(SECRET, I32, shape(2), new long[] {4, 6}),
            s2.arg(SECRET, I32, shape(2), new long[] {2, 3}));
    assertUnsupported(s2, bad, "secret integer division");
    Prog t = new Prog();
    Value bad2 =
        t.op(
            "divide",
            t.arg(SECRET, I32, shape(2), new long[] {4, 6}),
            t.arg(PUBLIC, I32, shape(2), new long[] {2, 3}));
    assertUnsupported(t, bad2, "secret integer division");
  }

  @Test
  void remainderOnPublicValues() {
    counted();
    long[] xi = {7, -7, 7, -7, 0, 13};
    long[] yi = {3, 3, -3, -3, 5, 13};
    Prog p = new Prog();
    Value z = p.op("remainder", p.arg(PUBLIC, I32, shape(6), xi), p.arg(PUBLIC, I32, shape(6), yi));
    long[] want = new long[6];
    for (int i = 0; i < 6; i++) {
      want[i] = xi[i] % yi[i];
    }
    exact(run(p, z).get(0), want, "remainder int");
    double[] x = {5.5, -5.5, 7.25, 0.75};
    double[] y = {2, 2, -0.5, 1};
    Prog q = new Prog();
    Value zf =
        q.op(
            "remainder",
            q.arg(PUBLIC, F32, shape(4), enc(x)),
            q.arg(PUBLIC, F32, shape(4), enc(y)));
    double[] wf = new double[4];
    for (int i = 0; i < 4; i++) {
      wf[i] = x[i] % y[i];
    }
    close(run(q, zf).get(0), wf, 0, "remainder fixed");
    Prog r = new Prog();
    Value bad =
        r.op(
            "remainder",
            r.arg(SECRET, I32, shape(1), new long[] {5}),
            r.arg(PUBLIC, I32, shape(1), new long[] {2}));
    assertUnsupported(r, bad, "remainder");
  }

  @Test
  void power() {
    counted();
    double[] base = {1.5, -2, 0.5, 3, -1.25, 0, 2, 1.1};
    long[] e = {0, 1, 2, 3, 3, 2, 5, 4};
    for (Visibility v : VIS) {
      // Fixed-point base, integer exponent (mixed dtypes: result f32).
      Prog p = new Prog();
      Value z = p.op("power", p.arg(v, F32, shape(8), enc(base)), p.arg(PUBLIC, I32, shape(8), e));
      double[] want = new double[8];
      for (int i = 0; i < 8; i++) {
        want[i] = Math.pow(base[i], e[i]);
      }
      long[] got = run(p, z).get(0);
      for (int i = 0; i < 8; i++) {
        double g = FixedPoint.decode(got[i], F);
        // Each product truncates once; errors grow with the magnitude of the partial powers.
        assertThat(Math.abs(g - want[i]))
            .as(ctx("power", v, i))
            .isLessThanOrEqualTo(8 * ULP * Math.max(1, Math.abs(want[i])));
      }
      // Integers, ring semantics.
      long[] bi = {2, -3, 7, 0, 1, -1};
      long[] ei = {10, 3, 0, 4, 9, 5};
      Prog q = new Prog();
      Value zi = q.op("power", q.arg(v, I64, shape(6), bi), q.arg(PUBLIC, I64, shape(6), ei));
      long[] wi = new long[6];
      for (int i = 0; i < 6; i++) {
        wi[i] = (long) Math.pow(bi[i], ei[i]);
      }
      exact(run(q, zi).get(0), wi, ctx("power int", v));
    }
    // Secret exponents, negative and fractional public exponents: exp(y·log x), 1/x (hal.math).
    double[] px = {2, 0.5, 3, 10, 1.5, 100};
    double[] py = {2, -1.5, 0.25, -2, 3, 0.5};
    for (Visibility vx : VIS) {
      for (Visibility vy : VIS) {
        if (vx == PUBLIC && vy == PUBLIC) {
          continue;
        }
        Prog r = new Prog();
        Value z =
            r.op("power", r.arg(vx, F32, shape(6), enc(px)), r.arg(vy, F32, shape(6), enc(py)));
        double[] want = new double[6];
        for (int i = 0; i < 6; i++) {
          want[i] = Math.pow(real(enc(px), F32)[i], real(enc(py), F32)[i]);
        }
        within(run(r, z).get(0), want, ctx("power", vx, vy));
      }
    }
    Prog r = new Prog();
    Value zi =
        r.op(
            "power",
            r.arg(SECRET, F32, shape(4), enc(2, -4, 0.5, 3)),
            r.arg(PUBLIC, I32, shape(4), new long[] {-1, -2, -3, 0}));
    within(run(r, zi).get(0), new double[] {0.5, 1.0 / 16, 8, 1}, "power, negative integers");
  }

  /** The accuracy target of the fixed-point math: |got − want| ≤ 1e-4 + 1e-3·|want|. */
  static void within(long[] got, double[] want, String ctx) {
    assertThat(got).as(ctx).hasSize(want.length);
    for (int i = 0; i < want.length; i++) {
      double g = FixedPoint.decode(got[i], F);
      double tol = 1e-4 + 1e-3 * Math.abs(want[i]);
      if (!(Math.abs(g - want[i]) <= tol)) {
        fail(ctx + " element " + i + ": got " + g + ", want " + want[i] + " ± " + tol);
      }
    }
  }

  // ------------------------------------------------------------------ fixed-point math

  @Test
  void fixedPointMathOnPublicAndSecretOperands() {
    counted();
    String[] ops = {
      "exponential", "log", "log_plus_one", "reciprocal", "sqrt", "rsqrt", "logistic", "tanh", "erf"
    };
    java.util.function.DoubleUnaryOperator[] ref = {
      Math::exp,
      Math::log,
      Math::log1p,
      v -> 1 / v,
      Math::sqrt,
      v -> 1 / Math.sqrt(v),
      v -> 1 / (1 + Math.exp(-v)),
      Math::tanh,
      dev.spu.kernels.hal.math.Erf::erf
    };
    double[][] in = {
      {-16, -3.5, 0, 0.7, 5, 16},
      {0x1p-16, 0.3, 1, 2.5, 1000, 65536},
      {-0.99, -0.2, 0, 1e-3, 3, 65536},
      {-65536, -3, 0x1p-16, 0.7, 9, 65536},
      {0, 0x1p-18, 0.3, 2, 1000, 65536},
      {0x1p-18, 0.01, 1, 3, 4096, 65536},
      {-16, -2, 0, 0.5, 3, 16},
      {-8, -1, 0, 0.01, 2, 8},
      {-4, -0.5, 0, 0.05, 1.5, 4}
    };
    for (int k = 0; k < ops.length; k++) {
      for (Visibility v : VIS) {
        for (DType dt : new DType[] {F32, F64}) {
          Prog p = new Prog();
          Value z = p.op(ops[k], p.arg(v, dt, shape(2, 3), enc(in[k])));
          double[] xr = real(enc(in[k]), dt);
          double[] want = new double[xr.length];
          for (int i = 0; i < want.length; i++) {
            want[i] = ref[k].applyAsDouble(xr[i]);
          }
          long[] got = run(p, z).get(0);
          if (v == PUBLIC) {
            close(got, want, 0.5, ctx(ops[k], v, dt));
          } else {
            within(got, want, ctx(ops[k], v, dt));
          }
        }
      }
    }
    // Public operands outside the domain are a clear error; integer operands are rejected.
    Prog p = new Prog();
    Value bad = p.op("log", p.arg(PUBLIC, F32, shape(2), enc(1, -1)));
    assertThatThrownBy(() -> run(p, bad))
        .hasMessageContaining("pphlo.log")
        .hasMessageContaining("element 1");
    assertThatThrownBy(
            () ->
                new Prog().op("exponential", new Prog().arg(SECRET, I32, shape(1), new long[] {1})))
        .isInstanceOf(dev.spu.pphlo.TypeException.class);
  }

  // ------------------------------------------------------------------ convert

  @Test
  void convertBetweenIntFixedAndBool() {
    counted();
    Visibility[][] visPairs = {{PUBLIC, PUBLIC}, {PUBLIC, SECRET}, {SECRET, SECRET}};
    for (Visibility[] vp : visPairs) {
      // int → fixed, exact.
      long[] xi = {0, 1, -1, 1000, -(1L << 40), 123456};
      Prog p = new Prog();
      Value a = p.arg(vp[0], I32, shape(6), xi);
      Value f = p.op("convert", Attributes.EMPTY, tt(vp[1], F32, 6), a);
      Value i64 = p.op("convert", Attributes.EMPTY, tt(vp[1], I64, 6), a);
      Value nz = p.op("convert", Attributes.EMPTY, tt(vp[1], I1, 6), a);
      List<long[]> got = run(p, f, i64, nz);
      exact(got.get(0), promote(xi, I32, F32), ctx("convert i32→f32", vp[0], vp[1]));
      exact(got.get(1), xi, ctx("convert i32→i64", vp[0], vp[1]));
      exact(
          got.get(2),
          Arrays.stream(xi).map(v -> v != 0 ? 1 : 0).toArray(),
          ctx("convert i32→i1", vp[0], vp[1]));

      // fixed → int: floor (a secret may exceed the floor by 1, truncA); fixed → i1; f32 → f64.
      double[] xf = {0, 1, -1, 2.5, -2.5, 1e-5, -1e-5, 1000.75};
      Prog q = new Prog();
      Value b = q.arg(vp[0], F32, shape(8), enc(xf));
      List<long[]> g2 =
          run(
              q,
              q.op("convert", Attributes.EMPTY, tt(vp[1], I32, 8), b),
              q.op("convert", Attributes.EMPTY, tt(vp[1], I1, 8), b),
              q.op("convert", Attributes.EMPTY, tt(vp[1], F64, 8), b));
      for (int i = 0; i < 8; i++) {
        long floor = (long) Math.floor(real(enc(xf), F32)[i]);
        long gotI = g2.get(0)[i];
        if (vp[0] == SECRET) {
          assertThat(gotI).as(ctx("convert f32→i32 secret", i)).isBetween(floor, floor + 1);
        } else {
          assertThat(gotI).as(ctx("convert f32→i32 public", i)).isEqualTo(floor);
        }
      }
      exact(
          g2.get(1),
          Arrays.stream(enc(xf)).map(v -> v != 0 ? 1 : 0).toArray(),
          ctx("convert f32→i1", vp[0], vp[1]));
      exact(g2.get(2), enc(xf), ctx("convert f32→f64", vp[0], vp[1]));
    }
    // i1 of every kind → f32 and i32.
    for (String pk : PRED_KINDS) {
      long[] bits = bits(6);
      Prog p = new Prog();
      Value pr = p.pred(pk, shape(6), bits);
      Visibility v = pk.equals("pub") ? PUBLIC : SECRET;
      List<long[]> got =
          run(
              p,
              p.op("convert", Attributes.EMPTY, tt(v, F32, 6), pr),
              p.op("convert", Attributes.EMPTY, tt(v, I32, 6), pr));
      exact(got.get(0), promote(bits, I32, F32), ctx("convert i1→f32", pk));
      exact(got.get(1), bits, ctx("convert i1→i32", pk));
    }
  }

  // ------------------------------------------------------------------ linear algebra

  @Test
  void dotAllShapeFormsAndVisibilities() {
    counted();
    int[][][] forms = {
      {{5}, {5}}, {{3, 5}, {5}}, {{5}, {5, 4}}, {{3, 5}, {5, 4}}, {{1, 1}, {1, 1}}
    };
    DType[][] types = {{F32, F32}, {I32, I64}, {I32, F32}};
    for (int[][] form : forms) {
      for (DType[] t : types) {
        for (Visibility va : VIS) {
          for (Visibility vb : VIS) {
            checkDot(form[0], form[1], t[0], t[1], va, vb);
          }
        }
      }
    }
  }

  @Test
  void largerSecretMatmul() {
    counted();
    checkDot(shape(17, 33), shape(33, 9), F32, F32, SECRET, SECRET);
    checkDot(shape(17, 33), shape(33, 9), F32, F32, SECRET, PUBLIC);
  }

  private void checkDot(int[] sa, int[] sb, DType ta, DType tb, Visibility va, Visibility vb) {
    int m = sa.length == 2 ? sa[0] : 1;
    int k = sa[sa.length - 1];
    int n = sb.length == 2 ? sb[1] : 1;
    long[] a = smallValues(ta, Ref.size(sa));
    long[] b = smallValues(tb, Ref.size(sb));
    Prog p = new Prog();
    Value z = p.op("dot", p.arg(va, ta, sa, a), p.arg(vb, tb, sb, b));
    long[] got = run(p, z).get(0);
    checkMatmul(got, a, b, ta, tb, 1, m, k, n, ctx("dot", sa, sb, ta, tb, va, vb));
  }

  /** Values with small products: fixed point in ±8, integers in ±1000. */
  long[] smallValues(DType t, int n) {
    long[] r = new long[n];
    for (int i = 0; i < n; i++) {
      r[i] =
          t.isFixedPoint()
              ? (long) ((rnd.nextDouble() * 16 - 8) * (1L << F))
              : rnd.nextInt(2001) - 1000;
    }
    if (n > 1) {
      r[0] = 0;
      r[1] = t.isFixedPoint() ? -(1L << F) : -1;
    }
    return r;
  }

  /** Batched [batch, m, k] · [batch, k, n] reference (exact ring for ints, double for fixed). */
  static void checkMatmul(
      long[] got,
      long[] a,
      long[] b,
      DType ta,
      DType tb,
      int batch,
      int m,
      int k,
      int n,
      String c) {
    boolean fixed2 = ta.isFixedPoint() && tb.isFixedPoint();
    long[] wantRing = new long[batch * m * n];
    double[] want = new double[batch * m * n];
    double[] ar = real(a, ta);
    double[] br = real(b, tb);
    for (int q = 0; q < batch; q++) {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          long s = 0;
          double d = 0;
          for (int t = 0; t < k; t++) {
            s += a[q * m * k + i * k + t] * b[q * k * n + t * n + j];
            d += ar[q * m * k + i * k + t] * br[q * k * n + t * n + j];
          }
          wantRing[q * m * n + i * n + j] = s;
          want[q * m * n + i * n + j] = d;
        }
      }
    }
    if (fixed2) {
      close(got, want, 1, c);
    } else {
      exact(got, wantRing, c);
    }
  }

  @Test
  void dotGeneralWithBatchAndPermutedDims() {
    counted();
    for (Visibility va : VIS) {
      for (Visibility vb : VIS) {
        // lhs [2,3,4] (batch 0, contract 2), rhs [4,2,5] (batch 1, contract 0) → [2,3,5].
        long[] a = smallValues(F32, 24);
        long[] b = smallValues(F32, 40);
        Prog p = new Prog();
        Attributes at =
            Attributes.builder()
                .put("lhs_batching_dimensions", new long[] {0})
                .put("rhs_batching_dimensions", new long[] {1})
                .put("lhs_contracting_dimensions", new long[] {2})
                .put("rhs_contracting_dimensions", new long[] {0})
                .build();
        Value z =
            p.op(
                "dot_general",
                at,
                p.arg(va, F32, shape(2, 3, 4), a),
                p.arg(vb, F32, shape(4, 2, 5), b));
        long[] got = run(p, z).get(0);
        long[] bt = Ref.transpose(b, shape(4, 2, 5), new int[] {1, 0, 2}); // [2,4,5]
        checkMatmul(got, a, bt, F32, F32, 2, 3, 4, 5, ctx("dot_general batch", va, vb));

        // Two contracting dims, no batch: lhs [3,2,4] contract {1,2}; rhs [4,2,5] contract {1,0}.
        long[] c = smallValues(I32, 24);
        long[] d = smallValues(F32, 40);
        Prog q = new Prog();
        Attributes at2 =
            Attributes.builder()
                .put("lhs_batching_dimensions", new long[0])
                .put("rhs_batching_dimensions", new long[0])
                .put("lhs_contracting_dimensions", new long[] {1, 2})
                .put("rhs_contracting_dimensions", new long[] {1, 0})
                .build();
        Value z2 =
            q.op(
                "dot_general",
                at2,
                q.arg(va, I32, shape(3, 2, 4), c),
                q.arg(vb, F32, shape(4, 2, 5), d));
        long[] got2 = run(q, z2).get(0);
        long[] dt = Ref.transpose(d, shape(4, 2, 5), new int[] {1, 0, 2}); // [2,4,5] = [k=8, n=5]
        checkMatmul(got2, c, dt, I32, F32, 1, 3, 8, 5, ctx("dot_general 2 contracting", va, vb));
      }
    }
  }

  // ------------------------------------------------------------------ layout

  @Test
  void layoutOps() {
    counted();
    int[] s = shape(2, 3, 4);
    for (Visibility v : VIS) {
      for (DType t : new DType[] {F32, I64}) {
        long[] x = gen(t, t, Dom.ADD, 24, false);
        Prog p = new Prog();
        Value a = p.arg(v, t, s, x);
        int[] perm = {2, 0, 1};
        Value tr = p.op("transpose", Attributes.of("permutation", perm), a);
        Value rs = p.op("reshape", Attributes.EMPTY, tt(v, t, 6, 4), a);
        Value sl =
            p.op(
                "slice",
                Attributes.builder()
                    .put("start_indices", new int[] {0, 1, 1})
                    .put("limit_indices", new int[] {2, 3, 4})
                    .put("strides", new int[] {1, 1, 2})
                    .build(),
                a);
        Value bc =
            p.op(
                "broadcast_in_dim",
                Attributes.of("broadcast_dimensions", new int[] {0, 2, 3}),
                tt(v, t, 2, 5, 3, 4),
                a);
        List<long[]> got = run(p, tr, rs, sl, bc);
        exact(got.get(0), Ref.transpose(x, s, perm), ctx("transpose", v, t));
        exact(got.get(1), x, ctx("reshape", v, t));
        exact(
            got.get(2),
            Ref.slice(x, s, new int[] {0, 1, 1}, new int[] {2, 3, 4}, new int[] {1, 1, 2}),
            ctx("slice", v, t));
        exact(
            got.get(3),
            Ref.broadcast(x, s, shape(2, 5, 3, 4), new int[] {0, 2, 3}),
            ctx("broadcast_in_dim", v, t));

        // A size-1 dimension broadcast and a scalar broadcast.
        long[] y = gen(t, t, Dom.ADD, 3, false);
        Prog q = new Prog();
        Value b = q.arg(v, t, shape(3, 1), y);
        Value sc = q.arg(v, t, shape(), new long[] {y[0]});
        Value b1 =
            q.op(
                "broadcast_in_dim",
                Attributes.of("broadcast_dimensions", new int[] {0, 1}),
                tt(v, t, 3, 4),
                b);
        Value b2 =
            q.op(
                "broadcast_in_dim",
                Attributes.of("broadcast_dimensions", new int[0]),
                tt(v, t, 2, 2),
                sc);
        List<long[]> g2 = run(q, b1, b2);
        exact(
            g2.get(0),
            Ref.broadcast(y, shape(3, 1), shape(3, 4), new int[] {0, 1}),
            ctx("broadcast size-1", v, t));
        exact(g2.get(1), new long[] {y[0], y[0], y[0], y[0]}, ctx("broadcast scalar", v, t));
      }
    }
  }

  @Test
  void concatenateMixedVisibilityAndDtype() {
    counted();
    for (Visibility v0 : VIS) {
      for (Visibility v1 : VIS) {
        long[] a = gen(I32, F32, Dom.ADD, 6, false); // [2,3] i32
        long[] b = gen(F32, F32, Dom.ADD, 4, false); // [2,2] f32
        long[] c = gen(F32, F32, Dom.ADD, 2, true); // [2,1] f32
        Prog p = new Prog();
        Value z =
            p.op(
                "concatenate",
                Attributes.of("dimension", 1),
                p.arg(v0, I32, shape(2, 3), a),
                p.arg(v1, F32, shape(2, 2), b),
                p.arg(PUBLIC, F32, shape(2, 1), c));
        long[] want =
            Ref.concat(
                new long[][] {promote(a, I32, F32), b, c}, new int[][] {{2, 3}, {2, 2}, {2, 1}}, 1);
        exact(run(p, z).get(0), want, ctx("concatenate", v0, v1));
      }
    }
    // Predicates of different kinds.
    long[] pa = bits(4);
    long[] pb = bits(4);
    Prog p = new Prog();
    Value z =
        p.op(
            "concatenate",
            Attributes.of("dimension", 0),
            p.pred("secB", shape(4), pa),
            p.pred("pub", shape(4), pb));
    Value z2 =
        p.op(
            "concatenate",
            Attributes.of("dimension", 0),
            p.pred("secB", shape(4), pa),
            p.pred("secA", shape(4), pb));
    List<long[]> got = run(p, z, z2);
    long[] want = Ref.concat(new long[][] {pa, pb}, new int[][] {{4}, {4}}, 0);
    exact(got.get(0), want, "concatenate i1 bool+pub");
    exact(got.get(1), want, "concatenate i1 bool+arith");
  }

  @Test
  void padWithInteriorNegativeEdgesAndSecretValue() {
    counted();
    int[] lo = {1, -1};
    int[] hi = {2, 1};
    int[] in = {1, 2};
    for (Visibility vx : VIS) {
      for (Visibility vv : VIS) {
        long[] x = gen(F32, F32, Dom.ADD, 12, false);
        long pv = enc(-3.5)[0];
        Prog p = new Prog();
        Value z =
            p.op(
                "pad",
                Attributes.builder()
                    .put("edge_padding_low", lo)
                    .put("edge_padding_high", hi)
                    .put("interior_padding", in)
                    .build(),
                p.arg(vx, F32, shape(3, 4), x),
                p.arg(vv, I32, shape(), new long[] {-3}));
        long[] got = run(p, z).get(0);
        exact(got, Ref.pad(x, shape(3, 4), -3L << F, lo, hi, in), ctx("pad", vx, vv));
        Prog q = new Prog();
        Value z2 =
            q.op(
                "pad",
                Attributes.builder()
                    .put("edge_padding_low", new int[] {2})
                    .put("edge_padding_high", new int[] {0})
                    .put("interior_padding", new int[] {1})
                    .build(),
                q.arg(vx, F32, shape(3), new long[] {x[0], x[1], x[2]}),
                q.arg(vv, F32, shape(), new long[] {pv}));
        exact(
            run(q, z2).get(0),
            new long[] {pv, pv, x[0], pv, x[1], pv, x[2]},
            ctx("pad 1-d", vx, vv));
      }
    }
    // Predicates: a comparison result padded with a public false.
    long[] bits = bits(5);
    Prog p = new Prog();
    Value z =
        p.op(
            "pad",
            Attributes.builder()
                .put("edge_padding_low", new int[] {1})
                .put("edge_padding_high", new int[] {1})
                .put("interior_padding", new int[] {0})
                .build(),
            p.pred("secB", shape(5), bits),
            p.pred("pub", shape(), new long[] {1}));
    long[] want = new long[7];
    want[0] = 1;
    want[6] = 1;
    System.arraycopy(bits, 0, want, 1, 5);
    exact(run(p, z).get(0), want, "pad i1");
  }

  // ------------------------------------------------------------------ reduce, sources

  @Test
  void reduceEveryKindOverVariousDims() {
    counted();
    int[] s = shape(3, 4, 5);
    int[][] dimSets = {{1}, {0, 2}, {0, 1, 2}, {}, {2}};
    for (Visibility v : VIS) {
      for (int[] dims : dimSets) {
        for (String kind : new String[] {"add", "max", "min", "mul"}) {
          DType t = kind.equals("add") ? I64 : F32;
          long[] x = new long[60];
          for (int i = 0; i < 60; i++) {
            x[i] =
                switch (kind) {
                  case "add" -> gen(I64, I64, Dom.ADD, 1, false)[0] >> 8;
                  case "mul" -> enc(0.6 + rnd.nextDouble())[0];
                  default -> gen(F32, F32, Dom.ADD, 1, false)[0];
                };
          }
          long init =
              switch (kind) {
                case "add" -> 5;
                case "mul" -> enc(1)[0];
                case "max" -> -MAX;
                default -> MAX;
              };
          Prog p = new Prog();
          Value z =
              p.op(
                  "reduce",
                  Attributes.builder().put("dimensions", dims).put("kind", kind).build(),
                  p.arg(v, t, s, x),
                  p.arg(PUBLIC, t, shape(), new long[] {init}));
          long[] got = run(p, z).get(0);
          checkReduce(got, x, s, dims, kind, init, ctx("reduce", kind, v, dims));
        }
      }
    }
    // max with a -inf constant init, and or/and of predicates.
    Prog p = new Prog();
    Value x = p.arg(SECRET, F32, shape(2, 3), enc(1, -2, 3, -4, -5, -6));
    Value ninf =
        p.op(
            "constant",
            Attributes.of(
                "value",
                DenseElements.ofFloats(
                    Shape.SCALAR, F32, new double[] {Double.NEGATIVE_INFINITY})));
    Value m =
        p.op(
            "reduce",
            Attributes.builder().put("dimensions", new int[] {1}).put("kind", "max").build(),
            x,
            ninf);
    long[] bits = {1, 0, 0, 0, 0, 0, 1, 1, 1};
    Value pr = p.pred("secB", shape(3, 3), bits);
    Value f = p.pred("pub", shape(), new long[] {0});
    Value t = p.pred("pub", shape(), new long[] {1});
    Value any =
        p.op(
            "reduce",
            Attributes.builder().put("dimensions", new int[] {1}).put("kind", "max").build(),
            pr,
            f);
    Value all =
        p.op(
            "reduce",
            Attributes.builder().put("dimensions", new int[] {1}).put("kind", "min").build(),
            pr,
            t);
    List<long[]> got = run(p, m, any, all);
    exact(got.get(0), enc(3, -4), "reduce max -inf init");
    exact(got.get(1), new long[] {1, 0, 1}, "reduce i1 any");
    exact(got.get(2), new long[] {0, 0, 1}, "reduce i1 all");
  }

  private static void checkReduce(
      long[] got, long[] x, int[] s, int[] dims, String kind, long init, String c) {
    boolean[] red = new boolean[s.length];
    for (int d : dims) {
      red[d] = true;
    }
    List<Integer> kept = new ArrayList<>();
    for (int d = 0; d < s.length; d++) {
      if (!red[d]) {
        kept.add(s[d]);
      }
    }
    int[] out = kept.stream().mapToInt(Integer::intValue).toArray();
    int on = Ref.size(out);
    long[] accR = new long[on];
    double[] accD = new double[on];
    Arrays.fill(accR, init);
    Arrays.fill(accD, FixedPoint.decode(init, F));
    for (int i = 0; i < x.length; i++) {
      int[] ic = Ref.coords(i, s);
      int[] oc = new int[out.length];
      int k = 0;
      for (int d = 0; d < s.length; d++) {
        if (!red[d]) {
          oc[k++] = ic[d];
        }
      }
      int o = Ref.flat(oc, out);
      switch (kind) {
        case "add" -> accR[o] += x[i];
        case "max" -> accR[o] = Math.max(accR[o], x[i]);
        case "min" -> accR[o] = Math.min(accR[o], x[i]);
        default -> accD[o] *= FixedPoint.decode(x[i], F);
      }
    }
    if (kind.equals("mul")) {
      // One truncation per product in the tree, relative error grows mildly.
      for (int o = 0; o < on; o++) {
        double g = FixedPoint.decode(got[o], F);
        assertThat(Math.abs(g - accD[o]))
            .as(c + " element " + o)
            .isLessThanOrEqualTo(64 * ULP * Math.max(1, Math.abs(accD[o])));
      }
    } else {
      exact(got, accR, c);
    }
  }

  @Test
  void iotaAndConstants() {
    counted();
    Prog p = new Prog();
    Value io = p.op("iota", Attributes.of("iota_dimension", 1), tt(PUBLIC, I32, 2, 3));
    Value iof = p.op("iota", Attributes.of("iota_dimension", 0), tt(PUBLIC, F32, 2, 3));
    Value c =
        p.op(
            "constant",
            Attributes.of(
                "value",
                DenseElements.ofFloats(
                    Shape.of(2, 3), F32, new double[] {0.5, -1, 2.25, 0, 1e-3, -1e4})));
    Value splat =
        p.op(
            "constant",
            Attributes.of("value", DenseElements.ofInts(Shape.of(2, 3), I32, new long[] {-4})));
    Value bools =
        p.op(
            "constant",
            Attributes.of(
                "value", DenseElements.ofInts(Shape.of(2, 3), I1, new long[] {1, 0, 1, 1, 0, 0})));
    Value x = p.arg(SECRET, F32, shape(2, 3), enc(1, 2, 3, 4, 5, 6));
    Value sum = p.op("add", p.op("add", x, c), iof);
    Value prod = p.op("multiply", x, splat);
    Value sel = p.op("select", bools, x, iof);
    List<long[]> got = run(p, io, iof, c, splat, sum, prod, sel);
    exact(got.get(0), new long[] {0, 1, 2, 0, 1, 2}, "iota i32");
    exact(got.get(1), enc(0, 0, 0, 1, 1, 1), "iota f32");
    exact(got.get(2), enc(0.5, -1, 2.25, 0, 1e-3, -1e4), "constant f32");
    exact(got.get(3), new long[] {-4, -4, -4, -4, -4, -4}, "constant splat");
    exact(got.get(4), enc(1.5, 1, 5.25, 5, 6.001, -1e4 + 7), "secret + constant + iota");
    close(got.get(5), new double[] {-4, -8, -12, -16, -20, -24}, 0, "secret × int constant");
    exact(got.get(6), enc(1, 0, 3, 4, 1, 1), "select with a constant predicate");
  }

  /** Windowed ops (thorough suite: {@link WindowConformanceTest}); a few cases each here. */
  @Test
  void windowedOpsSmoke() {
    counted();
    new WindowCases(protocol().hashCode() + parties(), this::run).smoke();
  }

  /** Ops of the optimizer passes (thorough suite: {@link PassOpsConformanceTest}). */
  @Test
  void passOpsSmoke() {
    counted();
    new PassOpCases(protocol().hashCode() + 3L * parties(), this::run).smoke();
  }
}
