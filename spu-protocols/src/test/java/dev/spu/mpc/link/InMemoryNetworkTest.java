package dev.spu.mpc.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryNetworkTest {
  private static final Duration SHORT = Duration.ofMillis(200);

  @Test
  void messagesAreMatchedByTagWhateverTheArrivalOrder() {
    try (InMemoryNetwork net = new InMemoryNetwork(2, SHORT)) {
      Link a = net.link(0);
      Link b = net.link(1);
      a.send(1, 7, new long[] {7});
      a.send(1, 3, new long[] {3});
      a.send(1, 5, new long[] {5, 5});
      assertThat(b.recv(0, 5)).containsExactly(5, 5);
      assertThat(b.recv(0, 3)).containsExactly(3);
      assertThat(b.recv(0, 7)).containsExactly(7);
    }
  }

  @Test
  void sameTagFromDifferentSendersIsFineButADuplicateIsAnError() {
    try (InMemoryNetwork net = new InMemoryNetwork(3, SHORT)) {
      net.link(0).send(2, 1, new long[] {10});
      net.link(1).send(2, 1, new long[] {11});
      assertThatThrownBy(() -> net.link(0).send(2, 1, new long[] {12}))
          .isInstanceOf(LinkException.class)
          .hasMessageContaining("duplicate")
          .hasMessageContaining("party 0")
          .hasMessageContaining("party 2");
      assertThat(net.link(2).recv(1, 1)).containsExactly(11);
      assertThat(net.link(2).recv(0, 1)).containsExactly(10);
      // Once received, the tag may be used again.
      net.link(0).send(2, 1, new long[] {13});
      assertThat(net.link(2).recv(0, 1)).containsExactly(13);
    }
  }

  @Test
  void payloadsAreCopied() {
    try (InMemoryNetwork net = new InMemoryNetwork(2, SHORT)) {
      long[] data = {1, 2, 3};
      net.link(0).send(1, 0, data);
      data[0] = 99;
      assertThat(net.link(1).recv(0, 0)).containsExactly(1, 2, 3);
    }
  }

  @Test
  void aMissingPeerTimesOutNamingBothEndpointsAndTheTag() {
    try (InMemoryNetwork net = new InMemoryNetwork(3, Duration.ofMillis(100))) {
      long start = System.nanoTime();
      long tag = (5L << 23) | 2;
      assertThatThrownBy(() -> net.link(1).recv(2, tag))
          .isInstanceOf(LinkTimeoutException.class)
          .hasMessageContaining("party 1")
          .hasMessageContaining("party 2")
          .hasMessageContaining("op 5, step 2");
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(ms).isBetween(90L, 5000L);
      assertThatThrownBy(() -> net.link(Endpoints.driver(3)).recv(Endpoints.dealer(3), 0))
          .hasMessageContaining("driver")
          .hasMessageContaining("dealer");
    }
  }

  @Test
  void closeWakesEveryWaiterPromptlyAndFailsLaterCalls() throws Exception {
    InMemoryNetwork net = new InMemoryNetwork(3, Duration.ofSeconds(30));
    CompletableFuture<Throwable> w1 = waiter(net.link(0), 1);
    CompletableFuture<Throwable> w2 = waiter(net.link(2), 0);
    Thread.sleep(50);
    long start = System.nanoTime();
    net.close();
    assertThat(w1.get(5, TimeUnit.SECONDS)).isInstanceOf(LinkClosedException.class);
    assertThat(w2.get(5, TimeUnit.SECONDS)).isInstanceOf(LinkClosedException.class);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2000);
    assertThatThrownBy(() -> net.link(1).recv(0, 9)).isInstanceOf(LinkClosedException.class);
    assertThatThrownBy(() -> net.link(1).send(0, 9, new long[1]))
        .isInstanceOf(LinkClosedException.class);
  }

  @Test
  void closingOneEndpointFailsThoseWaitingForIt() throws Exception {
    try (InMemoryNetwork net = new InMemoryNetwork(2, Duration.ofSeconds(30))) {
      CompletableFuture<Throwable> w = waiter(net.link(0), 1);
      Thread.sleep(50);
      net.link(1).close();
      assertThat(w.get(5, TimeUnit.SECONDS))
          .isInstanceOf(LinkClosedException.class)
          .hasMessageContaining("party 1");
    }
  }

  private static CompletableFuture<Throwable> waiter(Link l, int from) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            l.recv(from, 42);
            return null;
          } catch (Throwable t) {
            return t;
          }
        });
  }

  @Test
  void countsBytesMessagesAndLamportRoundsPerScope() {
    try (InMemoryNetwork net = new InMemoryNetwork(2, SHORT)) {
      Link a = net.link(0);
      Link b = net.link(1);
      a.setScope("mul");
      b.setScope("mul");
      // Round 1: both send, both receive.
      a.send(1, 1, new long[4]);
      b.send(0, 1, new long[3]);
      a.recv(1, 1);
      b.recv(0, 1);
      assertThat(a.stats().total()).isEqualTo(new CommStats.Counters(32, 1, 1));
      assertThat(b.stats().total()).isEqualTo(new CommStats.Counters(24, 1, 1));
      // A chain a -> b -> a is two more rounds.
      a.setScope("chain");
      b.setScope("chain");
      a.send(1, 2, new long[1]);
      b.recv(0, 2);
      b.send(0, 3, new long[1]);
      a.recv(1, 3);
      CommStats sa = a.stats();
      assertThat(sa.total()).isEqualTo(new CommStats.Counters(40, 2, 3));
      assertThat(sa.byScope().get("mul")).isEqualTo(new CommStats.Counters(32, 1, 1));
      assertThat(sa.byScope().get("chain")).isEqualTo(new CommStats.Counters(8, 1, 2));
      assertThat(b.stats().byScope().get("chain")).isEqualTo(new CommStats.Counters(8, 1, 1));
    }
  }

  @Test
  void dealerTrafficIsOfflineAndDoesNotMoveTheOnlineClock() {
    try (InMemoryNetwork net = new InMemoryNetwork(2, SHORT)) {
      int dealer = Endpoints.dealer(2);
      Link p0 = net.link(0);
      Link d = net.link(dealer);
      p0.setScope("mul");
      p0.send(dealer, 1, new long[2]);
      d.recv(0, 1);
      d.send(0, 1, new long[5]);
      p0.recv(dealer, 1);
      CommStats s = p0.stats();
      assertThat(s.total()).isEqualTo(CommStats.Counters.ZERO);
      assertThat(s.byScope().get("offline:mul")).isEqualTo(new CommStats.Counters(16, 1, 2));
      assertThat(s.offline().bytes()).isEqualTo(16);
      assertThat(d.stats().total()).isEqualTo(CommStats.Counters.ZERO);
      assertThat(d.stats().offline().bytes()).isEqualTo(40);
    }
  }

  @Test
  void syncClocksIsABarrierNotAttributedToAScope() {
    try (InMemoryNetwork net = new InMemoryNetwork(2, SHORT)) {
      Link a = net.link(0);
      Link b = net.link(1);
      a.setScope("x");
      b.setScope("x");
      a.send(1, 1, new long[1]);
      b.recv(0, 1);
      b.send(0, 2, new long[1]);
      a.recv(1, 2);
      b.send(0, 3, new long[1]);
      a.recv(1, 3);
      assertThat(a.stats().total().rounds()).isEqualTo(2);
      net.syncClocks();
      assertThat(net.link(1).stats().total().rounds()).isEqualTo(2);
      assertThat(b.stats().byScope().get("x").rounds()).isEqualTo(1);
    }
  }

  @Test
  void rejectsBadEndpoints() {
    try (InMemoryNetwork net = new InMemoryNetwork(2, SHORT)) {
      assertThatThrownBy(() -> net.link(4)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> net.link(0).send(0, 1, new long[1]))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> net.link(0).send(9, 1, new long[1]))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
