package dev.spu.samples;

import dev.spu.nn.DoubleTensor;
import dev.spu.nn.Optimizer;
import dev.spu.nn.data.BreastCancer;
import dev.spu.nn.data.Dataset;
import dev.spu.nn.data.Metrics;
import dev.spu.nn.data.Mnist;
import dev.spu.nn.train.BatchOrder;
import dev.spu.nn.train.Model;
import dev.spu.nn.train.PaperModels;
import dev.spu.nn.train.PlainTrainer;
import dev.spu.nn.train.Progress;
import dev.spu.nn.train.RunResult;
import dev.spu.nn.train.TrainConfig;
import dev.spu.nn.train.Trainer;
import dev.spu.pphlo.passes.PassPipeline;
import dev.spu.tensor.ClusterStats;
import dev.spu.tensor.Device;
import dev.spu.tensor.SimConfig;
import dev.spu.tensor.Spu;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * One private training run and its plaintext twin, as {@code spu train} and {@code spu demo} run
 * them: load the data, train under MPC (features from {@code alice}, labels from {@code bob}),
 * reveal the model, evaluate it in plaintext on the test set; train the same model in double
 * precision from the same initial weights, batch order and hyper-parameters; report both.
 */
final class TrainJob {
  /**
   * What to run. {@code limit} caps the training examples (0: all); {@code passes} null keeps the
   * device's default pipeline (all passes).
   */
  record Spec(
      String model,
      String dataset,
      SimConfig sim,
      String optimizer,
      double lr,
      int epochs,
      int batch,
      int limit,
      int steps,
      long seed,
      PassPipeline passes) {}

  /** What a run measured. Metrics are fractions in [0, 1]. */
  record Outcome(
      Spec spec,
      String protocol,
      int parties,
      String securityModel,
      String optimizerDescription,
      String metric,
      double secret,
      double plaintext,
      RunResult secretRun,
      RunResult plainRun,
      int trainExamples,
      int testExamples,
      long parameters,
      ClusterStats wire) {}

  static final String FEATURE_OWNER = "alice";
  static final String LABEL_OWNER = "bob";

  private TrainJob() {}

  /** The training and test sets of {@code dataset} (mnist or breast-cancer). */
  static Dataset[] load(String dataset, int limit) {
    return switch (dataset) {
      case "mnist" -> new Dataset[] {Mnist.train(limit), Mnist.test(0)};
      case "breast-cancer" -> {
        BreastCancer.Split s = BreastCancer.load();
        yield new Dataset[] {s.train().limit(limit), s.test()};
      }
      default ->
          throw new IllegalArgumentException(
              "unknown dataset '" + dataset + "'; choose mnist or breast-cancer");
    };
  }

  static Outcome run(Spec spec, PrintStream log) {
    return run(spec, () -> Spu.simulate(spec.sim()), log);
  }

  /**
   * The same run on the device {@code open} makes (simulated or a cluster; opened only once the
   * plaintext twin is done). On a cluster, the outcome's {@code wire} is what the private run put
   * on the sockets; null in simulation.
   */
  static Outcome run(Spec spec, Supplier<Device> open, PrintStream log) {
    return run(spec, null, open, log);
  }

  /**
   * A model other than the paper's ({@code spu train --init-from}): its network and loss, and the
   * parameters both runs start from.
   */
  record Start(Model model, List<DoubleTensor> init) {}

  /** As {@link #run(Spec, Supplier, PrintStream)}, from {@code start} if it is not null. */
  static Outcome run(Spec spec, Start start, Supplier<Device> open, PrintStream log) {
    Model model = start != null ? start.model() : PaperModels.model(spec.model());
    boolean binary = spec.dataset().equals("breast-cancer");
    String wantData = start != null ? spec.dataset() : PaperModels.defaultDataset(spec.model());
    if (!spec.dataset().equals(wantData)) {
      throw new IllegalArgumentException(
          "model " + spec.model() + " trains on " + wantData + ", not " + spec.dataset());
    }
    Dataset[] data = load(spec.dataset(), spec.limit());
    Dataset train = start != null ? shapedFor(data[0], model) : data[0];
    Dataset test = start != null ? shapedFor(data[1], model) : data[1];
    DoubleTensor targets = binary ? train.column() : train.oneHot();
    Optimizer opt = PaperModels.optimizer(spec.optimizer(), spec.lr());
    TrainConfig cfg = new TrainConfig(spec.epochs(), spec.batch(), spec.steps(), spec.seed());
    BatchOrder order = new BatchOrder(train.size(), cfg);
    List<DoubleTensor> init = start != null ? start.init() : model.initialParameters(spec.seed());

    RunResult plain =
        new PlainTrainer(model, opt)
            .train(
                init, order, train.features(), targets, spec.epochs(), progress(log, "plaintext"));
    RunResult secret;
    String protocol;
    int parties;
    String security;
    ClusterStats wire;
    try (Device device = open.get()) {
      if (spec.passes() != null) {
        device.setPasses(spec.passes());
      }
      protocol = device.protocol();
      parties = device.parties();
      security = device.securityModel();
      device.resetStats();
      ClusterStats wire0 = ClusterStats.of(device).orElse(null);
      secret =
          new Trainer(device, model, opt)
              .train(
                  init,
                  order,
                  train.features(),
                  FEATURE_OWNER,
                  targets,
                  LABEL_OWNER,
                  spec.epochs(),
                  progress(log, protocol));
      wire = wire0 == null ? null : ClusterStats.of(device).orElseThrow().minus(wire0);
    }
    return new Outcome(
        spec,
        protocol,
        parties,
        security,
        opt.describe(),
        binary ? "roc_auc" : "accuracy",
        evaluate(model, secret.params(), test, binary),
        evaluate(model, plain.params(), test, binary),
        secret,
        plain,
        train.size(),
        test.size(),
        model.parameterCount(),
        wire);
  }

  /** The examples reshaped to the model's example shape (same values, e.g. [1, 28, 28] → [784]). */
  static Dataset shapedFor(Dataset d, Model model) {
    int[] want = model.inputShape();
    if (java.util.Arrays.equals(d.exampleShape(), want)) {
      return d;
    }
    int per = DoubleTensor.numElements(want);
    if (d.features().size() != d.size() * per) {
      throw new IllegalArgumentException(
          d.name()
              + " has examples of shape "
              + java.util.Arrays.toString(d.exampleShape())
              + ", the model takes "
              + java.util.Arrays.toString(want));
    }
    int[] s = new int[want.length + 1];
    s[0] = d.size();
    System.arraycopy(want, 0, s, 1, want.length);
    return new Dataset(d.name(), d.features().reshape(s), d.labels(), d.classes());
  }

  private static Progress progress(PrintStream log, String label) {
    return log == null ? Progress.SILENT : new Progress(log, String.format("%-9s", label));
  }

  /** The test metric of revealed parameters, in plaintext. */
  static double evaluate(Model model, List<DoubleTensor> params, Dataset test, boolean binary) {
    double[] out = model.predict(params, test.features(), 1000);
    return binary
        ? Metrics.rocAuc(out, test.labels())
        : Metrics.accuracy(out, test.classes(), test.labels());
  }
}
