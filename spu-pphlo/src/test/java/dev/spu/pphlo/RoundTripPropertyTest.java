package dev.spu.pphlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random well-typed programs survive print → parse → print unchanged and verify after parsing. */
class RoundTripPropertyTest {
  private static final int PROGRAMS = 600;

  @Test
  void printParsePrintIsIdentity() {
    int ops = 0;
    for (long seed = 0; seed < PROGRAMS; seed++) {
      Module m = new RandomPrograms(seed).module();
      Verifier.verify(m);
      String text = Printer.print(m);
      Module parsed;
      try {
        parsed = Parser.parse(text);
      } catch (ParseException e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage() + "\n" + text, e);
      }
      Verifier.verify(parsed);
      assertThat(Printer.print(parsed)).as("seed %d", seed).isEqualTo(text);
      assertSameStructure(m, parsed, seed);
      ops += m.functions().stream().mapToInt(f -> f.body().size()).sum();
    }
    assertThat(ops).isGreaterThan(PROGRAMS * 5);
  }

  @Test
  void generatorCoversEveryStandardOpAndAttributeKind() {
    java.util.Set<String> seen = new java.util.HashSet<>();
    java.util.Set<Class<?>> attrKinds = new java.util.HashSet<>();
    int multiFunction = 0;
    for (long seed = 0; seed < PROGRAMS; seed++) {
      Module m = new RandomPrograms(seed).module();
      multiFunction += m.functions().size() > 1 ? 1 : 0;
      for (Function f : m.functions()) {
        for (Operation op : f.body()) {
          seen.add(op.name());
          op.attributes().asMap().values().forEach(v -> attrKinds.add(v.getClass()));
        }
      }
    }
    for (OpDef d : OpRegistry.all()) {
      if (StandardOpsList.NAMES.contains(d.name())) {
        assertThat(seen).as("ops generated").contains(d.name());
      }
    }
    assertThat(attrKinds)
        .contains(
            Long.class,
            Double.class,
            String.class,
            Boolean.class,
            long[].class,
            DenseElements.class);
    assertThat(attrKinds.stream().anyMatch(DType.class::isAssignableFrom)).isTrue();
    assertThat(multiFunction).isGreaterThan(50);
  }

  /** Parsed attributes and types are equal as values, not only as text. */
  private static void assertSameStructure(Module a, Module b, long seed) {
    assertThat(b.functions()).hasSameSizeAs(a.functions());
    for (int i = 0; i < a.functions().size(); i++) {
      Function fa = a.functions().get(i);
      Function fb = b.functions().get(i);
      assertThat(fb.name()).isEqualTo(fa.name());
      assertThat(fb.argumentTypes()).isEqualTo(fa.argumentTypes());
      assertThat(fb.resultTypes()).isEqualTo(fa.resultTypes());
      for (int j = 0; j < fa.body().size(); j++) {
        Operation oa = fa.body().get(j);
        Operation ob = fb.body().get(j);
        if (!oa.attributes().equals(ob.attributes())
            || !oa.name().equals(ob.name())
            || !oa.resultTypes().equals(ob.resultTypes())) {
          fail("seed " + seed + " op " + j + ": " + Printer.printOp(fa, j));
        }
      }
    }
  }

  /** Mutated program text is either parsed or rejected with a ParseException, nothing else. */
  @Test
  void corruptedTextFailsOnlyWithParseException() {
    Random rnd = new Random(42);
    String alphabet = "%#:,()<>{}[]\"=x0123456789-.e !@pphlo.sectensori1f32\n//";
    int rejected = 0;
    for (long seed = 0; seed < 300; seed++) {
      String text = Printer.print(new RandomPrograms(seed).module());
      StringBuilder sb = new StringBuilder(text);
      int edits = 1 + rnd.nextInt(3);
      for (int e = 0; e < edits; e++) {
        int at = rnd.nextInt(sb.length());
        switch (rnd.nextInt(3)) {
          case 0 -> sb.deleteCharAt(at);
          case 1 -> sb.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
          default -> sb.setCharAt(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
      }
      try {
        Module m = Parser.parse(sb.toString());
        Verifier.verify(m);
      } catch (ParseException e) {
        assertThat(e.getMessage()).matches("(?s)line \\d+, column \\d+: .+");
        rejected++;
      }
    }
    assertThat(rejected).isGreaterThan(150);
  }
}
