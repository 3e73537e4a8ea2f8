package dev.spu.samples.dl4j;

import static dev.spu.samples.dl4j.Dl4jSamples.array;
import static dev.spu.samples.dl4j.Dl4jSamples.check;
import static dev.spu.samples.dl4j.Dl4jSamples.flat;
import static dev.spu.samples.dl4j.Dl4jSamples.matrix;
import static dev.spu.samples.dl4j.Dl4jSamples.number;
import static dev.spu.samples.dl4j.Dl4jSamples.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@code spu infer --dl4j MODEL.zip --input DATA.csv}: the JSON contract ({@code probabilities} per
 * row, {@code predictions}, {@code bytes} > 0) and DL4J's own outputs within the tolerance,
 * on a model DL4J trained and saved.
 */
class InferCommandTest {
  @TempDir static Path dir;
  static MultiLayerNetwork net;
  static DataSet data;
  static Path zip;
  static Path csv;
  static double[] expected;
  static final int ROWS = 50;

  @BeforeAll
  static void bobTrainsAModelAndAliceHasRows() throws IOException {
    data = Dl4jSamples.blobs(200, 7, 3, 1);
    net = Dl4jSamples.trainMlp(data, 60);
    zip = Dl4jSamples.save(net, dir.resolve("bob.zip"), true);
    var x = data.getFeatures().get(NDArrayIndex.interval(0, ROWS));
    csv = Dl4jSamples.writeCsv(x, dir.resolve("alice.csv"), true);
    expected = flat(net.output(x));
  }

  @ParameterizedTest
  @ValueSource(strings = {"aby3", "semi2k"})
  void jsonMatchesDl4jOutput(String protocol) {
    Dl4jSamples.Run r =
        run(
            "infer",
            "--dl4j",
            zip.toString(),
            "--input",
            csv.toString(),
            "--model-owner",
            "bob",
            "--data-owner",
            "alice",
            "--protocol",
            protocol,
            "--batch",
            "32",
            "--json");
    assertThat(r.code()).as(r.err()).isZero();
    String json = r.last();
    assertThat(json).startsWith("{").endsWith("}");
    assertThat(json).contains("\"protocol\":\"" + protocol + "\"");
    int[] rows = new int[1];
    double[] probs = matrix(json, "probabilities", rows);
    assertThat(rows[0]).isEqualTo(ROWS);
    assertThat(check(expected, probs, 3, 1e-2)).isNull();
    double[] pred = array(json, "predictions");
    assertThat(pred).hasSize(ROWS);
    for (int i = 0; i < ROWS; i++) {
      assertThat((int) pred[i]).isEqualTo(Dl4jSamples.argmax(probs, i, 3));
    }
    assertThat(number(json, "bytes")).isPositive();
    assertThat(number(json, "weight_sharing_bytes")).isPositive();
    assertThat(r.err()).contains("bob.zip: input [7], 3 outputs (softmax)");
  }

  @Test
  void publicWeightsLabelsAndText() throws IOException {
    Path labels = dir.resolve("labels.csv");
    StringBuilder sb = new StringBuilder("label\n");
    double[] y = flat(data.getLabels().get(NDArrayIndex.interval(0, ROWS)));
    for (int i = 0; i < ROWS; i++) {
      sb.append(Dl4jSamples.argmax(y, i, 3)).append('\n');
    }
    Files.writeString(labels, sb);
    Dl4jSamples.Run r =
        run(
            "infer",
            "--dl4j",
            zip.toString(),
            "--input",
            csv.toString(),
            "--public-weights",
            "--labels",
            labels.toString(),
            "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(number(r.last(), "weight_sharing_bytes")).isZero();
    assertThat(number(r.last(), "bytes")).isPositive();
    int ok = 0;
    for (int i = 0; i < ROWS; i++) {
      ok += Dl4jSamples.argmax(expected, i, 3) == Dl4jSamples.argmax(y, i, 3) ? 1 : 0;
    }
    assertThat(number(r.last(), "accuracy"))
        .isCloseTo(ok / (double) ROWS, org.assertj.core.api.Assertions.within(0.021));
    Dl4jSamples.Run text =
        run("infer", "--dl4j", zip.toString(), "--input", csv.toString(), "--limit", "3");
    assertThat(text.code()).isZero();
    assertThat(text.last()).contains("revealed to alice only");
  }

  @Test
  void unsupportedModelsAndBadInputsFailClearly() throws IOException {
    MultiLayerNetwork rnn =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .list()
                .layer(new LSTM.Builder().nIn(3).nOut(4).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build())
                .build());
    rnn.init();
    Path rz = Dl4jSamples.save(rnn, dir.resolve("rnn.zip"), false);
    Dl4jSamples.Run r = run("infer", "--dl4j", rz.toString(), "--input", csv.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("layer 0 (LSTM): this layer type is not supported")
        .contains("supported layers: DenseLayer");
    Path narrow = Files.writeString(dir.resolve("narrow.csv"), "1,2,3\n4,5,6\n");
    Dl4jSamples.Run w = run("infer", "--dl4j", zip.toString(), "--input", narrow.toString());
    assertThat(w.code()).isEqualTo(2);
    assertThat(w.err()).contains("has 3 columns, but the model takes 7 features");
  }
}
