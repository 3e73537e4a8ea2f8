package dev.spu.mpc.aby3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The local building blocks: bit-stream compaction (the ring matmul is tested in RingMatmulTest).
 */
class Aby3HelpersTest {
  private final SplittableRandom rnd = new SplittableRandom(5);

  private long[] random(int n) {
    long[] x = new long[n];
    for (int i = 0; i < n; i++) {
      x[i] = rnd.nextLong();
    }
    return x;
  }

  @Test
  void halvingAStreamKeepsOddOrEvenBitsOfEachElement() {
    for (int n : new int[] {1, 2, 3, 63, 64, 65, 100}) {
      long[] x = random(n);
      int w = 64;
      long[] s = x.clone();
      long[] expect = x.clone();
      while (w > 1) {
        boolean odd = (w & 2) != 0; // alternate
        long[] h = BitStreams.half(s, n, w, odd);
        assertThat(h).hasSize(BitStreams.words(n, w / 2));
        int hw = w / 2;
        for (int e = 0; e < n; e++) {
          long want = 0;
          for (int j = 0; j < hw; j++) {
            long bit = (expect[e] >>> (2 * j + (odd ? 1 : 0))) & 1;
            want |= bit << j;
          }
          expect[e] = want;
          long got = 0;
          for (int j = 0; j < hw; j++) {
            long pos = (long) e * hw + j;
            got |= ((h[(int) (pos >>> 6)] >>> (pos & 63)) & 1) << j;
          }
          assertThat(got).as("n=%d w=%d element %d", n, w, e).isEqualTo(want);
        }
        s = h;
        w = hw;
      }
      assertThat(BitStreams.unpackBits(s, n)).containsExactly(expect);
    }
  }

  @Test
  void evenBitsGathersTheLowHalf() {
    assertThat(BitStreams.evenBits(0x5555555555555555L)).isEqualTo(0xFFFFFFFFL);
    assertThat(BitStreams.evenBits(0xAAAAAAAAAAAAAAAAL)).isZero();
    assertThat(BitStreams.evenBits(1L | (1L << 62))).isEqualTo(1L | (1L << 31));
  }
}
