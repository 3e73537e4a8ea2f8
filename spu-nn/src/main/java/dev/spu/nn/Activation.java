package dev.spu.nn;

import java.util.List;

/**
 * Base of the elementwise activations: no parameters, shape kept; the plaintext twin maps each
 * element and its backward multiplies by the derivative expressed through input and output.
 */
abstract class Activation implements Layer {
  @Override
  public int[] outputShape(int[] inputShape) {
    return inputShape.clone();
  }

  /** The activation of one element. */
  abstract double apply(double x);

  /** Its derivative at input {@code x} with output {@code y}. */
  abstract double derivative(double x, double y);

  @Override
  public Plain forwardPlain(List<DoubleTensor> p, DoubleTensor x) {
    double[] xs = x.data();
    double[] ys = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      ys[i] = apply(xs[i]);
    }
    return new Plain(
        new DoubleTensor(x.shape(), ys),
        (g, grads, needInput) -> {
          if (!needInput) {
            return null;
          }
          double[] gs = g.data();
          double[] d = new double[gs.length];
          for (int i = 0; i < d.length; i++) {
            d[i] = gs[i] * derivative(xs[i], ys[i]);
          }
          return new DoubleTensor(x.shape(), d);
        });
  }
}
