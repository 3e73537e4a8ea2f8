package dev.spu.nn.train;

import dev.spu.nn.DoubleTensor;
import java.util.Arrays;
import java.util.List;

/**
 * What a training run produced: the final parameters (revealed, for a private run), the loss of
 * every batch, and per-batch wall time and communication (zero for the plaintext twin).
 *
 * @param setupBytes communication outside the batches: sharing the initial model and state,
 *     revealing the trained model
 */
public record RunResult(
    List<DoubleTensor> params,
    double[] losses,
    double[] seconds,
    long[] bytes,
    long[] rounds,
    long setupBytes) {

  public int batches() {
    return losses.length;
  }

  /** The median seconds per batch over batches after the first (which includes tracing). */
  public double secondsPerBatch() {
    return median(seconds.length > 1 ? Arrays.copyOfRange(seconds, 1, seconds.length) : seconds);
  }

  /** Mean payload bytes per batch (input sharing, the step program, the loss reveal). */
  public long bytesPerBatch() {
    return mean(bytes);
  }

  /** Mean communication rounds per batch. */
  public long roundsPerBatch() {
    return mean(rounds);
  }

  private static long mean(long[] a) {
    if (a.length == 0) {
      return 0;
    }
    long s = 0;
    for (long v : a) {
      s += v;
    }
    return Math.round((double) s / a.length);
  }

  static double median(double[] a) {
    if (a.length == 0) {
      return 0;
    }
    double[] s = a.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
