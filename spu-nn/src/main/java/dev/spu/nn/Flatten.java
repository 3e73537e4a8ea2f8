package dev.spu.nn;

import dev.spu.tensor.SecretTensor;
import java.util.List;

/** Flattens each example to a vector: {@code [B, d1, d2, ...] → [B, d1·d2·...]} (row-major). */
public final class Flatten implements Layer {
  @Override
  public int[] outputShape(int[] inputShape) {
    return new int[] {DoubleTensor.numElements(inputShape)};
  }

  @Override
  public SecretTensor forward(List<SecretTensor> p, SecretTensor x) {
    return x.rank() == 2 ? x : x.reshape(x.shape().dim(0), -1);
  }

  @Override
  public Plain forwardPlain(List<DoubleTensor> p, DoubleTensor x) {
    int[] in = x.shape();
    int batch = in[0];
    return new Plain(
        x.reshape(batch, x.size() / Math.max(1, batch)),
        (g, grads, needInput) -> needInput ? g.reshape(in) : null);
  }

  @Override
  public String describe() {
    return "Flatten";
  }
}
