package dev.spu.samples.dl4j;

import static dev.spu.samples.dl4j.Dl4jSamples.number;
import static dev.spu.samples.dl4j.Dl4jSamples.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spu.nn.data.BreastCancer;
import dev.spu.nn.data.Dataset;
import dev.spu.nn.data.Mnist;
import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * {@code spu train --init-from MODEL.zip}: a model DL4J trained is fine-tuned privately (and by its
 * plaintext twin from the same weights); it starts where DL4J left it.
 */
class TrainInitFromTest {
  @TempDir Path dir;

  private static DataSet toDl4j(Dataset d, boolean binary) {
    int n = d.size();
    int per = d.features().size() / n;
    var y = binary ? d.column() : d.oneHot();
    return new DataSet(
        Nd4j.create(d.features().data(), new long[] {n, per}, DataType.FLOAT),
        Nd4j.create(y.data(), new long[] {n, y.dim(1)}, DataType.FLOAT));
  }

  private static MultiLayerNetwork mlp(
      int in, int hidden, int out, Activation act, LossFunction loss) {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(3)
                .updater(new Adam(0.01))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nOut(hidden).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(loss).nOut(out).activation(act).build())
                .setInputType(InputType.feedForward(in))
                .build());
    net.init();
    return net;
  }

  @Test
  void fineTunesADl4jLogisticModelOnBreastCancer() throws IOException {
    BreastCancer.Split s = BreastCancer.load();
    MultiLayerNetwork net = mlp(30, 8, 1, Activation.SIGMOID, LossFunction.XENT);
    DataSet d = toDl4j(s.train(), true);
    for (int e = 0; e < 30; e++) {
      net.fit(d);
    }
    Path zip = Dl4jSamples.save(net, dir.resolve("bc.zip"), true);
    Dl4jSamples.Run r =
        run(
            "train",
            "--init-from",
            zip.toString(),
            "--dataset",
            "breast-cancer",
            "--lr",
            "0.01",
            "--steps",
            "4",
            "--json");
    assertThat(r.code()).as(r.err()).isZero();
    String json = r.last();
    assertThat(json).contains("\"model\":\"bc.zip\"", "\"init_from\":");
    // It starts from DL4J's trained weights: a low loss and a high ROC-AUC at once.
    assertThat(number(json, "first_loss")).isLessThan(0.3);
    assertThat(number(json, "secret"))
        .isGreaterThan(0.97)
        .isCloseTo(number(json, "plaintext"), within(0.01));
    assertThat(number(json, "last_loss"))
        .isCloseTo(number(json, "plaintext_last_loss"), within(0.02));
  }

  @Test
  void fineTunesADl4jSoftmaxModelOnMnist() throws IOException {
    Dataset train = Mnist.train(2000);
    MultiLayerNetwork net = mlp(784, 32, 10, Activation.SOFTMAX, LossFunction.MCXENT);
    DataSet d = toDl4j(train, false);
    for (int e = 0; e < 15; e++) {
      net.fit(d);
    }
    Path zip = Dl4jSamples.save(net, dir.resolve("mnist-mlp.zip"), false);
    Dl4jSamples.Run r =
        run(
            "train",
            "--init-from",
            zip.toString(),
            "--dataset",
            "mnist",
            "--limit",
            "256",
            "--lr",
            "0.01",
            "--steps",
            "2",
            "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(number(r.last(), "secret"))
        .isGreaterThan(0.8)
        .isCloseTo(number(r.last(), "plaintext"), within(0.01));
  }

  @Test
  void needsExactlyOneModelAndADataset() {
    assertThat(run("train", "--json").code()).isNotZero();
    Dl4jSamples.Run r = run("train", "--init-from", "x.zip", "--json");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("--init-from needs --dataset");
  }
}
