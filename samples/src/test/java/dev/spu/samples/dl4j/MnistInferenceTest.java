package dev.spu.samples.dl4j;

import static dev.spu.samples.dl4j.Dl4jSamples.check;
import static dev.spu.samples.dl4j.Dl4jSamples.flat;
import static dev.spu.samples.dl4j.Dl4jSamples.matrix;
import static dev.spu.samples.dl4j.Dl4jSamples.number;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.nn.data.Dataset;
import dev.spu.nn.data.Mnist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The closing check: a DL4J CNN trained by DL4J on MNIST (one epoch over the first 20,000
 * training digits: DL4J's CPU training is the slow part here), saved with ModelSerializer, then
 * {@code spu infer} on the whole MNIST test set (10,000 rows, aby3): accuracy equal to DL4J's
 * within 0.5 points, and every row within the probability tolerance. Leaves the model, the CSV and
 * the labels in {@code target/mnist-dl4j} for running {@code ./spu infer} by hand.
 */
@Tag("slow")
class MnistInferenceTest {
  static final Path OUT = Path.of("target", "mnist-dl4j");

  /** LeNet-like: conv 5x5 6 relu, max 2, conv 5x5 12 relu, max 2, dense 48 relu, softmax 10. */
  static MultiLayerNetwork cnn() {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(123)
                .updater(new Adam(3e-3))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(
                    new ConvolutionLayer.Builder(5, 5).nOut(6).activation(Activation.RELU).build())
                .layer(
                    new SubsamplingLayer.Builder(PoolingType.MAX)
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .build())
                .layer(
                    new ConvolutionLayer.Builder(5, 5).nOut(12).activation(Activation.RELU).build())
                .layer(
                    new SubsamplingLayer.Builder(PoolingType.MAX)
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .build())
                .layer(new DenseLayer.Builder().nOut(48).activation(Activation.RELU).build())
                .layer(
                    new OutputLayer.Builder(LossFunction.NEGATIVELOGLIKELIHOOD)
                        .nOut(10)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1))
                .build());
    net.init();
    return net;
  }

  static INDArray flatImages(Dataset d) {
    return Nd4j.create(d.features().data(), new long[] {d.size(), 784}, DataType.FLOAT);
  }

  static INDArray oneHot(Dataset d) {
    return Nd4j.create(d.oneHot().data(), new long[] {d.size(), 10}, DataType.FLOAT);
  }

  @Test
  void spuInferOnMnistMatchesDl4jAccuracy() throws IOException {
    int rows = Integer.getInteger("spu.mnist.rows", 10_000);
    Files.createDirectories(OUT);
    Dataset train = Mnist.train(Integer.getInteger("spu.mnist.train", 20_000));
    Dataset test = Mnist.test(rows);
    MultiLayerNetwork net = cnn();
    long t0 = System.nanoTime();
    INDArray x = flatImages(train);
    INDArray y = oneHot(train);
    for (int s = 0; s < train.size(); s += 64) {
      int e = Math.min(train.size(), s + 64);
      net.fit(
          new DataSet(
              x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(s, e)),
              y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(s, e))));
    }
    double trainSeconds = (System.nanoTime() - t0) / 1e9;
    Path zip = Dl4jSamples.save(net, OUT.resolve("mnist-cnn.zip"), true);
    INDArray tx = flatImages(test);
    double[] dl4j = flat(net.output(tx));
    int dl4jOk = 0;
    for (int i = 0; i < test.size(); i++) {
      dl4jOk += Dl4jSamples.argmax(dl4j, i, 10) == test.labels()[i] ? 1 : 0;
    }
    double dl4jAcc = dl4jOk / (double) test.size();
    Path csv = Dl4jSamples.writeCsv(tx, OUT.resolve("mnist-test.csv"), true);
    StringBuilder lb = new StringBuilder("label\n");
    for (int l : test.labels()) {
      lb.append(l).append('\n');
    }
    Path labels = Files.writeString(OUT.resolve("mnist-test-labels.csv"), lb);

    Dl4jSamples.Run r =
        Dl4jSamples.run(
            "infer",
            "--dl4j",
            zip.toString(),
            "--input",
            csv.toString(),
            "--labels",
            labels.toString(),
            "--protocol",
            "aby3",
            "--json");
    assertThat(r.code()).as(r.err()).isZero();
    double ours = number(r.last(), "accuracy");
    int[] n = new int[1];
    double[] probs = matrix(r.last(), "probabilities", n);
    double maxDiff = 0;
    for (int i = 0; i < probs.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(probs[i] - dl4j[i]));
    }
    String note =
        String.format(
            Locale.ROOT,
            "MNIST test (%d rows): DL4J accuracy %.4f, spu infer (aby3) %.4f; max |Δp| %.2e; %.1f MB,"
                + " %.0f rounds, %.1f s private inference; DL4J training %.0f s",
            n[0],
            dl4jAcc,
            ours,
            maxDiff,
            number(r.last(), "bytes") / 1e6,
            number(r.last(), "rounds"),
            number(r.last(), "seconds"),
            trainSeconds);
    System.out.println(note);
    Files.writeString(OUT.resolve("result.txt"), note + System.lineSeparator());
    assertThat(n[0]).isEqualTo(test.size());
    assertThat(Math.abs(ours - dl4jAcc)).as(note).isLessThanOrEqualTo(0.005);
    assertThat(check(dl4j, probs, 10, 1e-2)).as(note).isNull();
  }
}
