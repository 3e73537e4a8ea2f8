package dev.spu.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void writesNestedValuesOnOneLine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("protocol", "aby3");
    m.put("result", new long[] {5, 7, 8, 9});
    m.put("ok", true);
    m.put("ms", 1.5);
    m.put("rows", List.of(Map.of("op", "mul")));
    m.put("text", "a\"b\nc");
    assertThat(Json.write(m))
        .isEqualTo(
            "{\"protocol\":\"aby3\",\"result\":[5,7,8,9],\"ok\":true,\"ms\":1.5,"
                + "\"rows\":[{\"op\":\"mul\"}],\"text\":\"a\\\"b\\nc\"}");
  }

  @Test
  void rejectsNonFiniteNumbers() {
    assertThatThrownBy(() -> Json.write(Map.of("x", Double.NaN)))
        .hasMessageContaining("non-finite");
  }
}
