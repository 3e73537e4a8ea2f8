package dev.spu.mpc.semi2k;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.mpc.Cost;
import dev.spu.mpc.Protocol;
import dev.spu.mpc.ProtocolFactory;
import dev.spu.mpc.Protocols;
import dev.spu.mpc.Share;
import dev.spu.mpc.testing.Session;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Measured online bytes and rounds of each primitive (after input sharing) equal theory(). */
class Semi2kCommunicationTest {
  private static final ProtocolFactory F = Protocols.get("semi2k");

  private static void check(
      Session s, String label, Cost want, List<Share> a, BiFunction<Protocol, Share, Object> op) {
    Session.Run<Object> r = s.run(label, p -> op.apply(p, a.get(p.self())));
    assertThat(new Cost(r.bytesPerParty(), r.rounds())).as(label).isEqualTo(want);
    // Symmetric protocol: every party sends the same.
    for (int i = 0; i < s.parties(); i++) {
      assertThat(r.bytesSent()[i]).as(label + " party " + i).isEqualTo(want.bytesPerParty());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4, 5})
  void measuredCostsEqualTheory(int parties) {
    int n = 100;
    try (Session s = Session.builder("semi2k", parties).fixedSeed(new byte[] {7}).start()) {
      List<Share> a = s.input(new long[n]);
      List<Share> b = s.run("a2b", p -> p.a2b(a.get(p.self()))).results();
      check(s, "mul", F.theory("mul", n, parties), a, (p, x) -> p.mulAA(x, x));
      check(s, "trunc", F.theory("trunc", n, parties), a, (p, x) -> p.truncA(x, 18));
      check(s, "msb", F.theory("msb", n, parties), a, Protocol::msbA);
      check(s, "a2b", F.theory("a2b", n, parties), a, Protocol::a2b);
      check(s, "open", F.theory("open", n, parties), a, Protocol::open);
      check(s, "b2a", F.theory("b2a", n, parties), b, (p, x) -> p.b2a(b.get(p.self())));
      check(s, "and", F.theory("and", n, parties), b, (p, x) -> p.andBB(x, x));
      check(s, "bit2a", F.theory("bit2a", n, parties), b, Protocol::bitToA);
      int m = 7, k = 13, q = 5;
      List<Share> x = s.input(new long[m * k]);
      List<Share> y = s.input(new long[k * q]);
      Session.Run<Share> r =
          s.run("matmul", p -> p.matmulAA(x.get(p.self()), y.get(p.self()), m, k, q));
      assertThat(new Cost(r.bytesPerParty(), r.rounds()))
          .isEqualTo(F.theory("matmul", m, k, q, parties));
      // Dealer traffic is offline: counted apart, never in the online figure.
      // Request {kind, nonce, m, k, n} from party 0, the m×n correction back.
      assertThat(r.offlineBytes()).isEqualTo(8L * (5 + m * q));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void theoryIsWhatTheFormulasSay(int parties) {
    long peers = parties - 1;
    assertThat(F.theory("mul", 1000, parties)).isEqualTo(new Cost(16_000 * peers, 1));
    assertThat(F.theory("trunc", 1000, parties)).isEqualTo(new Cost(8_000 * peers, 1));
    assertThat(F.theory("matmul", 2, 3, 4, parties)).isEqualTo(new Cost(8 * (6 + 12) * peers, 1));
    // a2b: N = 2 is one Kogge–Stone adder (12 n-word ANDs in 7 rounds); N = 3 adds one CSA layer.
    long andWords = parties == 2 ? 12 : 13;
    assertThat(F.theory("a2b", 1000, parties))
        .isEqualTo(new Cost(16 * 1000 * andWords * peers, parties == 2 ? 7 : 8));
  }
}
