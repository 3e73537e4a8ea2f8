package dev.spu.mpc.aby3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.mpc.ProtocolConformanceTest;
import dev.spu.mpc.Share;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared conformance suite on ABY3 with its three parties, plus large vectors. */
class Aby3ConformanceTest extends ProtocolConformanceTest {
  @Override
  protected String protocol() {
    return "aby3";
  }

  @Override
  protected int parties() {
    return 3;
  }

  /** 100 000 elements through every interactive primitive, against plaintext. */
  @Test
  void largeVectorsAreExact() {
    int n = 100_000;
    long[] x = concat(random(n - EDGES.length), EDGES);
    long[] y = randomBounded(n, 1L << 62);
    List<Share> a = in(x);
    List<Share> b = in(y);
    long[] prod = op2("mul", a, b, (p, u, v) -> p.mulAA(u, v));
    long[] trunc = op1("trunc", b, (p, u) -> p.truncA(u, 18));
    long[] msb = op1("msb", a, (p, u) -> p.bitToA(p.msbA(u)));
    long[] round = op1("a2b2a", a, (p, u) -> p.b2a(p.a2b(u)));
    List<Share> bits = toB(a);
    long[] viaBool = s.reveal(bits);
    for (int i = 0; i < n; i++) {
      assertThat(prod[i]).as("mul at %d", i).isEqualTo(x[i] * y[i]);
      assertThat(trunc[i] - (y[i] >> 18)).as("trunc at %d", i).isBetween(0L, 1L);
      assertThat(msb[i]).as("msb at %d", i).isEqualTo(x[i] >>> 63);
      assertThat(round[i]).as("b2a(a2b) at %d", i).isEqualTo(x[i]);
      assertThat(viaBool[i]).as("a2b at %d", i).isEqualTo(x[i]);
    }
  }
}
