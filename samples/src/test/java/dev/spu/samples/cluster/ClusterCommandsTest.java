package dev.spu.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spu.kernels.runtime.node.ClusterFile;
import dev.spu.kernels.runtime.node.ClusterSessionException;
import dev.spu.samples.CliRun;
import dev.spu.tensor.ClusterConfig;
import dev.spu.tensor.Device;
import dev.spu.tensor.SecretTensor;
import dev.spu.tensor.SimConfig;
import dev.spu.tensor.Spu;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster commands and Spu.connect against nodes running in this JVM (fast variant). */
class ClusterCommandsTest {
  static CliRun.Result cli(String... args) {
    return CliRun.run(args);
  }

  static long number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":(-?\\d+)").matcher(json);
    assertThat(m.find()).as("key " + key + " in " + json).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void certsWritesAClusterReadyForThreeLocalNodes(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("new/certs");
    CliRun.Result r = cli("certs", "--parties", "3", "--out", dir.toString(), "--json");
    assertThat(r.code()).isZero();
    assertThat(r.lastLine()).contains("\"cluster\":").contains("\"parties\":3");
    ClusterFile f = ClusterFile.load(dir.resolve("cluster.json"));
    assertThat(f.protocol()).isEqualTo("aby3");
    assertThat(f.size()).isEqualTo(3);
    assertThat(f.parties()).allMatch(p -> p.host().equals("127.0.0.1"));
    for (String id : new String[] {"ca", "party-0", "party-1", "party-2", "driver", "dealer"}) {
      assertThat(dir.resolve(id + ".pem")).exists();
      assertThat(dir.resolve(id + ".key")).exists();
    }
    // Each identity's certificate is usable (TLS contexts build, the names match).
    for (int e = 0; e < 5; e++) {
      assertThat(f.security(e, false).isTls()).isTrue();
    }
    // An existing empty directory is fine, a non-empty one is refused.
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertThat(cli("certs", "--out", empty.toString()).code()).isZero();
    CliRun.Result again = cli("certs", "--out", dir.toString());
    assertThat(again.code()).isNotZero();
    assertThat(again.err()).contains("is not empty");
  }

  @Test
  void millionairesOnTheClusterMatchesTheSimulationAndReportsTheTransport(@TempDir Path tmp)
      throws Exception {
    CliRun.Result sim = cli("millionaires", "--alice", "3,7,1,9", "--bob", "5,2,8,9", "--json");
    try (LocalNodes nodes = new LocalNodes(tmp, "aby3", false)) {
      CliRun.Result r =
          cli(
              "millionaires",
              "--cluster",
              nodes.file.toString(),
              "--alice",
              "3,7,1,9",
              "--bob",
              "5,2,8,9",
              "--json");
      assertThat(r.code()).as(r.err()).isZero();
      String j = r.lastLine();
      assertThat(j).contains("\"result\":[5,7,8,9]").contains("\"transport\":\"tls\"");
      for (String a : nodes.cluster.partyAddresses()) {
        assertThat(j).contains("\"" + a + "\"");
      }
      // The link counts payload exactly as in simulation; the wire adds framing, commands, TLS.
      assertThat(number(j, "bytes")).isEqualTo(number(sim.lastLine(), "bytes"));
      assertThat(number(j, "rounds")).isEqualTo(number(sim.lastLine(), "rounds"));
      assertThat(number(j, "wire_bytes"))
          .isGreaterThan(number(j, "bytes") + number(j, "framing_bytes"));

      CliRun.Result conflict =
          cli("millionaires", "--cluster", nodes.file.toString(), "--protocol", "semi2k");
      assertThat(conflict.code()).isNotZero();
      assertThat(conflict.err()).contains("--protocol semi2k conflicts").contains("aby3");
    }
  }

  @Test
  void trainTakesTheProtocolFromTheClusterFile(@TempDir Path tmp) throws Exception {
    // Checked before any training starts; no nodes needed to refuse the conflict.
    Path f = LocalNodes.devCluster(tmp, "aby3");
    CliRun.Result r =
        cli(
            "train",
            "--model",
            "lr",
            "--steps",
            "1",
            "--cluster",
            f.toString(),
            "--protocol",
            "ref2k");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("--protocol ref2k conflicts").contains("aby3");
    assertThat(r.out()).doesNotContain("roc_auc");
    assertThat(cli("train", "--model", "lr", "--steps", "1", "--insecure").err())
        .contains("only with --cluster");
  }

  @Test
  void insecureNeedsTheFlagOnBothSidesAndWarns(@TempDir Path tmp) throws Exception {
    try (LocalNodes nodes = new LocalNodes(tmp, "aby3", true)) {
      CliRun.Result r =
          cli("millionaires", "--cluster", nodes.file.toString(), "--insecure", "--json");
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.err()).contains("WARNING: --insecure");
      assertThat(r.lastLine()).contains("\"transport\":\"tcp\"").contains("\"result\":[5,7,8,9]");
    }
    assertThat(cli("millionaires", "--insecure").err()).contains("only with --cluster");
  }

  /** User code written once, run on both devices. */
  static double[] job(Device spu) {
    double[] a = new Random(11).doubles(300, -4, 4).toArray();
    double[] b = new Random(12).doubles(300, -4, 4).toArray();
    SecretTensor x = spu.input("alice", a);
    SecretTensor y = spu.input("bob", b);
    Function<SecretTensor[], SecretTensor> f = v -> v[0].mul(v[1]).mul(v[0]).add(v[1]);
    SecretTensor z = spu.jit(2, v -> f.apply(v)).call(x, y);
    return z.revealDoubles();
  }

  @Test
  void spuConnectRunsTheSameUserCodeWithTheSimulationsResults(@TempDir Path tmp) throws Exception {
    double[] sim;
    try (Device d = Spu.simulate(SimConfig.of("aby3", 3).withSeed(42))) {
      sim = job(d);
    }
    try (LocalNodes nodes = new LocalNodes(tmp, "aby3", false);
        Device d = Spu.connect(ClusterConfig.load(nodes.file).withSeed(42))) {
      assertThat(d.description()).startsWith("cluster(aby3, 3 parties, tls");
      // Bit-identical: same seed, same op ids, probabilistic truncations included.
      assertThat(job(d)).isEqualTo(sim);
    }
  }

  @Test
  void aNodeKilledMidRunFailsTheDeviceNamingIt(@TempDir Path tmp) throws Exception {
    try (LocalNodes nodes = new LocalNodes(tmp, "aby3", false);
        Device d = Spu.connect(ClusterConfig.load(nodes.file))) {
      double[] big = new double[100_000];
      SecretTensor x = d.input("alice", big);
      CompletableFuture<Throwable> run =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  for (int i = 0; i < 200; i++) {
                    x.mul(x).revealDoubles();
                  }
                  return null;
                } catch (RuntimeException e) {
                  return e;
                }
              });
      Thread.sleep(1000);
      long start = System.nanoTime();
      nodes.nodes[2].halt();
      Throwable e = run.get(10, TimeUnit.SECONDS);
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
      assertThat(e)
          .isInstanceOf(ClusterSessionException.class)
          .hasMessageContaining("party 2 (127.0.0.1:" + nodes.cluster.node(2).port() + ")");
    }
  }

  @Test
  void unreachableNodesAreNamed(@TempDir Path tmp) throws Exception {
    Path f = LocalNodes.devCluster(tmp, "aby3");
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                Spu.connect(
                    ClusterConfig.load(f).withConnectTimeout(java.time.Duration.ofMillis(500))))
        .hasMessageContaining("cannot reach party 0")
        .hasMessageContaining("party 1")
        .hasMessageContaining("party 2")
        .hasMessageContaining("never falls back to simulation");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5000);
  }
}
