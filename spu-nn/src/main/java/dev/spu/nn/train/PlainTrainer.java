package dev.spu.nn.train;

import dev.spu.nn.DoubleTensor;
import dev.spu.nn.Layer;
import dev.spu.nn.Optimizer;
import dev.spu.nn.ParamSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The plaintext twin of {@link Trainer}: the same model, initial parameters, batch order and
 * hyper-parameters, in double precision with the layers' hand-written backward passes.
 */
public final class PlainTrainer {
  private final Model model;
  private final Optimizer optimizer;

  public PlainTrainer(Model model, Optimizer optimizer) {
    this.model = model;
    this.optimizer = optimizer;
  }

  /** One step: returns the batch's mean loss and updates {@code params}/{@code state} in place. */
  public double step(
      List<DoubleTensor> params, List<DoubleTensor> state, DoubleTensor x, DoubleTensor y, long t) {
    Layer.Plain fwd = model.net().forwardPlain(params, x);
    DoubleTensor gOut = DoubleTensor.zeros(fwd.output().shape());
    double loss = model.loss().plain(fwd.output(), y, gOut);
    List<DoubleTensor> grads = zerosLike(params);
    fwd.backward().apply(gOut, grads, false);
    optimizer.updatePlain(params, grads, state, optimizer.schedule(t));
    return loss;
  }

  /** The gradients of the batch's mean loss (for tests). */
  public List<DoubleTensor> gradients(List<DoubleTensor> params, DoubleTensor x, DoubleTensor y) {
    Layer.Plain fwd = model.net().forwardPlain(params, x);
    DoubleTensor gOut = DoubleTensor.zeros(fwd.output().shape());
    model.loss().plain(fwd.output(), y, gOut);
    List<DoubleTensor> grads = zerosLike(params);
    fwd.backward().apply(gOut, grads, false);
    return grads;
  }

  /** The optimizer state at the start (zeros), parameter-major. */
  public List<DoubleTensor> initialState() {
    List<DoubleTensor> s = new ArrayList<>();
    for (ParamSpec p : model.parameters()) {
      for (int k = 0; k < optimizer.slots(); k++) {
        s.add(DoubleTensor.zeros(p.shape()));
      }
    }
    return s;
  }

  /** Trains from {@code init} (copied) over {@code order}'s batches of {@code x}, {@code y}. */
  public RunResult train(
      List<DoubleTensor> init,
      BatchOrder order,
      DoubleTensor x,
      DoubleTensor y,
      int epochs,
      Progress progress) {
    List<DoubleTensor> params = new ArrayList<>();
    for (DoubleTensor p : init) {
      params.add(p.copy());
    }
    List<DoubleTensor> state = initialState();
    int n = order.size();
    double[] losses = new double[n];
    double[] seconds = new double[n];
    for (int b = 0; b < n; b++) {
      long t0 = System.nanoTime();
      int[] idx = order.batch(b);
      losses[b] = step(params, state, BatchOrder.gather(x, idx), BatchOrder.gather(y, idx), b + 1);
      seconds[b] = (System.nanoTime() - t0) / 1e9;
      progress.update(
          order.epochOf(b), epochs, b, n, losses[b], RunResult.median(slice(seconds, b + 1)));
    }
    return new RunResult(params, losses, seconds, new long[n], new long[n], 0);
  }

  static double[] slice(double[] a, int n) {
    return n > 1 ? java.util.Arrays.copyOfRange(a, 1, n) : java.util.Arrays.copyOf(a, n);
  }

  private static List<DoubleTensor> zerosLike(List<DoubleTensor> ts) {
    List<DoubleTensor> z = new ArrayList<>(ts.size());
    for (DoubleTensor t : ts) {
      z.add(DoubleTensor.zeros(t.shape()));
    }
    return z;
  }
}
