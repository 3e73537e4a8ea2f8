package dev.spu.nn.dl4j;

import static dev.spu.nn.dl4j.Dl4jFixtures.check;
import static dev.spu.nn.dl4j.Dl4jFixtures.flat;
import static dev.spu.tensor.testing.SpuAssertions.assertThat;
import static dev.spu.tensor.testing.SpuAssertions.withinAbsolute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spu.nn.DoubleTensor;
import dev.spu.tensor.Device;
import dev.spu.tensor.SecretTensor;
import dev.spu.tensor.testing.RevealLog;
import dev.spu.tensor.testing.SpuProtocol;
import dev.spu.tensor.testing.SpuTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The import round trip: small MLP and CNN models built and trained by DL4J itself, saved with
 * ModelSerializer (with and without updater state), imported, and run privately; the outputs match
 * DL4J's own {@code output()} (max |Δp| ≤ 1e-2, same argmax where DL4J's top two differ by more
 * than 0.02, FM64 with 18 fraction bits). Unsupported layers and settings fail naming the layer.
 */
class Dl4jImportTest {
  @TempDir static Path dir;

  static MultiLayerNetwork mlp;
  static MultiLayerNetwork cnn;
  static DataSet mlpData;
  static DataSet cnnData;

  @BeforeAll
  static void trainWithDl4j() {
    mlpData = Dl4jFixtures.blobs(240, 6, 4, 1);
    mlp =
        Dl4jFixtures.train(
            new NeuralNetConfiguration.Builder()
                .seed(7)
                .updater(new Adam(0.02))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.TANH).build())
                .layer(
                    new OutputLayer.Builder(LossFunction.MCXENT)
                        .nOut(4)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.feedForward(6))
                .build(),
            mlpData,
            80);
    cnnData = Dl4jFixtures.blobs(160, 2 * 8 * 8, 3, 2);
    cnn =
        Dl4jFixtures.train(
            new NeuralNetConfiguration.Builder()
                .seed(11)
                .updater(new Adam(0.01))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(
                    new ConvolutionLayer.Builder(3, 3)
                        .stride(1, 1)
                        .padding(1, 1)
                        .nOut(4)
                        .activation(Activation.RELU)
                        .build())
                .layer(
                    new SubsamplingLayer.Builder(PoolingType.MAX)
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .build())
                .layer(
                    new ConvolutionLayer.Builder(3, 2)
                        .stride(2, 1)
                        .convolutionMode(ConvolutionMode.Same)
                        .nOut(3)
                        .activation(Activation.SIGMOID)
                        .build())
                .layer(
                    new SubsamplingLayer.Builder(PoolingType.AVG)
                        .kernelSize(2, 2)
                        .stride(1, 1)
                        .padding(1, 1)
                        .build())
                .layer(new DenseLayer.Builder().nOut(10).activation(Activation.TANH).build())
                .layer(
                    new OutputLayer.Builder(LossFunction.MCXENT)
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .build())
                .setInputType(InputType.convolutionalFlat(8, 8, 2))
                .build(),
            cnnData,
            40);
  }

  private static double[] features(DataSet d, int rows) {
    return flat(d.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, rows)));
  }

  private static double[] dl4jOutput(MultiLayerNetwork net, DataSet d, int rows) {
    return flat(
        net.output(d.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, rows))));
  }

  @Test
  void mlpTranslatesExactlyWithAndWithoutUpdaterState() throws IOException {
    Dl4jModel a = Dl4jImport.load(Dl4jFixtures.save(mlp, dir, "mlp", false));
    Dl4jModel b = Dl4jImport.load(Dl4jFixtures.save(mlp, dir, "mlp", true));
    assertThat(a.inputShape()).containsExactly(6);
    assertThat(a.outputs()).isEqualTo(4);
    assertThat(a.outputActivation()).isEqualTo("softmax");
    assertThat(a.parameterCount()).isEqualTo(mlp.numParams());
    for (int i = 0; i < a.parameters().size(); i++) {
      assertThat(b.parameters().get(i).data()).containsExactly(a.parameters().get(i).data());
    }
    // The translated layers in double precision agree with DL4J's float32 forward pass.
    double[] x = features(mlpData, 240);
    assertThat(a.predictPlain(x, 240))
        .containsExactly(dl4jOutput(mlp, mlpData, 240), org.assertj.core.data.Offset.offset(1e-5));
    assertThat(a.summary()).contains("DenseLayer 6->16, relu", "OutputLayer 8->4, softmax");
  }

  @SpuTest(matrix = true)
  void privateMlpMatchesDl4jOnEveryProtocol(Device spu, RevealLog reveals) throws IOException {
    Dl4jModel m = Dl4jImport.load(Dl4jFixtures.save(mlp, dir, "mlp-m", true));
    PrivateInference inf = PrivateInference.secretWeights(spu, m, "bob");
    for (SecretTensor w : inf.weights()) {
      assertThat(w).isSecret();
    }
    int rows = 96;
    PrivateInference.Result r = inf.predict("alice", features(mlpData, rows), rows, 48);
    assertThat(check(dl4jOutput(mlp, mlpData, rows), r.values(), 4, 1e-2)).isNull();
    assertThat(r.comm().bytes()).isPositive();
    assertThat(inf.traceCount()).isEqualTo(1);
    assertThat(spu).revealedOnlyTo("alice");
    for (SecretTensor w : inf.weights()) {
      assertThat(w).wasNeverRevealed();
    }
    assertThat(reveals.reveals()).hasSize(2); // one per batch, both to alice
  }

  @SpuTest({SpuProtocol.ABY3, SpuProtocol.SEMI2K_2})
  void privateCnnMatchesDl4j(Device spu) throws IOException {
    Dl4jModel m = Dl4jImport.load(Dl4jFixtures.save(cnn, dir, "cnn", false));
    assertThat(m.inputShape()).containsExactly(128);
    assertThat(m.summary())
        .contains(
            "FeedForwardToCnn",
            "ConvolutionLayer 2->4 3x3, pad [1, 1, 1, 1]",
            "MAX 2x2, stride 2x2")
        .contains("(Same)", "AVG 2x2, pad [1, 1, 1, 1] (Truncate, padding not counted)")
        .contains("CnnToFeedForward");
    int rows = 40;
    double[] x = features(cnnData, rows);
    double[] expected = dl4jOutput(cnn, cnnData, rows);
    assertThat(m.predictPlain(x, rows))
        .containsExactly(expected, org.assertj.core.data.Offset.offset(1e-5));
    PrivateInference.Result r =
        PrivateInference.secretWeights(spu, m, "bob").predict("alice", x, rows, rows);
    assertThat(check(expected, r.values(), 3, 1e-2)).isNull();
  }

  @SpuTest
  void publicWeightsAreCheaperAndAgree(Device spu) throws IOException {
    Dl4jModel m = Dl4jImport.load(Dl4jFixtures.save(mlp, dir, "mlp-p", false));
    double[] x = features(mlpData, 32);
    PrivateInference secret = PrivateInference.secretWeights(spu, m, "bob");
    PrivateInference open = PrivateInference.publicWeights(spu, m);
    assertThat(open.weights().get(0)).isPublic();
    PrivateInference.Result s = secret.predict("alice", x, 32, 32);
    PrivateInference.Result p = open.predict("alice", x, 32, 32);
    assertThat(p.comm().bytes()).isLessThan(s.comm().bytes());
    assertThat(check(s.values(), p.values(), 4, 1e-2)).isNull();
    // INDArray in and out.
    INDArray probs =
        open.predict(
            "alice",
            mlpData.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 32)),
            16);
    assertThat(probs).hasShape(32, 4).isCloseTo(p.values(), withinAbsolute(1e-2));
  }

  @Test
  void sigmoidAndIdentityOutputs() throws IOException {
    DataSet d = Dl4jFixtures.blobs(64, 5, 2, 3);
    MultiLayerNetwork sig =
        Dl4jFixtures.train(
            new NeuralNetConfiguration.Builder()
                .seed(3)
                .updater(new Adam(0.05))
                .list()
                .layer(
                    new DenseLayer.Builder().nIn(5).nOut(6).activation(Activation.SIGMOID).build())
                .layer(
                    new OutputLayer.Builder(LossFunction.XENT)
                        .nOut(2)
                        .hasBias(false)
                        .activation(Activation.SIGMOID)
                        .build())
                .setInputType(InputType.feedForward(5))
                .build(),
            d,
            20);
    MultiLayerNetwork id =
        Dl4jFixtures.train(
            new NeuralNetConfiguration.Builder()
                .seed(4)
                .updater(new Adam(0.05))
                .list()
                .layer(
                    new DenseLayer.Builder().nIn(5).nOut(4).activation(Activation.IDENTITY).build())
                .layer(
                    new OutputLayer.Builder(LossFunction.MSE)
                        .nOut(2)
                        .activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.feedForward(5))
                .build(),
            d,
            20);
    double[] x = flat(d.getFeatures());
    for (MultiLayerNetwork net : List.of(sig, id)) {
      Dl4jModel m = Dl4jImport.load(Dl4jFixtures.save(net, dir, "small" + net.hashCode(), true));
      assertThat(m.predictPlain(x, 64))
          .containsExactly(
              flat(net.output(d.getFeatures())), org.assertj.core.data.Offset.offset(1e-5));
    }
    assertThat(Dl4jImport.load(dir.resolve("small" + sig.hashCode() + "-updater.zip")).summary())
        .contains("OutputLayer 6->2 (no bias), sigmoid");
  }

  // ------------------------------------------------------------------ unsupported models

  private static Path saveUntrained(MultiLayerConfiguration conf, String name) throws IOException {
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return Dl4jFixtures.save(net, dir, name, false);
  }

  @Test
  void unsupportedLayerNamesIndexTypeAndTheSupportedOnes() throws IOException {
    Path p =
        saveUntrained(
            new NeuralNetConfiguration.Builder()
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(4))
                .build(),
            "batchnorm");
    assertThatThrownBy(() -> Dl4jImport.load(p))
        .isInstanceOf(Dl4jImportException.class)
        .hasMessageStartingWith("layer 1 (BatchNormalization): this layer type is not supported")
        .hasMessageContaining("supported layers: DenseLayer, OutputLayer, ConvolutionLayer")
        .satisfies(
            e -> {
              assertThat(((Dl4jImportException) e).layerIndex()).isEqualTo(1);
              assertThat(((Dl4jImportException) e).layerType()).isEqualTo("BatchNormalization");
            });
  }

  @Test
  void unsupportedActivationAndSettings() throws IOException {
    Path leaky =
        saveUntrained(
            new NeuralNetConfiguration.Builder()
                .list()
                .layer(
                    new DenseLayer.Builder()
                        .nIn(4)
                        .nOut(8)
                        .activation(Activation.LEAKYRELU)
                        .build())
                .layer(new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build())
                .build(),
            "leaky");
    assertThatThrownBy(() -> Dl4jImport.load(leaky))
        .hasMessageStartingWith("layer 0 (DenseLayer): activation")
        .hasMessageContaining("supported: relu, tanh, sigmoid, softmax, identity");
    Path dilated =
        saveUntrained(
            new NeuralNetConfiguration.Builder()
                .list()
                .layer(
                    new ConvolutionLayer.Builder(2, 2)
                        .dilation(2, 2)
                        .nOut(2)
                        .activation(Activation.RELU)
                        .build())
                .layer(new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(6, 6, 1))
                .build(),
            "dilated");
    assertThatThrownBy(() -> Dl4jImport.load(dilated))
        .hasMessageStartingWith("layer 0 (ConvolutionLayer): dilation [2, 2] is not supported");
    Path pnorm =
        saveUntrained(
            new NeuralNetConfiguration.Builder()
                .list()
                .layer(
                    new SubsamplingLayer.Builder(PoolingType.PNORM)
                        .pnorm(2)
                        .kernelSize(2, 2)
                        .build())
                .layer(new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(4, 4, 1))
                .build(),
            "pnorm");
    assertThatThrownBy(() -> Dl4jImport.load(pnorm))
        .hasMessageStartingWith("layer 0 (SubsamplingLayer): pooling type PNORM is not supported");
  }

  @Test
  void computationGraphsAndOtherFilesAreRefused() throws IOException {
    ComputationGraph g = mlp.toComputationGraph();
    Path cg = dir.resolve("graph.zip");
    ModelSerializer.writeModel(g, cg.toFile(), false);
    assertThatThrownBy(() -> Dl4jImport.load(cg))
        .isInstanceOf(Dl4jImportException.class)
        .hasMessageContaining("is a ComputationGraph; only MultiLayerNetwork");
    Path junk = Files.writeString(dir.resolve("junk.zip"), "not a zip");
    assertThatThrownBy(() -> Dl4jImport.load(junk)).hasMessageContaining("junk.zip");
    assertThatThrownBy(() -> Dl4jImport.load(dir.resolve("missing.zip")))
        .hasMessageContaining("no such file");
  }

  @Test
  void parametersAreCopiedIntoPlainDoubles() throws IOException {
    Dl4jModel m = Dl4jImport.load(Dl4jFixtures.save(mlp, dir, "mlp-copy", false));
    DoubleTensor w0 = m.parameters().get(0);
    assertThat(w0.shape()).containsExactly(6, 16);
    INDArray dl4jW = mlp.getParam("0_W");
    assertThat(w0.data()[1 * 16 + 3])
        .isEqualTo(dl4jW.getDouble(1, 3), org.assertj.core.data.Offset.offset(0.0));
  }
}
