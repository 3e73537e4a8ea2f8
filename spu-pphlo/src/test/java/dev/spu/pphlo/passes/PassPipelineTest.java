package dev.spu.pphlo.passes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spu.pphlo.Module;
import dev.spu.pphlo.Parser;
import dev.spu.pphlo.Printer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassPipelineTest {
  static final String RELU =
      """
      func.func @main(%arg0: tensor<4x!pphlo.sec<f32>>, %arg1: tensor<4x!pphlo.sec<f32>>) -> (tensor<4x!pphlo.sec<f32>>, tensor<4x!pphlo.sec<f32>>) {
        %0 = "pphlo.constant"() {value = dense<0.0> : tensor<4xf32>} : () -> tensor<4x!pphlo.pub<f32>>
        %1 = "pphlo.greater"(%arg0, %0) : (tensor<4x!pphlo.sec<f32>>, tensor<4x!pphlo.pub<f32>>) -> tensor<4x!pphlo.sec<i1>>
        %2 = "pphlo.greater"(%arg0, %0) : (tensor<4x!pphlo.sec<f32>>, tensor<4x!pphlo.pub<f32>>) -> tensor<4x!pphlo.sec<i1>>
        %3 = "pphlo.select"(%1, %arg0, %0) : (tensor<4x!pphlo.sec<i1>>, tensor<4x!pphlo.sec<f32>>, tensor<4x!pphlo.pub<f32>>) -> tensor<4x!pphlo.sec<f32>>
        %4 = "pphlo.select"(%2, %arg1, %0) : (tensor<4x!pphlo.sec<i1>>, tensor<4x!pphlo.sec<f32>>, tensor<4x!pphlo.pub<f32>>) -> tensor<4x!pphlo.sec<f32>>
        %5 = "pphlo.multiply"(%3, %arg1) : (tensor<4x!pphlo.sec<f32>>, tensor<4x!pphlo.sec<f32>>) -> tensor<4x!pphlo.sec<f32>>
        "pphlo.return"(%3, %4) : (tensor<4x!pphlo.sec<f32>>, tensor<4x!pphlo.sec<f32>>) -> ()
      }
      """;

  @Test
  void standardOrderAndSelection() {
    assertThat(PassPipeline.allNames())
        .containsExactly(
            "cse",
            "mixed-type-fusion",
            "mixed-visibility-reorder",
            "rsqrt",
            "max-pool",
            "select-reuse",
            "dce");
    assertThat(PassPipeline.parse("all").names()).isEqualTo(PassPipeline.allNames());
    assertThat(PassPipeline.parse("none").isEmpty()).isTrue();
    // Standard order whatever the list order; case and blanks ignored.
    assertThat(PassPipeline.parse(" DCE, rsqrt ,cse").names())
        .containsExactly("cse", "rsqrt", "dce");
    assertThat(PassPipeline.standard().without("max-pool", "cse").names())
        .doesNotContain("max-pool", "cse")
        .hasSize(5);
    assertThat(PassPipeline.standard().isEnabled("rsqrt")).isTrue();
    assertThat(PassPipeline.summary("rsqrt")).contains("rsqrt");
  }

  @Test
  void unknownNamesAreRejectedWithTheKnownOnes() {
    assertThatThrownBy(() -> PassPipeline.parse("cse,fuse"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown pass 'fuse'")
        .hasMessageContaining("mixed-type-fusion");
    assertThatThrownBy(() -> PassPipeline.standard().without("nope"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void allPassesTogether() {
    Module in = Parser.parse(RELU);
    PassPipeline.Result r = PassPipeline.standard().run(in);
    String out = Printer.print(r.module());
    // CSE merged the comparisons, select-reuse put one prefer_a in front of both selects, DCE
    // removed the unused product.
    assertThat(out.split("pphlo.greater", -1)).hasSize(2);
    assertThat(out.split("pphlo.prefer_a", -1)).hasSize(2);
    assertThat(out).doesNotContain("pphlo.multiply");
    assertThat(r.stats()).extracting(PassStats::pass).isEqualTo(PassPipeline.allNames());
    assertThat(r.stats().get(0).rewrites()).isEqualTo(1); // cse
    assertThat(r.stats().get(5).rewrites()).isEqualTo(2); // select-reuse
    assertThat(r.stats().get(6).rewrites()).isEqualTo(1); // dce
    assertThat(r.stats().get(6).opsAfter()).isEqualTo(5);
    assertThat(r.table()).contains("select-reuse");
    // Nothing to do the second time (prefer_a is not applied twice).
    PassPipeline.Result again = PassPipeline.standard().run(r.module());
    assertThat(again.totalRewrites()).isZero();
    assertThat(again.module()).isSameAs(r.module());
  }

  @Test
  void noneLeavesTheModuleAlone() {
    Module in = Parser.parse(RELU);
    PassPipeline.Result r = PassPipeline.none().run(in);
    assertThat(r.module()).isSameAs(in);
    assertThat(r.stats()).isEmpty();
  }

  @Test
  void dumpsTheIrBeforeAndAfterEachPass(@TempDir Path dir) throws Exception {
    PassPipeline p = PassPipeline.parse("cse,dce").dumpingTo(dir);
    p.run(Parser.parse(RELU));
    p.run(Parser.parse(RELU));
    Path m1 = dir.resolve("module-001");
    assertThat(dir.resolve("module-002")).isDirectory();
    List<String> files;
    try (Stream<Path> s = Files.list(m1)) {
      files = s.map(f -> f.getFileName().toString()).sorted().toList();
    }
    assertThat(files)
        .containsExactly(
            "00-input.pphlo",
            "01-cse.after.pphlo",
            "01-cse.before.pphlo",
            "02-dce.after.pphlo",
            "02-dce.before.pphlo",
            "stats.txt");
    assertThat(Printer.print(Parser.parse(Files.readString(m1.resolve("01-cse.before.pphlo")))))
        .isEqualTo(Printer.print(Parser.parse(RELU)));
    assertThat(Files.readString(m1.resolve("02-dce.after.pphlo"))).doesNotContain("multiply");
    assertThat(Files.readString(m1.resolve("stats.txt"))).contains("cse").contains("dce");
  }
}
