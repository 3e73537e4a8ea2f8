package dev.spu.mpc.semi2k;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spu.mpc.Protocols;
import dev.spu.mpc.Share;
import dev.spu.mpc.link.CommStats;
import dev.spu.mpc.link.Endpoints;
import dev.spu.mpc.testing.Session;
import java.util.List;
import org.junit.jupiter.api.Test;

class Semi2kDealerTest {
  @Test
  void aReusedOpIdWouldReuseATripleSoTheDealerRefusesIt() {
    try (Session s = Session.builder("semi2k", 2).fixedSeed(new byte[] {1}).start()) {
      List<Share> x = s.input(new long[] {3, 4});
      s.run(
          "first",
          p -> {
            p.context().beginOp(99, "mul");
            return p.mulAA(x.get(p.self()), x.get(p.self()));
          });
      assertThatThrownBy(
              () ->
                  s.run(
                      "again",
                      p -> {
                        p.context().beginOp(99, "mul");
                        return p.mulAA(x.get(p.self()), x.get(p.self()));
                      }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("op ids must be unique");
    }
  }

  @Test
  void dealerTrafficIsOfflineAndSetupSendsOneSeedPerParty() {
    try (Session s = Session.builder("semi2k", 3).fixedSeed(new byte[] {2}).start()) {
      CommStats dealer = s.stats(Endpoints.dealer(3));
      assertThat(dealer.total().bytes()).isZero();
      assertThat(dealer.offline().bytes()).isEqualTo(3 * 16);
      List<Share> x = s.input(new long[10]);
      s.run("mul", p -> p.mulAA(x.get(p.self()), x.get(p.self())));
      // Party 0: request {kind, nonce, n}; parties 1, 2 never talk to the dealer.
      assertThat(s.stats(0).scope("offline:mul").bytes()).isEqualTo(24);
      assertThat(s.stats(1).offline().bytes()).isZero();
      assertThat(s.stats(Endpoints.dealer(3)).offline().bytes()).isEqualTo(3 * 16 + 80);
    }
  }

  @Test
  void securityModelNamesTheDealerAndTheCoalitionBound() {
    String m = Protocols.get("semi2k").securityModel();
    assertThat(m).contains("semi-honest").contains("N-1").contains("dealer").contains("colluding");
    assertThat(Protocols.get("ref2k").securityModel()).contains("NOT PRIVATE");
    assertThatThrownBy(() -> Protocols.get("nope"))
        .hasMessageContaining("ref2k")
        .hasMessageContaining("semi2k");
    assertThatThrownBy(() -> Protocols.get("semi2k").theory("mul", 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("party count");
    assertThatThrownBy(() -> Session.start("semi2k", 1)).hasMessageContaining("at least 2");
  }
}
