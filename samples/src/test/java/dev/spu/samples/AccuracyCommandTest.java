package dev.spu.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The JSON contract of {@code spu accuracy --json} and the plot, on a small run. */
class AccuracyCommandTest {
  static final String[] NAMES = {
    "exp",
    "log",
    "log1p",
    "reciprocal",
    "divide",
    "sqrt",
    "rsqrt",
    "sigmoid",
    "tanh",
    "erf",
    "power"
  };
  static final String[] KEYS = {
    "name",
    "method",
    "lo",
    "hi",
    "points",
    "max_abs_err",
    "max_rel_err",
    "mean_abs_err",
    "max_err_over_tol",
    "rounds",
    "bytes_per_element",
    "ok"
  };

  @Test
  void jsonHasOneEntryPerFunctionWithEveryFieldAndAPlot(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("err.png");
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream old = System.out;
    int code;
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      code =
          new CommandLine(new AccuracyCommand())
              .execute("--protocol", "aby3", "--points", "64", "--json", "--plot", png.toString());
    } finally {
      System.setOut(old);
    }
    String[] lines = buf.toString(StandardCharsets.UTF_8).trim().split("\n");
    String json = lines[lines.length - 1];
    assertThat(code).isZero();
    assertThat(json).startsWith("{").endsWith("}").contains("\"all_ok\":true");
    assertThat(json).doesNotContain("NaN").doesNotContain("Infinity");
    int functions = json.indexOf("\"functions\":[");
    int alternatives = json.indexOf("\"alternatives\":[");
    assertThat(functions).isPositive();
    assertThat(alternatives).isGreaterThan(functions);
    String main = json.substring(functions, alternatives);
    for (String name : NAMES) {
      Matcher m = Pattern.compile("\\{\"name\":\"" + name + "\"[^}]*\\}").matcher(main);
      assertThat(m.find()).as(name).isTrue();
      String entry = m.group();
      for (String key : KEYS) {
        assertThat(entry).as(name).contains("\"" + key + "\":");
      }
      assertThat(entry).as(name).contains("\"ok\":true").contains("\"points\":64");
      Matcher bytes = Pattern.compile("\"bytes_per_element\":([0-9.Ee+-]+)").matcher(entry);
      assertThat(bytes.find()).isTrue();
      assertThat(Double.parseDouble(bytes.group(1))).as(name + " bytes").isPositive();
    }
    assertThat(Pattern.compile("\"name\":").matcher(main).results().count()).isEqualTo(11);
    assertThat(json.substring(alternatives)).contains("\"name\":\"exp\"").contains("limit-8");
    assertThat(Files.size(png)).isGreaterThan(10_000);
  }
}
