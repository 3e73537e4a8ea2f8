package dev.spu.samples;

import dev.spu.nn.train.PaperModels;
import dev.spu.tensor.SimConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job, about a minute: private logistic regression on breast cancer under ABY3, then one
 * epoch of the paper's network A on MNIST, each beside the same training in plaintext.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Private training under ABY3 (3 simulated parties; features from alice, labels from bob):"
          + " logistic regression on breast cancer, then the paper's network A on MNIST, each"
          + " beside the same training in plaintext. About a minute."
    })
public final class DemoCommand implements Callable<Integer> {
  /** Network A's share of the demo: training examples (all 60,000: one epoch, 469 batches). */
  static final int MNIST_EXAMPLES = 0;

  @Option(
      names = "--json",
      description = "Print one JSON array (both runs) as the last stdout line.")
  boolean json;

  @Override
  public Integer call() {
    SimConfig sim = SimConfig.of("aby3", 3);
    System.err.println(
        "spu demo: private training under ABY3 (3 simulated parties, secret sharing over Z_2^64,"
            + " 18 fraction bits);");
    System.err.println(
        "  alice secret-shares the features, bob the labels; the trained model is revealed and"
            + " evaluated in plaintext.");
    List<TrainJob.Outcome> runs = new ArrayList<>();
    System.err.println();
    System.err.println("[1/2] logistic regression on breast cancer");
    runs.add(TrainJob.run(spec("lr", sim, 0), System.err));
    if (!json) {
      print(runs.get(0), "Logistic regression, breast cancer (30 features)");
    }
    System.err.println();
    System.err.println("[2/2] network A (FC 784-128-128-10, ReLU) on MNIST, one epoch");
    runs.add(TrainJob.run(spec("A", sim, MNIST_EXAMPLES), System.err));
    if (!json) {
      print(runs.get(1), "Network A, MNIST (one epoch, 10,000 test digits)");
    }
    if (json) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (TrainJob.Outcome o : runs) {
        out.add(TrainCommand.toJson(o));
      }
      System.out.println(Json.write(out));
    }
    return 0;
  }

  private static TrainJob.Spec spec(String model, SimConfig sim, int limit) {
    return new TrainJob.Spec(
        model,
        PaperModels.defaultDataset(model),
        sim,
        "sgd",
        PaperModels.defaultLearningRate(model, "sgd"),
        PaperModels.defaultEpochs(model),
        PaperModels.defaultBatch(model),
        limit,
        0,
        1,
        null);
  }

  private static void print(TrainJob.Outcome o, String title) {
    System.out.println();
    System.out.println(title);
    System.out.printf(
        Locale.ROOT,
        "  %d training examples, %s, batch %d, %d batches; %s%n",
        o.trainExamples(),
        o.optimizerDescription(),
        o.spec().batch(),
        o.secretRun().batches(),
        o.protocol() + " (" + o.parties() + " parties)");
    System.out.printf(Locale.ROOT, "  %-20s %12s %12s%n", "", "secret", "plaintext");
    String metric = o.metric().equals("roc_auc") ? "test ROC-AUC" : "test accuracy";
    System.out.printf(Locale.ROOT, "  %-20s %12.4f %12.4f%n", metric, o.secret(), o.plaintext());
    System.out.printf(
        Locale.ROOT,
        "  %-20s %12.4f %12.4f%n",
        "last batch loss",
        o.secretRun().losses()[o.secretRun().batches() - 1],
        o.plainRun().losses()[o.plainRun().batches() - 1]);
    System.out.printf(
        Locale.ROOT,
        "  %-20s %12.4f %12.4f%n",
        "seconds per batch",
        o.secretRun().secondsPerBatch(),
        o.plainRun().secondsPerBatch());
    System.out.printf(
        Locale.ROOT,
        "  %-20s %12.3f %12s%n",
        "MB sent per batch",
        o.secretRun().bytesPerBatch() / 1e6,
        "-");
    System.out.printf(
        Locale.ROOT,
        "  %-20s %12d %12s%n",
        "rounds per batch",
        o.secretRun().roundsPerBatch(),
        "-");
  }
}
