package dev.spu.mpc.semi2k;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.mpc.Share;
import dev.spu.mpc.testing.Session;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 10^7 fixed-point products whose magnitude is near the top of the encodable range (2^60..2^62)
 * through mulAA then truncA: never an error above 1 ulp (a wrap would be off by ~2^46).
 */
@Tag("slow")
class Semi2kTruncationStressTest {
  private static final int F = 18;
  private static final int BATCH = 1 << 20;
  private static final int BATCHES = 10; // 10·2^20 > 10^7

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void noWrapAndAtMostOneUlpOnTenMillionProducts(int parties) {
    SplittableRandom rnd = new SplittableRandom(parties);
    long worst = 0;
    long checked = 0;
    try (Session s = Session.start("semi2k", parties)) {
      for (int batch = 0; batch < BATCHES; batch++) {
        long[] a = new long[BATCH];
        long[] b = new long[BATCH];
        for (int i = 0; i < BATCH; i++) {
          long target = rnd.nextLong(1L << 60, 1L << 62);
          long ai = rnd.nextLong(1L << 29, 1L << 31);
          long bi = target / ai;
          a[i] = rnd.nextBoolean() ? ai : -ai;
          b[i] = rnd.nextBoolean() ? bi : -bi;
        }
        List<Share> x = s.input(a);
        List<Share> y = s.input(b);
        long[] got =
            s.reveal(
                s.run("fmul", p -> p.truncA(p.mulAA(x.get(p.self()), y.get(p.self())), F))
                    .results());
        for (int i = 0; i < BATCH; i++) {
          long prod = a[i] * b[i];
          assertThat(Math.abs(prod)).isLessThan(1L << 62);
          long err = Math.abs(got[i] - (prod >> F));
          worst = Math.max(worst, err);
          if (err > 1) {
            throw new AssertionError("batch " + batch + " index " + i + ": error " + err + " ulp");
          }
        }
        checked += BATCH;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(10_000_000L);
    assertThat(worst).isLessThanOrEqualTo(1L);
  }
}
