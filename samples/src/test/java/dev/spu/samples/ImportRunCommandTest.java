package dev.spu.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.pphlo.Parser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code spu import} and {@code spu run}: output contracts, self-checking programs, errors. */
class ImportRunCommandTest {
  static CliRun.Result run(String... args) {
    return CliRun.run(args);
  }

  static double number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9.Ee+-]+)").matcher(json);
    assertThat(m.find()).as("key " + key + " in " + json).isTrue();
    return Double.parseDouble(m.group(1));
  }

  static String example(String name) {
    return ImportedProgramsTest.EXAMPLES.resolve(name).toString();
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({
    "logistic_check.mlir, aby3",
    "dot_general_check.mlir, aby3",
    "reduce_window_max_check.mlir, aby3",
    "select_and_scatter_check.mlir, aby3",
    "convolution_check.mlir, aby3",
    "softmax_check.mlir, aby3",
    "while_check.mlir, aby3",
    "case_check.mlir, aby3",
    "logistic_check.mlir, ref2k",
    "convolution_check.mlir, semi2k",
    "select_and_scatter_check.mlir, ref2k"
  })
  void selfCheckingProgramsPass(String file, String protocol) {
    CliRun.Result r = run("run", example(file), "--check", "--protocol", protocol, "--json");
    assertThat(r.code()).as(r.err()).isZero();
    String json = r.lastLine();
    assertThat(json).startsWith("{").endsWith("}").contains("\"ok\":true");
    assertThat(number(json, "max_abs_err")).isBetween(0.0, 1e-3);
    assertThat(number(json, "bytes")).isPositive();
    assertThat(json).doesNotContain("NaN").doesNotContain("Infinity");
  }

  @Test
  void aWrongExpectationFailsTheCheckWithExitCode1(@TempDir Path dir) throws IOException {
    String text = Files.readString(Path.of(example("logistic_check.mlir")));
    // Corrupt the first element of @expected(): the check must notice.
    int at = text.indexOf("func.func private @expected");
    int lit = text.indexOf("dense<[[", at) + 8;
    String wrong = text.substring(0, lit) + "0.75, " + text.substring(text.indexOf(",", lit) + 2);
    Path f = dir.resolve("wrong.mlir");
    Files.writeString(f, wrong);
    CliRun.Result r = run("run", f.toString(), "--check", "--protocol", "ref2k", "--json");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.lastLine()).contains("\"ok\":false").contains("\"failures\":1");
  }

  @Test
  void importPrintsSummaryJsonAndPphloThatParses() {
    CliRun.Result r =
        run("import", example("mlp_train_step.mlir"), "--vis", "p,p,p,p,s,s", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    String json = r.lastLine();
    assertThat(json)
        .contains("\"format\":\"stablehlo\"")
        .contains("\"name\":\"p['w1']\",\"type\":\"tensor<4x6x!pphlo.pub<f32>>\"")
        .contains("\"name\":\"x\",\"type\":\"tensor<8x4x!pphlo.sec<f32>>\"")
        .contains("\"dot_general\":5");
    CliRun.Result p = run("import", example("lr_train_step.hlo"), "--print");
    assertThat(p.code()).isZero();
    assertThat(Parser.parse(p.out()).main().body()).isNotEmpty();
    assertThat(p.out()).contains("\"pphlo.logistic\"");
  }

  @Test
  void runWithNpyInputsAndRandomInputs(@TempDir Path dir) throws IOException {
    Random rng = new Random(3);
    double[] w = ImportedProgramsTest.gaussian(rng, 30, 0.2);
    double[] b = {0.1};
    double[] vw = new double[30];
    double[] vb = {0};
    double[] x = ImportedProgramsTest.gaussian(rng, 64 * 30, 1);
    double[] y = new double[64];
    for (int i = 0; i < 64; i++) {
      y[i] = i % 2;
    }
    int[][] shapes = {{30, 1}, {1}, {30, 1}, {1}, {64, 30}, {64, 1}};
    double[][] data = {w, b, vw, vb, x, y};
    StringBuilder files = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      Path p = dir.resolve("a" + i + ".npy");
      NpyFile.writeDoubles(p, shapes[i], data[i]);
      files.append(i > 0 ? "," : "").append(p);
    }
    CliRun.Result r =
        run(
            "run",
            example("lr_train_step.mlir"),
            "--inputs",
            files.toString(),
            "--vis",
            "s,s,s,s,s,p",
            "--protocol",
            "aby3",
            "--json");
    assertThat(r.code()).as(r.err()).isZero();
    double[][] want = ImportedProgramsTest.lrStep(w, b[0], vw, vb[0], x, y);
    Matcher m = Pattern.compile("\"values\":\\[([^\\]]*)\\]").matcher(r.lastLine());
    assertThat(m.find()).isTrue();
    String[] got = m.group(1).split(",");
    assertThat(got).hasSize(30);
    for (int i = 0; i < 30; i++) {
      assertThat(Double.parseDouble(got[i]))
          .isCloseTo(want[0][i], org.assertj.core.api.Assertions.within(2e-3));
    }
    CliRun.Result rnd =
        run("run", example("cnn_train_step.mlir"), "--random", "--protocol", "ref2k", "--json");
    assertThat(rnd.code()).as(rnd.err()).isZero();
    assertThat(rnd.lastLine())
        .contains("\"ok\":true")
        .contains("\"type\":\"tensor<!pphlo.sec<f32>>\"");
  }

  @Test
  void errorsNameTheFileLineAndOp(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.mlir");
    Files.writeString(
        f,
        "func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {\n"
            + "  %0 = stablehlo.cbrt %x : tensor<4xf32>\n"
            + "  return %0 : tensor<4xf32>\n}\n");
    CliRun.Result r = run("run", f.toString(), "--random");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("bad.mlir: line 2: stablehlo.cbrt: unsupported op (supported:");
    CliRun.Result i = run("import", f.toString());
    assertThat(i.code()).isEqualTo(2);
    assertThat(i.err()).contains("line 2: stablehlo.cbrt");
    CliRun.Result n = run("run", example("lr_train_step.mlir"), "--inputs", f.toString());
    assertThat(n.code()).isEqualTo(2);
    assertThat(n.err()).contains("not a .npy file");
    CliRun.Result c = run("run", example("lr_train_step.mlir"), "--check");
    assertThat(c.code()).isEqualTo(2);
    assertThat(c.err()).contains("--check needs a self-checking program");
  }
}
