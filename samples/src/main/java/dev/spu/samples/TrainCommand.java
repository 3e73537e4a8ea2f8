package dev.spu.samples;

import dev.spu.nn.train.PaperModels;
import dev.spu.tensor.ClusterConfig;
import dev.spu.tensor.ClusterStats;
import dev.spu.tensor.Spu;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code spu train}: trains one of the paper's models privately (features from one data owner,
 * labels from another), reveals it, and reports its test metric beside the same model trained in
 * plaintext double precision from the same start.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Trains a model under MPC and in plaintext (same initial weights, batch order and"
          + " hyper-parameters) and reports the test metric of both, seconds, bytes and rounds per"
          + " batch.",
      "Models: lr (logistic regression, breast-cancer), A, B, C, D (the paper's MNIST networks)."
    })
public final class TrainCommand implements Callable<Integer> {
  @Mixin ProtocolOptions protocolOptions;

  @Mixin PassOptions passOptions;

  @Mixin ClusterOptions clusterOptions;

  @Option(names = "--model", description = "lr, A, B, C or D (or --init-from).")
  String model;

  @Option(
      names = "--init-from",
      paramLabel = "MODEL.zip",
      description =
          "Fine-tune a DL4J MultiLayerNetwork zip (its layers and trained weights; loss from its"
              + " output activation) instead of a paper model; needs --dataset.")
  java.nio.file.Path initFrom;

  @Option(
      names = "--dataset",
      description = "mnist or breast-cancer (default: breast-cancer for lr, mnist for A-D).")
  String dataset;

  @Option(
      names = "--optimizer",
      defaultValue = "sgd",
      description = "sgd (momentum 0.9), adam or amsgrad. Default: ${DEFAULT-VALUE}.")
  String optimizer;

  @Option(names = "--epochs", description = "Passes over the training set (default: lr 10, A-D 1).")
  Integer epochs;

  @Option(names = "--batch", description = "Batch size (default: lr 64, A-D 128).")
  Integer batch;

  @Option(
      names = "--lr",
      description = "Learning rate (default: sgd 0.1; adam/amsgrad 0.01 for lr, 0.001 for A-D).")
  Double lr;

  @Option(names = "--limit", defaultValue = "0", description = "Use the first N training examples.")
  int limit;

  @Option(names = "--steps", defaultValue = "0", description = "Stop after S batches in total.")
  int steps;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seeds the initial weights and the batch order. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--json", description = "Print one JSON object as the last stdout line.")
  boolean json;

  @Spec CommandSpec commandSpec;

  @Override
  public Integer call() {
    if ((model == null) == (initFrom == null)) {
      throw new ParameterException(
          commandSpec.commandLine(),
          "give either --model (lr, A, B, C or D) or --init-from MODEL.zip");
    }
    TrainJob.Start start = null;
    if (initFrom != null) {
      if (dataset == null) {
        throw new ParameterException(
            commandSpec.commandLine(), "--init-from needs --dataset (mnist or breast-cancer)");
      }
      try {
        dev.spu.nn.dl4j.Dl4jModel dm = dev.spu.nn.dl4j.Dl4jImport.load(initFrom);
        start = new TrainJob.Start(dm.trainable(), dm.parameters());
        System.err.println(dm.summary());
      } catch (IllegalArgumentException e) {
        throw new ParameterException(commandSpec.commandLine(), e.getMessage(), e);
      }
    }
    // Defaults of a fine-tuned model: those of the paper's model for its dataset.
    String m = start != null ? start.model().name() : PaperModels.canonical(model);
    String ref = start == null ? m : dataset.equals("breast-cancer") ? "lr" : "A";
    String opt = optimizer.toLowerCase(Locale.ROOT);
    String data = dataset != null ? dataset : PaperModels.defaultDataset(m);
    try {
      PaperModels.model(ref);
      PaperModels.optimizer(opt, 0.1);
      if (start == null && !data.equals(PaperModels.defaultDataset(m))) {
        throw new IllegalArgumentException(
            "model " + m + " trains on " + PaperModels.defaultDataset(m) + ", not " + data);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(commandSpec.commandLine(), e.getMessage(), e);
    }
    // With --cluster the protocol comes from the file: check it before the plaintext twin runs.
    ClusterConfig cluster =
        clusterOptions.onCluster() ? clusterOptions.clusterConfig(protocolOptions) : null;
    TrainJob.Spec spec =
        new TrainJob.Spec(
            m,
            data,
            cluster != null
                ? protocolOptions.simConfig()
                : clusterOptions.simConfig(protocolOptions),
            opt,
            lr != null ? lr : PaperModels.defaultLearningRate(ref, opt),
            epochs != null ? epochs : start != null ? 1 : PaperModels.defaultEpochs(m),
            batch != null ? batch : PaperModels.defaultBatch(ref),
            limit,
            steps,
            seed,
            passOptions.pipeline());
    TrainJob.Outcome o =
        TrainJob.run(
            spec,
            start,
            () -> cluster != null ? Spu.connect(cluster) : Spu.simulate(spec.sim()),
            System.err);
    if (json) {
      Map<String, Object> j = toJson(o);
      if (initFrom != null) {
        j.put("init_from", initFrom.toString());
      }
      if (cluster != null) {
        putCluster(j, cluster, o.wire());
      }
      System.out.println(Json.write(j));
    } else {
      print(o);
      if (cluster != null) {
        System.out.println(
            "cluster: "
                + cluster.transport()
                + " "
                + cluster.addresses()
                + ", "
                + o.wire().wireBytes()
                + " bytes on the wire");
      }
    }
    return 0;
  }

  static Map<String, Object> toJson(TrainJob.Outcome o) {
    TrainJob.Spec s = o.spec();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", s.model());
    m.put("dataset", s.dataset());
    m.put("protocol", o.protocol());
    m.put("parties", o.parties());
    m.put("optimizer", s.optimizer());
    m.put("passes", s.passes() == null ? "all" : s.passes().toString());
    m.put("lr", s.lr());
    m.put("batch", s.batch());
    m.put("epochs", s.epochs());
    m.put("metric", o.metric());
    m.put("secret", o.secret());
    m.put("plaintext", o.plaintext());
    m.put("seconds_per_batch", o.secretRun().secondsPerBatch());
    m.put("plaintext_seconds_per_batch", o.plainRun().secondsPerBatch());
    m.put("bytes_per_batch", o.secretRun().bytesPerBatch());
    m.put("rounds_per_batch", o.secretRun().roundsPerBatch());
    m.put("batches", o.secretRun().batches());
    m.put("setup_bytes", o.secretRun().setupBytes());
    m.put(
        "total_bytes",
        o.secretRun().setupBytes() + java.util.Arrays.stream(o.secretRun().bytes()).sum());
    m.put("first_loss", o.secretRun().losses()[0]);
    m.put("last_loss", o.secretRun().losses()[o.secretRun().batches() - 1]);
    m.put("plaintext_last_loss", o.plainRun().losses()[o.plainRun().batches() - 1]);
    m.put("train_examples", o.trainExamples());
    m.put("test_examples", o.testExamples());
    m.put("parameters", o.parameters());
    m.put("seed", s.seed());
    return m;
  }

  /**
   * The transport, the parties' addresses and what the private run put on the sockets (all
   * endpoints): the link payload (equal to the in-memory count), frame headers, commands and
   * replies, and the bytes written, which add TLS records.
   */
  static void putCluster(Map<String, Object> m, ClusterConfig cluster, ClusterStats wire) {
    m.put("transport", cluster.transport());
    m.put("addresses", cluster.addresses());
    m.put("wire_bytes", wire.wireBytes());
    m.put("payload_bytes", wire.payloadBytes());
    m.put("framing_bytes", wire.framingBytes());
    m.put("control_bytes", wire.controlBytes());
  }

  static void print(TrainJob.Outcome o) {
    TrainJob.Spec s = o.spec();
    System.out.printf(
        Locale.ROOT,
        "model %s on %s (%d training, %d test examples), %s, batch %d, %d epoch(s), %d batches%n",
        s.model(),
        s.dataset(),
        o.trainExamples(),
        o.testExamples(),
        o.optimizerDescription(),
        s.batch(),
        s.epochs(),
        o.secretRun().batches());
    System.out.printf(
        Locale.ROOT,
        "protocol %s (%d parties): %s%n",
        o.protocol(),
        o.parties(),
        o.securityModel());
    System.out.printf(
        Locale.ROOT, "%-22s %14s %14s%n", "", "secret (" + o.protocol() + ")", "plaintext");
    System.out.printf(
        Locale.ROOT, "%-22s %14.4f %14.4f%n", "test " + o.metric(), o.secret(), o.plaintext());
    System.out.printf(
        Locale.ROOT,
        "%-22s %14.4f %14.4f%n",
        "last batch loss",
        o.secretRun().losses()[o.secretRun().batches() - 1],
        o.plainRun().losses()[o.plainRun().batches() - 1]);
    System.out.printf(
        Locale.ROOT,
        "%-22s %14.4f %14.4f%n",
        "seconds per batch",
        o.secretRun().secondsPerBatch(),
        o.plainRun().secondsPerBatch());
    System.out.printf(
        Locale.ROOT,
        "%-22s %14s%n",
        "MB per batch",
        String.format(Locale.ROOT, "%.2f", o.secretRun().bytesPerBatch() / 1e6));
    System.out.printf(
        Locale.ROOT, "%-22s %14d%n", "rounds per batch", o.secretRun().roundsPerBatch());
  }
}
