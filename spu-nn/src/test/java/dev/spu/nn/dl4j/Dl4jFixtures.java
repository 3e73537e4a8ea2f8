package dev.spu.nn.dl4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Small DL4J models trained by DL4J itself on seeded synthetic data, and the check. */
final class Dl4jFixtures {
  private Dl4jFixtures() {}

  /**
   * {@code n} examples of {@code features} values in {@code classes} Gaussian blobs (one-hot
   * labels): the blob centre of class k is a fixed random vector, spread 0.6.
   */
  static DataSet blobs(int n, int features, int classes, long seed) {
    Random rng = new Random(seed);
    double[][] centres = new double[classes][features];
    Random c = new Random(1234);
    for (double[] ctr : centres) {
      for (int j = 0; j < features; j++) {
        ctr[j] = c.nextGaussian();
      }
    }
    double[][] x = new double[n][features];
    double[][] y = new double[n][classes];
    for (int i = 0; i < n; i++) {
      int k = rng.nextInt(classes);
      for (int j = 0; j < features; j++) {
        x[i][j] = centres[k][j] + 0.6 * rng.nextGaussian();
      }
      y[i][k] = 1;
    }
    return new DataSet(
        Nd4j.createFromArray(x).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT),
        Nd4j.createFromArray(y).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
  }

  /** Builds, initialises and trains {@code conf} for {@code epochs} full-batch steps. */
  static MultiLayerNetwork train(MultiLayerConfiguration conf, DataSet data, int epochs) {
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    for (int e = 0; e < epochs; e++) {
      net.fit(data);
    }
    return net;
  }

  static Path save(MultiLayerNetwork net, Path dir, String name, boolean withUpdater)
      throws IOException {
    Path p = dir.resolve(name + (withUpdater ? "-updater" : "") + ".zip");
    ModelSerializer.writeModel(net, p.toFile(), withUpdater);
    return p;
  }

  static double[] flat(INDArray a) {
    return a.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
        .reshape('c', new long[] {a.length()})
        .toDoubleVector();
  }

  /**
   * The acceptance rule against DL4J's {@code output()}: max |Δp| ≤ {@code maxAbs}, and the
   * same argmax on every row whose top-two DL4J probabilities differ by more than 0.02. Returns
   * null if it holds, else what broke.
   */
  static String check(double[] dl4j, double[] ours, int outputs, double maxAbs) {
    double worst = 0;
    int worstAt = -1;
    for (int i = 0; i < dl4j.length; i++) {
      double d = Math.abs(dl4j[i] - ours[i]);
      if (d > worst) {
        worst = d;
        worstAt = i;
      }
    }
    if (worst > maxAbs) {
      return "max |difference| "
          + worst
          + " > "
          + maxAbs
          + " at row "
          + worstAt / outputs
          + " output "
          + worstAt % outputs
          + ": DL4J "
          + dl4j[worstAt]
          + ", ours "
          + ours[worstAt];
    }
    int rows = dl4j.length / outputs;
    for (int r = 0; r < rows; r++) {
      int a = argmax(dl4j, r, outputs);
      double second = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < outputs; j++) {
        if (j != a) {
          second = Math.max(second, dl4j[r * outputs + j]);
        }
      }
      if (dl4j[r * outputs + a] - second > 0.02 && argmax(ours, r, outputs) != a) {
        return "row " + r + ": DL4J predicts " + a + ", ours " + argmax(ours, r, outputs);
      }
    }
    return null;
  }

  static int argmax(double[] v, int row, int outputs) {
    int best = 0;
    for (int j = 1; j < outputs; j++) {
      if (v[row * outputs + j] > v[row * outputs + best]) {
        best = j;
      }
    }
    return best;
  }
}
