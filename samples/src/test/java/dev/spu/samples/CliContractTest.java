package dev.spu.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CLI's output contracts: with --json, the last stdout line is one JSON value. */
class CliContractTest {
  private static String run(String... args) {
    CliRun.Result r = CliRun.run(args);
    assertThat(r.code()).as("exit code of spu " + String.join(" ", args)).isZero();
    return r.lastLine();
  }

  private static long number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":(-?\\d+)").matcher(json);
    assertThat(m.find()).as("key " + key + " in " + json).isTrue();
    return Long.parseLong(m.group(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ref2k", "semi2k", "aby3"})
  void millionairesJson(String protocol) {
    String last =
        run(
            "millionaires",
            "--protocol",
            protocol,
            "--alice",
            "3,7,1,9",
            "--bob",
            "5,2,8,9",
            "--json");
    assertThat(last).startsWith("{").endsWith("}");
    assertThat(last).contains("\"protocol\":\"" + protocol + "\"");
    assertThat(last).contains("\"result\":[5,7,8,9]");
    assertThat(last).contains("\\\"pphlo.greater\\\"").contains("\\\"pphlo.select\\\"");
    assertThat(last).contains("!pphlo.sec<i32>");
    assertThat(number(last, "bytes")).isPositive();
    assertThat(number(last, "rounds")).isPositive();
  }

  @Test
  void benchOpsJsonMatchesTheoryForAby3() {
    String last =
        run(
            "bench",
            "ops",
            "--protocol",
            "aby3",
            "--n",
            "1000",
            "--matmul",
            "8,16,4",
            "--reps",
            "1",
            "--json");
    assertThat(last).startsWith("[").endsWith("]");
    for (String op : new String[] {"mul", "matmul", "trunc", "msb", "a2b", "b2a", "and"}) {
      assertThat(last).contains("\"op\":\"" + op + "\"");
    }
    String mul = row(last, "mul");
    assertThat(number(mul, "bytes_per_party")).isEqualTo(8 * 1000);
    assertThat(number(mul, "rounds")).isEqualTo(1);
    String matmul = row(last, "matmul");
    assertThat(number(matmul, "bytes_per_party")).isEqualTo(8 * 8 * 4);
    assertThat(number(matmul, "rounds")).isEqualTo(1);
    for (String op : new String[] {"mul", "matmul", "trunc", "msb", "a2b", "b2a", "and"}) {
      String r = row(last, op);
      assertThat(number(r, "bytes_per_party"))
          .as(op)
          .isEqualTo(number(r, "theory_bytes_per_party"));
      assertThat(number(r, "rounds")).as(op).isEqualTo(number(r, "theory_rounds"));
    }
  }

  private static String row(String json, String op) {
    int start = json.indexOf("{\"op\":\"" + op + "\"");
    assertThat(start).as("row " + op).isNotNegative();
    return json.substring(start, json.indexOf('}', start) + 1);
  }
}
