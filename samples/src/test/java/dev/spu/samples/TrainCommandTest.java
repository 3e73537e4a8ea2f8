package dev.spu.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code spu train}'s contract and the targets: the JSON fields, private logistic
 * regression at plaintext level (default test), network A for one epoch (slow).
 */
class TrainCommandTest {
  static String run(String... args) {
    PrintStream old = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      int code = new CommandLine(new SpuCli()).execute(args);
      assertThat(code).as("exit code of spu " + String.join(" ", args)).isZero();
    } finally {
      System.setOut(old);
      System.setErr(oldErr);
    }
    String[] lines = buf.toString(StandardCharsets.UTF_8).strip().split("\n");
    return lines[lines.length - 1];
  }

  static double number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9.Ee+-]+)").matcher(json);
    assertThat(m.find()).as("key " + key + " in " + json).isTrue();
    return Double.parseDouble(m.group(1));
  }

  static void assertContract(String json) {
    assertContract(json, true);
  }

  static void assertContract(String json, boolean communicates) {
    assertThat(json).startsWith("{").endsWith("}");
    for (String k :
        new String[] {
          "\"model\":", "\"dataset\":", "\"protocol\":", "\"optimizer\":", "\"metric\":"
        }) {
      assertThat(json).contains(k);
    }
    assertThat(number(json, "secret")).isBetween(0.0, 1.0);
    assertThat(number(json, "plaintext")).isBetween(0.0, 1.0);
    assertThat(number(json, "seconds_per_batch")).isPositive();
    if (communicates) {
      assertThat(number(json, "bytes_per_batch")).isPositive();
      assertThat(number(json, "rounds_per_batch")).isPositive();
    }
    assertThat(number(json, "batches")).isPositive();
    assertThat(json).doesNotContain("NaN").doesNotContain("Infinity");
  }

  @Test
  void logisticRegressionOnBreastCancerReachesPlaintextRocAuc() {
    String json =
        run("train", "--model", "lr", "--dataset", "breast-cancer", "--protocol", "aby3", "--json");
    assertContract(json);
    assertThat(json).contains("\"metric\":\"roc_auc\"").contains("\"protocol\":\"aby3\"");
    double secret = number(json, "secret");
    assertThat(secret).isGreaterThanOrEqualTo(0.99);
    assertThat(Math.abs(secret - number(json, "plaintext"))).isLessThanOrEqualTo(0.005);
  }

  @Test
  void stepsLimitAndOtherProtocols() {
    String json =
        run(
            "train",
            "--model",
            "A",
            "--protocol",
            "semi2k",
            "--limit",
            "512",
            "--steps",
            "3",
            "--json");
    assertContract(json);
    assertThat(number(json, "batches")).isEqualTo(3);
    assertThat(number(json, "train_examples")).isEqualTo(512);
    assertThat(json).contains("\"metric\":\"accuracy\"").contains("\"parties\":2");
    String ref = run("train", "--model", "lr", "--protocol", "ref2k", "--epochs", "2", "--json");
    assertContract(ref, false); // ref2k: one party, nothing to send
  }

  @Test
  void unknownNamesAreUsageErrors() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine cli = new CommandLine(new SpuCli());
    cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
    assertThat(cli.execute("train", "--model", "E", "--json")).isEqualTo(2);
    assertThat(cli.execute("train", "--model", "A", "--optimizer", "rmsprop")).isEqualTo(2);
    assertThat(cli.execute("train", "--model", "A", "--dataset", "breast-cancer")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("unknown model 'E'")
        .contains("unknown optimizer 'rmsprop'")
        .contains("model A trains on mnist");
  }

  @Test
  @Tag("slow")
  void networkAForOneEpochIsWithinAPointOfPlaintext() {
    String json =
        run(
            "train",
            "--model",
            "A",
            "--dataset",
            "mnist",
            "--protocol",
            "aby3",
            "--epochs",
            "1",
            "--json");
    assertContract(json);
    double secret = number(json, "secret");
    assertThat(secret).isGreaterThanOrEqualTo(0.95);
    assertThat(Math.abs(secret - number(json, "plaintext"))).isLessThanOrEqualTo(0.01);
  }
}
