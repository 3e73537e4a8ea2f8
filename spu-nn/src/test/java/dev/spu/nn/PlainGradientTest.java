package dev.spu.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plaintext twin's hand-written backward passes against central finite differences in double
 * precision: for every layer, L = ⟨layer(x), R⟩ with random R, gradients for the input and every
 * parameter; for every loss, its gradient for the output. Step 1e-6, tolerance 1e-6·max(1, |FD|).
 * Inputs of piecewise layers (ReLU, max pooling) are kept away from kinks and ties.
 */
class PlainGradientTest {
  static Stream<Arguments> layers() {
    return Stream.of(
        Arguments.of(new Dense(5, 3), new int[] {5}),
        Arguments.of(new Conv2D(2, 3, 3), new int[] {2, 6, 5}),
        Arguments.of(new Conv2D(1, 2, 5, 2, 2), new int[] {1, 7, 8}),
        Arguments.of(new MaxPool2D(2), new int[] {2, 4, 6}),
        Arguments.of(new MaxPool2D(3, 2), new int[] {1, 7, 7}),
        Arguments.of(new AvgPool2D(2), new int[] {2, 4, 5}),
        Arguments.of(new ReLU(), new int[] {3, 4}),
        Arguments.of(new Sigmoid(), new int[] {7}),
        Arguments.of(new Tanh(), new int[] {7}),
        Arguments.of(new Softmax(), new int[] {6}),
        Arguments.of(new Flatten(), new int[] {2, 3, 2}),
        Arguments.of(
            new Sequential(
                new Conv2D(1, 2, 3), new MaxPool2D(2), new ReLU(), new Flatten(), new Dense(8, 3)),
            new int[] {1, 6, 6}));
  }

  @ParameterizedTest
  @MethodSource("layers")
  void backwardMatchesFiniteDifferences(Layer layer, int[] example) {
    Random rnd = new Random(3);
    int batch = 3;
    int[] xs = batched(batch, example);
    DoubleTensor x = new DoubleTensor(xs, awayFromTies(rnd, DoubleTensor.numElements(xs)));
    List<DoubleTensor> params = new ArrayList<>();
    for (ParamSpec p : layer.parameters(example)) {
      params.add(new DoubleTensor(p.shape(), awayFromTies(rnd, p.size())));
    }
    int[] os = batched(batch, layer.outputShape(example));
    double[] r = new double[DoubleTensor.numElements(os)];
    for (int i = 0; i < r.length; i++) {
      r[i] = rnd.nextGaussian();
    }
    Layer.Plain fwd = layer.forwardPlain(params, x);
    assertThat(fwd.output().shape()).isEqualTo(os);
    List<DoubleTensor> grads = new ArrayList<>();
    for (DoubleTensor p : params) {
      grads.add(DoubleTensor.zeros(p.shape()));
    }
    DoubleTensor dx = fwd.backward().apply(new DoubleTensor(os, r.clone()), grads, true);

    checkFd("input", x.data(), dx.data(), () -> dotR(layer.forwardPlain(params, x).output(), r));
    for (int i = 0; i < params.size(); i++) {
      checkFd(
          "param " + i,
          params.get(i).data(),
          grads.get(i).data(),
          () -> dotR(layer.forwardPlain(params, x).output(), r));
    }
  }

  static Stream<Arguments> losses() {
    return Stream.of(
        Arguments.of(new SoftmaxCrossEntropy(), 4, 5),
        Arguments.of(new BinaryCrossEntropy(), 6, 1),
        Arguments.of(new MeanSquaredError(), 4, 3));
  }

  @ParameterizedTest
  @MethodSource("losses")
  void lossGradientMatchesFiniteDifferences(Loss loss, int batch, int width) {
    Random rnd = new Random(4);
    double[] z = new double[batch * width];
    double[] y = new double[batch * width];
    for (int i = 0; i < z.length; i++) {
      z[i] = 3 * rnd.nextGaussian();
    }
    for (int b = 0; b < batch; b++) {
      if (loss instanceof SoftmaxCrossEntropy) {
        y[b * width + rnd.nextInt(width)] = 1;
      } else if (loss instanceof BinaryCrossEntropy) {
        y[b] = rnd.nextInt(2);
      } else {
        for (int j = 0; j < width; j++) {
          y[b * width + j] = rnd.nextGaussian();
        }
      }
    }
    int[] s = {batch, width};
    DoubleTensor out = new DoubleTensor(s, z);
    DoubleTensor target = new DoubleTensor(s, y);
    DoubleTensor g = DoubleTensor.zeros(s);
    loss.plain(out, target, g);
    checkFd("output", z, g.data(), () -> loss.plain(out, target, DoubleTensor.zeros(s)));
  }

  private static void checkFd(String what, double[] x, double[] analytic, Fn f) {
    double h = 1e-6;
    for (int i = 0; i < x.length; i++) {
      double keep = x[i];
      x[i] = keep + h;
      double up = f.eval();
      x[i] = keep - h;
      double down = f.eval();
      x[i] = keep;
      double fd = (up - down) / (2 * h);
      assertThat(Math.abs(analytic[i] - fd))
          .as("%s element %d: analytic %s vs finite difference %s", what, i, analytic[i], fd)
          .isLessThanOrEqualTo(1e-6 * Math.max(1, Math.abs(fd)));
    }
  }

  @FunctionalInterface
  interface Fn {
    double eval();
  }

  private static double dotR(DoubleTensor y, double[] r) {
    double s = 0;
    for (int i = 0; i < r.length; i++) {
      s += y.data()[i] * r[i];
    }
    return s;
  }

  /** Distinct values spaced ≥ 0.01 apart and ≥ 0.005 from 0 (no kinks or ties within h). */
  static double[] awayFromTies(Random rnd, int n) {
    double[] v = new double[n];
    List<Integer> perm = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      perm.add(i);
    }
    java.util.Collections.shuffle(perm, rnd);
    for (int i = 0; i < n; i++) {
      double u = (perm.get(i) - n / 2.0 + 0.5) * 0.02;
      v[i] = u + 0.003 * rnd.nextDouble();
    }
    return v;
  }

  static int[] batched(int b, int[] example) {
    int[] s = new int[example.length + 1];
    s[0] = b;
    System.arraycopy(example, 0, s, 1, example.length);
    return s;
  }
}
