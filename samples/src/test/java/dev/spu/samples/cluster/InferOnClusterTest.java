package dev.spu.samples.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.samples.dl4j.Dl4jSamples;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** {@code spu infer --cluster}: the same private inference on node services (mutual TLS). */
class InferOnClusterTest {
  @Test
  void inferRunsOnNodesAndMatchesDl4j(@TempDir Path tmp) throws Exception {
    DataSet d = Dl4jSamples.blobs(120, 6, 3, 4);
    MultiLayerNetwork net = Dl4jSamples.trainMlp(d, 40);
    Path zip = Dl4jSamples.save(net, tmp.resolve("bob.zip"), false);
    INDArray x = d.getFeatures().get(NDArrayIndex.interval(0, 20));
    Path csv = Dl4jSamples.writeCsv(x, tmp.resolve("alice.csv"), false);
    try (LocalNodes nodes = new LocalNodes(tmp.resolve("certs"), "aby3", false)) {
      Dl4jSamples.Run r =
          Dl4jSamples.run(
              "infer",
              "--dl4j",
              zip.toString(),
              "--input",
              csv.toString(),
              "--cluster",
              nodes.file.toString(),
              "--json");
      assertThat(r.code()).as(r.err()).isZero();
      int[] rows = new int[1];
      double[] probs = Dl4jSamples.matrix(r.last(), "probabilities", rows);
      assertThat(rows[0]).isEqualTo(20);
      assertThat(Dl4jSamples.check(Dl4jSamples.flat(net.output(x)), probs, 3, 1e-2)).isNull();
      assertThat(Dl4jSamples.number(r.last(), "bytes")).isPositive();
    }
  }
}
