package dev.spu.nn.data;

import dev.spu.nn.DoubleTensor;
import java.util.Arrays;

/**
 * Examples with integer labels: {@code features} is {@code [n, ...exampleShape]}, {@code labels[i]}
 * in {@code [0, classes)}.
 */
public record Dataset(String name, DoubleTensor features, int[] labels, int classes) {
  public Dataset {
    if (features.dim(0) != labels.length) {
      throw new IllegalArgumentException(
          name + ": " + features.dim(0) + " examples but " + labels.length + " labels");
    }
    for (int l : labels) {
      if (l < 0 || l >= classes) {
        throw new IllegalArgumentException(name + ": label " + l + " outside [0, " + classes + ")");
      }
    }
  }

  public int size() {
    return labels.length;
  }

  /** The shape of one example. */
  public int[] exampleShape() {
    int[] s = features.shape();
    return Arrays.copyOfRange(s, 1, s.length);
  }

  /** The first {@code n} examples (all if n ≥ size or n ≤ 0). */
  public Dataset limit(int n) {
    if (n <= 0 || n >= size()) {
      return this;
    }
    int per = features.size() / size();
    int[] shape = features.shape();
    shape[0] = n;
    return new Dataset(
        name,
        new DoubleTensor(shape, Arrays.copyOf(features.data(), n * per)),
        Arrays.copyOf(labels, n),
        classes);
  }

  /** Labels one-hot encoded, {@code [n, classes]}. */
  public DoubleTensor oneHot() {
    double[] y = new double[size() * classes];
    for (int i = 0; i < size(); i++) {
      y[i * classes + labels[i]] = 1;
    }
    return new DoubleTensor(new int[] {size(), classes}, y);
  }

  /** Labels as a column of 0/1 values, {@code [n, 1]} (binary tasks). */
  public DoubleTensor column() {
    double[] y = new double[size()];
    for (int i = 0; i < size(); i++) {
      y[i] = labels[i];
    }
    return new DoubleTensor(new int[] {size(), 1}, y);
  }
}
