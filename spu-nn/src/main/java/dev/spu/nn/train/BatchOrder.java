package dev.spu.nn.train;

import dev.spu.nn.DoubleTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The sequence of mini-batches of a run: each epoch a permutation of the training examples from
 * {@code new Random(seed + epoch)} (Fisher-Yates), cut into consecutive batches; the last one of an
 * epoch may be smaller. Both trainers take the same order, so the private run and its twin see the
 * same batches.
 */
public final class BatchOrder {
  private final List<int[]> batches = new ArrayList<>();
  private final List<Integer> epochs = new ArrayList<>();

  public BatchOrder(int examples, TrainConfig cfg) {
    outer:
    for (int e = 0; e < cfg.epochs(); e++) {
      int[] perm = permutation(examples, new Random(cfg.seed() * 1_000_003L + e));
      for (int s = 0; s < examples; s += cfg.batchSize()) {
        if (cfg.maxSteps() > 0 && batches.size() >= cfg.maxSteps()) {
          break outer;
        }
        batches.add(java.util.Arrays.copyOfRange(perm, s, Math.min(examples, s + cfg.batchSize())));
        epochs.add(e);
      }
    }
  }

  private static int[] permutation(int n, Random rng) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  public int size() {
    return batches.size();
  }

  /** The example indices of batch {@code b}. */
  public int[] batch(int b) {
    return batches.get(b);
  }

  public int epochOf(int b) {
    return epochs.get(b);
  }

  /** Rows {@code idx} of {@code data} ([n, ...]) as a new tensor [idx.length, ...]. */
  public static DoubleTensor gather(DoubleTensor data, int[] idx) {
    int n = data.dim(0);
    int per = data.size() / Math.max(1, n);
    double[] out = new double[idx.length * per];
    for (int i = 0; i < idx.length; i++) {
      System.arraycopy(data.data(), idx[i] * per, out, i * per, per);
    }
    int[] shape = data.shape();
    shape[0] = idx.length;
    return new DoubleTensor(shape, out);
  }
}
