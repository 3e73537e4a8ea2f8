package dev.spu.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spu.kernels.runtime.node.ClusterFile;
import dev.spu.kernels.runtime.node.ClusterSessionException;
import dev.spu.mpc.link.netty.Frame;
import dev.spu.mpc.link.netty.NettyOptions;
import dev.spu.mpc.link.netty.NettyTransport;
import dev.spu.mpc.link.netty.TransportSecurity;
import dev.spu.tensor.ClusterConfig;
import dev.spu.tensor.Device;
import dev.spu.tensor.SecretTensor;
import dev.spu.tensor.SimConfig;
import dev.spu.tensor.Spu;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three node JVMs ({@code spu node}) on 127.0.0.1 with ephemeral ports and mutual TLS, driven from
 * this JVM: results identical to simulation with the same seed, and the fault cases (a node killed
 * mid-run, a wrong certificate, garbage on a node's port), each ending in its error within the 5 s
 * timeout while the other nodes keep serving.
 *
 * <p>Training steps on the cluster plug in here once private training exists (see the issue).
 */
@Tag("slow")
class MultiProcessClusterTest {
  @TempDir Path tmp;
  private final List<Process> processes = new ArrayList<>();

  private Process startNode(Path cluster, int party) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        List.of(
            java,
            "-Xss8m",
            "--add-modules",
            "jdk.incubator.vector",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.spu.samples.SpuCli",
            "node",
            "--config",
            cluster.toString(),
            "--party",
            Integer.toString(party),
            "--allow-fixed-seed");
    File log = tmp.resolve("node" + party + ".log").toFile();
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
            .start();
    processes.add(p);
    return p;
  }

  private String log(int party) throws IOException {
    Path p = tmp.resolve("node" + party + ".log");
    return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
  }

  private void awaitListening(int party) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!log(party).contains("listening on")) {
      assertThat(System.nanoTime())
          .as("party " + party + " never listened:\n" + log(party))
          .isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  static double[] job(Device spu, int n) {
    double[] a = new java.util.Random(1).doubles(n, -4, 4).toArray();
    double[] b = new java.util.Random(2).doubles(n, -4, 4).toArray();
    SecretTensor x = spu.input("alice", a);
    SecretTensor y = spu.input("bob", b);
    return spu.jit((u, v) -> u.mul(v).mul(u).add(v)).call(x, y).revealDoubles();
  }

  static long[] millionaires(Device spu) {
    SecretTensor a = spu.input("alice", new long[] {3, 7, 1, 9});
    SecretTensor b = spu.input("bob", new long[] {5, 2, 8, 9});
    return SecretTensor.where(a.greater(b), a, b).reveal().toLongVector();
  }

  @Test
  void threeNodeProcessesOverTls() throws Exception {
    Path cluster = LocalNodes.devCluster(tmp.resolve("certs"), "aby3");
    ClusterFile file = ClusterFile.load(cluster);
    Process[] nodes = new Process[3];
    for (int i = 0; i < 3; i++) {
      nodes[i] = startNode(cluster, i);
    }
    for (int i = 0; i < 3; i++) {
      awaitListening(i);
    }

    // 1. Results identical to simulation with the same seed.
    double[] sim;
    long[] simMax;
    try (Device d = Spu.simulate(SimConfig.of("aby3", 3).withSeed(7))) {
      simMax = millionaires(d);
      sim = job(d, 500);
    }
    try (Device d = Spu.connect(ClusterConfig.load(cluster).withSeed(7))) {
      assertThat(millionaires(d)).containsExactly(simMax).containsExactly(5, 7, 8, 9);
      assertThat(job(d, 500)).isEqualTo(sim);
    }

    // 2. Garbage on a node's port: that connection is dropped, the node keeps serving.
    try (Socket s = new Socket("127.0.0.1", file.node(0).port())) {
      OutputStream o = s.getOutputStream();
      o.write(new byte[] {0, 0, 0, 5, 99, 1, 2, 3, 4});
      o.flush();
      s.setSoTimeout(5000);
      while (s.getInputStream().read() >= 0) {
        // until the node closes it
      }
    }

    // 3. A wrong certificate: the driver notices its own misconfiguration, and a node refuses a
    // peer whose certificate is not issued for the identity it claims, naming both.
    Path wrong = tmp.resolve("certs/wrong-driver.json");
    Files.writeString(
        wrong,
        Files.readString(cluster)
            .replace("\"driver.pem\"", "\"party-2.pem\"")
            .replace("\"driver.key\"", "\"party-2.key\""));
    assertThatThrownBy(() -> Spu.connect(ClusterConfig.load(wrong)))
        .hasMessageContaining("issued for 'party-2'")
        .hasMessageContaining("configured for driver");
    Path certs = tmp.resolve("certs");
    try (NettyTransport rogue =
        new NettyTransport(
            "rogue",
            TransportSecurity.mutualTls(
                certs.resolve("ca.pem"),
                certs.resolve("party-2.pem"),
                certs.resolve("party-2.key")),
            NettyOptions.defaults(),
            s -> {})) {
      long t0 = System.nanoTime();
      assertThatThrownBy(
              () -> rogue.dial(file.node(0).address(), 0, new Frame.Hello(new byte[16], 3, 3)))
          .hasMessageContaining("party 0")
          .hasMessageContaining("refused")
          .hasMessageContaining("claims to be driver")
          .hasMessageContaining("'party-2'");
      assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5000);
    }
    assertThat(log(0)).contains("refused a connection").contains("'party-2'");

    // 4. A node killed mid-run: the driver and the other nodes fail within the timeout, naming it.
    try (Device d = Spu.connect(ClusterConfig.load(cluster))) {
      SecretTensor x = d.input("alice", new double[100_000]);
      CompletableFuture<Throwable> run =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  for (int i = 0; i < 1000; i++) {
                    x.mul(x).revealDoubles();
                  }
                  return null;
                } catch (RuntimeException e) {
                  return e;
                }
              });
      Thread.sleep(1500);
      long start = System.nanoTime();
      nodes[1].destroyForcibly();
      Throwable e = run.get(15, TimeUnit.SECONDS);
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
      assertThat(e)
          .isInstanceOf(ClusterSessionException.class)
          .hasMessageContaining("party 1 (127.0.0.1:" + file.node(1).port() + ")");
    }
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!(log(0).contains("failed") && log(2).contains("failed"))
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(log(0)).containsPattern("session \\w+ failed: .*party 1");
    assertThat(log(2)).containsPattern("session \\w+ failed: .*party 1");

    // 5. The survivors accept a new session once party 1 is back.
    nodes[1] = startNode(cluster, 1);
    long listening = log(1).split("listening on", -1).length;
    deadline = System.nanoTime() + 60_000_000_000L;
    while (log(1).split("listening on", -1).length < 3 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(listening).isPositive();
    try (Device d = Spu.connect(ClusterConfig.load(cluster))) {
      assertThat(millionaires(d)).containsExactly(5, 7, 8, 9);
    }
  }
}
