package dev.spu.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.DenseElements;
import dev.spu.pphlo.FunctionBuilder;
import dev.spu.pphlo.Module;
import dev.spu.pphlo.Printer;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Value;
import dev.spu.pphlo.Verifier;
import dev.spu.pphlo.WindowSpec;
import dev.spu.pphlo.passes.PassPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Semantic preservation on random programs: random chains of blocks that contain every pattern of
 * the passes (ReLU-like selects sharing a predicate, public factor chains, int → fixed products,
 * predicate masks, Adam-like quotients, max-pool with its gradient, repeated and dead ops) mixed
 * with plain arithmetic, run with all passes and with none on the same inputs. Values stay within
 * about ±16 so fixed-point errors stay small; outputs agree within 5e-3·max(1, |x|) (the rsqrt
 * blocks use c = 2^−12, whose rewrite changes a quotient by at most c/sqrt(x) ≤ 2^−11).
 */
class RandomPassProgramsTest {
  static final Shape S = Shape.of(4, 4);
  static final TensorType SEC = TensorType.secret(DType.F32, 4, 4);

  /** A random program over two secret f32 [4,4] arguments and one secret i32 [4,4]. */
  static Module program(Random r, int blocks) {
    FunctionBuilder b = new FunctionBuilder("main");
    List<Value> pool = new ArrayList<>();
    pool.add(b.addArgument(SEC));
    pool.add(b.addArgument(SEC));
    Value k = b.addArgument(TensorType.secret(DType.I32, 4, 4));
    Value zero = c(b, 0.0);
    List<Value> outs = new ArrayList<>();
    for (int i = 0; i < blocks; i++) {
      Value x = pool.get(r.nextInt(pool.size()));
      Value y = pool.get(r.nextInt(pool.size()));
      switch (r.nextInt(10)) {
        case 0 -> { // ReLU forward and "backward" on one predicate
          Value p = b.op("greater", Attributes.EMPTY, x, zero);
          pool.add(b.op("select", Attributes.EMPTY, p, x, zero));
          pool.add(b.op("select", Attributes.EMPTY, p, y, zero));
        }
        case 1 -> // (x · a) · b · c
            pool.add(mul(b, mul(b, mul(b, x, c(b, 0.5)), c(b, 0.75)), c(b, 1.5)));
        case 2 -> { // int → fixed product
          Value kf = b.op("convert", Attributes.EMPTY, SEC, k);
          pool.add(mul(b, mul(b, kf, x), c(b, 0.125)));
        }
        case 3 -> { // a comparison mask times a value, and the mask's sum
          Value m = b.op("convert", Attributes.EMPTY, SEC, b.op("less", Attributes.EMPTY, x, y));
          pool.add(mul(b, m, y));
          pool.add(b.op("add", Attributes.EMPTY, m, x));
        }
        case 4 -> { // Adam-like y / (sqrt(x² / 8 + 1/4) + 2^-12), and y / sqrt(...)
          Value v = b.op("add", Attributes.EMPTY, mul(b, mul(b, x, x), c(b, 0.125)), c(b, 0.25));
          Value s = b.op("sqrt", Attributes.EMPTY, v);
          pool.add(
              b.op("divide", Attributes.EMPTY, y, b.op("add", Attributes.EMPTY, s, c(b, 0x1p-12))));
          pool.add(b.op("divide", Attributes.EMPTY, x, s));
        }
        case 5 -> { // max-pool 2x2/2 and its gradient
          WindowSpec w = WindowSpec.of(new int[] {2, 2}, new int[] {2, 2}, new int[4]);
          Value ninf =
              b.op(
                  "constant",
                  Attributes.of(
                      "value",
                      DenseElements.ofFloats(
                          Shape.SCALAR, DType.F32, new double[] {Double.NEGATIVE_INFINITY})));
          Value zs =
              b.op(
                  "constant",
                  Attributes.of(
                      "value", DenseElements.ofFloats(Shape.SCALAR, DType.F32, new double[] {0})));
          Value m =
              b.op(
                  "reduce_window",
                  w.toAttributes(Attributes.builder().put("kind", "max"), true).build(),
                  x,
                  ninf);
          Value g = mul(b, m, c2(b, 0.5));
          pool.add(
              b.op(
                  "select_and_scatter",
                  w.toAttributes(
                          Attributes.builder().put("select", "ge").put("scatter", "add"), false)
                      .build(),
                  x,
                  g,
                  zs));
          outs.add(m);
        }
        case 6 -> { // the same comparison and select twice
          Value p1 = b.op("greater", Attributes.EMPTY, x, y);
          Value p2 = b.op("greater", Attributes.EMPTY, x, y);
          pool.add(b.op("select", Attributes.EMPTY, p1, x, y));
          pool.add(b.op("select", Attributes.EMPTY, p2, y, x));
        }
        case 7 -> // a dead comparison
            b.op("less", Attributes.EMPTY, x, y);
        case 8 -> pool.add(mul(b, mul(b, x, y), c(b, 0.125)));
        default -> pool.add(b.op(r.nextBoolean() ? "add" : "subtract", Attributes.EMPTY, x, y));
      }
    }
    int n = pool.size();
    outs.addAll(pool.subList(Math.max(2, n - 4), n));
    Module m = Module.of(b.build(outs));
    Verifier.verify(m);
    return m;
  }

  static Value c(FunctionBuilder b, double v) {
    return b.op(
        "constant", Attributes.of("value", DenseElements.ofFloats(S, DType.F32, new double[] {v})));
  }

  static Value c2(FunctionBuilder b, double v) {
    return b.op(
        "constant",
        Attributes.of(
            "value", DenseElements.ofFloats(Shape.of(2, 2), DType.F32, new double[] {v})));
  }

  static Value mul(FunctionBuilder b, Value x, Value y) {
    return b.op("multiply", Attributes.EMPTY, x, y);
  }

  @ParameterizedTest
  @CsvSource({"ref2k, 24", "aby3, 6"})
  void allPassesOrNoneGiveTheSameResults(String protocol, int programs) {
    Random r = new Random(42);
    long bytesOff = 0;
    long bytesOn = 0;
    try (Device spu =
        Spu.simulate(SimConfig.of(protocol, protocol.equals("ref2k") ? 1 : 3).withSeed(9))) {
      for (int i = 0; i < programs; i++) {
        Module m = program(r, 12 + r.nextInt(12));
        PassPipeline.Result opt = PassPipeline.standard().run(m);
        assertThat(opt.totalRewrites()).isPositive();
        SecretTensor[] args = {
          spu.input("alice", rand(r, 16, 4), DType.F32, S),
          spu.input("bob", rand(r, 16, 4), DType.F32, S),
          spu.input("bob", ints(r, 16), DType.I32, S)
        };
        List<double[]> want = new ArrayList<>();
        List<double[]> got = new ArrayList<>();
        bytesOff += spu.measure(() -> reveal(spu.run(m, args), want)).bytes();
        bytesOn += spu.measure(() -> reveal(spu.run(opt.module(), args), got)).bytes();
        for (int o = 0; o < want.size(); o++) {
          for (int j = 0; j < want.get(o).length; j++) {
            double w = want.get(o)[j];
            double g = got.get(o)[j];
            assertThat(Math.abs(g - w))
                .as(
                    "program %d output %d element %d: %s vs %s%n%s",
                    i, o, j, g, w, Printer.print(m))
                .isLessThanOrEqualTo(5e-3 * Math.max(1, Math.abs(w)));
          }
        }
      }
    }
    if (!protocol.equals("ref2k")) {
      System.err.printf(
          "random programs on %s: %d B without passes, %d B with%n", protocol, bytesOff, bytesOn);
      assertThat(bytesOn).isLessThan(bytesOff);
    }
  }

  private static void reveal(List<SecretTensor> outs, List<double[]> into) {
    for (SecretTensor t : outs) {
      into.add(t.revealDoubles());
    }
  }

  private static double[] rand(Random r, int n, double scale) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = (r.nextDouble() - 0.5) * 2 * scale;
    }
    return x;
  }

  private static long[] ints(Random r, int n) {
    long[] x = new long[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextInt(9) - 4;
    }
    return x;
  }
}
