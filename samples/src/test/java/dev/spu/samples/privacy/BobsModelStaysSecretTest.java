package dev.spu.samples.privacy;

import static dev.spu.tensor.testing.SpuAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.nn.DoubleTensor;
import dev.spu.nn.dl4j.Dl4jImport;
import dev.spu.nn.dl4j.Dl4jModel;
import dev.spu.nn.dl4j.PrivateInference;
import dev.spu.samples.dl4j.Dl4jSamples;
import dev.spu.tensor.Device;
import dev.spu.tensor.SecretTensor;
import dev.spu.tensor.testing.MessageLog;
import dev.spu.tensor.testing.SpuProtocol;
import dev.spu.tensor.testing.SpuTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Bob trained a classifier with DL4J; Alice wants its predictions on her records. Bob's weights
 * stay secret during Alice's inference, Alice's records stay secret, and only Alice sees the
 * prediction.
 */
class BobsModelStaysSecretTest {
  @TempDir static Path dir;
  static Path bobsZip;
  static INDArray alicesRows;
  static double[] dl4jSays;

  @BeforeAll
  static void bobTrainsAndSavesHisModel() throws IOException {
    DataSet d = Dl4jSamples.blobs(150, 5, 3, 8);
    MultiLayerNetwork net = Dl4jSamples.trainMlp(d, 50);
    bobsZip = Dl4jSamples.save(net, dir.resolve("bob.zip"), true);
    alicesRows = d.getFeatures().get(NDArrayIndex.interval(0, 6));
    dl4jSays = Dl4jSamples.flat(net.output(alicesRows));
  }

  @SpuTest({SpuProtocol.SEMI2K_3, SpuProtocol.ABY3})
  void bobsWeightsStaySecretAndOnlyAliceSeesThePrediction(Device spu, MessageLog wire) {
    Dl4jModel model = Dl4jImport.load(bobsZip);

    // Bob secret-shares his weights once; the compute parties hold shares only.
    PrivateInference inference = PrivateInference.secretWeights(spu, model, "bob");
    for (SecretTensor w : inference.weights()) {
      assertThat(w).isSecret();
    }

    // Alice secret-shares her rows; the forward pass runs on shares; the outputs go to her only.
    INDArray probabilities = inference.predict("alice", alicesRows, 6);
    assertThat(probabilities).hasShape(6, 3);
    assertThat(Dl4jSamples.check(dl4jSays, Dl4jSamples.flat(probabilities), 3, 1e-2)).isNull();
    assertThat(spu).revealedOnlyTo("alice");
    for (SecretTensor w : inference.weights()) {
      assertThat(w).wasNeverRevealed();
    }

    // No weight (nor any of Alice's values, nor her result) was ever on the wire in plaintext.
    assertThat(spu).neverCarriedInPlaintext(distinctive(model));
    assertThat(spu).neverCarriedInPlaintext(distinctive(Dl4jSamples.flat(alicesRows)));
    assertThat(spu).neverCarriedInPlaintext(distinctive(Dl4jSamples.flat(probabilities)));
    assertThat(wire.bytes()).isPositive();
  }

  /** Every weight whose fixed-point encoding is distinctive (not near zero). */
  static double[] distinctive(Dl4jModel m) {
    List<Double> v = new ArrayList<>();
    for (DoubleTensor p : m.parameters()) {
      for (double w : p.data()) {
        v.add(w);
      }
    }
    return distinctive(v.stream().mapToDouble(Double::doubleValue).toArray());
  }

  static double[] distinctive(double[] values) {
    return java.util.Arrays.stream(values).filter(w -> Math.abs(w) > 1e-3).toArray();
  }
}
