package dev.spu.pphlo.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Corrupted programs (characters deleted, inserted, lines duplicated or swapped) are either still
 * importable or refused with an {@link ImportException}: never another exception escapes.
 */
class ImportFuzzTest {
  private static final String[] TOKENS = {
    "%",
    "%0",
    "#1",
    ":",
    ",",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "<",
    ">",
    "=",
    "->",
    "\"",
    "x",
    "tensor<",
    "f32",
    "i1",
    "dense<",
    "0x7FC00000",
    "-1",
    "99999999999",
    "stablehlo.add",
    "stablehlo.while",
    "^bb0",
    "loc(",
    "/*",
    "//",
    "\n",
    "ROOT",
    "parameter(7)",
    "{...}"
  };

  static final String LOOP =
      """
      module @jit_f {
        func.func public @main(%arg0: tensor<3x2xf32>) -> (tensor<2xf32> {jax.result_info = ""}) {
          %cst = stablehlo.constant dense<0.000000e+00> : tensor<2xf32>
          %c = stablehlo.constant dense<0> : tensor<i32>
          %c_0 = stablehlo.constant dense<3> : tensor<i32>
          %0:3 = stablehlo.while(%iterArg = %c, %iterArg_1 = %c_0, %iterArg_2 = %cst) : tensor<i32>, tensor<i32>, tensor<2xf32>
           cond {
            %1 = stablehlo.compare  LT, %iterArg, %iterArg_1,  SIGNED : (tensor<i32>, tensor<i32>) -> tensor<i1>
            stablehlo.return %1 : tensor<i1>
          } do {
            %c_5 = stablehlo.constant dense<0> : tensor<i32>
            %4 = stablehlo.dynamic_slice %arg0, %iterArg, %c_5, sizes = [1, 2] : (tensor<3x2xf32>, tensor<i32>, tensor<i32>) -> tensor<1x2xf32>
            %5 = stablehlo.reshape %4 : (tensor<1x2xf32>) -> tensor<2xf32>
            %c_6 = stablehlo.constant dense<1> : tensor<i32>
            %6 = stablehlo.add %iterArg, %c_6 : tensor<i32>
            %10 = stablehlo.add %iterArg_2, %5 : tensor<2xf32>
            stablehlo.return %6, %iterArg_1, %10 : tensor<i32>, tensor<i32>, tensor<2xf32>
          }
          %2 = "stablehlo.case"(%c) ({
            stablehlo.return %0#2 : tensor<2xf32>
          }, {
            %3 = stablehlo.negate %0#2 : tensor<2xf32>
            stablehlo.return %3 : tensor<2xf32>
          }) : (tensor<i32>) -> tensor<2xf32>
          return %2 : tensor<2xf32>
        }
      }
      """;

  static final String SELF_CHECK =
      """
      module @jit_testcase {
        func.func public @main() -> tensor<i1> {
          %0:2 = call @inputs() : () -> (tensor<3xf32>, tensor<3xi32>)
          %1 = call @expected() : () -> tensor<3xf32>
          %2 = stablehlo.convert %0#1 : (tensor<3xi32>) -> tensor<3xf32>
          %3 = stablehlo.multiply %0#0, %2 : tensor<3xf32>
          %4 = stablehlo.custom_call @check.eq(%3, %1) : (tensor<3xf32>, tensor<3xf32>) -> tensor<i1>
          return %4 : tensor<i1>
        }
        func.func private @inputs() -> (tensor<3xf32>, tensor<3xi32>) {
          %0 = stablehlo.constant dense<"0x0000C03F000000C00000803E"> : tensor<3xf32>
          %1 = stablehlo.constant dense<[2, 3, -4]> : tensor<3xi32>
          return %0, %1 : tensor<3xf32>, tensor<3xi32>
        }
        func.func private @expected() -> tensor<3xf32> {
          %0 = stablehlo.constant dense<[3.0, -6.0, -1.0]> : tensor<3xf32>
          return %0 : tensor<3xf32>
        }
      }
      """;

  static String mutate(String s, Random rng) {
    StringBuilder b = new StringBuilder(s);
    int edits = 1 + rng.nextInt(3);
    for (int e = 0; e < edits && b.length() > 1; e++) {
      int at = rng.nextInt(b.length());
      switch (rng.nextInt(5)) {
        case 4 -> {
          // Change one digit (dimensions, indices, attribute values).
          for (int k = 0; k < 50; k++) {
            int p = rng.nextInt(b.length());
            if (Character.isDigit(b.charAt(p))) {
              b.setCharAt(p, (char) ('0' + rng.nextInt(10)));
              break;
            }
          }
        }
        case 0 -> b.delete(at, Math.min(b.length(), at + 1 + rng.nextInt(8)));
        case 1 -> b.insert(at, TOKENS[rng.nextInt(TOKENS.length)]);
        case 2 -> {
          int ls = b.lastIndexOf("\n", at) + 1;
          int le = b.indexOf("\n", at);
          if (le > ls) {
            b.insert(ls, b.substring(ls, le + 1));
          }
        }
        default -> {
          int j = rng.nextInt(b.length());
          char c = b.charAt(at);
          b.setCharAt(at, b.charAt(j));
          b.setCharAt(j, c);
        }
      }
    }
    return b.toString();
  }

  @Test
  void corruptedProgramsFailOnlyWithImportExceptions() {
    List<String> seeds = new ArrayList<>();
    seeds.add(StableHloImportTest.resource("mlp_forward.mlir"));
    seeds.add(StableHloImportTest.resource("softmax_regression.hlo"));
    seeds.add(HloImportTest.CNN_HLO);
    seeds.add(HloImportTest.CNN_STABLEHLO);
    seeds.add(LOOP);
    seeds.add(SELF_CHECK);
    Random rng = new Random(42);
    int refused = 0;
    List<String> escaped = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      String text = mutate(seeds.get(i % seeds.size()), rng);
      try {
        Importer.text(
            text,
            ImportOptions.defaults()
                .withLimits(20_000, 1_000)
                .withInputsAsSecretArguments(i % 2 == 0));
      } catch (ImportException e) {
        refused++;
        if (e.getMessage().contains("internal error")) {
          escaped.add(
              "mutation "
                  + i
                  + ": "
                  + e.getCause()
                  + " / "
                  + java.util.Arrays.toString(
                      java.util.Arrays.copyOf(
                          e.getCause().getStackTrace(),
                          Math.min(4, e.getCause().getStackTrace().length))));
        }
      } catch (RuntimeException e) {
        StackTraceElement top = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
        escaped.add(
            "mutation "
                + i
                + ": "
                + e
                + " at "
                + top
                + " / "
                + java.util.Arrays.toString(
                    java.util.Arrays.copyOf(
                        e.getStackTrace(), Math.min(4, e.getStackTrace().length))));
      }
    }
    assertThat(escaped).isEmpty();
    assertThat(refused).isGreaterThan(1500);
  }
}
