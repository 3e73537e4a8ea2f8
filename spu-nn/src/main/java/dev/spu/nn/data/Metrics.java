package dev.spu.nn.data;

import java.util.Arrays;

/** Test metrics, computed in plaintext on revealed models' outputs. */
public final class Metrics {
  private Metrics() {}

  /**
   * The fraction of rows of {@code scores[n, classes]} whose argmax (first on ties) is the label.
   */
  public static double accuracy(double[] scores, int classes, int[] labels) {
    int n = labels.length;
    if (scores.length != n * classes) {
      throw new IllegalArgumentException(
          "accuracy: " + scores.length + " scores for " + n + " rows of " + classes + " classes");
    }
    int right = 0;
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (scores[i * classes + c] > scores[i * classes + best]) {
          best = c;
        }
      }
      if (best == labels[i]) {
        right++;
      }
    }
    return n == 0 ? 0 : (double) right / n;
  }

  /**
   * The area under the ROC curve of {@code scores} for the positive class label 1: the probability
   * that a random positive scores above a random negative, ties counting one half (Mann-Whitney U
   * with average ranks).
   */
  public static double rocAuc(double[] scores, int[] labels) {
    int n = labels.length;
    if (scores.length != n) {
      throw new IllegalArgumentException("rocAuc: " + scores.length + " scores, " + n + " labels");
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    double rankSumPos = 0;
    long pos = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double avgRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (labels[order[k]] == 1) {
          rankSumPos += avgRank;
          pos++;
        }
      }
      i = j + 1;
    }
    long neg = n - pos;
    if (pos == 0 || neg == 0) {
      throw new IllegalArgumentException("rocAuc needs both classes among the labels");
    }
    return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }
}
