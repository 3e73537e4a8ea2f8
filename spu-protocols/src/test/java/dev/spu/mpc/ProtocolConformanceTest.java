package dev.spu.mpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spu.mpc.link.Endpoints;
import dev.spu.mpc.testing.Session;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The protocol-level conformance suite: every primitive on random and edge inputs, compared with
 * plaintext computed here. Subclasses name only the protocol and the party count. Integer and
 * boolean results must be exact; truncation may be off by one unit in the last place (ulp).
 */
public abstract class ProtocolConformanceTest {
  /** The protocol name for {@link Protocols#get}. */
  protected abstract String protocol();

  /** The number of compute parties. */
  protected abstract int parties();

  /** Largest |x| truncA must handle (the contract's encodable range is |x| < 2^62). */
  protected long truncRange() {
    return 1L << 62;
  }

  protected Session s;
  protected SplittableRandom rnd;

  @BeforeEach
  void startSession(TestInfo info) {
    byte[] seed = (protocol() + parties() + info.getDisplayName()).getBytes(StandardCharsets.UTF_8);
    s = Session.builder(protocol(), parties()).fixedSeed(seed).start();
    rnd = new SplittableRandom(Arrays.hashCode(seed));
  }

  @AfterEach
  void closeSession() {
    s.close();
  }

  // ---- helpers ----

  protected long[] random(int n) {
    long[] x = new long[n];
    for (int i = 0; i < n; i++) {
      x[i] = rnd.nextLong();
    }
    return x;
  }

  /** Random values with |x| < bound, mixed with some near ±bound. */
  protected long[] randomBounded(int n, long bound) {
    long[] x = new long[n];
    for (int i = 0; i < n; i++) {
      x[i] =
          i % 4 == 0
              ? (rnd.nextBoolean() ? bound - 1 - rnd.nextInt(1000) : -bound + rnd.nextInt(1000) + 1)
              : rnd.nextLong(-bound + 1, bound);
    }
    return x;
  }

  protected static final long[] EDGES = {
    0,
    1,
    -1,
    2,
    -2,
    Long.MAX_VALUE,
    Long.MIN_VALUE,
    Long.MAX_VALUE - 1,
    Long.MIN_VALUE + 1,
    1L << 62,
    -(1L << 62),
    (1L << 62) - 1,
    1L << 61,
    -(1L << 61),
    1L << 32,
    -(1L << 32),
    0x5555555555555555L,
    0xAAAAAAAAAAAAAAAAL
  };

  protected static long[] concat(long[]... xs) {
    int n = 0;
    for (long[] x : xs) {
      n += x.length;
    }
    long[] r = new long[n];
    int o = 0;
    for (long[] x : xs) {
      System.arraycopy(x, 0, r, o, x.length);
      o += x.length;
    }
    return r;
  }

  protected List<Share> in(long[] x) {
    return s.input(x);
  }

  /** Runs a one-operand op on every party and reveals the result to the driver. */
  protected long[] op1(
      String label, List<Share> a, java.util.function.BiFunction<Protocol, Share, Share> f) {
    return s.reveal(s.run(label, p -> f.apply(p, a.get(p.self()))).results());
  }

  protected long[] op2(String label, List<Share> a, List<Share> b, TriFunction f) {
    return s.reveal(s.run(label, p -> f.apply(p, a.get(p.self()), b.get(p.self()))).results());
  }

  /** A two-share op. */
  @FunctionalInterface
  protected interface TriFunction {
    Share apply(Protocol p, Share a, Share b);
  }

  protected List<Share> toB(List<Share> a) {
    return s.run("a2b", p -> p.a2b(a.get(p.self()))).results();
  }

  // ---- input and output ----

  @Test
  void inputThenOpenToAllToOnePartyAndToTheDriver() {
    long[] x = concat(random(17), EDGES);
    List<Share> a = in(x);
    List<long[]> opened = s.run("open", p -> p.open(a.get(p.self()))).results();
    for (long[] o : opened) {
      assertThat(o).containsExactly(x);
    }
    int target = parties() - 1;
    List<long[]> toOne = s.run("openTo", p -> p.openTo(a.get(p.self()), target)).results();
    for (int i = 0; i < parties(); i++) {
      if (i == target) {
        assertThat(toOne.get(i)).containsExactly(x);
      } else {
        assertThat(toOne.get(i)).isNull();
      }
    }
    assertThat(s.reveal(a)).containsExactly(x);
  }

  @Test
  void emptyAndScalarVectors() {
    long[] empty = new long[0];
    List<Share> e = in(empty);
    assertThat(op2("mul", e, e, Protocol::mulAA)).isEmpty();
    assertThat(op1("trunc", e, (p, a) -> p.truncA(a, 18))).isEmpty();
    long[] one = {-12345678901L};
    List<Share> a = in(one);
    assertThat(op2("mul", a, a, Protocol::mulAA)).containsExactly(one[0] * one[0]);
  }

  @Test
  void fromPublicInBothDomains() {
    long[] x = concat(random(5), EDGES);
    assertThat(s.reveal(s.run("pa", p -> p.fromPublic(Share.Kind.ARITH, x)).results()))
        .containsExactly(x);
    assertThat(s.reveal(s.run("pb", p -> p.fromPublic(Share.Kind.BOOL, x)).results()))
        .containsExactly(x);
  }

  // ---- arithmetic ----

  @Test
  void linearOpsAreExact() {
    long[] x = concat(random(40), EDGES);
    long[] y = concat(random(40), EDGES.clone());
    Collections2.reverse(y);
    List<Share> a = in(x);
    List<Share> b = in(y);
    long[] sum = new long[x.length];
    long[] neg = new long[x.length];
    long[] prodP = new long[x.length];
    for (int i = 0; i < x.length; i++) {
      sum[i] = x[i] + y[i];
      neg[i] = -x[i];
      prodP[i] = x[i] * y[i];
    }
    assertThat(op2("addAA", a, b, Protocol::addAA)).containsExactly(sum);
    assertThat(op1("addAP", a, (p, v) -> p.addAP(v, y))).containsExactly(sum);
    assertThat(op1("negA", a, Protocol::negA)).containsExactly(neg);
    assertThat(op1("mulAP", a, (p, v) -> p.mulAP(v, y))).containsExactly(prodP);
  }

  @Test
  void mulAAIsExactOnRandomAndEdgeValues() {
    long[] x = concat(random(100), EDGES, EDGES);
    long[] y = concat(random(100), EDGES, EDGES.clone());
    Collections2.rotate(y, x.length - 3);
    List<Share> a = in(x);
    List<Share> b = in(y);
    long[] want = new long[x.length];
    for (int i = 0; i < x.length; i++) {
      want[i] = x[i] * y[i];
    }
    assertThat(op2("mul", a, b, Protocol::mulAA)).containsExactly(want);
    // x·x uses the same share twice.
    long[] sq = new long[x.length];
    for (int i = 0; i < x.length; i++) {
      sq[i] = x[i] * x[i];
    }
    assertThat(op2("square", a, a, Protocol::mulAA)).containsExactly(sq);
  }

  @Test
  void matmulOnOddShapes() {
    int[][] shapes = {{1, 1, 1}, {33, 17, 5}, {2, 3, 4}, {5, 1, 7}, {1, 9, 1}, {4, 4, 1}};
    for (int[] sh : shapes) {
      int m = sh[0], k = sh[1], n = sh[2];
      long[] x = random(m * k);
      long[] y = random(k * n);
      long[] want = plainMatmul(x, y, m, k, n);
      List<Share> a = in(x);
      List<Share> b = in(y);
      String what = m + "x" + k + "·" + k + "x" + n;
      assertThat(op2("matmul", a, b, (p, u, v) -> p.matmulAA(u, v, m, k, n)))
          .as(what)
          .containsExactly(want);
      assertThat(op1("matmulAP", a, (p, u) -> p.matmulAP(u, y, m, k, n)))
          .as(what)
          .containsExactly(want);
      assertThat(op1("matmulPA", b, (p, v) -> p.matmulPA(x, v, m, k, n)))
          .as(what)
          .containsExactly(want);
    }
  }

  protected static long[] plainMatmul(long[] x, long[] y, int m, int k, int n) {
    long[] c = new long[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        long acc = 0;
        for (int t = 0; t < k; t++) {
          acc += x[i * k + t] * y[t * n + j];
        }
        c[i * n + j] = acc;
      }
    }
    return c;
  }

  @Test
  void truncAIsWithinOneUlpOnRandomAndEdgeValues() {
    long range = truncRange();
    long[] edges = {
      0,
      1,
      -1,
      2,
      -2,
      1L << 18,
      -(1L << 18),
      (1L << 61),
      -(1L << 61),
      (1L << 61) + 12345,
      -(1L << 61) - 12345,
      range - 1,
      -range + 1
    };
    long[] x = concat(randomBounded(300, range), edges, random(50 /* reduced below */));
    for (int i = x.length - 50; i < x.length; i++) {
      x[i] = x[i] % range;
    }
    List<Share> a = in(x);
    for (int f : new int[] {1, 18, 40}) {
      long[] got = op1("trunc", a, (p, v) -> p.truncA(v, f));
      for (int i = 0; i < x.length; i++) {
        long want = x[i] >> f;
        assertThat(Math.abs(got[i] - want))
            .as("trunc by %d at index %d", f, i)
            .isLessThanOrEqualTo(1L);
      }
    }
  }

  @Test
  void fixedPointProductThenTruncIsWithinOneUlp() {
    int f = 18;
    long[] x = randomBounded(200, 1L << 40);
    long[] y = randomBounded(200, 1L << 21);
    List<Share> a = in(x);
    List<Share> b = in(y);
    long[] got =
        s.reveal(
            s.run("fmul", p -> p.truncA(p.mulAA(a.get(p.self()), b.get(p.self())), f)).results());
    for (int i = 0; i < x.length; i++) {
      long want = (x[i] * y[i]) >> f;
      assertThat(Math.abs(got[i] - want)).as("index %d", i).isLessThanOrEqualTo(1L);
    }
  }

  @Test
  void msbAIsTheExactSignBit() {
    long[] x = concat(random(200), EDGES);
    List<Share> a = in(x);
    long[] got = op1("msb", a, Protocol::msbA);
    for (int i = 0; i < x.length; i++) {
      assertThat(got[i] & 1).as("msb at %d", i).isEqualTo(x[i] >>> 63);
    }
  }

  // ---- conversions ----

  @Test
  void a2bAndB2aRoundTrip() {
    long[] x = concat(random(150), EDGES);
    List<Share> a = in(x);
    List<Share> b = toB(a);
    assertThat(b.get(0).kind()).isEqualTo(Share.Kind.BOOL);
    assertThat(s.reveal(b)).containsExactly(x);
    List<Share> back = s.run("b2a", p -> p.b2a(b.get(p.self()))).results();
    assertThat(back.get(0).kind()).isEqualTo(Share.Kind.ARITH);
    assertThat(s.reveal(back)).containsExactly(x);
    // b2a of a public boolean sharing.
    long[] y = random(9);
    assertThat(s.reveal(s.run("b2a", p -> p.b2a(p.fromPublic(Share.Kind.BOOL, y))).results()))
        .containsExactly(y);
  }

  @Test
  void bitToAOfMsbAndOfLowBits() {
    long[] x = concat(random(130), EDGES);
    List<Share> a = in(x);
    long[] msb = s.reveal(s.run("bit", p -> p.bitToA(p.msbA(a.get(p.self())))).results());
    long[] low = s.reveal(s.run("low", p -> p.bitToA(p.a2b(a.get(p.self())))).results());
    for (int i = 0; i < x.length; i++) {
      assertThat(msb[i]).as("msb at %d", i).isEqualTo(x[i] >>> 63);
      assertThat(low[i]).as("low bit at %d", i).isEqualTo(x[i] & 1);
    }
  }

  // ---- boolean ----

  @Test
  void booleanOpsAreExact() {
    long[] x = concat(random(70), EDGES);
    long[] y = concat(random(70), EDGES.clone());
    Collections2.rotate(y, 5);
    List<Share> a = toB(in(x));
    List<Share> b = toB(in(y));
    int n = x.length;
    long[] and = new long[n],
        xor = new long[n],
        andP = new long[n],
        xorP = new long[n],
        shl = new long[n],
        shr = new long[n];
    for (int i = 0; i < n; i++) {
      and[i] = x[i] & y[i];
      xor[i] = x[i] ^ y[i];
      shl[i] = x[i] << 13;
      shr[i] = x[i] >>> 13;
    }
    assertThat(op2("andBB", a, b, Protocol::andBB)).containsExactly(and);
    assertThat(op2("xorBB", a, b, Protocol::xorBB)).containsExactly(xor);
    assertThat(op1("andBP", a, (p, v) -> p.andBP(v, y))).containsExactly(and);
    assertThat(op1("xorBP", a, (p, v) -> p.xorBP(v, y))).containsExactly(xor);
    assertThat(op1("lshiftB", a, (p, v) -> p.lshiftB(v, 13))).containsExactly(shl);
    assertThat(op1("rshiftB", a, (p, v) -> p.rshiftB(v, 13))).containsExactly(shr);
    assertThat(op1("lshiftB0", a, (p, v) -> p.lshiftB(v, 0))).containsExactly(x);
    assertThat(op1("rshiftB63", a, (p, v) -> p.rshiftB(v, 63)))
        .containsExactly(Arrays.stream(x).map(v -> v >>> 63).toArray());
  }

  @Test
  void manyOpsInOneRunKeepTagsInStep() {
    long[] x = randomBounded(64, 1L << 40);
    long[] y = randomBounded(64, 1L << 20);
    List<Share> a = in(x);
    List<Share> b = in(y);
    long[] got =
        s.reveal(
            s.run(
                    "chain",
                    p -> {
                      Share u = a.get(p.self());
                      Share v = b.get(p.self());
                      Share w = p.mulAA(u, v);
                      w = p.truncA(w, 10);
                      Share m = p.bitToA(p.msbA(w));
                      return p.addAA(p.mulAA(m, u), p.b2a(p.a2b(v)));
                    })
                .results());
    for (int i = 0; i < x.length; i++) {
      // Truncation may be off by one ulp, which can flip the sign of a tiny product.
      long w = (x[i] * y[i]) >> 10;
      List<Long> allowed = new ArrayList<>();
      for (long d = -1; d <= 1; d++) {
        allowed.add((w + d < 0 ? x[i] : 0) + y[i]);
      }
      assertThat(allowed).as("index %d", i).contains(got[i]);
    }
  }

  @Test
  void mismatchedOperandsFailWithAClearError() {
    List<Share> a = in(random(3));
    List<Share> b = in(random(4));
    assertThatThrownBy(() -> s.run("mul", p -> p.mulAA(a.get(p.self()), b.get(p.self()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mul");
  }

  @Test
  void worksWithSecureRandomness() {
    try (Session secure = Session.start(protocol(), parties())) {
      long[] x = random(20);
      long[] y = random(20);
      List<Share> a = secure.input(x);
      List<Share> b = secure.input(y);
      long[] got =
          secure.reveal(
              secure.run("mul", p -> p.mulAA(a.get(p.self()), b.get(p.self()))).results());
      for (int i = 0; i < x.length; i++) {
        assertThat(got[i]).isEqualTo(x[i] * y[i]);
      }
    }
  }

  @Test
  void theDriverEndpointIsNamed() {
    assertThat(Endpoints.name(Endpoints.driver(parties()), parties())).isEqualTo("driver");
  }

  /** Tiny array helpers (no boxing). */
  static final class Collections2 {
    static void reverse(long[] a) {
      for (int i = 0, j = a.length - 1; i < j; i++, j--) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
      }
    }

    static void rotate(long[] a, int by) {
      long[] c = a.clone();
      for (int i = 0; i < a.length; i++) {
        a[(i + by) % a.length] = c[i];
      }
    }
  }
}
