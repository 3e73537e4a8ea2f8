package dev.spu.kernels.conformance;

import static dev.spu.pphlo.DType.F32;
import static dev.spu.pphlo.Visibility.PUBLIC;
import static dev.spu.pphlo.Visibility.SECRET;

import dev.spu.kernels.hal.FixedPoint;
import dev.spu.kernels.runtime.LocalCluster;
import dev.spu.kernels.runtime.RuntimeConfig;
import dev.spu.mpc.link.CommStats;
import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.ConvolutionSpec;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Value;
import dev.spu.pphlo.WindowSpec;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Timings of the windowed kernels at the paper's LeNet (network C) sizes, batch 128, under ABY3:
 * the forward convolutions, the two gradient convolutions of conv2, max pooling and its
 * select_and_scatter. Prints one line per op (ms, bytes, rounds) to stderr; slow.
 */
@Tag("slow")
class WindowBenchTest {
  private static long[] random(int n) {
    Random r = new Random(n);
    long[] x = new long[n];
    for (int i = 0; i < n; i++) {
      x[i] = FixedPoint.encode(r.nextDouble() - 0.5, 18);
    }
    return x;
  }

  private static void time(LocalCluster c, String what, String scope, Prog p, Value out) {
    for (int rep = 0; rep < 2; rep++) {
      List<CommStats> before = c.stats();
      long t0 = System.nanoTime();
      c.evaluate(p.build(out), p.data);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      long bytes = 0;
      long rounds = 0;
      for (int i = 0; i < before.size(); i++) {
        CommStats.Counters d = c.stats().get(i).scope(scope).minus(before.get(i).scope(scope));
        bytes += d.bytes();
        rounds = Math.max(rounds, d.rounds());
      }
      System.err.printf(
          "BENCH %-28s %6d ms (incl. input/reveal) %12d bytes %3d rounds%n",
          what, ms, bytes, rounds);
    }
  }

  private static Value conv(Prog p, int[] x, int[] w, ConvolutionSpec s) {
    Value a = p.arg(new TensorType(Shape.of(x), F32, SECRET), random(Shape.of(x).numElements()));
    Value b = p.arg(new TensorType(Shape.of(w), F32, SECRET), random(Shape.of(w).numElements()));
    return p.op("convolution", s.toAttributes(), a, b);
  }

  @Test
  void lenetSizes() {
    try (LocalCluster c =
        new LocalCluster(RuntimeConfig.defaults("aby3", 3).withTimeout(Duration.ofMinutes(5)))) {
      ConvolutionSpec valid =
          ConvolutionSpec.of(ConvolutionSpec.Dims.nchw(2), new int[] {1, 1}, new int[4]);
      Prog p1 = new Prog();
      time(
          c,
          "conv1 fwd 128x1x28x28 * 20",
          "convolution",
          p1,
          conv(p1, new int[] {128, 1, 28, 28}, new int[] {20, 1, 5, 5}, valid));
      Prog p2 = new Prog();
      time(
          c,
          "conv2 fwd 128x20x12x12 * 50",
          "convolution",
          p2,
          conv(p2, new int[] {128, 20, 12, 12}, new int[] {50, 20, 5, 5}, valid));
      // conv2's lhs gradient: the 8×8 cotangent, full padding, reversed kernel with in/out swapped.
      ConvolutionSpec lhsGrad =
          new ConvolutionSpec(
              new ConvolutionSpec.Dims(
                  0, 1, new int[] {2, 3}, 0, 1, new int[] {2, 3}, 0, 1, new int[] {2, 3}),
              new int[] {1, 1},
              new int[] {4, 4, 4, 4},
              new int[] {1, 1},
              new int[] {1, 1},
              new boolean[] {true, true},
              1,
              1);
      Prog p3 = new Prog();
      time(
          c,
          "conv2 d/dx 128x50x8x8",
          "convolution",
          p3,
          conv(p3, new int[] {128, 50, 8, 8}, new int[] {50, 20, 5, 5}, lhsGrad));
      // conv2's kernel gradient: x with batch/feature swapped, the cotangent as the kernel.
      ConvolutionSpec rhsGrad =
          ConvolutionSpec.of(
              new ConvolutionSpec.Dims(
                  1, 0, new int[] {2, 3}, 0, 1, new int[] {2, 3}, 1, 0, new int[] {2, 3}),
              new int[] {1, 1},
              new int[4]);
      Prog p4 = new Prog();
      time(
          c,
          "conv2 d/dw",
          "convolution",
          p4,
          conv(p4, new int[] {128, 20, 12, 12}, new int[] {128, 50, 8, 8}, rhsGrad));

      WindowSpec pool = WindowSpec.of(new int[] {1, 1, 2, 2}, new int[] {1, 1, 2, 2}, new int[8]);
      Prog p5 = new Prog();
      Value x =
          p5.arg(new TensorType(Shape.of(128, 20, 24, 24), F32, SECRET), random(128 * 20 * 576));
      Value init =
          p5.arg(new TensorType(Shape.SCALAR, F32, PUBLIC), new long[] {-FixedPoint.maxRing()});
      time(
          c,
          "maxpool 128x20x24x24",
          "reduce_window",
          p5,
          p5.op(
              "reduce_window",
              pool.toAttributes(Attributes.builder().put("kind", "max"), true).build(),
              x,
              init));
      Prog p6 = new Prog();
      Value o =
          p6.arg(new TensorType(Shape.of(128, 20, 24, 24), F32, SECRET), random(128 * 20 * 576));
      Value g =
          p6.arg(new TensorType(Shape.of(128, 20, 12, 12), F32, SECRET), random(128 * 20 * 144));
      Value z = p6.arg(new TensorType(Shape.SCALAR, F32, PUBLIC), new long[] {0});
      time(
          c,
          "select_and_scatter",
          "select_and_scatter",
          p6,
          p6.op(
              "select_and_scatter",
              pool.toAttributes(
                      Attributes.builder().put("select", "ge").put("scatter", "add"), false)
                  .build(),
              o,
              g,
              z));
    }
  }
}
