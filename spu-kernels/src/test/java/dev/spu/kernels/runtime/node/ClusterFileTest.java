package dev.spu.kernels.runtime.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterFileTest {
  static final String PARTIES =
      "\"parties\": [{\"id\": 0, \"host\": \"127.0.0.1\", \"port\": 4000, \"certificate\": \"p0.pem\","
          + " \"key\": \"keys/p0.key\"}, {\"id\": 1, \"host\": \"10.0.0.2\", \"port\": 4001},"
          + " {\"id\": 2, \"host\": \"10.0.0.3\", \"port\": 4002}]";

  static ClusterFile parse(String json) {
    return ClusterFile.parse(json, Path.of("/etc/spu"), null);
  }

  @Test
  void defaultsAndRelativePaths() {
    ClusterFile f = parse("{" + PARTIES + ", \"ca\": \"ca.pem\"}");
    assertThat(f.protocol()).isEqualTo("aby3");
    assertThat(f.fieldBits()).isEqualTo(64);
    assertThat(f.fractionBits()).isEqualTo(18);
    assertThat(f.size()).isEqualTo(3);
    assertThat(f.ca()).isEqualTo(Path.of("/etc/spu/ca.pem"));
    assertThat(f.parties().get(0).key()).isEqualTo(Path.of("/etc/spu/keys/p0.key"));
    assertThat(f.partyAddresses())
        .containsExactly("127.0.0.1:4000", "10.0.0.2:4001", "10.0.0.3:4002");
    assertThat(f.connectTimeout().toSeconds()).isEqualTo(30);
  }

  @Test
  void errorsNameTheEntry() {
    assertThatThrownBy(() -> parse("{" + PARTIES + ", \"protcol\": \"aby3\"}"))
        .hasMessageContaining("unknown key \"protcol\"");
    assertThatThrownBy(() -> parse("{" + PARTIES.replace("4001", "70000") + "}"))
        .hasMessageContaining("parties[1].port must be in 1..65535, got 70000");
    assertThatThrownBy(() -> parse("{" + PARTIES.replace("\"id\": 2", "\"id\": 3") + "}"))
        .hasMessageContaining("party ids must be 0..2");
    assertThatThrownBy(() -> parse("{" + PARTIES + ", \"protocol\": \"spdz\"}"))
        .hasMessageContaining("unknown protocol 'spdz'");
    assertThatThrownBy(() -> parse("{" + PARTIES + ", \"protocol\": \"semi2k\"}"))
        .hasMessageContaining("semi2k needs a dealer");
    assertThatThrownBy(() -> parse("{" + PARTIES + ", \"field\": 128}"))
        .hasMessageContaining("\"field\" must be 64");
    assertThatThrownBy(
            () ->
                parse("{" + PARTIES.replace("4001", "4000").replace("10.0.0.2", "127.0.0.1") + "}"))
        .hasMessageContaining("two endpoints listen on 127.0.0.1:4000");
    assertThatThrownBy(() -> parse("{\"parties\": [{\"id\": 0, \"host\": \"a\", \"port\": 1}]}"))
        .hasMessageContaining("the file lists 1 parties");
    assertThatThrownBy(() -> parse("{" + PARTIES + ",}"))
        .hasMessageContaining("invalid JSON at line 1");
    // TLS needs the files; --insecure does not.
    ClusterFile f = parse("{" + PARTIES + "}");
    assertThatThrownBy(() -> f.security(1, false)).hasMessageContaining("needs \"ca\"");
    assertThat(f.security(1, true).isTls()).isFalse();
  }

  @Test
  void missingFileSaysHowToCreateOne(@TempDir Path dir) {
    assertThatThrownBy(() -> ClusterFile.load(dir.resolve("cluster.json")))
        .hasMessageContaining("does not exist")
        .hasMessageContaining("spu certs");
  }

  @Test
  void devClusterRoundTripsAndRefusesANonEmptyDirectory(@TempDir Path dir) throws Exception {
    Path f =
        ClusterFile.createDevCluster(
            dir.resolve("c"), 2, "semi2k", "127.0.0.1", new int[] {5000, 5001, 5002});
    ClusterFile c = ClusterFile.load(f);
    assertThat(c.protocol()).isEqualTo("semi2k");
    assertThat(c.dealer().port()).isEqualTo(5002);
    assertThat(c.security(3, false).ownIdentity()).isEqualTo("dealer");
    assertThat(Files.readString(f)).doesNotContain(dir.toString()); // relative paths
    assertThatThrownBy(
            () ->
                ClusterFile.createDevCluster(
                    dir.resolve("c"), 2, "semi2k", "127.0.0.1", new int[] {1, 2, 3}))
        .hasMessageContaining("is not empty");
  }
}
