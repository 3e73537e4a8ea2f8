package dev.spu.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import dev.spu.tensor.Device;
import dev.spu.tensor.Grad;
import dev.spu.tensor.JitFunction;
import dev.spu.tensor.SecretTensor;
import dev.spu.tensor.ValueAndGrad;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each loss's SecretTensor form against its plaintext twin under ABY3: the value and autodiff's
 * gradient for the output, on logits of realistic and large size (the losses' shifts keep exp and
 * log in range). Tolerance 2e-3 + 1e-2·|plain| (the gradients are O(1/B)).
 */
class SecretLossTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(new SoftmaxCrossEntropy(), 8, 10, 3.0),
        Arguments.of(new SoftmaxCrossEntropy(), 4, 5, 25.0),
        Arguments.of(new BinaryCrossEntropy(), 16, 1, 3.0),
        Arguments.of(new BinaryCrossEntropy(), 8, 1, 30.0),
        Arguments.of(new MeanSquaredError(), 6, 3, 2.0));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void valueAndGradientMatchThePlaintextTwin(Loss loss, int batch, int width, double scale) {
    Random rnd = new Random(12);
    double[] z = new double[batch * width];
    double[] y = new double[batch * width];
    for (int i = 0; i < z.length; i++) {
      z[i] = scale * rnd.nextGaussian();
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
    DoubleTensor g = DoubleTensor.zeros(s);
    double want = loss.plain(new DoubleTensor(s, z), new DoubleTensor(s, y), g);
    try (Device spu = SecretLayerTest.device("aby3")) {
      SecretTensor zs = spu.input("alice", z, DType.F32, Shape.of(s));
      SecretTensor ys = spu.input("bob", y, DType.F32, Shape.of(s));
      JitFunction<List<SecretTensor>> f =
          spu.jit(
              (a, b) -> {
                ValueAndGrad.Result r = Grad.valueAndGrad(loss::apply, 0).apply(a, b);
                return List.of(r.value(), r.grad());
              });
      List<SecretTensor> out = f.call(zs, ys);
      assertThat(out.get(0).revealDoubles()[0])
          .as("loss")
          .isCloseTo(want, org.assertj.core.api.Assertions.within(2e-3 + 1e-2 * Math.abs(want)));
      SecretLayerTest.assertClose("gradient", out.get(1).revealDoubles(), g.data());
    }
  }
}
