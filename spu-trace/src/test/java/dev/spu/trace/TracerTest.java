package dev.spu.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.TypeException;
import dev.spu.pphlo.Value;
import org.junit.jupiter.api.Test;

class TracerTest {
  @Test
  void recordsOpsInOrderWithInferredTypes() {
    Tracer t = new Tracer();
    Value a = t.argument(TensorType.secret(DType.I32, 4));
    Value b = t.argument(TensorType.pub(DType.I32, 4));
    Value g = t.op("greater", Attributes.EMPTY, a, b);
    Value s = t.op("select", Attributes.EMPTY, g, a, b);
    Function f = t.finish(java.util.List.of(s));

    assertThat(f.name()).isEqualTo("main");
    assertThat(f.body()).extracting(Operation::name).containsExactly("greater", "select");
    assertThat(g.type()).isEqualTo(TensorType.secret(DType.I1, 4));
    assertThat(f.resultTypes()).containsExactly(TensorType.secret(DType.I32, 4));
  }

  @Test
  void typeErrorNamesOpAndBothOperandTypes() {
    Tracer t = new Tracer();
    Value a = t.argument(TensorType.secret(DType.I32, 4));
    Value b = t.argument(TensorType.pub(DType.F32, 3));
    assertThatThrownBy(() -> t.op("add", Attributes.EMPTY, a, b))
        .isInstanceOf(TypeException.class)
        .hasMessageContaining("pphlo.add")
        .hasMessageContaining("tensor<4x!pphlo.sec<i32>>")
        .hasMessageContaining("tensor<3x!pphlo.pub<f32>>");
  }

  @Test
  void rejectsValuesFromAnotherTrace() {
    Tracer t1 = new Tracer();
    Value a = t1.argument(TensorType.secret(DType.I32, 2));
    Tracer t2 = new Tracer();
    Value b = t2.argument(TensorType.secret(DType.I32, 2));
    assertThatThrownBy(() -> t2.op("add", Attributes.EMPTY, a, b))
        .hasMessageContaining("pphlo.add")
        .hasMessageContaining("another trace");
  }

  @Test
  void finishedTracerCannotRecord() {
    Tracer t = new Tracer();
    Value a = t.argument(TensorType.secret(DType.I32, 2));
    t.finish(java.util.List.of(a));
    assertThatThrownBy(() -> t.op("negate", Attributes.EMPTY, a))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void traceContextNestsAndRestores() {
    Tracer outer = new Tracer();
    Tracer inner = new Tracer();
    assertThat(TraceContext.current()).isNull();
    TraceContext.within(
        outer,
        () -> {
          assertThat(TraceContext.current()).isSameAs(outer);
          TraceContext.within(inner, () -> assertThat(TraceContext.current()).isSameAs(inner));
          assertThat(TraceContext.current()).isSameAs(outer);
          return null;
        });
    assertThat(TraceContext.isTracing()).isFalse();
  }

  @Test
  void traceCacheTracesOncePerKeyAndEvictsLeastRecentlyUsed() {
    TraceCache<Signature, String> c = new TraceCache<>(2);
    Signature s1 = Signature.of(TensorType.secret(DType.I32, 2));
    Signature s1b = Signature.of(TensorType.secret(DType.I32, 2));
    Signature s2 = Signature.of(TensorType.pub(DType.I32, 2));
    Signature s3 = Signature.of(TensorType.secret(DType.F32, 2));
    String m1 = c.get(s1, k -> new String("m1"));
    assertThat(c.get(s1b, k -> "other")).isSameAs(m1);
    c.get(s2, k -> "m2");
    c.get(s1, k -> "again"); // touch s1: s2 becomes eldest
    c.get(s3, k -> "m3");
    assertThat(c.size()).isEqualTo(2);
    assertThat(c.traceCount()).isEqualTo(3);
    assertThat(c.get(s1, k -> "x")).isSameAs(m1);
    assertThat(c.get(s2, k -> "m2'")).isEqualTo("m2'");
  }
}
