package dev.spu.kernels.runtime.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spu.kernels.runtime.LocalCluster;
import dev.spu.kernels.runtime.RuntimeConfig;
import dev.spu.mpc.link.CommStats;
import dev.spu.mpc.link.LinkException;
import dev.spu.mpc.link.netty.TransportStats;
import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.FunctionBuilder;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nodes in this JVM over real sockets (TLS unless stated): results, failures, recovery. */
class NodeServiceTest {
  static final byte[] SEED = "0123456789abcdef".getBytes();

  static Function millionaires(int n) {
    FunctionBuilder b = new FunctionBuilder("main");
    Value alice = b.addArgument(TensorType.secret(DType.I64, n));
    Value bob = b.addArgument(TensorType.secret(DType.I64, n));
    Value richer = b.op("greater", Attributes.EMPTY, alice, bob);
    Value max = b.op("select", Attributes.EMPTY, richer, alice, bob);
    return b.build(richer, max);
  }

  /** A fixed-point product and sum: its truncations make the result depend on the randomness. */
  static Function fixedPoint(int n) {
    FunctionBuilder b = new FunctionBuilder("main");
    Value x = b.addArgument(TensorType.secret(DType.F32, n));
    Value y = b.addArgument(TensorType.secret(DType.F32, n));
    Value p = b.op("multiply", Attributes.EMPTY, x, y);
    Value q = b.op("multiply", Attributes.EMPTY, p, x);
    return b.build(q);
  }

  static List<long[]> simulate(String protocol, int n, Function f, List<long[]> args) {
    RuntimeConfig cfg = RuntimeConfig.defaults(protocol, n).withFixedSeed(SEED);
    try (LocalCluster c = new LocalCluster(cfg)) {
      return c.evaluate(f, args);
    }
  }

  static long[] randomRing(int n, long seed) {
    // Fixed-point values in about [-8, 8] with 18 fraction bits.
    return new Random(seed).longs(n, -(8L << 18), 8L << 18).toArray();
  }

  static Set<String> spuThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(
            s ->
                s.startsWith("spu-net-") || s.startsWith("spu-node-") || s.startsWith("spu-driver"))
        .collect(Collectors.toSet());
  }

  @Test
  void aby3OverTlsGivesTheSimulationsResultsAndCounters(@TempDir Path dir) throws Exception {
    int n = 64;
    List<long[]> mArgs =
        List.of(
            new Random(1).longs(n, -1000, 1000).toArray(),
            new Random(2).longs(n, -1000, 1000).toArray());
    List<long[]> fArgs = List.of(randomRing(n, 3), randomRing(n, 4));
    List<long[]> simM = simulate("aby3", 3, millionaires(n), mArgs);
    List<long[]> simF = simulate("aby3", 3, fixedPoint(n), fArgs);
    try (TestNodes t = new TestNodes(dir, "aby3", 3, false);
        RemoteCluster c = RemoteCluster.connect(t.file, t.driverOptions(false, SEED))) {
      assertThat(c.transport()).isEqualTo("tls");
      List<long[]> m = c.evaluate(millionaires(n), mArgs);
      assertThat(m.get(0)).isEqualTo(simM.get(0));
      assertThat(m.get(1)).isEqualTo(simM.get(1));
      // Same seed, same op ids: even the probabilistic truncations agree bit for bit.
      RuntimeConfig cfg = RuntimeConfig.defaults("aby3", 3).withFixedSeed(SEED);
      List<long[]> f;
      List<CommStats> simStats;
      try (LocalCluster sim = new LocalCluster(cfg)) {
        sim.evaluate(millionaires(n), mArgs); // the same op-id history
        f = sim.evaluate(fixedPoint(n), fArgs);
        simStats = sim.stats();
      }
      assertThat(c.evaluate(fixedPoint(n), fArgs).get(0)).isEqualTo(f.get(0));
      List<CommStats.Counters> remote = c.partyTotals();
      for (int i = 0; i < 3; i++) {
        assertThat(remote.get(i).bytes()).isEqualTo(simStats.get(i).total().bytes());
        assertThat(remote.get(i).messages()).isEqualTo(simStats.get(i).total().messages());
        TransportStats ts = c.transportStats().get(i);
        assertThat(ts.framingBytes()).isEqualTo(21L * remote.get(i).messages());
        assertThat(ts.wireBytesSent()).isGreaterThan(ts.payloadBytes() + ts.framingBytes());
      }
    }
  }

  @Test
  void semi2kRunsWithTheDealerAsItsOwnNode(@TempDir Path dir) throws Exception {
    int n = 16;
    List<long[]> args = List.of(randomRing(n, 5), randomRing(n, 6));
    List<long[]> sim = simulate("semi2k", 2, fixedPoint(n), args);
    try (TestNodes t = new TestNodes(dir, "semi2k", 2, false);
        RemoteCluster c = RemoteCluster.connect(t.file, t.driverOptions(false, SEED))) {
      assertThat(c.evaluate(fixedPoint(n), args).get(0)).isEqualTo(sim.get(0));
    }
  }

  @Test
  void aNodeKilledMidRunFailsTheDriverAndThePeersNamingItAndTheyServeAgain(@TempDir Path dir)
      throws Exception {
    Set<String> before = spuThreads();
    try (TestNodes t = new TestNodes(dir, "aby3", 3, false)) {
      RemoteCluster c = RemoteCluster.connect(t.file, t.driverOptions(false, null));
      int n = 200_000;
      long[] a = randomRing(n, 7);
      CompletableFuture<Throwable> run =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  for (int k = 0; k < 100; k++) {
                    c.evaluate(fixedPoint(n), List.of(a, a));
                  }
                  return null;
                } catch (RuntimeException e) {
                  return e;
                }
              });
      Thread.sleep(1500);
      long start = System.nanoTime();
      t.nodes[1].halt();
      Throwable e = run.get(10, TimeUnit.SECONDS);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(ms).isLessThan(5000);
      assertThat(e)
          .isInstanceOf(ClusterSessionException.class)
          .hasMessageContaining("party 1 (127.0.0.1:" + t.file.node(1).port() + ")");
      c.close();
      // The survivors end their sessions, then serve a new one with a restarted party 1.
      long deadline = System.nanoTime() + 5_000_000_000L;
      while ((t.nodes[0].activeSessions() > 0 || t.nodes[2].activeSessions() > 0)
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(t.nodes[0].activeSessions()).isZero();
      assertThat(t.nodes[2].activeSessions()).isZero();
      assertThat(t.log).anyMatch(l -> l.startsWith("party 0: session") && l.contains("party 1"));
      t.restart(1);
      try (RemoteCluster again = RemoteCluster.connect(t.file, t.driverOptions(false, null))) {
        List<long[]> r =
            again.evaluate(millionaires(2), List.of(new long[] {1, 9}, new long[] {5, 2}));
        assertThat(r.get(1)).containsExactly(5, 9);
      }
    }
    // No thread of ours outlives its cluster.
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!before.containsAll(spuThreads()) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(spuThreads()).isSubsetOf(before);
  }

  @Test
  void malformedProgramTextFailsTheSessionAndTheNodesKeepServing(@TempDir Path dir)
      throws Exception {
    try (TestNodes t = new TestNodes(dir, "aby3", 3, true)) {
      try (RemoteCluster c = RemoteCluster.connect(t.file, t.driverOptions(true, null))) {
        assertThat(c.transport()).isEqualTo("tcp");
        assertThatThrownBy(
                () -> c.runText("func.func @main( this is not pphlo", 1, new long[0], new long[0]))
            .isInstanceOf(ClusterSessionException.class)
            .hasMessageContaining("malformed PPHLO program");
        assertThatThrownBy(() -> c.evaluate(millionaires(2), List.of(new long[2], new long[2])))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("failed earlier");
      }
      try (RemoteCluster c = RemoteCluster.connect(t.file, t.driverOptions(true, null))) {
        assertThat(
                c.evaluate(millionaires(2), List.of(new long[] {3, 4}, new long[] {4, 3})).get(1))
            .containsExactly(4, 4);
      }
    }
  }

  @Test
  void aDriverWithAnotherIdentitysCertificateIsRefusedNamingBoth(@TempDir Path dir)
      throws Exception {
    try (TestNodes t = new TestNodes(dir, "aby3", 3, false)) {
      // The driver entry points at party 2's certificate and key.
      ClusterFile wrong =
          new ClusterFile(
              t.file.source(),
              t.file.protocol(),
              64,
              18,
              t.file.ca(),
              t.file.parties(),
              new ClusterFile.Identity(
                  t.file.parties().get(2).certificate(), t.file.parties().get(2).key()),
              t.file.dealer(),
              Duration.ofSeconds(2),
              Duration.ofSeconds(5));
      assertThatThrownBy(() -> RemoteCluster.connect(wrong, t.driverOptions(false, null)))
          .hasMessageContaining("'party-2'")
          .hasMessageContaining("driver");
      // The node side refuses a peer whose certificate is not for its claim, naming both.
      java.nio.file.Path certs = t.file.ca().getParent();
      try (var rogue =
          new dev.spu.mpc.link.netty.NettyTransport(
              "rogue",
              dev.spu.mpc.link.netty.TransportSecurity.mutualTls(
                  t.file.ca(), certs.resolve("party-2.pem"), certs.resolve("party-2.key")),
              dev.spu.mpc.link.netty.NettyOptions.defaults(),
              s -> {})) {
        assertThatThrownBy(
                () ->
                    rogue.dial(
                        t.file.node(0).address(),
                        0,
                        new dev.spu.mpc.link.netty.Frame.Hello(new byte[16], 3, 3)))
            .hasMessageContaining("refused")
            .hasMessageContaining("claims to be driver")
            .hasMessageContaining("'party-2'");
      }
      assertThat(t.log)
          .anyMatch(l -> l.contains("refused a connection") && l.contains("'party-2'"));
    }
  }

  @Test
  void aFixedSeedIsRefusedUnlessTheNodeAllowsIt(@TempDir Path dir) throws Exception {
    try (TestNodes t = new TestNodes(dir, "aby3", 3, true)) {
      for (NodeService s : t.nodes) {
        s.close();
      }
      NodeOptions strict = t.options.withAllowFixedSeed(false);
      for (int i = 0; i < 3; i++) {
        t.nodes[i] = NodeService.start(t.file, i, strict);
      }
      assertThatThrownBy(() -> RemoteCluster.connect(t.file, t.driverOptions(true, SEED)))
          .isInstanceOf(ClusterSessionException.class)
          .hasMessageContaining("--allow-fixed-seed");
    }
  }

  @Test
  void unreachableNodesAreNamedAfterTheConnectTimeout(@TempDir Path dir) throws Exception {
    try (TestNodes t = new TestNodes(dir, "aby3", 3, true)) {
      t.nodes[1].close();
      t.nodes[2].close();
      RemoteCluster.Options o =
          new RemoteCluster.Options(true, Duration.ofSeconds(1), null, null, null, s -> {});
      long start = System.nanoTime();
      assertThatThrownBy(() -> RemoteCluster.connect(t.file, o))
          .isInstanceOf(LinkException.class)
          .hasMessageContaining("cannot reach party 1 (127.0.0.1:" + t.file.node(1).port() + ")")
          .hasMessageContaining("party 2 (127.0.0.1:")
          .hasMessageNotContaining("party 0");
      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(800L, 4000L);
    }
  }
}
