package dev.spu.nn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class DataTest {
  @Test
  void mnistFromTheClasspath() {
    Dataset test = Mnist.test(100);
    assertThat(test.size()).isEqualTo(100);
    assertThat(test.features().shape()).containsExactly(100, 1, 28, 28);
    assertThat(test.classes()).isEqualTo(10);
    // The first test digits of MNIST are 7, 2, 1, 0, 4.
    assertThat(test.labels()).startsWith(7, 2, 1, 0, 4);
    double max = 0;
    for (double v : test.features().data()) {
      assertThat(v).isBetween(0.0, 1.0);
      max = Math.max(max, v);
    }
    assertThat(max).isEqualTo(1.0);
    assertThat(test.oneHot().data()[7]).isEqualTo(1.0);
  }

  @Test
  void idxParsingAndErrors() throws IOException {
    byte[] images = gz(0x803, 2, 2, 2, new byte[] {0, (byte) 255, 51, 102, 1, 2, 3, 4});
    byte[] labels = gz(0x801, 2, -1, -1, new byte[] {3, 9});
    Dataset d =
        Mnist.read("t", new ByteArrayInputStream(images), new ByteArrayInputStream(labels), 0);
    assertThat(d.features().shape()).containsExactly(2, 1, 2, 2);
    assertThat(d.features().data()[1]).isEqualTo(1.0);
    assertThat(d.features().data()[2]).isCloseTo(0.2, within(1e-12));
    assertThat(d.labels()).containsExactly(3, 9);
    assertThatThrownBy(
            () ->
                Mnist.read(
                    "t", new ByteArrayInputStream(labels), new ByteArrayInputStream(labels), 0))
        .hasMessageContaining("bad magic");
  }

  private static byte[] gz(int magic, int n, int rows, int cols, byte[] body) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(b))) {
      out.writeInt(magic);
      out.writeInt(n);
      if (rows >= 0) {
        out.writeInt(rows);
        out.writeInt(cols);
      }
      out.write(body);
    }
    return b.toByteArray();
  }

  @Test
  void breastCancerSplitIsFixedAndStandardisedWithTrainingStatistics() {
    BreastCancer.Split s = BreastCancer.load();
    assertThat(s.train().size()).isEqualTo(456);
    assertThat(s.test().size()).isEqualTo(113);
    assertThat(s.train().exampleShape()).containsExactly(30);
    double[] x = s.train().features().data();
    for (int j = 0; j < 30; j++) {
      double mean = 0;
      double sq = 0;
      for (int i = 0; i < 456; i++) {
        mean += x[i * 30 + j] / 456;
        sq += x[i * 30 + j] * x[i * 30 + j] / 456;
      }
      assertThat(mean).isCloseTo(0, within(1e-9));
      assertThat(sq - mean * mean).isCloseTo(1, within(1e-9));
    }
    int benign = 0;
    for (int l : s.train().labels()) {
      benign += l;
    }
    assertThat(benign).isBetween(250, 320); // 357 of 569 are benign (label 1)
  }

  @Test
  void csv() throws IOException {
    double[][] rows = Csv.read(new StringReader("a,b\n1,2.5\n\n-3,4e-1\n"), 1);
    assertThat(rows).hasDimensions(2, 2);
    assertThat(rows[1]).containsExactly(-3, 0.4);
    assertThatThrownBy(() -> Csv.read(new StringReader("1,2\n3\n"), 0))
        .hasMessageContaining("line 2 has 1 columns");
    assertThatThrownBy(() -> Csv.read(new StringReader("1,x\n"), 0))
        .hasMessageContaining("column 2");
  }

  @Test
  void metrics() {
    assertThat(
            Metrics.accuracy(new double[] {0.1, 0.9, 0.8, 0.2, 0.5, 0.5}, 2, new int[] {1, 0, 1}))
        .isCloseTo(2.0 / 3, within(1e-12)); // the tie picks class 0
    assertThat(Metrics.rocAuc(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1}))
        .isCloseTo(0.75, within(1e-12));
    assertThat(Metrics.rocAuc(new double[] {1, 1, 2}, new int[] {0, 1, 1}))
        .isCloseTo(0.75, within(1e-12)); // a tie counts one half
    assertThatThrownBy(() -> Metrics.rocAuc(new double[] {1, 2}, new int[] {1, 1}))
        .hasMessageContaining("both classes");
  }
}
