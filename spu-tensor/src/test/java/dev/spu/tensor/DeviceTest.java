package dev.spu.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.spu.pphlo.DType;
import dev.spu.pphlo.Visibility;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DeviceTest {
  @Test
  void nd4jInteropMapsDtypesBothWays() {
    try (Device spu = Spu.simulate(SimConfig.of("aby3", 3))) {
      INDArray f = Nd4j.create(new double[] {1.5, -2.25, 0, 3}, new long[] {2, 2}, DataType.FLOAT);
      INDArray d = Nd4j.create(new double[] {0.125, -7}, new long[] {2}, DataType.DOUBLE);
      INDArray i = Nd4j.createFromArray(new int[] {3, -4, 5});
      INDArray l = Nd4j.createFromArray(new long[] {1L << 40, -9});

      SecretTensor sf = spu.input("alice", f);
      SecretTensor sd = spu.input("bob", d);
      SecretTensor si = spu.input("alice", i);
      SecretTensor sl = spu.constant(l);
      assertThat(sf.type().toString()).isEqualTo("tensor<2x2x!pphlo.sec<f32>>");
      assertThat(sd.dtype()).isEqualTo(DType.F64);
      assertThat(si.dtype()).isEqualTo(DType.I32);
      assertThat(sl.dtype()).isEqualTo(DType.I64);
      assertThat(sl.visibility()).isEqualTo(Visibility.PUBLIC);

      INDArray rf = sf.reveal();
      assertThat(rf.dataType()).isEqualTo(DataType.FLOAT);
      assertThat(rf.shape()).containsExactly(2, 2);
      assertThat(rf.getDouble(1, 0)).isCloseTo(0.0, within(1e-5));
      assertThat(rf.getDouble(0, 1)).isCloseTo(-2.25, within(1e-5));
      assertThat(sd.revealTo("carol").dataType()).isEqualTo(DataType.DOUBLE);
      INDArray ri = si.mul(si).reveal();
      assertThat(ri.dataType()).isEqualTo(DataType.INT);
      assertThat(ri.toIntVector()).containsExactly(9, 16, 25);
      assertThat(sl.reveal().toLongVector()).containsExactly(1L << 40, -9);
      INDArray rb = si.greater(0.0).revealTo("alice");
      assertThat(rb.dataType()).isEqualTo(DataType.BOOL);
      assertThat(rb.getDouble(1)).isEqualTo(0.0);
      assertThat(rb.getDouble(2)).isEqualTo(1.0);
      INDArray scalar = spu.input("bob", 2.5).mul(sf).sum().reveal();
      assertThat(scalar.rank()).isZero();
      assertThat(scalar.getDouble(0)).isCloseTo(2.5 * 2.25, within(1e-4));
    }
  }

  @Test
  void statsCountInputRevealAndInteractiveOps() {
    try (Device spu = Spu.simulate(SimConfig.of("aby3", 3))) {
      int n = 100;
      double[] v = new double[n];
      for (int k = 0; k < n; k++) {
        v[k] = k / 10.0 - 3;
      }
      CommTotals in = spu.measure(() -> spu.input("alice", v));
      assertThat(in.bytes()).isGreaterThanOrEqualTo(8L * n); // the owner sends shares
      SecretTensor x = spu.input("alice", v);
      SecretTensor y = spu.input("bob", v);
      SecretTensor c = spu.constant(v);

      assertThat(spu.measure(() -> x.add(c)).bytes()).isZero(); // secret + public is local
      assertThat(spu.measure(() -> x.mul(2L)).bytes()).isZero();
      CommTotals mul = spu.measure(() -> x.mul(y));
      assertThat(mul.bytes()).isPositive();
      assertThat(mul.bytesPerParty()).isPositive().isLessThanOrEqualTo(mul.bytes());
      assertThat(mul.rounds()).isGreaterThanOrEqualTo(1);
      CommTotals cmp = spu.measure(() -> x.greater(y));
      assertThat(cmp.rounds()).isGreaterThan(mul.rounds()); // comparison is a circuit

      CommTotals open = spu.measure(x::revealDoubles);
      CommTotals toReader = spu.measure(() -> x.revealTo("carol"));
      assertThat(open.bytes()).isPositive();
      assertThat(toReader.bytes()).isPositive();

      spu.resetStats();
      assertThat(spu.stats()).isEqualTo(CommTotals.ZERO);
      x.mul(y);
      assertThat(spu.stats().bytes()).isEqualTo(mul.bytes());
    }
  }

  @Test
  void eagerOpsAreTracedOncePerSignature() {
    try (Device spu = Spu.simulate(SimConfig.of("ref2k", 1))) {
      SecretTensor a = spu.input("alice", new double[] {1, 2, 3});
      SecretTensor b = spu.input("bob", new double[] {4, 5, 6});
      a.add(b);
      long traced = spu.eagerTraceCount();
      SecretTensor s = a;
      for (int k = 0; k < 10; k++) {
        s = s.add(b);
      }
      assertThat(spu.eagerTraceCount()).isEqualTo(traced);
      assertThat(s.revealDoubles()).containsExactly(41, 52, 63);
      a.add(spu.input("bob", new double[] {1, 2})); // other shape: may trace (and fail) anew
    } catch (dev.spu.pphlo.TypeException expected) {
      assertThat(expected).hasMessageContaining("pphlo.add");
    }
  }

  @Test
  void collectedTensorsAreFreedOnTheParties() throws Exception {
    try (Device spu = Spu.simulate(SimConfig.of("ref2k", 1))) {
      SecretTensor keep = spu.input("alice", new double[] {1, 2});
      for (int k = 0; k < 200; k++) {
        keep.add(1.0); // results dropped at once
      }
      int live = Integer.MAX_VALUE;
      for (int attempt = 0; attempt < 50 && live > 10; attempt++) {
        System.gc();
        Thread.sleep(20);
        live = spu.liveHandles();
      }
      assertThat(live).isLessThanOrEqualTo(10);
      assertThat(keep.add(1.0).revealDoubles()).containsExactly(2, 3);
    }
  }

  @Test
  void argumentChecksAndClosedDevice() {
    Device spu = Spu.simulate(SimConfig.of("ref2k", 1));
    assertThatThrownBy(() -> spu.input("", new double[] {1})).hasMessageContaining("owner");
    assertThatThrownBy(() -> spu.input("alice", new double[] {1, 2, 3}, 2, 2))
        .hasMessageContaining("3 elements");
    assertThatThrownBy(() -> spu.input("alice", new long[] {1L << 40}, DType.I32))
        .hasMessageContaining("element 0")
        .hasMessageContaining("i32")
        .hasMessageNotContaining(String.valueOf(1L << 40));
    assertThatThrownBy(() -> spu.input("alice", new double[] {Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class);
    SecretTensor x = spu.input("alice", new double[] {1});
    try (Device other = Spu.simulate(SimConfig.of("ref2k", 1))) {
      SecretTensor y = other.input("bob", new double[] {1});
      assertThatThrownBy(() -> x.add(y)).hasMessageContaining("different devices");
    }
    assertThat(x.toString()).isEqualTo("SecretTensor(tensor<1x!pphlo.sec<f32>>)");
    spu.close();
    assertThatThrownBy(x::reveal).hasMessageContaining("closed");
    assertThatThrownBy(() -> Spu.simulate(SimConfig.of("nope", 1))).hasMessageContaining("nope");
  }
}
