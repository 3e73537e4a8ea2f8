package dev.spu.mpc.aby3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.mpc.Share;
import dev.spu.mpc.testing.Session;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Wire capture: during input sharing and a secret fixed-point matmul (product and truncation), no
 * payload any party receives contains the encoding of an input or of the product, at any byte
 * offset. (A uniformly random 8-byte window equals a given value with probability 2^−64, so a
 * correct protocol passes with overwhelming probability.)
 */
class Aby3WireTest {
  private static final int F = 18;

  @Test
  void noPayloadCarriesAPlaintextDuringASecretMatmul() {
    int m = 9, k = 23, n = 5;
    SplittableRandom rnd = new SplittableRandom(11);
    long[] x = encode(rnd, m * k);
    long[] y = encode(rnd, k * n);
    long[] product = new long[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        long acc = 0;
        for (int t = 0; t < k; t++) {
          acc += x[i * k + t] * y[t * n + j];
        }
        product[i * n + j] = acc;
      }
    }
    Set<Long> plain = new HashSet<>();
    for (long v : x) {
      plain.add(v);
    }
    for (long v : y) {
      plain.add(v);
    }
    for (long v : product) {
      plain.add(v);
      plain.add(v >> F);
    }
    try (Session s =
        Session.builder("aby3", 3)
            .fixedSeed("wire".getBytes(StandardCharsets.UTF_8))
            .record(0, 1, 2)
            .start()) {
      List<Share> a = s.input(x);
      List<Share> b = s.input(y);
      List<Share> c =
          s.run("fmatmul", p -> p.truncA(p.matmulAA(a.get(p.self()), b.get(p.self()), m, k, n), F))
              .results();
      int words = 0;
      for (int party = 0; party < 3; party++) {
        for (long[] msg : s.received(party)) {
          words += msg.length;
          assertThat(windows(msg))
              .as("a payload received by party %d", party)
              .doesNotContainAnyElementsOf(plain);
        }
        // The output shares themselves are not the product either.
        for (int part = 0; part < 2; part++) {
          assertThat(windows(c.get(party).part(part))).doesNotContainAnyElementsOf(plain);
        }
      }
      // Sanity: the capture saw the input sharing (x2 to P1 and P2, plus the owner's seeds) and the
      // protocol traffic (the matmul's reshare to every party at least).
      assertThat(words).isGreaterThan(2 * (x.length + y.length) + 3 * m * n);
      // And the computation is right (revealed only after the capture was checked).
      long[] got = s.reveal(c);
      for (int i = 0; i < got.length; i++) {
        assertThat(Math.abs(got[i] - (product[i] >> F))).isLessThanOrEqualTo(1);
      }
    }
  }

  /** Fixed-point encodings of nonzero reals in (−8, 8). */
  private static long[] encode(SplittableRandom rnd, int len) {
    long[] r = new long[len];
    for (int i = 0; i < len; i++) {
      long v = 0;
      while (v == 0) {
        v = Math.round(rnd.nextDouble(-8, 8) * (1 << F));
      }
      r[i] = v;
    }
    return r;
  }

  /** Every 8-byte little-endian window of the payload, at every byte offset. */
  private static Set<Long> windows(long[] msg) {
    byte[] bytes = new byte[msg.length * 8];
    for (int i = 0; i < msg.length; i++) {
      for (int b = 0; b < 8; b++) {
        bytes[8 * i + b] = (byte) (msg[i] >>> (8 * b));
      }
    }
    Set<Long> out = new HashSet<>();
    for (int o = 0; o + 8 <= bytes.length; o++) {
      long v = 0;
      for (int b = 7; b >= 0; b--) {
        v = (v << 8) | (bytes[o + b] & 0xFFL);
      }
      out.add(v);
    }
    return out;
  }
}
