package dev.spu.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.spu.kernels.runtime.node.ClusterFile;
import dev.spu.kernels.runtime.node.ClusterSessionException;
import dev.spu.mpc.link.netty.Frame;
import dev.spu.mpc.link.netty.NettyOptions;
import dev.spu.mpc.link.netty.NettyTransport;
import dev.spu.mpc.link.netty.TransportSecurity;
import dev.spu.nn.DoubleTensor;
import dev.spu.nn.data.BreastCancer;
import dev.spu.nn.data.Metrics;
import dev.spu.nn.train.BatchOrder;
import dev.spu.nn.train.Model;
import dev.spu.nn.train.PaperModels;
import dev.spu.nn.train.PlainTrainer;
import dev.spu.nn.train.Progress;
import dev.spu.nn.train.RunResult;
import dev.spu.nn.train.TrainConfig;
import dev.spu.nn.train.Trainer;
import dev.spu.samples.CliRun;
import dev.spu.tensor.ClusterConfig;
import dev.spu.tensor.ClusterStats;
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
 * this JVM: results identical to simulation with the same seed (millionaires, an arithmetic job and
 * three LR training steps, through the API and through {@code spu train --cluster}), and the fault
 * cases (a node killed mid-run, a wrong certificate, garbage on a node's port), each ending in its
 * error within the 5 s timeout while the other nodes keep serving.
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

  static double decimal(String json, String key) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"" + key + "\":(-?[0-9.Ee+-]+)").matcher(json);
    assertThat(m.find()).as("key " + key + " in " + json).isTrue();
    return Double.parseDouble(m.group(1));
  }

  static long[] millionaires(Device spu) {
    SecretTensor a = spu.input("alice", new long[] {3, 7, 1, 9});
    SecretTensor b = spu.input("bob", new long[] {5, 2, 8, 9});
    return SecretTensor.where(a.greater(b), a, b).reveal().toLongVector();
  }

  /**
   * A private LR run (breast cancer, features from alice, labels from bob) and its test ROC-AUC.
   */
  record LrRun(RunResult run, double rocAuc) {}

  static final int LR_STEPS = 3;
  static final long LR_SEED = 5;

  /** The same training code on any device: three SGD steps of logistic regression. */
  static LrRun trainLr(Device spu) {
    BreastCancer.Split data = BreastCancer.load();
    Model model = PaperModels.model("lr");
    BatchOrder order =
        new BatchOrder(data.train().size(), new TrainConfig(1, 64, LR_STEPS, LR_SEED));
    spu.resetStats();
    RunResult r =
        new Trainer(spu, model, PaperModels.optimizer("sgd", 0.1))
            .train(
                model.initialParameters(LR_SEED),
                order,
                data.train().features(),
                "alice",
                data.train().column(),
                "bob",
                1,
                Progress.SILENT);
    double auc =
        Metrics.rocAuc(
            model.predict(r.params(), data.test().features(), 1000), data.test().labels());
    return new LrRun(r, auc);
  }

  static double[] flat(List<DoubleTensor> params) {
    return params.stream().flatMapToDouble(t -> java.util.Arrays.stream(t.data())).toArray();
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

    // 1b. Three LR training steps: the same revealed weights, losses, metric and payload.
    LrRun simLr;
    try (Device d = Spu.simulate(SimConfig.of("aby3", 3).withSeed(9))) {
      simLr = trainLr(d);
    }
    // The fixed-point run tracks plaintext double from the same start (the test can fail).
    BreastCancer.Split data = BreastCancer.load();
    Model lr = PaperModels.model("lr");
    RunResult plain =
        new PlainTrainer(lr, PaperModels.optimizer("sgd", 0.1))
            .train(
                lr.initialParameters(LR_SEED),
                new BatchOrder(data.train().size(), new TrainConfig(1, 64, LR_STEPS, LR_SEED)),
                data.train().features(),
                data.train().column(),
                1,
                Progress.SILENT);
    assertThat(simLr.run().batches()).isEqualTo(LR_STEPS);
    double[] simW = flat(simLr.run().params());
    double[] plainW = flat(plain.params());
    for (int i = 0; i < simW.length; i++) {
      assertThat(simW[i]).as("weight " + i).isCloseTo(plainW[i], within(1e-3));
    }
    try (Device d = Spu.connect(ClusterConfig.load(cluster).withSeed(9))) {
      ClusterStats wire0 = ClusterStats.of(d).orElseThrow();
      LrRun c = trainLr(d);
      ClusterStats wire = ClusterStats.of(d).orElseThrow().minus(wire0);
      assertThat(flat(c.run().params())).containsExactly(simW);
      assertThat(c.run().losses()).containsExactly(simLr.run().losses());
      assertThat(c.rocAuc()).isEqualTo(simLr.rocAuc()).isGreaterThan(0.95);
      assertThat(c.run().bytes()).containsExactly(simLr.run().bytes());
      assertThat(c.run().rounds()).containsExactly(simLr.run().rounds());
      assertThat(c.run().setupBytes()).isEqualTo(simLr.run().setupBytes());
      // The sockets carry exactly the in-memory payload, plus framing, commands and TLS records.
      long payload = c.run().setupBytes() + java.util.Arrays.stream(c.run().bytes()).sum();
      assertThat(wire.payloadBytes()).isEqualTo(payload);
      assertThat(wire.wireBytes())
          .isGreaterThan(payload + wire.framingBytes() + wire.controlBytes());
    }

    // 1c. The same through the CLI (secure randomness: equal payload, metric to fixed-point noise).
    CliRun.Result simCli =
        CliRun.run("train", "--model", "lr", "--steps", "3", "--seed", "5", "--json");
    CliRun.Result onNodes =
        CliRun.run(
            "train",
            "--model",
            "lr",
            "--steps",
            "3",
            "--seed",
            "5",
            "--cluster",
            cluster.toString(),
            "--json");
    assertThat(simCli.code()).as(simCli.err()).isZero();
    assertThat(onNodes.code()).as(onNodes.err()).isZero();
    String j = onNodes.lastLine();
    assertThat(j).contains("\"transport\":\"tls\"").contains("\"protocol\":\"aby3\"");
    for (String a : file.partyAddresses()) {
      assertThat(j).contains("\"" + a + "\"");
    }
    for (String key : new String[] {"bytes_per_batch", "rounds_per_batch", "total_bytes"}) {
      assertThat(ClusterCommandsTest.number(j, key))
          .as(key)
          .isEqualTo(ClusterCommandsTest.number(simCli.lastLine(), key));
    }
    assertThat(ClusterCommandsTest.number(j, "payload_bytes"))
        .isEqualTo(ClusterCommandsTest.number(j, "total_bytes"));
    assertThat(decimal(j, "secret")).isCloseTo(decimal(simCli.lastLine(), "secret"), within(0.01));

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
