package dev.spu.mpc.link.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spu.mpc.link.CommStats;
import dev.spu.mpc.link.InMemoryNetwork;
import dev.spu.mpc.link.Link;
import dev.spu.mpc.link.LinkClosedException;
import dev.spu.mpc.link.LinkTimeoutException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NettyLinkTest {
  @TempDir static Path certs;

  static final NettyOptions OPTS =
      NettyOptions.defaults()
          .withConnectTimeout(Duration.ofSeconds(5))
          .withReceiveTimeout(Duration.ofSeconds(5));

  @BeforeAll
  static void pki() throws IOException {
    DevCertificates.createCluster(certs, DevCertificates.clusterIdentities(3));
  }

  /** The same exchange on any three links: a ring of sends, then an all-to-all round. */
  private static void exchange(Link[] l, long[] big) throws Exception {
    CompletableFuture<?>[] fs = new CompletableFuture<?>[3];
    for (int i = 0; i < 3; i++) {
      final Link me = l[i];
      fs[i] =
          CompletableFuture.runAsync(
              () -> {
                int s = me.self();
                me.setScope("ring");
                me.send((s + 1) % 3, 1L << 23, new long[] {s, s * 10L});
                long[] got = me.recv((s + 2) % 3, 1L << 23);
                assertThat(got).containsExactly((s + 2) % 3, ((s + 2) % 3) * 10L);
                me.setScope("all");
                for (int p = 0; p < 3; p++) {
                  if (p != s) {
                    me.send(p, (2L << 23) | 1, big);
                  }
                }
                for (int p = 0; p < 3; p++) {
                  if (p != s) {
                    assertThat(me.recv(p, (2L << 23) | 1)).isEqualTo(big);
                  }
                }
              });
    }
    CompletableFuture.allOf(fs).get(20, TimeUnit.SECONDS);
  }

  @Test
  void tlsLinkCountsExactlyLikeTheInMemoryLink() throws Exception {
    long[] big = new Random(1).longs(10_000).toArray();
    CommStats[] mem = new CommStats[3];
    try (InMemoryNetwork net = new InMemoryNetwork(3, Duration.ofSeconds(5))) {
      Link[] l = {net.link(0), net.link(1), net.link(2)};
      exchange(l, big);
      for (int i = 0; i < 3; i++) {
        mem[i] = l[i].stats();
      }
    }
    try (Mesh m = new Mesh(3, new int[] {0, 1, 2}, certs, OPTS)) {
      exchange(m.links, big);
      for (int i = 0; i < 3; i++) {
        assertThat(m.links[i].stats()).isEqualTo(mem[i]);
        TransportStats t = m.links[i].transportStats();
        assertThat(t.payloadBytes()).isEqualTo(mem[i].total().bytes());
        assertThat(t.framingBytes())
            .isEqualTo(FrameCodec.DATA_OVERHEAD * mem[i].total().messages());
        // TLS records and handshakes come on top of payload and framing.
        assertThat(t.wireBytesSent()).isGreaterThan(t.payloadBytes() + t.framingBytes());
      }
      assertThat(m.links[0].stats().total().rounds()).isEqualTo(2);
    }
  }

  @Test
  void plainTcpWireBytesArePayloadPlusFramingPlusHandshake() throws Exception {
    try (Mesh m = new Mesh(3, new int[] {0, 1, 2}, (Path) null, OPTS)) {
      exchange(m.links, new long[1000]);
      Thread.sleep(100);
      for (NettyLink l : m.links) {
        TransportStats t = l.transportStats();
        // Each side dials or accepts two connections: HELLO (35 bytes) or ACCEPT (9 bytes).
        assertThat(t.wireBytesSent() - t.payloadBytes() - t.framingBytes()).isBetween(18L, 70L);
      }
    }
  }

  @Test
  void aPeerClaimingAnotherIdentityIsRefusedNamingBoth() {
    // Party 1 presents party 2's certificate but claims to be party 1.
    try (NettyTransport p0 =
            new NettyTransport("p0", Mesh.security(certs, "party-0"), OPTS, s -> {});
        NettyTransport impostor =
            new NettyTransport("imp", Mesh.security(certs, "party-2"), OPTS, s -> {})) {
      NettyTransport.Server srv = p0.listen("127.0.0.1", 0, (h, c) -> null);
      long start = System.nanoTime();
      assertThatThrownBy(
              () ->
                  impostor.dial(
                      new java.net.InetSocketAddress("127.0.0.1", srv.port()),
                      0,
                      new Frame.Hello(new byte[16], 1, 3)))
          .hasMessageContaining("party 0")
          .hasMessageContaining("refused")
          .hasMessageContaining("party 1")
          .hasMessageContaining("'party-2'");
      // Refusals are final: no retrying until the connect timeout.
      assertThat(System.nanoTime() - start).isLessThan(3_000_000_000L);
      srv.close();
    }
  }

  @Test
  void aListenerPresentingAnotherIdentityIsRefusedByTheDialer() {
    try (NettyTransport fake =
            new NettyTransport("fake", Mesh.security(certs, "party-2"), OPTS, s -> {});
        NettyTransport p1 =
            new NettyTransport("p1", Mesh.security(certs, "party-1"), OPTS, s -> {})) {
      NettyTransport.Server srv = fake.listen("127.0.0.1", 0, (h, c) -> null);
      assertThatThrownBy(
              () ->
                  p1.dial(
                      new java.net.InetSocketAddress("127.0.0.1", srv.port()),
                      0,
                      new Frame.Hello(new byte[16], 1, 3)))
          .hasMessageContaining("party 0")
          .hasMessageContaining("'party-2'")
          .hasMessageContaining("'party-0'");
      srv.close();
    }
  }

  @Test
  void aCertificateFromAnotherCaFailsTheTlsHandshake(@TempDir Path other) throws IOException {
    DevCertificates.createCluster(other, DevCertificates.clusterIdentities(3));
    TransportSecurity foreign =
        TransportSecurity.mutualTls(
            other.resolve("ca.pem"), other.resolve("party-1.pem"), other.resolve("party-1.key"));
    try (NettyTransport p0 =
            new NettyTransport("p0", Mesh.security(certs, "party-0"), OPTS, s -> {});
        NettyTransport p1 = new NettyTransport("p1", foreign, OPTS, s -> {})) {
      NettyTransport.Server srv = p0.listen("127.0.0.1", 0, (h, c) -> null);
      assertThatThrownBy(
              () ->
                  p1.dial(
                      new java.net.InetSocketAddress("127.0.0.1", srv.port()),
                      0,
                      new Frame.Hello(new byte[16], 1, 3)))
          .hasMessageContaining("TLS handshake with party 0");
      srv.close();
    }
  }

  @Test
  void aKilledPeerFailsEveryWaiterAtOnceNamingIt() throws Exception {
    try (Mesh m = new Mesh(3, new int[] {0, 1, 2}, certs, OPTS)) {
      CompletableFuture<Throwable> waiter =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  m.link(0).recv(2, 99); // waits on party 2, but party 1 dies
                  return null;
                } catch (RuntimeException e) {
                  return e;
                }
              });
      Thread.sleep(200);
      long start = System.nanoTime();
      m.kill(1);
      Throwable t = waiter.get(5, TimeUnit.SECONDS);
      assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
      // Directly, or through party 2's abort that may arrive first: either names party 1.
      assertThat(t)
          .isInstanceOf(LinkClosedException.class)
          .hasMessageContaining("lost connection to party 1 (127.0.0.1:");
      // Party 2 fails too (directly or through party 0's abort), naming party 1.
      assertThatThrownBy(() -> m.link(2).recv(0, 5))
          .isInstanceOf(LinkClosedException.class)
          .hasMessageContaining("party 1");
    }
  }

  @Test
  void aReceiveTimesOutNamingThePeerAndItsAddress() {
    NettyOptions fast = OPTS.withReceiveTimeout(Duration.ofMillis(300));
    try (Mesh m = new Mesh(2, new int[] {0, 1}, certs, fast)) {
      assertThatThrownBy(() -> m.link(0).recv(1, 3))
          .isInstanceOf(LinkTimeoutException.class)
          .hasMessageContaining("party 0 timed out")
          .hasMessageContaining("party 1 (127.0.0.1:");
    }
  }

  @Test
  void abortReachesThePeersWithTheReason() {
    try (Mesh m = new Mesh(3, new int[] {0, 1, 2}, (Path) null, OPTS)) {
      m.link(1).abort("kernel 'pphlo.dot' failed");
      assertThatThrownBy(() -> m.link(0).recv(2, 7))
          .isInstanceOf(LinkClosedException.class)
          .hasMessageContaining("party 1")
          .hasMessageContaining("kernel 'pphlo.dot' failed");
      assertThatThrownBy(() -> m.link(1).send(0, 1, new long[1]))
          .isInstanceOf(LinkClosedException.class);
    }
  }

  @Test
  void aGoodbyeClosesOnlyThatPeer() {
    try (Mesh m = new Mesh(3, new int[] {0, 1, 2}, (Path) null, OPTS)) {
      m.link(2).send(0, 4, new long[] {42});
      m.link(1).close();
      assertThatThrownBy(() -> m.link(0).recv(1, 7))
          .isInstanceOf(LinkClosedException.class)
          .hasMessageContaining("has closed");
      assertThat(m.link(0).recv(2, 4)).containsExactly(42);
    }
  }

  @Test
  void dialsRetryUntilThePeerListens() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (NettyTransport p0 = new NettyTransport("p0", TransportSecurity.insecure(), OPTS, s -> {});
        NettyTransport p1 = new NettyTransport("p1", TransportSecurity.insecure(), OPTS, s -> {})) {
      CompletableFuture<Connection> dial =
          CompletableFuture.supplyAsync(
              () ->
                  p1.dial(
                      new java.net.InetSocketAddress("127.0.0.1", port),
                      0,
                      new Frame.Hello(new byte[16], 1, 2)));
      Thread.sleep(700);
      NettyTransport.Server srv = p0.listen("127.0.0.1", port, (h, c) -> null);
      assertThat(dial.get(5, TimeUnit.SECONDS).label()).contains("party 0");
      srv.close();
    }
  }

  @Test
  void anUnreachablePeerFailsAfterTheConnectTimeoutNamingIt() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    NettyOptions quick = OPTS.withConnectTimeout(Duration.ofMillis(800));
    try (NettyTransport p1 =
        new NettyTransport("p1", TransportSecurity.insecure(), quick, s -> {})) {
      long start = System.nanoTime();
      assertThatThrownBy(
              () ->
                  p1.dial(
                      new java.net.InetSocketAddress("127.0.0.1", port),
                      2,
                      new Frame.Hello(new byte[16], 3, 3)))
          .hasMessageContaining("cannot connect to party 2")
          .hasMessageContaining("127.0.0.1:" + port)
          .hasMessageContaining("connection refused");
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(ms).isBetween(500L, 3000L);
    }
  }

  @Test
  void backPressureDeliversLargeBacklogsIntact() throws Exception {
    NettyOptions tiny = OPTS.withHighWaterBytes(64 * 1024);
    try (Mesh m = new Mesh(2, new int[] {0, 1}, certs, tiny)) {
      long[] chunk = new Random(3).longs(50_000).toArray(); // 400 KB per message
      CompletableFuture<Void> sender =
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < 20; i++) {
                  m.link(0).send(1, i, chunk);
                }
              });
      for (int i = 19; i >= 0; i--) {
        assertThat(m.link(1).recv(0, i)).isEqualTo(chunk);
      }
      sender.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void wanEmulationDelaysTheSendersMessages() throws Exception {
    NettyOptions wan = OPTS.withWan(new dev.spu.mpc.link.WanProfile(10, Double.POSITIVE_INFINITY));
    try (Mesh m = new Mesh(2, new int[] {0, 1}, (Path) null, wan)) {
      long ms = dev.spu.mpc.link.WanEmulationTest.pingPong(m.link(0), m.link(1), 5, 1);
      assertThat(ms).isBetween(100L, 500L);
    }
  }
}
