package dev.spu.kernels.hal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spu.pphlo.DType;
import dev.spu.pphlo.TensorType;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The HAL on public values alone (no protocol): plaintext semantics on every party. */
class PublicHalTest {
  private final Hal h = new Hal(null, 18);

  private static HalValue pub(DType d, long... v) {
    return HalValue.ofPublic(TensorType.pub(d, v.length), v);
  }

  @Test
  void fixedProductUsesThe128BitProduct() {
    // 2^40 · 2^-10 = 2^30: the ring product 2^58 · 2^8 overflows 64 bits, the public path does not.
    long a = 1L << 58; // 2^40 in fixed point
    long b = 1L << 8; // 2^-10
    HalValue r = Arith.multiply(h, pub(DType.F32, a), pub(DType.F32, b));
    assertThat(r.publicData()).containsExactly(1L << 48);
  }

  @Test
  void intTimesFixedIsNotTruncatedAndIntPlusFixedIsScaled() {
    HalValue i = pub(DType.I32, 3);
    HalValue f = pub(DType.F32, 1L << 17); // 0.5
    assertThat(Arith.multiply(h, i, f).publicData()).containsExactly(3L << 17);
    assertThat(Arith.multiply(h, i, f).dtype()).isEqualTo(DType.F32);
    assertThat(Arith.add(h, i, f).publicData()).containsExactly((3L << 18) + (1L << 17));
  }

  @Test
  void publicFixedDivisionRoundsToNearest() {
    Random r = new Random(3);
    for (int k = 0; k < 5000; k++) {
      long x = r.nextLong() >> r.nextInt(2, 50);
      long y = r.nextLong() >> r.nextInt(2, 60);
      if (y == 0) {
        continue;
      }
      BigInteger num = BigInteger.valueOf(x).shiftLeft(18);
      BigInteger[] qr = num.divideAndRemainder(BigInteger.valueOf(y));
      if (qr[0].bitLength() > 61) {
        continue; // the quotient wraps modulo 2^64 (documented); not this test's concern
      }
      long q = Arith.divFixed(x, y, 18);
      // |q − x·2^f/y| ≤ 1/2
      BigInteger err = BigInteger.valueOf(q).multiply(BigInteger.valueOf(y)).subtract(num).abs();
      assertThat(err.shiftLeft(1).compareTo(BigInteger.valueOf(y).abs())).isLessThanOrEqualTo(0);
      assertThat(qr).isNotNull();
    }
  }

  @Test
  void publicMatmulAccumulatesIn128Bits() {
    // Two products of 2^62 each: their sum overflows 64 bits before the shift.
    long[] a = {1L << 40, 1L << 40};
    long[] b = {1L << 22, 1L << 22};
    long[] c = RingOps.matmulTrunc(a, b, 1, 2, 1, 18);
    assertThat(c).containsExactly(1L << 45);
  }

  @Test
  void integerDivisionTruncatesTowardZeroAndZeroDivisorIsNamed() {
    assertThat(Arith.divide(h, pub(DType.I64, 7, -7), pub(DType.I64, 2, 2)).publicData())
        .containsExactly(3, -3);
    assertThatThrownBy(() -> Arith.divide(h, pub(DType.I64, 1, 2), pub(DType.I64, 1, 0)))
        .hasMessageContaining("element 1")
        .hasMessageContaining("zero");
  }

  @Test
  void secretOpsWithoutAProtocolFailClearly() {
    assertThatThrownBy(() -> h.protocol()).hasMessageContaining("PartyRuntime");
  }

  @Test
  void fixedToIntFloorsAndNonZeroTest() {
    HalValue x = pub(DType.F32, (5L << 17), -(5L << 17), 0, 1);
    assertThat(h.cast(x, DType.I32).publicData()).containsExactly(2, -3, 0, 0);
    assertThat(h.cast(x, DType.I1).publicData()).containsExactly(1, 1, 0, 1);
  }
}
