package dev.spu.samples.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.samples.SpuCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import picocli.CommandLine;

/** Test helpers: small DL4J models trained by DL4J, CSV files, and the CLI's JSON. */
public final class Dl4jSamples {
  private Dl4jSamples() {}

  /**
   * {@code n} rows of {@code features} values in {@code classes} Gaussian blobs, one-hot labels.
   */
  public static DataSet blobs(int n, int features, int classes, long seed) {
    Random rng = new Random(seed);
    Random c = new Random(99);
    double[][] centres = new double[classes][features];
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
        x[i][j] = centres[k][j] + 0.7 * rng.nextGaussian();
      }
      y[i][k] = 1;
    }
    return new DataSet(
        Nd4j.createFromArray(x).castTo(DataType.FLOAT),
        Nd4j.createFromArray(y).castTo(DataType.FLOAT));
  }

  /** Bob's model: features → 12 relu → classes softmax, trained by DL4J (Adam, full batch). */
  public static MultiLayerNetwork trainMlp(DataSet d, int epochs) {
    int in = (int) d.getFeatures().size(1);
    int out = (int) d.getLabels().size(1);
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(5)
                .updater(new Adam(0.02))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nOut(12).activation(Activation.RELU).build())
                .layer(
                    new OutputLayer.Builder(LossFunction.MCXENT)
                        .nOut(out)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.feedForward(in))
                .build());
    net.init();
    for (int e = 0; e < epochs; e++) {
      net.fit(d);
    }
    return net;
  }

  public static Path save(MultiLayerNetwork net, Path file, boolean withUpdater)
      throws IOException {
    ModelSerializer.writeModel(net, file.toFile(), withUpdater);
    return file;
  }

  public static double[] flat(INDArray a) {
    return a.castTo(DataType.DOUBLE).reshape('c', new long[] {a.length()}).toDoubleVector();
  }

  /** Writes the rows of {@code x} as CSV, with a header line if {@code header}. */
  public static Path writeCsv(INDArray x, Path file, boolean header) throws IOException {
    int rows = (int) x.size(0);
    int cols = (int) (x.length() / rows);
    double[] v = flat(x);
    StringBuilder sb = new StringBuilder();
    if (header) {
      for (int j = 0; j < cols; j++) {
        sb.append(j > 0 ? "," : "").append("f").append(j);
      }
      sb.append('\n');
    }
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        if (j > 0) {
          sb.append(',');
        }
        sb.append(String.format(Locale.ROOT, "%.6g", v[i * cols + j]));
      }
      sb.append('\n');
    }
    return Files.writeString(file, sb.toString());
  }

  /** Runs {@code spu args...}: exit code, stdout's last line, and stderr. */
  public record Run(int code, String last, String err) {}

  public static Run run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      code = new CommandLine(new SpuCli()).execute(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    String[] lines = o.toString(StandardCharsets.UTF_8).strip().split("\n");
    return new Run(code, lines[lines.length - 1], e.toString(StandardCharsets.UTF_8));
  }

  /** A JSON number field. */
  public static double number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9.Ee+-]+)").matcher(json);
    assertThat(m.find()).as("key " + key + " in JSON").isTrue();
    return Double.parseDouble(m.group(1));
  }

  /** A JSON array of numbers. */
  public static double[] array(String json, String key) {
    int at = json.indexOf("\"" + key + "\":[");
    assertThat(at).as("array " + key).isNotNegative();
    int start = at + key.length() + 4;
    return parseNumbers(json.substring(start, json.indexOf(']', start)));
  }

  /** A JSON array of arrays of numbers, flattened row by row; also returns the row count. */
  public static double[] matrix(String json, String key, int[] rowsOut) {
    int at = json.indexOf("\"" + key + "\":[[");
    assertThat(at).as("array of arrays " + key).isNotNegative();
    int end = json.indexOf("]]", at);
    String body = json.substring(at + key.length() + 5, end);
    List<Double> all = new ArrayList<>();
    String[] rows = body.split("\\],\\[");
    for (String r : rows) {
      for (double v : parseNumbers(r)) {
        all.add(v);
      }
    }
    rowsOut[0] = rows.length;
    return all.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] parseNumbers(String s) {
    if (s.isBlank()) {
      return new double[0];
    }
    String[] p = s.split(",");
    double[] v = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      v[i] = Double.parseDouble(p[i]);
    }
    return v;
  }

  /**
   * The acceptance rule against DL4J's {@code output()}: null if max |Δp| ≤ {@code maxAbs}
   * and the argmax agrees on every row whose top-two DL4J probabilities differ by more than 0.02.
   */
  public static String check(double[] dl4j, double[] ours, int outputs, double maxAbs) {
    if (dl4j.length != ours.length) {
      return "length " + ours.length + ", expected " + dl4j.length;
    }
    for (int i = 0; i < dl4j.length; i++) {
      if (Math.abs(dl4j[i] - ours[i]) > maxAbs) {
        return "row "
            + i / outputs
            + " output "
            + i % outputs
            + ": DL4J "
            + dl4j[i]
            + ", ours "
            + ours[i];
      }
    }
    for (int r = 0; r < dl4j.length / outputs; r++) {
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

  public static int argmax(double[] v, int row, int outputs) {
    int best = 0;
    for (int j = 1; j < outputs; j++) {
      if (v[row * outputs + j] > v[row * outputs + best]) {
        best = j;
      }
    }
    return best;
  }
}
