package dev.spu.mpc.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

public class WanEmulationTest {
  /** k ping-pong rounds between endpoints 0 and 1; returns elapsed ms. */
  public static long pingPong(Link a, Link b, int rounds, int longs) throws Exception {
    long start = System.nanoTime();
    CompletableFuture<Void> echo =
        CompletableFuture.runAsync(
            () -> {
              for (int r = 0; r < rounds; r++) {
                b.send(0, 2L * r + 1, b.recv(0, 2L * r));
              }
            });
    for (int r = 0; r < rounds; r++) {
      a.send(1, 2L * r, new long[longs]);
      a.recv(1, 2L * r + 1);
    }
    echo.get();
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void latencyDelaysEveryMessageOneWay() throws Exception {
    try (InMemoryNetwork net =
        new InMemoryNetwork(
            2, Duration.ofSeconds(5), new WanProfile(10, Double.POSITIVE_INFINITY))) {
      long ms = pingPong(net.link(0), net.link(1), 5, 1);
      // 5 round trips of 2 × 10 ms.
      assertThat(ms).isBetween(100L, 400L);
      assertThat(net.link(0).stats().total().rounds()).isEqualTo(10);
    }
  }

  @Test
  void bandwidthDelaysLargeMessages() throws Exception {
    // 125 000 longs = 1 MB = 8 Mbit at 80 Mbps: 100 ms each way.
    try (InMemoryNetwork net =
        new InMemoryNetwork(2, Duration.ofSeconds(5), new WanProfile(0, 80))) {
      long ms = pingPong(net.link(0), net.link(1), 1, 125_000);
      assertThat(ms).isBetween(200L, 600L);
    }
  }

  @Test
  void noEmulationIsFast() throws Exception {
    try (InMemoryNetwork net = new InMemoryNetwork(2, Duration.ofSeconds(5))) {
      assertThat(net.wan().isNone()).isTrue();
      assertThat(pingPong(net.link(0), net.link(1), 20, 10)).isLessThan(200L);
    }
  }

  @Test
  void profilesAreValidated() {
    assertThat(WanProfile.LAN.latencyNanos()).isEqualTo(50_000);
    assertThat(WanProfile.WAN.transmitNanos(300_000_000L / 8)).isEqualTo(1_000_000_000L);
    assertThat(WanProfile.of(null, null)).isEqualTo(WanProfile.NONE);
    assertThatThrownBy(() -> new WanProfile(-1, 10)).hasMessageContaining("latency");
    assertThatThrownBy(() -> new WanProfile(1, 0)).hasMessageContaining("bandwidth");
  }
}
