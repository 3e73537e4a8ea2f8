package dev.spu.nn.dl4j;

import dev.spu.nn.DoubleTensor;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import dev.spu.tensor.CommTotals;
import dev.spu.tensor.Device;
import dev.spu.tensor.JitFunction;
import dev.spu.tensor.SecretTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Private inference of an imported {@link Dl4jModel} on a {@link Device}: the model owner
 * secret-shares the weights once (or they are public constants, if the owner says so), the data
 * owner secret-shares the examples batch by batch, the whole forward pass is one jitted PPHLO
 * program (traced once per batch size), and the outputs are revealed to the data owner only. No
 * DL4J or ND4J code runs on this path (INDArrays are converted at the boundary).
 *
 * <pre>{@code
 * Dl4jModel m = Dl4jImport.load(Path.of("mnist.zip"));
 * try (Device spu = Spu.simulate(SimConfig.of("aby3", 3))) {
 *   PrivateInference inf = PrivateInference.secretWeights(spu, m, "bob");
 *   PrivateInference.Result r = inf.predict("alice", features, rows, 128);
 * }
 * }</pre>
 */
public final class PrivateInference {
  private final Device device;
  private final Dl4jModel model;
  private final List<SecretTensor> weights;
  private final JitFunction<SecretTensor> forward;
  private final long weightBytes;

  private PrivateInference(Device device, Dl4jModel model, List<SecretTensor> weights, long bytes) {
    this.device = device;
    this.model = model;
    this.weights = List.copyOf(weights);
    this.weightBytes = bytes;
    int n = weights.size();
    this.forward =
        device.jit(n + 1, a -> model.net().forward(Arrays.asList(a).subList(0, n), a[n]));
  }

  /** The weights are secret-shared by {@code modelOwner}: no compute party sees them. */
  public static PrivateInference secretWeights(Device device, Dl4jModel model, String modelOwner) {
    long before = device.stats().bytes();
    List<SecretTensor> w = new ArrayList<>();
    for (DoubleTensor p : model.parameters()) {
      w.add(device.input(modelOwner, p.data(), DType.F32, Shape.of(p.shape())));
    }
    return new PrivateInference(device, model, w, device.stats().bytes() - before);
  }

  /**
   * The weights are public constants known to every compute party (the owner chose to publish
   * them): secret × public products are local, so inference is cheaper.
   */
  public static PrivateInference publicWeights(Device device, Dl4jModel model) {
    List<SecretTensor> w = new ArrayList<>();
    for (DoubleTensor p : model.parameters()) {
      w.add(device.constant(p.data(), DType.F32, Shape.of(p.shape())));
    }
    return new PrivateInference(device, model, w, 0);
  }

  public Dl4jModel model() {
    return model;
  }

  /** The weights on the device (secret or public), in the model's parameter order. */
  public List<SecretTensor> weights() {
    return weights;
  }

  /** Bytes the model owner's weight sharing took (0 for public weights). */
  public long weightSharingBytes() {
    return weightBytes;
  }

  /** The forward pass on a batch already on the device ({@code [B, ...inputShape]}). */
  public SecretTensor forward(SecretTensor x) {
    SecretTensor[] args = new SecretTensor[weights.size() + 1];
    for (int i = 0; i < weights.size(); i++) {
      args[i] = weights.get(i);
    }
    args[weights.size()] = x;
    return forward.call(args);
  }

  /** How many times the forward pass was traced (once per distinct batch size). */
  public long traceCount() {
    return forward.traceCount();
  }

  /**
   * The PPHLO text of the forward pass for a batch of {@code batch} examples of the given
   * visibility (for inspection: weights' visibility as they are on the device).
   */
  public String programText(int batch) {
    dev.spu.pphlo.TensorType[] sig = new dev.spu.pphlo.TensorType[weights.size() + 1];
    for (int i = 0; i < weights.size(); i++) {
      sig[i] = weights.get(i).type();
    }
    sig[weights.size()] =
        dev.spu.pphlo.TensorType.of(
            Shape.of(batched(batch)), DType.F32, dev.spu.pphlo.Visibility.SECRET);
    return forward.text(sig);
  }

  /** The outputs of a private inference, as the data owner receives them. */
  public record Result(int rows, int outputs, double[] values, CommTotals comm, double seconds) {
    /** Row {@code r}'s outputs (class probabilities for a softmax classifier). */
    public double[] row(int r) {
      return Arrays.copyOfRange(values, r * outputs, (r + 1) * outputs);
    }

    /** The index of the largest output per row (the predicted class; first on ties). */
    public int[] argmax() {
      int[] out = new int[rows];
      for (int r = 0; r < rows; r++) {
        int best = 0;
        for (int j = 1; j < outputs; j++) {
          if (values[r * outputs + j] > values[r * outputs + best]) {
            best = j;
          }
        }
        out[r] = best;
      }
      return out;
    }

    /** The outputs as a {@code [rows, outputs]} INDArray. */
    public INDArray toNdArray() {
      return Nd4j.create(
          values, new long[] {rows, outputs}, org.nd4j.linalg.api.buffer.DataType.DOUBLE);
    }
  }

  /**
   * Predicts {@code rows} examples ({@link Dl4jModel#features()} values each, row-major) of {@code
   * dataOwner} in batches of {@code batch}: each batch is secret-shared by the data owner, run, and
   * its outputs revealed to the data owner only.
   */
  public Result predict(String dataOwner, double[] features, int rows, int batch) {
    int per = model.features();
    if (features.length != rows * per) {
      throw new IllegalArgumentException(
          "the model takes "
              + per
              + " features per example ("
              + Arrays.toString(model.inputShape())
              + "): "
              + rows
              + " rows need "
              + (long) rows * per
              + " values, got "
              + features.length);
    }
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be >= 1, got " + batch);
    }
    int outs = model.outputs();
    double[] out = new double[rows * outs];
    long t0 = System.nanoTime();
    CommTotals comm =
        device.measure(
            () -> {
              for (int s = 0; s < rows; s += batch) {
                int e = Math.min(rows, s + batch);
                double[] part = Arrays.copyOfRange(features, s * per, e * per);
                SecretTensor x = device.input(dataOwner, part, DType.F32, Shape.of(batched(e - s)));
                double[] y = forward(x).revealDoublesTo(dataOwner);
                System.arraycopy(y, 0, out, s * outs, y.length);
              }
            });
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Result(rows, outs, out, comm, seconds);
  }

  /**
   * INDArray in and out: {@code x} is {@code [rows, ...]} with {@link Dl4jModel#features()} values
   * per row (flat or shaped as DL4J takes it); returns {@code [rows, outputs]} as revealed to
   * {@code dataOwner}.
   */
  public INDArray predict(String dataOwner, INDArray x, int batch) {
    int rows = Math.toIntExact(x.size(0));
    double[] v =
        x.length() == 0
            ? new double[0]
            : x.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                .reshape('c', new long[] {x.length()})
                .toDoubleVector();
    return predict(dataOwner, v, rows, batch).toNdArray();
  }

  private int[] batched(int b) {
    int[] in = model.inputShape();
    int[] s = new int[in.length + 1];
    s[0] = b;
    System.arraycopy(in, 0, s, 1, in.length);
    return s;
  }
}
