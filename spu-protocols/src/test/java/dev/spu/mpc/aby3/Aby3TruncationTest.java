package dev.spu.mpc.aby3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.mpc.Share;
import dev.spu.mpc.testing.Session;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * truncA never wraps on [−2^62, 2^62): the result is ⌊x/2^f⌋ or one more, for every shift 1..62,
 * including both ends of the range and values near them; and the rounding is unbiased.
 */
class Aby3TruncationTest {
  private static final long LIMIT = 1L << 62;
  private Session s;

  @BeforeEach
  void start() {
    s = Session.builder("aby3", 3).fixedSeed("trunc".getBytes(StandardCharsets.UTF_8)).start();
  }

  @AfterEach
  void stop() {
    s.close();
  }

  /** Values near ±2^62 (within 2^58 of either end), plus both ends exactly. */
  private static long[] nearTop(SplittableRandom rnd, int n) {
    long[] x = new long[n];
    for (int i = 0; i < n; i++) {
      long d = rnd.nextLong(1L << 58);
      x[i] = rnd.nextBoolean() ? LIMIT - 1 - d : -LIMIT + d;
    }
    x[0] = LIMIT - 1;
    x[n - 1] = -LIMIT;
    return x;
  }

  private long maxError(long[] x, int f) {
    List<Share> a = s.input(x);
    long[] got = s.reveal(s.run("trunc", p -> p.truncA(a.get(p.self()), f)).results());
    long worst = 0;
    for (int i = 0; i < x.length; i++) {
      long err = got[i] - (x[i] >> f);
      assertThat(err).as("trunc by %d at index %d: result minus floor", f, i).isBetween(0L, 1L);
      worst = Math.max(worst, err);
    }
    return worst;
  }

  @Test
  void everyShiftAtBothEndsOfTheRange() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int f = 1; f <= 62; f++) {
      maxError(nearTop(rnd, 200), f);
    }
  }

  @Test
  void smallValuesAndZeroShift() {
    long[] x = {0, 1, -1, 2, -2, (1 << 18) - 1, -(1 << 18), 123456789, -123456789};
    maxError(x, 18);
    List<Share> a = s.input(x);
    assertThat(s.reveal(s.run("t0", p -> p.truncA(a.get(p.self()), 0)).results()))
        .containsExactly(x);
  }

  /** The round-up probability is the fraction x mod 2^f / 2^f: here 1/4, over 40000 draws. */
  @Test
  void roundingIsStochasticAndUnbiased() {
    int n = 40_000;
    long[] x = new long[n];
    java.util.Arrays.fill(x, (5L << 18) + (1L << 16)); // 5.25 in units of 2^18
    List<Share> a = s.input(x);
    long[] got = s.reveal(s.run("t", p -> p.truncA(a.get(p.self()), 18)).results());
    long ups = java.util.Arrays.stream(got).filter(v -> v == 6).count();
    assertThat(java.util.Arrays.stream(got).allMatch(v -> v == 5 || v == 6)).isTrue();
    // Binomial(40000, 1/4): sd ≈ 87; 6 sd either side.
    assertThat(ups).isBetween(10_000L - 520, 10_000L + 520);
  }

  @Test
  void rejectsShiftsOutsideTheWrapFreeRange() {
    List<Share> a = s.input(new long[] {1});
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> s.run("t63", p -> p.truncA(a.get(p.self()), 63)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("truncA");
  }

  /** 10^7 values near the top of the range, no error above 1 ulp. */
  @Tag("slow")
  @Test
  void tenMillionValuesNearTheTopOfTheRange() {
    SplittableRandom rnd = new SplittableRandom(17);
    int[] shifts = {18, 1, 13, 40, 62, 18, 26, 7, 50, 18};
    long total = 0;
    for (int f : shifts) {
      long[] x = nearTop(rnd, 1_000_000);
      maxError(x, f);
      total += x.length;
    }
    assertThat(total).isGreaterThanOrEqualTo(10_000_000L);
  }
}
