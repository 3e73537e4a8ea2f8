package dev.spu.kernels.hal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FixedPointTest {
  @Test
  void roundTripsWithinHalfAnUlp() {
    Random r = new Random(1);
    double[] x = new double[1000];
    for (int i = 0; i < x.length; i++) {
      x[i] = (r.nextDouble() * 2 - 1) * Math.pow(10, r.nextInt(12) - 4);
    }
    double[] back = FixedPoint.decode(FixedPoint.encode(x, 18), 18);
    for (int i = 0; i < x.length; i++) {
      assertThat(Math.abs(back[i] - x[i])).isLessThanOrEqualTo(Math.scalb(0.5, -18));
    }
  }

  @Test
  void encodesExactlyAndRoundsToNearest() {
    assertThat(FixedPoint.encode(new double[] {0, 1, -1, 0.5, 1.5 / 262144, -2.5 / 262144}, 18))
        .containsExactly(0, 262144, -262144, 131072, 2, -2); // ties to even
    assertThat(FixedPoint.encode(3.25, 8)).isEqualTo(832);
  }

  @Test
  void theBoundIsTwoToThe62OnTheEncoding() {
    double max = FixedPoint.maxEncodable(18);
    assertThat(max).isLessThan(Math.scalb(1.0, 44)).isGreaterThan(Math.scalb(1.0, 44) - 1);
    assertThat(FixedPoint.encode(max, 18)).isLessThan(FixedPoint.RING_BOUND);
    long e = FixedPoint.encode(Math.scalb(1.0, 44) - 1, 18);
    assertThat(e).isLessThan(FixedPoint.RING_BOUND);
    assertThat(FixedPoint.encode(-(Math.scalb(1.0, 44) - 1), 18)).isEqualTo(-e);
  }

  @Test
  void rejectsNanInfinityAndOutOfRangeNamingTheIndexNotTheValue() {
    double secret = 123456789012345.0; // |x| ≥ 2^44 for f = 18
    for (double bad :
        new double[] {Double.NaN, Double.POSITIVE_INFINITY, -secret, Math.scalb(1.0, 44)}) {
      assertThatThrownBy(() -> FixedPoint.encode(new double[] {1, 2, bad}, 18))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("element 2")
          .hasMessageContaining("2^44")
          .hasMessageNotContaining("123456789")
          .hasMessageNotContaining("NaN")
          .hasMessageNotContaining("Infinity")
          .hasMessageNotContaining("1.7592");
    }
  }

  @Test
  void mulTruncIsTheExactFloorOfThe128BitProduct() {
    Random r = new Random(2);
    for (int i = 0; i < 10000; i++) {
      long a = r.nextLong() >> r.nextInt(40);
      long b = r.nextLong() >> r.nextInt(40);
      long want =
          java.math.BigInteger.valueOf(a)
              .multiply(java.math.BigInteger.valueOf(b))
              .shiftRight(18)
              .longValue();
      assertThat(FixedPoint.mulTrunc(a, b, 18)).isEqualTo(want);
    }
  }

  @Test
  void rejectsBadFractionBits() {
    assertThatThrownBy(() -> FixedPoint.encode(new double[] {1}, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fraction bits");
  }
}
