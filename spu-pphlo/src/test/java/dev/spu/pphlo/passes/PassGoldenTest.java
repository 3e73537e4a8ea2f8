package dev.spu.pphlo.passes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.pphlo.Module;
import dev.spu.pphlo.Parser;
import dev.spu.pphlo.Printer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden IR tests (as MLIR FileCheck tests): for each pass, every {@code
 * passes/<pass>/<case>.input.pphlo} under test resources is run through that pass alone and the
 * printed result must equal {@code <case>.expected.pphlo}, whose first line {@code // rewrites: N}
 * states the pass's reported count. Cases named {@code no_fire*} must come out unchanged with 0
 * rewrites.
 *
 * <p>To regenerate the expected files after a deliberate change, run with {@code
 * -Dgolden.update=true} and review the diff.
 */
class PassGoldenTest {
  private static final Pattern REWRITES = Pattern.compile("^// rewrites: (\\d+)");

  static Path root() throws URISyntaxException {
    return Paths.get(PassGoldenTest.class.getResource("/passes").toURI());
  }

  @TestFactory
  Stream<DynamicTest> goldenCases() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root())) {
      for (Path in : files.filter(p -> p.toString().endsWith(".input.pphlo")).sorted().toList()) {
        String pass = in.getParent().getFileName().toString();
        String name = in.getFileName().toString().replace(".input.pphlo", "");
        tests.add(DynamicTest.dynamicTest(pass + "/" + name, () -> check(pass, name, in)));
      }
    }
    return tests.stream();
  }

  private static void check(String pass, String name, Path in) throws IOException {
    Module input = Parser.parse(Files.readString(in, StandardCharsets.UTF_8));
    PassPipeline.Result r = PassPipeline.parse(pass).run(input);
    String got = Printer.print(r.module());
    int rewrites = r.totalRewrites();
    Path exp = in.resolveSibling(name + ".expected.pphlo");
    if (Boolean.getBoolean("golden.update")) {
      Path src =
          Paths.get("src/test/resources/passes", pass, name + ".expected.pphlo").toAbsolutePath();
      Files.writeString(src, "// rewrites: " + rewrites + "\n" + got, StandardCharsets.UTF_8);
      return;
    }
    String expected = Files.readString(exp, StandardCharsets.UTF_8);
    Matcher m = REWRITES.matcher(expected);
    assertThat(m.find()).as("%s must start with '// rewrites: N'", exp).isTrue();
    assertThat(got).as("%s/%s output", pass, name).isEqualTo(Printer.print(Parser.parse(expected)));
    assertThat(rewrites).as("%s/%s rewrites", pass, name).isEqualTo(Integer.parseInt(m.group(1)));
    if (name.startsWith("no_fire")) {
      assertThat(rewrites).isZero();
      assertThat(r.module()).isSameAs(input);
    } else {
      assertThat(rewrites).isPositive();
    }
  }

  @Test
  void everyPassHasAFiringAndANonFiringCase() throws Exception {
    for (String pass : PassPipeline.allNames()) {
      Path dir = root().resolve(pass);
      assertThat(dir).as("golden cases of %s", pass).isDirectory();
      try (Stream<Path> files = Files.list(dir)) {
        List<String> names = files.map(p -> p.getFileName().toString()).toList();
        assertThat(names)
            .as(pass)
            .anyMatch(n -> n.startsWith("no_fire") && n.endsWith(".input.pphlo"));
        assertThat(names)
            .as(pass)
            .anyMatch(n -> !n.startsWith("no_fire") && n.endsWith(".input.pphlo"));
      }
    }
  }
}
