package dev.spu.tensor;

import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void millionaires() {
    try (Device spu = Spu.simulate(SimConfig.of("ref2k", 1).withSeed(1))) {
      SecretTensor a = spu.input("alice", new long[] {5, 9, 1}, dev.spu.pphlo.DType.I32, 3);
      SecretTensor b = spu.input("bob", new long[] {7, 2, 1}, dev.spu.pphlo.DType.I32, 3);
      var f = spu.jit((x, y) -> x.greater(y).select(x, y));
      System.out.println(f.text(a, b));
      System.out.println(f.call(a, b).reveal());
      System.out.println(a.add(b).mul(2.5).reveal());
      System.out.println(spu.stats());
    }
  }
}
