package dev.spu.mpc.aby3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spu.mpc.Cost;
import dev.spu.mpc.ProtocolFactory;
import dev.spu.mpc.Protocols;
import dev.spu.mpc.Share;
import dev.spu.mpc.testing.Session;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every primitive's bytes (per party, exactly) and rounds as measured by the link equal {@link
 * Aby3Factory#theory}, on sizes that exercise the packing edge cases of msb (1, 63, 64, 65, ...).
 */
class Aby3CommunicationTest {
  private final ProtocolFactory aby3 = Protocols.get("aby3");
  private Session s;
  private final SplittableRandom rnd = new SplittableRandom(7);

  @BeforeEach
  void start() {
    s = Session.builder("aby3", 3).fixedSeed("comm".getBytes(StandardCharsets.UTF_8)).start();
  }

  @AfterEach
  void stop() {
    s.close();
  }

  private long[] random(int n) {
    long[] x = new long[n];
    for (int i = 0; i < n; i++) {
      x[i] = rnd.nextLong();
    }
    return x;
  }

  /** Checks per-party bytes exactly and the rounds against theory (busiest party). */
  private void check(Session.Run<?> r, Cost theory, long[] perParty) {
    assertThat(new long[] {r.bytesSent()[0], r.bytesSent()[1], r.bytesSent()[2]})
        .as("bytes sent by parties 0, 1, 2")
        .containsExactly(perParty);
    assertThat(r.bytesSent()[3]).as("the driver sends nothing during a primitive").isZero();
    assertThat(r.bytesPerParty()).as("bytes per party").isEqualTo(theory.bytesPerParty());
    assertThat(r.rounds()).as("rounds").isEqualTo(theory.rounds());
  }

  private static long[] all(long b) {
    return new long[] {b, b, b};
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 63, 64, 65, 130, 1000})
  void everyPrimitiveCostsWhatTheoryStates(int n) {
    List<Share> a = s.input(random(n));
    List<Share> b = s.input(random(n));
    List<Share> small = s.input(new long[n]);
    List<Share> ba = s.run("a2b", p -> p.a2b(b.get(p.self()))).results();

    check(
        s.run("mul", p -> p.mulAA(a.get(p.self()), b.get(p.self()))),
        aby3.theory("mul", n),
        all(8L * n));
    check(
        s.run("and", p -> p.andBB(ba.get(p.self()), ba.get(p.self()))),
        aby3.theory("and", n),
        all(8L * n));
    check(s.run("open", p -> p.open(a.get(p.self()))), aby3.theory("open", n), all(8L * n));
    check(
        s.run("trunc", p -> p.truncA(small.get(p.self()), 18)),
        aby3.theory("trunc", n),
        all(16L * n));

    Cost a2b = aby3.theory("a2b", n, 3);
    check(s.run("a2b", p -> p.a2b(a.get(p.self()))), a2b, new long[] {104L * n, 96L * n, 96L * n});

    Cost b2a = aby3.theory("b2a", n);
    check(s.run("b2a", p -> p.b2a(ba.get(p.self()))), b2a, new long[] {120L * n, 96L * n, 96L * n});

    Cost msb = aby3.theory("msb", n);
    long tree = msb.bytesPerParty() - 16L * n;
    check(
        s.run("msb", p -> p.msbA(a.get(p.self()))),
        msb,
        new long[] {16L * n + tree, 8L * n + tree, 8L * n + tree});

    Cost bit = aby3.theory("bitToA", n);
    check(
        s.run("bitToA", p -> p.bitToA(ba.get(p.self()))),
        bit,
        new long[] {16L * n, 8L * n, 8L * n});
  }

  /**
   * Input sharing (a program-total cost, not a primitive's): the owner sends x2 to P1 and P2 (16n
   * bytes), plus its two seeds once at its first input (64 bytes); the parties send nothing; one
   * round. P0 receives only the seeds (and an empty message per input).
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 65, 1000})
  void inputCostsTheOwnerTwoWordsPerElement(int n) {
    try (Session r = Session.builder("aby3", 3).record(0, 1, 2).start()) {
      for (int call = 0; call < 3; call++) {
        boolean first = call == 0;
        long[] x = random(n);
        int[] seen = {r.received(0).size(), r.received(1).size(), r.received(2).size()};
        Session.Run<Share> in =
            r.run(
                "input",
                p -> p.input(3, n),
                (o, c) -> {
                  o.input(x);
                  return null;
                });
        Cost want = Aby3Cost.input(n, first);
        assertThat(in.bytesSent()[3])
            .as("owner bytes, call %d", call)
            .isEqualTo(want.bytesPerParty());
        assertThat(in.bytesSent()[3]).isEqualTo(16L * n + (first ? 64 : 0));
        assertThat(new long[] {in.bytesSent()[0], in.bytesSent()[1], in.bytesSent()[2]})
            .as("the parties send nothing")
            .containsExactly(0, 0, 0);
        assertThat(in.rounds()).isEqualTo(want.rounds());
        // P0 receives only the seeds (4 words, once) and an empty message (its round clock stays
        // in step); P1 and P2 a seed once and x2 every time.
        assertThat(sizes(r.received(0), seen[0]))
            .containsExactly(first ? new int[] {4, 0} : new int[] {0});
        for (int p = 1; p < 3; p++) {
          assertThat(sizes(r.received(p), seen[p]))
              .as("party %d", p)
              .containsExactly(first ? new int[] {2, n} : new int[] {n});
        }
        assertThat(r.reveal(in.results())).containsExactly(x);
      }
    }
  }

  private static int[] sizes(List<long[]> msgs, int from) {
    return msgs.subList(from, msgs.size()).stream().mapToInt(m -> m.length).toArray();
  }

  @Test
  void msbTreeIsCheaperThanFullDecompositionOnLargeVectors() {
    int n = 4096;
    // 16n (first layer) + about 15.75n for the packed tree, against 104n for a2b.
    assertThat(aby3.theory("msb", n).bytesPerParty()).isLessThan(32L * n);
    assertThat(aby3.theory("msb", n).bytesPerParty())
        .isLessThan(aby3.theory("a2b", n).bytesPerParty() / 3);
  }

  @Test
  void matmulSendsOnlyTheOutputInOneRound() {
    int[][] shapes = {{1, 1, 1}, {7, 13, 3}, {16, 64, 16}, {3, 100, 1}, {1, 5, 9}};
    for (int[] sh : shapes) {
      int m = sh[0], k = sh[1], n = sh[2];
      List<Share> x = s.input(random(m * k));
      List<Share> y = s.input(random(k * n));
      Session.Run<Share> r =
          s.run("matmul", p -> p.matmulAA(x.get(p.self()), y.get(p.self()), m, k, n));
      check(r, aby3.theory("matmul", m, k, n), all(8L * m * n));
      long[] pub = random(k * n);
      Session.Run<Share> local = s.run("matmulAP", p -> p.matmulAP(x.get(p.self()), pub, m, k, n));
      assertThat(local.bytesTotal()).as("matmulAP is local").isZero();
    }
  }

  @Test
  void localOpsSendNothing() {
    int n = 50;
    long[] pub = random(n);
    List<Share> a = s.input(random(n));
    List<Share> ba = s.run("a2b", p -> p.a2b(a.get(p.self()))).results();
    Session.Run<Share> r =
        s.run(
            "local",
            p -> {
              Share u = a.get(p.self());
              Share v = ba.get(p.self());
              p.addAA(u, u);
              p.addAP(u, pub);
              p.mulAP(u, pub);
              p.negA(u);
              p.xorBB(v, v);
              p.xorBP(v, pub);
              p.andBP(v, pub);
              p.lshiftB(v, 3);
              p.rshiftB(v, 3);
              p.fromPublic(Share.Kind.ARITH, pub);
              return p.truncA(u, 0);
            });
    assertThat(r.bytesTotal()).isZero();
    assertThat(r.rounds()).isZero();
  }

  @Test
  void theoryRejectsUnknownPrimitivesAndWrongPartyCounts() {
    assertThat(aby3.theory("mul", 10, 3)).isEqualTo(new Cost(80, 1));
    assertThat(aby3.theory("matmul", 2, 3, 4, 3)).isEqualTo(new Cost(64, 1));
    assertThatThrownBy(() -> aby3.theory("mul", 10, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3");
    assertThatThrownBy(() -> aby3.theory("matmul", 2, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("matmul");
    assertThatThrownBy(() -> aby3.theory("sqrt", 10))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("sqrt");
  }
}
