package dev.spu.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import dev.spu.tensor.Device;
import dev.spu.tensor.Grad;
import dev.spu.tensor.JitFunction;
import dev.spu.tensor.SecretTensor;
import dev.spu.tensor.SimConfig;
import dev.spu.tensor.Spu;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each layer's SecretTensor form against its plaintext twin, on the device: the forward output and
 * autodiff's gradients (for the input and every parameter) of L = ⟨layer(x), R⟩, all secret, in one
 * jitted program. Fixed point (f = 18): tolerance 2e-3 + 1e-2·|plain|.
 */
class SecretLayerTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("ref2k", new Dense(5, 3), new int[] {5}),
        Arguments.of("aby3", new Dense(5, 3), new int[] {5}),
        Arguments.of("ref2k", new Conv2D(2, 3, 3), new int[] {2, 6, 5}),
        Arguments.of("aby3", new Conv2D(1, 2, 5, 2, 2), new int[] {1, 7, 8}),
        Arguments.of("ref2k", new MaxPool2D(2), new int[] {2, 4, 6}),
        Arguments.of("aby3", new MaxPool2D(2), new int[] {2, 4, 6}),
        Arguments.of("ref2k", new MaxPool2D(3, 2), new int[] {1, 7, 7}),
        Arguments.of("aby3", new AvgPool2D(2), new int[] {2, 4, 5}),
        Arguments.of("aby3", new ReLU(), new int[] {3, 4}),
        Arguments.of("semi2k", new ReLU(), new int[] {3, 4}),
        Arguments.of("ref2k", new Flatten(), new int[] {2, 3, 2}),
        Arguments.of("aby3", new Sigmoid(), new int[] {7}),
        Arguments.of("aby3", new Tanh(), new int[] {7}),
        Arguments.of("aby3", new Softmax(), new int[] {6}),
        Arguments.of(
            "aby3",
            new Sequential(
                new Conv2D(1, 2, 3), new MaxPool2D(2), new ReLU(), new Flatten(), new Dense(8, 3)),
            new int[] {1, 6, 6}));
  }

  static Device device(String protocol) {
    int n =
        switch (protocol) {
          case "ref2k" -> 1;
          case "semi2k" -> 2;
          default -> 3;
        };
    return Spu.simulate(SimConfig.of(protocol, n).withSeed(5));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void secretForwardAndGradientsMatchThePlaintextTwin(String protocol, Layer layer, int[] example) {
    Random rnd = new Random(6);
    int batch = 3;
    int[] xs = PlainGradientTest.batched(batch, example);
    DoubleTensor x =
        new DoubleTensor(xs, PlainGradientTest.awayFromTies(rnd, DoubleTensor.numElements(xs)));
    List<DoubleTensor> params = new ArrayList<>();
    for (ParamSpec p : layer.parameters(example)) {
      double[] v = PlainGradientTest.awayFromTies(rnd, p.size());
      for (int i = 0; i < v.length; i++) {
        v[i] *= 10; // weights of a realistic size
      }
      params.add(new DoubleTensor(p.shape(), v));
    }
    int[] os = PlainGradientTest.batched(batch, layer.outputShape(example));
    double[] r = new double[DoubleTensor.numElements(os)];
    for (int i = 0; i < r.length; i++) {
      r[i] = rnd.nextGaussian();
    }
    // Plaintext twin.
    Layer.Plain fwd = layer.forwardPlain(params, x);
    List<DoubleTensor> grads = new ArrayList<>();
    for (DoubleTensor p : params) {
      grads.add(DoubleTensor.zeros(p.shape()));
    }
    DoubleTensor dx = fwd.backward().apply(new DoubleTensor(os, r), grads, true);

    int np = params.size();
    try (Device spu = device(protocol)) {
      SecretTensor[] args = new SecretTensor[np + 1];
      for (int i = 0; i < np; i++) {
        args[i] =
            spu.input("alice", params.get(i).data(), DType.F32, Shape.of(params.get(i).shape()));
      }
      args[np] = spu.input("bob", x.data(), DType.F32, Shape.of(xs));
      int[] argnums = new int[np + 1];
      for (int i = 0; i <= np; i++) {
        argnums[i] = i;
      }
      JitFunction<List<SecretTensor>> f =
          spu.jit(
              np + 1,
              a -> {
                List<SecretTensor> out = new ArrayList<>();
                out.add(layer.forward(List.of(a).subList(0, np), a[np]));
                out.addAll(
                    Grad.of(
                            np + 1,
                            in ->
                                layer
                                    .forward(List.of(in).subList(0, np), in[np])
                                    .mul(spu.constant(r, DType.F32, Shape.of(os)))
                                    .sum(),
                            argnums)
                        .applyAll(a));
                return out;
              });
      List<SecretTensor> out = f.call(args);
      assertClose("output", out.get(0).revealDoubles(), fwd.output().data());
      for (int i = 0; i < np; i++) {
        assertClose("param " + i, out.get(1 + i).revealDoubles(), grads.get(i).data());
      }
      assertClose("input", out.get(1 + np).revealDoubles(), dx.data());
    }
  }

  static void assertClose(String what, double[] got, double[] want) {
    assertThat(got).as(what).hasSameSizeAs(want);
    for (int i = 0; i < want.length; i++) {
      assertThat(Math.abs(got[i] - want[i]))
          .as("%s element %d: secret %s vs plain %s", what, i, got[i], want[i])
          .isLessThanOrEqualTo(2e-3 + 1e-2 * Math.abs(want[i]));
    }
  }
}
