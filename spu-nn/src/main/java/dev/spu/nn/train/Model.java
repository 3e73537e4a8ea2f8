package dev.spu.nn.train;

import dev.spu.nn.DoubleTensor;
import dev.spu.nn.Layer;
import dev.spu.nn.Loss;
import dev.spu.nn.ParamSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A network bound to its example input shape and its training loss: what the trainers need to
 * create parameters and run steps.
 */
public record Model(String name, Layer net, int[] inputShape, Loss loss) {
  public Model {
    inputShape = inputShape.clone();
    net.outputShape(inputShape); // fails early on a shape mismatch
  }

  @Override
  public int[] inputShape() {
    return inputShape.clone();
  }

  public int[] outputShape() {
    return net.outputShape(inputShape);
  }

  public List<ParamSpec> parameters() {
    return net.parameters(inputShape);
  }

  /** Initial parameters drawn from {@code new Random(seed)} in parameter order. */
  public List<DoubleTensor> initialParameters(long seed) {
    Random rng = new Random(seed);
    List<DoubleTensor> out = new ArrayList<>();
    for (ParamSpec p : parameters()) {
      out.add(new DoubleTensor(p.shape(), p.init().sample(rng, p.size(), p.fanIn(), p.fanOut())));
    }
    return out;
  }

  /** Total number of scalar parameters. */
  public long parameterCount() {
    long n = 0;
    for (ParamSpec p : parameters()) {
      n += p.size();
    }
    return n;
  }

  /**
   * Plaintext inference on {@code x} in chunks of {@code chunk} examples: the outputs, row-major.
   */
  public double[] predict(List<DoubleTensor> params, DoubleTensor x, int chunk) {
    int n = x.dim(0);
    int per = x.size() / Math.max(1, n);
    int outPer = DoubleTensor.numElements(outputShape());
    double[] out = new double[n * outPer];
    int[] shape = x.shape();
    for (int s = 0; s < n; s += chunk) {
      int e = Math.min(n, s + chunk);
      shape[0] = e - s;
      double[] part = java.util.Arrays.copyOfRange(x.data(), s * per, e * per);
      DoubleTensor y = net.forwardPlain(params, new DoubleTensor(shape, part)).output();
      System.arraycopy(y.data(), 0, out, s * outPer, y.size());
    }
    return out;
  }
}
