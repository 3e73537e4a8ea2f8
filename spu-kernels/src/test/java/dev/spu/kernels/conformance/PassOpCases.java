package dev.spu.kernels.conformance;

import static dev.spu.pphlo.DType.F32;
import static dev.spu.pphlo.Visibility.PUBLIC;
import static dev.spu.pphlo.Visibility.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.kernels.hal.FixedPoint;
import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Value;
import dev.spu.pphlo.Visibility;
import dev.spu.pphlo.WindowSpec;
import java.util.List;
import java.util.Random;

/**
 * Cases for the ops of the optimizer passes: {@code argmax} and {@code maxpool_scatter} against
 * {@code reduce_window} max and {@code select_and_scatter} ge/add in the same program (and against
 * {@link WindowRef}'s direct loops), {@code prefer_a} against plain selects, {@code epsilon}.
 * Results must be exact: no truncation is involved.
 */
final class PassOpCases {
  static final int F = FixedPoint.DEFAULT_FRACTION_BITS;

  private final Random rnd;
  private final WindowCases.Runner runner;
  private final WindowCases windows;

  PassOpCases(long seed, WindowCases.Runner runner) {
    this.rnd = new Random(seed);
    this.runner = runner;
    this.windows = new WindowCases(seed, runner);
  }

  /** Small integers (many ties) or spread fixed-point values, encoded. */
  private long[] data(int n, boolean ties) {
    long[] r = new long[n];
    for (int i = 0; i < n; i++) {
      double v = ties ? rnd.nextInt(4) - 2 : (rnd.nextDouble() - 0.5) * 20;
      r[i] = FixedPoint.encode(v, F);
    }
    return r;
  }

  /**
   * argmax(x, init) = reduce_window(x, init) max, and maxpool_scatter(index, g, init2) =
   * select_and_scatter(x, g, init2) ge/add, exactly; the index is one-hot on windows with elements.
   */
  void maxPool(int rank, Visibility vx, Visibility vg, double init) {
    WindowCases.WinCase wc = windows.randomWindow(rank, false, 2);
    Shape xs = Shape.of(wc.dims());
    Shape ws = wc.spec().outputShape(xs);
    long initRing = Double.isInfinite(init) ? -FixedPoint.maxRing() : FixedPoint.encode(init, F);
    Prog p = new Prog();
    Value x = p.arg(new TensorType(xs, F32, vx), data(xs.numElements(), rnd.nextBoolean()));
    Value i = p.arg(new TensorType(Shape.SCALAR, F32, PUBLIC), new long[] {initRing});
    Value g = p.arg(new TensorType(ws, F32, vg), data(ws.numElements(), false));
    Value i2 = p.arg(new TensorType(Shape.SCALAR, F32, vg), data(1, false));
    Attributes win = wc.spec().toAttributes(Attributes.builder(), false).build();
    Value rw =
        p.op(
            "reduce_window",
            wc.spec().toAttributes(Attributes.builder().put("kind", "max"), true).build(),
            x,
            i);
    Value ss =
        p.op(
            "select_and_scatter",
            wc.spec()
                .toAttributes(Attributes.builder().put("select", "ge").put("scatter", "add"), false)
                .build(),
            x,
            g,
            i2);
    List<Value> am = p.b.op("argmax", win, null, List.of(x, i));
    Value ms = p.op("maxpool_scatter", win, ss.type(), am.get(1), g, i2);
    List<long[]> got = runner.run(p, rw, ss, am.get(0), am.get(1), ms);
    String what = "max-pool " + wc + " x " + vx + " g " + vg + " init " + init;
    assertThat(got.get(2)).as("argmax max vs reduce_window: " + what).isEqualTo(got.get(0));
    assertThat(got.get(4))
        .as("maxpool_scatter vs select_and_scatter: " + what)
        .isEqualTo(got.get(1));
    int k = am.get(1).type().shape().dim(rank);
    long[] onehot = got.get(3);
    for (int w = 0; w < ws.numElements(); w++) {
      long sum = 0;
      for (int t = 0; t < k; t++) {
        assertThat(onehot[w * k + t]).as(what).isBetween(0L, 1L);
        sum += onehot[w * k + t];
      }
      assertThat(sum).as("one-hot window " + w + ": " + what).isBetween(0L, 1L);
    }
    // Independent oracle for the gradient.
    double[] want =
        WindowRef.selectAndScatter(
            FixedPoint.decode(p.data.get(0), F),
            wc.dims(),
            FixedPoint.decode(p.data.get(2), F),
            FixedPoint.decode(p.data.get(3)[0], F),
            true,
            wc.spec().window(),
            wc.spec().strides(),
            wc.spec().padding());
    double[] gotD = FixedPoint.decode(got.get(4), F);
    for (int j = 0; j < want.length; j++) {
      assertThat(gotD[j]).as("element " + j + " of " + what).isEqualTo(want[j]);
    }
  }

  /** prefer_a once, then two selects: the same as two selects on the comparison itself. */
  void preferA(String kind) {
    int n = 16;
    long[] bits = new long[n];
    for (int j = 0; j < n; j++) {
      bits[j] = rnd.nextInt(2);
    }
    Prog p = new Prog();
    Value pred = p.pred(kind, new int[] {n}, bits);
    Value a = p.arg(SECRET, F32, new int[] {n}, data(n, false));
    Value b = p.arg(PUBLIC, F32, new int[] {n}, data(n, false));
    Value pa = p.op("prefer_a", pred);
    Value s1 = p.op("select", pa, a, b);
    Value s2 = p.op("select", pa, b, a);
    Value r1 = p.op("select", pred, a, b);
    Value r2 = p.op("select", pred, b, a);
    Value same = p.op("prefer_a", a); // a no-op on a non-predicate
    List<long[]> got = runner.run(p, s1, s2, r1, r2, same, pa);
    assertThat(got.get(0)).as("prefer_a select " + kind).isEqualTo(got.get(2));
    assertThat(got.get(1)).as("prefer_a select " + kind).isEqualTo(got.get(3));
    assertThat(got.get(4)).isEqualTo(p.data.get(kind.equals("secB") ? 2 : 1));
    assertThat(got.get(5)).as("prefer_a keeps the value").isEqualTo(bits);
  }

  /** epsilon is the ring value 1 (2^−f). */
  void epsilon() {
    Prog p = new Prog();
    Value x = p.arg(SECRET, F32, new int[] {3}, data(3, false));
    Value e = p.op("epsilon", Attributes.EMPTY, TensorType.pub(DType.F32, 3));
    Value y = p.op("add", x, e);
    List<long[]> got = runner.run(p, e, y);
    assertThat(got.get(0)).containsExactly(1, 1, 1);
    long[] in = p.data.get(0);
    assertThat(got.get(1)).containsExactly(in[0] + 1, in[1] + 1, in[2] + 1);
  }

  /** A few cases of each, for the HAL conformance suite's coverage. */
  void smoke() {
    maxPool(2, SECRET, SECRET, Double.NEGATIVE_INFINITY);
    maxPool(2, PUBLIC, SECRET, 0.5);
    preferA("secB");
    epsilon();
  }

  static WindowSpec pool2x2() {
    return WindowSpec.of(new int[] {1, 2, 2, 1}, new int[] {1, 2, 2, 1}, new int[8]);
  }
}
