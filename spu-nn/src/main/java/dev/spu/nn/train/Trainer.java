package dev.spu.nn.train;

import dev.spu.nn.DoubleTensor;
import dev.spu.nn.Optimizer;
import dev.spu.nn.ParamSpec;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Module;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Visibility;
import dev.spu.tensor.CommTotals;
import dev.spu.tensor.Device;
import dev.spu.tensor.Grad;
import dev.spu.tensor.JitFunction;
import dev.spu.tensor.SecretTensor;
import dev.spu.tensor.ValueAndGrad;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Private training on a {@link Device}: the whole step (forward, loss, backward by autodiff,
 * optimizer update) is one jitted PPHLO program, traced once per batch shape; parameters and
 * optimizer state stay secret-shared on the device between steps (a step's outputs are the next
 * step's inputs).
 *
 * <p><b>Who provides what.</b> The feature owner secret-shares each batch's features and the label
 * owner its labels, just before the step (nobody else ever sees them). The initial parameters are
 * drawn by the model owner (a seeded initializer; they carry no data) and shared once. Per batch
 * the mean loss is opened to the compute parties for the progress bar (one scalar, an aggregate
 * over the batch); at the end the trained parameters are revealed, as in the paper, and evaluated
 * in plaintext.
 */
public final class Trainer {
  private final Device device;
  private final Model model;
  private final Optimizer optimizer;
  private final JitFunction<List<SecretTensor>> step;
  private final int nParams;
  private final int nState;

  public Trainer(Device device, Model model, Optimizer optimizer) {
    this.device = device;
    this.model = model;
    this.optimizer = optimizer;
    this.nParams = model.parameters().size();
    this.nState = nParams * optimizer.slots();
    int arity = nParams + nState + 2 + (optimizer.scheduleSize() > 0 ? 1 : 0);
    this.step = device.jit(arity, this::traceStep);
  }

  /** The traced step: (params, state, x, y[, schedule]) → (params', state', loss). */
  private List<SecretTensor> traceStep(SecretTensor[] a) {
    List<SecretTensor> params = Arrays.asList(a).subList(0, nParams);
    List<SecretTensor> state = Arrays.asList(a).subList(nParams, nParams + nState);
    SecretTensor x = a[nParams + nState];
    SecretTensor y = a[nParams + nState + 1];
    SecretTensor schedule = optimizer.scheduleSize() > 0 ? a[nParams + nState + 2] : null;
    double scale = optimizer.gradientScale();
    int[] argnums = new int[nParams];
    for (int i = 0; i < nParams; i++) {
      argnums[i] = i;
    }
    // Differentiated with respect to the parameters only; x and y are arguments (not captures) so
    // the loss function is a pure function of its inputs.
    ValueAndGrad vg =
        Grad.valueAndGrad(
            nParams + 2,
            in -> {
              SecretTensor loss =
                  model
                      .loss()
                      .apply(
                          model.net().forward(Arrays.asList(in).subList(0, nParams), in[nParams]),
                          in[nParams + 1]);
              return scale == 1 ? loss : loss.mul(scale);
            },
            argnums);
    SecretTensor[] in = new SecretTensor[nParams + 2];
    for (int i = 0; i < nParams; i++) {
      in[i] = params.get(i);
    }
    in[nParams] = x;
    in[nParams + 1] = y;
    ValueAndGrad.Result r = vg.apply(in);
    Optimizer.Update u =
        optimizer.update(params, r.grads(), state, schedule, device.fractionBits());
    List<SecretTensor> out = new ArrayList<>(u.params());
    out.addAll(u.state());
    out.add(r.value());
    return out;
  }

  /** The step's PPHLO program for a batch of {@code batch} examples (for inspection). */
  public String programText(int batch, int targetWidth) {
    return step.text(signature(batch, targetWidth));
  }

  /**
   * The step's traced module for a batch of {@code batch} examples with {@code targetWidth} target
   * columns: arguments (params, state, x, y[, schedule]), results (params', state', loss).
   */
  public Module program(int batch, int targetWidth) {
    return step.module(signature(batch, targetWidth));
  }

  private TensorType[] signature(int batch, int targetWidth) {
    List<TensorType> t = new ArrayList<>();
    List<TensorType> params = new ArrayList<>();
    for (ParamSpec p : model.parameters()) {
      params.add(TensorType.of(Shape.of(p.shape()), DType.F32, Visibility.SECRET));
    }
    t.addAll(params);
    for (TensorType p : params) {
      for (int k = 0; k < optimizer.slots(); k++) {
        t.add(p);
      }
    }
    t.add(
        TensorType.of(Shape.of(batched(batch, model.inputShape())), DType.F32, Visibility.SECRET));
    t.add(TensorType.of(Shape.of(batch, targetWidth), DType.F32, Visibility.SECRET));
    if (optimizer.scheduleSize() > 0) {
      t.add(TensorType.of(Shape.of(optimizer.scheduleSize()), DType.F32, Visibility.PUBLIC));
    }
    return t.toArray(new TensorType[0]);
  }

  private static int[] batched(int b, int[] example) {
    int[] s = new int[example.length + 1];
    s[0] = b;
    System.arraycopy(example, 0, s, 1, example.length);
    return s;
  }

  private void checkInputs(List<DoubleTensor> init, DoubleTensor x, DoubleTensor y) {
    List<ParamSpec> specs = model.parameters();
    if (init.size() != specs.size()) {
      throw new IllegalArgumentException(
          model.name() + " has " + specs.size() + " parameter tensors, got " + init.size());
    }
    for (int i = 0; i < specs.size(); i++) {
      if (!Arrays.equals(init.get(i).shape(), specs.get(i).shape())) {
        throw new IllegalArgumentException(
            "parameter " + specs.get(i) + " got shape " + Arrays.toString(init.get(i).shape()));
      }
    }
    int[] ex = Arrays.copyOfRange(x.shape(), 1, x.rank());
    if (!Arrays.equals(ex, model.inputShape())) {
      throw new IllegalArgumentException(
          model.name()
              + " takes examples of shape "
              + Arrays.toString(model.inputShape())
              + ", the features have "
              + Arrays.toString(ex));
    }
    if (y.dim(0) != x.dim(0)) {
      throw new IllegalArgumentException(
          x.dim(0) + " feature rows but " + y.dim(0) + " target rows");
    }
  }

  /** How many times the step was traced (once per distinct batch size). */
  public long traceCount() {
    return step.traceCount();
  }

  /**
   * Trains from {@code init} over {@code order}'s batches: features {@code x} ([n, ...]) of {@code
   * featureOwner}, targets {@code y} ([n, k]) of {@code labelOwner}.
   */
  public RunResult train(
      List<DoubleTensor> init,
      BatchOrder order,
      DoubleTensor x,
      String featureOwner,
      DoubleTensor y,
      String labelOwner,
      int epochs,
      Progress progress) {
    checkInputs(init, x, y);
    long setup0 = device.stats().bytes();
    List<SecretTensor> params = new ArrayList<>();
    List<SecretTensor> state = new ArrayList<>();
    for (DoubleTensor p : init) {
      params.add(device.input(featureOwner, p.data(), DType.F32, Shape.of(p.shape())));
    }
    for (DoubleTensor p : init) {
      for (int k = 0; k < optimizer.slots(); k++) {
        state.add(device.input(featureOwner, new double[p.size()], DType.F32, Shape.of(p.shape())));
      }
    }
    long setupBytes = device.stats().bytes() - setup0;
    int n = order.size();
    double[] losses = new double[n];
    double[] seconds = new double[n];
    long[] bytes = new long[n];
    long[] rounds = new long[n];
    for (int b = 0; b < n; b++) {
      CommTotals before = device.stats();
      long t0 = System.nanoTime();
      int[] idx = order.batch(b);
      DoubleTensor xb = BatchOrder.gather(x, idx);
      DoubleTensor yb = BatchOrder.gather(y, idx);
      SecretTensor[] args = new SecretTensor[step.arity()];
      for (int i = 0; i < nParams; i++) {
        args[i] = params.get(i);
      }
      for (int i = 0; i < nState; i++) {
        args[nParams + i] = state.get(i);
      }
      args[nParams + nState] =
          device.input(featureOwner, xb.data(), DType.F32, Shape.of(xb.shape()));
      args[nParams + nState + 1] =
          device.input(labelOwner, yb.data(), DType.F32, Shape.of(yb.shape()));
      if (optimizer.scheduleSize() > 0) {
        args[nParams + nState + 2] = device.constant(optimizer.schedule(b + 1));
      }
      List<SecretTensor> out = step.call(args);
      params = new ArrayList<>(out.subList(0, nParams));
      state = new ArrayList<>(out.subList(nParams, nParams + nState));
      losses[b] = out.get(nParams + nState).revealDoubles()[0] / optimizer.gradientScale();
      seconds[b] = (System.nanoTime() - t0) / 1e9;
      CommTotals after = device.stats();
      bytes[b] = after.bytes() - before.bytes();
      rounds[b] = after.rounds() - before.rounds();
      progress.update(
          order.epochOf(b),
          epochs,
          b,
          n,
          losses[b],
          RunResult.median(PlainTrainer.slice(seconds, b + 1)));
    }
    long r0 = device.stats().bytes();
    List<DoubleTensor> trained = new ArrayList<>();
    for (int i = 0; i < nParams; i++) {
      trained.add(new DoubleTensor(init.get(i).shape(), params.get(i).revealDoubles()));
    }
    setupBytes += device.stats().bytes() - r0;
    return new RunResult(trained, losses, seconds, bytes, rounds, setupBytes);
  }
}
