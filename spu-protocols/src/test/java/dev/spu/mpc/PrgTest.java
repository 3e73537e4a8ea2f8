package dev.spu.mpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrgTest {
  private static final byte[] SEED = new byte[16];

  @Test
  void streamsAreDeterministicInSeedNonceAndStreamWhateverTheCallOrder() {
    Prg p = new Prg(SEED);
    long[] a = p.next(5, 0, 20000);
    long[] b = p.next(6, 0, 100);
    Prg q = new Prg(SEED);
    long[] b2 = q.next(6, 0, 100);
    long[] a2 = q.next(5, 0, 20000);
    assertThat(a2).containsExactly(a);
    assertThat(b2).containsExactly(b);
    // A shorter request is a prefix of a longer one.
    assertThat(q.next(5, 0, 7)).containsExactly(java.util.Arrays.copyOf(a, 7));
    // Different nonce, stream or seed give different output.
    assertThat(p.next(5, 1, 4)).isNotEqualTo(java.util.Arrays.copyOf(a, 4));
    assertThat(b).isNotEqualTo(java.util.Arrays.copyOf(a, 100));
    byte[] other = SEED.clone();
    other[0] = 1;
    assertThat(new Prg(other).next(5, 0, 4)).isNotEqualTo(java.util.Arrays.copyOf(a, 4));
  }

  @Test
  void outputLooksUniform() {
    long[] x = new Prg(Prg.secureSeed()).next(1, 0, 1 << 16);
    long ones = 0;
    for (long v : x) {
      ones += Long.bitCount(v);
    }
    double mean = ones / (double) x.length;
    // 64 bits per word, sd of the mean = sqrt(16 / 65536) = 1/64: allow 8 sd.
    assertThat(mean).isBetween(32 - 0.125, 32 + 0.125);
  }

  @Test
  void seedsFromAFixedSeedDifferPerEndpointAndPurpose() {
    try (var net = new dev.spu.mpc.link.InMemoryNetwork(2, java.time.Duration.ofSeconds(1))) {
      PartyContext c0 = new PartyContext(net.link(0), new byte[] {1, 2, 3});
      PartyContext c1 = new PartyContext(net.link(1), new byte[] {1, 2, 3});
      assertThat(Prg.seedFor(c0, "x")).isEqualTo(Prg.seedFor(c0, "x"));
      assertThat(Prg.seedFor(c0, "x")).isNotEqualTo(Prg.seedFor(c1, "x"));
      assertThat(Prg.seedFor(c0, "x")).isNotEqualTo(Prg.seedFor(c0, "y"));
      PartyContext secure = new PartyContext(net.link(0), null);
      assertThat(Prg.seedFor(secure, "x")).isNotEqualTo(Prg.seedFor(secure, "x"));
    }
  }

  @Test
  void isFastEnough() {
    Prg p = new Prg(SEED);
    long[] out = new long[1 << 20];
    p.fill(0, out); // warm-up
    long t = System.nanoTime();
    for (int i = 0; i < 8; i++) {
      p.fill(i, out);
    }
    double secs = (System.nanoTime() - t) / 1e9;
    double mbPerSec = 8 * 8.0 * out.length / 1e6 / secs;
    // Bulk AES-CTR manages hundreds of MB/s; a per-long cipher call would be ~100x slower.
    assertThat(mbPerSec).isGreaterThan(40);
  }
}
