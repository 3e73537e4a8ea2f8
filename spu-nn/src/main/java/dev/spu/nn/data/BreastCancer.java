package dev.spu.nn.data;

import dev.spu.nn.DoubleTensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The Wisconsin Diagnostic Breast Cancer data (569 rows, 30 features, label 0 = malignant, 1 =
 * benign), with a fixed split and standardisation.
 *
 * <p><b>Split</b> (fixed, no randomness): row i of the CSV (0-based, header excluded) is a test row
 * iff {@code i % 5 == 4}: 456 training rows, 113 test rows. <b>Standardisation</b>: each feature is
 * mapped to {@code (x − mean) / std} with the mean and (population) standard deviation of the
 * training rows only, applied to both parts; the feature owner does this locally before sharing.
 * ROC-AUC's positive class is label 1 (benign).
 */
public final class BreastCancer {
  private static final String RESOURCE = "/dev/spu/nn/data/tabular/breast_cancer.csv";
  public static final int FEATURES = 30;

  /** Standardised training and test sets. */
  public record Split(Dataset train, Dataset test) {}

  private BreastCancer() {}

  public static Split load() {
    double[][] rows;
    try (InputStream in = BreastCancer.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      rows = Csv.read(new InputStreamReader(in, StandardCharsets.US_ASCII), 1);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + RESOURCE, e);
    }
    return split(rows);
  }

  /** Splits and standardises rows of 30 features followed by the 0/1 label. */
  public static Split split(double[][] rows) {
    int nTest = 0;
    for (int i = 0; i < rows.length; i++) {
      if (i % 5 == 4) {
        nTest++;
      }
    }
    int nTrain = rows.length - nTest;
    double[] xTrain = new double[nTrain * FEATURES];
    double[] xTest = new double[nTest * FEATURES];
    int[] yTrain = new int[nTrain];
    int[] yTest = new int[nTest];
    int a = 0;
    int b = 0;
    for (int i = 0; i < rows.length; i++) {
      double[] r = rows[i];
      if (r.length != FEATURES + 1) {
        throw new IllegalArgumentException(
            "breast cancer row " + i + " has " + r.length + " columns, expected 31");
      }
      boolean test = i % 5 == 4;
      System.arraycopy(r, 0, test ? xTest : xTrain, (test ? b : a) * FEATURES, FEATURES);
      if (test) {
        yTest[b++] = (int) r[FEATURES];
      } else {
        yTrain[a++] = (int) r[FEATURES];
      }
    }
    double[] mean = new double[FEATURES];
    double[] sd = new double[FEATURES];
    for (int i = 0; i < nTrain; i++) {
      for (int j = 0; j < FEATURES; j++) {
        mean[j] += xTrain[i * FEATURES + j] / nTrain;
      }
    }
    for (int i = 0; i < nTrain; i++) {
      for (int j = 0; j < FEATURES; j++) {
        double d = xTrain[i * FEATURES + j] - mean[j];
        sd[j] += d * d / nTrain;
      }
    }
    for (int j = 0; j < FEATURES; j++) {
      sd[j] = sd[j] > 0 ? Math.sqrt(sd[j]) : 1;
    }
    standardise(xTrain, mean, sd);
    standardise(xTest, mean, sd);
    return new Split(
        new Dataset(
            "breast-cancer-train",
            new DoubleTensor(new int[] {nTrain, FEATURES}, xTrain),
            yTrain,
            2),
        new Dataset(
            "breast-cancer-test", new DoubleTensor(new int[] {nTest, FEATURES}, xTest), yTest, 2));
  }

  private static void standardise(double[] x, double[] mean, double[] sd) {
    for (int i = 0; i < x.length; i++) {
      int j = i % FEATURES;
      x[i] = (x[i] - mean[j]) / sd[j];
    }
  }
}
