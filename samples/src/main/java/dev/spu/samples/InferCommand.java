package dev.spu.samples;

import dev.spu.nn.dl4j.Dl4jImport;
import dev.spu.nn.dl4j.Dl4jModel;
import dev.spu.nn.dl4j.PrivateInference;
import dev.spu.tensor.Device;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * {@code spu infer}: private inference of a DL4J model. The model owner secret-shares the weights
 * of a {@code MultiLayerNetwork} zip, the data owner secret-shares the rows of a CSV, the parties
 * run the forward pass under MPC, and the outputs are revealed to the data owner only.
 */
@Command(
    name = "infer",
    mixinStandardHelpOptions = true,
    description = {
      "Private inference of a DL4J MultiLayerNetwork (saved with ModelSerializer): the model owner"
          + " secret-shares the weights, the data owner the rows of a CSV; only the data owner"
          + " sees the outputs.",
      "DATA.csv: one example per row, features only (as the DL4J network takes them), optional"
          + " header line."
    })
public final class InferCommand implements Callable<Integer> {
  @Mixin ProtocolOptions protocolOptions;

  @Mixin ClusterOptions clusterOptions;

  @Option(names = "--dl4j", required = true, paramLabel = "MODEL.zip", description = "The model.")
  Path model;

  @Option(names = "--input", required = true, paramLabel = "DATA.csv", description = "The rows.")
  Path input;

  @Option(
      names = "--model-owner",
      defaultValue = "bob",
      description = "Who secret-shares the weights. Default: ${DEFAULT-VALUE}.")
  String modelOwner;

  @Option(
      names = "--data-owner",
      defaultValue = "alice",
      description =
          "Who secret-shares the rows and receives the outputs. Default: ${DEFAULT-VALUE}.")
  String dataOwner;

  @Option(
      names = "--public-weights",
      description = "The model owner publishes the weights (cheaper; only the data stays secret).")
  boolean publicWeights;

  @Option(
      names = "--batch",
      defaultValue = "128",
      description = "Rows per private forward pass. Default: ${DEFAULT-VALUE}.")
  int batch;

  @Option(names = "--limit", defaultValue = "0", description = "Use the first N rows only.")
  int limit;

  @Option(
      names = "--labels",
      paramLabel = "LABELS.csv",
      description = "The data owner's true classes, one per line: adds the accuracy (local).")
  Path labels;

  @Option(
      names = "--input-shape",
      split = ",",
      paramLabel = "C,H,W",
      description = "Example shape, only for a CNN whose zip does not say it (no InputType).")
  int[] inputShape;

  @Option(names = "--json", description = "Print one JSON object as the last stdout line.")
  boolean json;

  @Spec CommandSpec spec;

  /** What a run produced. */
  record Outcome(
      Dl4jModel model,
      String protocol,
      int parties,
      String securityModel,
      PrivateInference.Result result,
      long weightBytes,
      Double accuracy) {}

  @Override
  public Integer call() {
    if (batch < 1) {
      throw new ParameterException(spec.commandLine(), "--batch must be >= 1, got " + batch);
    }
    if (modelOwner.isBlank() || dataOwner.isBlank()) {
      throw new ParameterException(spec.commandLine(), "owners must be named");
    }
    Dl4jModel m;
    double[][] rows;
    int[] truth = null;
    try {
      m = Dl4jImport.load(model, inputShape);
      rows = readRows(input, limit);
      if (labels != null) {
        truth = readLabels(labels, rows.length);
      }
    } catch (IllegalArgumentException | UncheckedIOException e) { // incl. Dl4jImportException
      System.err.println("spu infer: " + e.getMessage());
      return 2;
    }
    if (rows.length == 0) {
      System.err.println("spu infer: " + input + " has no rows");
      return 2;
    }
    if (rows[0].length != m.features()) {
      System.err.printf(
          Locale.ROOT,
          "spu infer: %s has %d columns, but the model takes %d features per example %s%n",
          input,
          rows[0].length,
          m.features(),
          java.util.Arrays.toString(m.inputShape()));
      return 2;
    }
    System.err.println(m.summary());
    Outcome o = run(m, rows, truth);
    if (json) {
      System.out.println(Json.write(toJson(o)));
    } else {
      print(o, rows.length);
    }
    return 0;
  }

  private Outcome run(Dl4jModel m, double[][] rows, int[] truth) {
    int per = m.features();
    double[] flat = new double[rows.length * per];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * per, per);
    }
    try (Device spu = clusterOptions.open(protocolOptions)) {
      long t0 = System.nanoTime();
      PrivateInference inf =
          publicWeights
              ? PrivateInference.publicWeights(spu, m)
              : PrivateInference.secretWeights(spu, m, modelOwner);
      System.err.printf(
          Locale.ROOT,
          "%s: weights %s, %d rows of %s in batches of %d%n",
          spu.description(),
          publicWeights ? "public" : "secret-shared by " + modelOwner,
          rows.length,
          dataOwner,
          batch);
      PrivateInference.Result r = inf.predict(dataOwner, flat, rows.length, batch);
      System.err.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      Double acc = null;
      if (truth != null) {
        int[] pred = r.argmax();
        int ok = 0;
        for (int i = 0; i < pred.length; i++) {
          ok += pred[i] == truth[i] ? 1 : 0;
        }
        acc = (double) ok / pred.length;
      }
      return new Outcome(
          m, spu.protocol(), spu.parties(), spu.securityModel(), r, inf.weightSharingBytes(), acc);
    }
  }

  /** Numeric CSV rows; a first line that does not parse as numbers is a header. */
  static double[][] readRows(Path file, int limit) {
    List<double[]> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      int width = -1;
      while ((line = r.readLine()) != null && (limit <= 0 || out.size() < limit)) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        double[] row = new double[cells.length];
        boolean numeric = true;
        for (int i = 0; i < cells.length && numeric; i++) {
          try {
            row[i] = Double.parseDouble(cells[i].trim());
          } catch (NumberFormatException e) {
            numeric = false;
          }
        }
        if (!numeric) {
          if (out.isEmpty() && width < 0) {
            width = -2; // the header line; the rows follow
            continue;
          }
          throw new IllegalArgumentException(
              file + " line " + lineNo + ": not a number (only the first line may be a header)");
        }
        if (width >= 0 && row.length != width) {
          throw new IllegalArgumentException(
              file + " line " + lineNo + " has " + row.length + " columns, expected " + width);
        }
        width = row.length;
        out.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return out.toArray(new double[0][]);
  }

  /** One integer class per line (a non-numeric first line is a header). */
  static int[] readLabels(Path file, int rows) {
    double[][] v = readRows(file, rows);
    if (v.length != rows) {
      throw new IllegalArgumentException(
          file + " has " + v.length + " labels for " + rows + " rows");
    }
    int[] out = new int[rows];
    for (int i = 0; i < rows; i++) {
      if (v[i].length != 1 || v[i][0] != Math.rint(v[i][0])) {
        throw new IllegalArgumentException(
            file + " row " + (i + 1) + ": expected one integer class per line");
      }
      out[i] = (int) v[i][0];
    }
    return out;
  }

  static Map<String, Object> toJson(Outcome o) {
    PrivateInference.Result r = o.result();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", o.model().source());
    m.put("protocol", o.protocol());
    m.put("parties", o.parties());
    m.put("rows", r.rows());
    m.put("outputs", r.outputs());
    m.put("output_activation", o.model().outputActivation());
    m.put("parameters", o.model().parameterCount());
    List<double[]> probs = new ArrayList<>(r.rows());
    for (int i = 0; i < r.rows(); i++) {
      probs.add(r.row(i));
    }
    m.put("probabilities", probs);
    m.put("predictions", r.argmax());
    if (o.accuracy() != null) {
      m.put("accuracy", o.accuracy());
    }
    m.put("bytes", o.weightBytes() + r.comm().bytes());
    m.put("weight_sharing_bytes", o.weightBytes());
    m.put("rounds", r.comm().rounds());
    m.put("seconds", r.seconds());
    return m;
  }

  private void print(Outcome o, int n) {
    PrivateInference.Result r = o.result();
    System.out.printf(
        Locale.ROOT,
        "%s on %d rows, %s (%d parties): %s%n",
        o.model().source(),
        n,
        o.protocol(),
        o.parties(),
        o.securityModel());
    int[] pred = r.argmax();
    int shown = Math.min(n, 20);
    for (int i = 0; i < shown; i++) {
      System.out.printf(
          Locale.ROOT,
          "row %d: class %d (%.4f)%n",
          i,
          pred[i],
          r.values()[i * r.outputs() + pred[i]]);
    }
    if (n > shown) {
      System.out.printf(Locale.ROOT, "... %d more rows (use --json for all)%n", n - shown);
    }
    if (o.accuracy() != null) {
      System.out.printf(Locale.ROOT, "accuracy %.4f%n", o.accuracy());
    }
    System.out.printf(
        Locale.ROOT,
        "revealed to %s only; %.2f MB (weights %.2f MB), %d rounds, %.1f s%n",
        dataOwner,
        (o.weightBytes() + r.comm().bytes()) / 1e6,
        o.weightBytes() / 1e6,
        r.comm().rounds(),
        r.seconds());
  }
}
