package dev.spu.nn;

import dev.spu.tensor.SecretTensor;
import java.util.List;

/**
 * A fully connected layer {@code y = x · W + b} on {@code [B, in]} inputs; {@code W} is {@code [in,
 * out]}, {@code b} is {@code [out]} (zeros initially).
 */
public final class Dense implements Layer {
  private final int in;
  private final int out;
  private final Initializer init;

  /** Glorot-uniform weights. */
  public Dense(int in, int out) {
    this(in, out, Initializer.GLOROT_UNIFORM);
  }

  public Dense(int in, int out, Initializer init) {
    if (in < 1 || out < 1) {
      throw new IllegalArgumentException("Dense(" + in + ", " + out + "): sizes must be >= 1");
    }
    this.in = in;
    this.out = out;
    this.init = init;
  }

  public int inputs() {
    return in;
  }

  public int outputs() {
    return out;
  }

  @Override
  public int[] outputShape(int[] inputShape) {
    if (inputShape.length != 1 || inputShape[0] != in) {
      throw new IllegalArgumentException(
          describe()
              + " takes examples of shape ["
              + in
              + "], got "
              + java.util.Arrays.toString(inputShape)
              + (inputShape.length > 1 ? "; put a Flatten before it" : ""));
    }
    return new int[] {out};
  }

  @Override
  public List<ParamSpec> parameters(int[] inputShape) {
    return List.of(
        new ParamSpec("W", new int[] {in, out}, init, in, out),
        new ParamSpec("b", new int[] {out}, Initializer.ZEROS, in, out));
  }

  @Override
  public SecretTensor forward(List<SecretTensor> p, SecretTensor x) {
    return x.matmul(p.get(0)).add(p.get(1));
  }

  @Override
  public Plain forwardPlain(List<DoubleTensor> p, DoubleTensor x) {
    int batch = x.dim(0);
    double[] w = p.get(0).data();
    double[] b = p.get(1).data();
    double[] y = new double[batch * out];
    PlainKernels.matmul(x.data(), w, y, batch, in, out, false);
    for (int i = 0; i < batch; i++) {
      for (int j = 0; j < out; j++) {
        y[i * out + j] += b[j];
      }
    }
    return new Plain(
        new DoubleTensor(new int[] {batch, out}, y),
        (g, grads, needInput) -> {
          double[] gd = g.data();
          PlainKernels.matmulTransA(x.data(), gd, grads.get(0).data(), batch, in, out, true);
          double[] db = grads.get(1).data();
          for (int i = 0; i < batch; i++) {
            for (int j = 0; j < out; j++) {
              db[j] += gd[i * out + j];
            }
          }
          if (!needInput) {
            return null;
          }
          double[] dx = new double[batch * in];
          PlainKernels.matmulTransB(gd, w, dx, batch, out, in, false);
          return new DoubleTensor(new int[] {batch, in}, dx);
        });
  }

  @Override
  public String describe() {
    return "Dense(" + in + "→" + out + ")";
  }
}
