package dev.spu.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code spu compile} and the pass options: output contract, selections, IR dump, errors. */
class CompileCommandTest {
  private record Out(int code, String stdout, String stderr) {
    String last() {
      String[] lines = stdout.strip().split("\n");
      return lines[lines.length - 1];
    }
  }

  private static Out run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = new CommandLine(new SpuCli()).execute(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return new Out(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static long number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":(-?\\d+)").matcher(json);
    assertThat(m.find()).as("key " + key + " in " + json).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void printsTheOptimizedStepAndItsStatistics() {
    Out o = run("compile", "--model", "lr", "--optimizer", "adam", "--batch", "8");
    assertThat(o.code()).isZero();
    assertThat(o.stdout())
        .contains("func.func @main(")
        .contains("\"pphlo.rsqrt\"")
        .doesNotContain("\"pphlo.sqrt\"")
        .contains("// pass ")
        .contains("// rsqrt ")
        .contains("sqrt ");
  }

  @Test
  void jsonWithMeasuredCostPerOpKind() {
    Out all =
        run(
            "compile",
            "--model",
            "lr",
            "--optimizer",
            "adam",
            "--batch",
            "8",
            "--no-ir",
            "--measure",
            "--protocol",
            "aby3",
            "--json");
    assertThat(all.code()).isZero();
    String j = all.last();
    assertThat(j).startsWith("{").endsWith("}").contains("\"pass\":\"rsqrt\"");
    assertThat(j).contains("\"bytes_by_op\":{").contains("\"rsqrt\":");
    // The rsqrt rewrite sends fewer bytes than sqrt + divide.
    Matcher traced = Pattern.compile("\"traced_cost\":\\{\"bytes\":(\\d+)").matcher(j);
    Matcher optimized = Pattern.compile("\"optimized_cost\":\\{\"bytes\":(\\d+)").matcher(j);
    assertThat(traced.find()).isTrue();
    assertThat(optimized.find()).isTrue();
    assertThat(Long.parseLong(optimized.group(1))).isLessThan(Long.parseLong(traced.group(1)));

    Out none =
        run(
            "compile",
            "--model",
            "lr",
            "--optimizer",
            "adam",
            "--batch",
            "8",
            "--no-ir",
            "--passes",
            "none",
            "--json");
    assertThat(none.last()).contains("\"passes\":[]");
    assertThat(number(none.last(), "ops_optimized")).isEqualTo(number(none.last(), "ops_traced"));
  }

  @Test
  void selectionsAndDump(@TempDir Path dir) throws Exception {
    Out o =
        run(
            "compile",
            "--model",
            "lr",
            "--optimizer",
            "adam",
            "--batch",
            "8",
            "--no-ir",
            "--passes",
            "all",
            "--no-pass",
            "rsqrt",
            "--dump-ir",
            dir.toString(),
            "--json");
    assertThat(o.code()).isZero();
    assertThat(o.last()).doesNotContain("\"rsqrt\"").contains("\"cse\"");
    Path m = dir.resolve("module-001");
    assertThat(m.resolve("00-input.pphlo")).exists();
    assertThat(m.resolve("stats.txt")).exists();
    try (Stream<Path> s = Files.list(m)) {
      assertThat(s.filter(p -> p.toString().endsWith(".after.pphlo")).count()).isEqualTo(6);
    }
  }

  @Test
  void anUnknownPassIsAUsageError() {
    Out o = run("compile", "--model", "lr", "--passes", "cse,fusion");
    assertThat(o.code()).isEqualTo(2);
    assertThat(o.stderr()).contains("unknown pass 'fusion'").contains("mixed-type-fusion");
  }
}
