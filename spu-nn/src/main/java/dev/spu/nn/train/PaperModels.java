package dev.spu.nn.train;

import dev.spu.nn.Adam;
import dev.spu.nn.BinaryCrossEntropy;
import dev.spu.nn.Conv2D;
import dev.spu.nn.Dense;
import dev.spu.nn.Flatten;
import dev.spu.nn.MaxPool2D;
import dev.spu.nn.Optimizer;
import dev.spu.nn.ReLU;
import dev.spu.nn.Sequential;
import dev.spu.nn.Sgd;
import dev.spu.nn.SoftmaxCrossEntropy;
import java.util.List;
import java.util.Locale;

/**
 * The paper's models (SecretFlow-SPU, ATC'23, Appendix A, after SecureML/ABY3/Falcon) on MNIST
 * (NCHW input [1, 28, 28]) and logistic regression, with their default hyper-parameters.
 *
 * <table>
 *   <caption>Models and defaults</caption>
 *   <tr><th>name</th><th>layers</th><th>loss</th><th>batch</th><th>default optimizer</th></tr>
 *   <tr><td>A</td><td>FC 784→128, ReLU, FC 128→128, ReLU, FC 128→10</td><td>softmax CE</td><td>128</td><td>SGD lr 0.1, momentum 0.9</td></tr>
 *   <tr><td>B</td><td>Conv 5×5 1→16, MaxPool 2×2, ReLU, Conv 5×5 16→16, MaxPool 2×2, ReLU, FC 256→100, ReLU, FC 100→10</td><td>softmax CE</td><td>128</td><td>SGD lr 0.1, momentum 0.9</td></tr>
 *   <tr><td>C</td><td>(LeNet) Conv 5×5 1→20, MaxPool 2×2, ReLU, Conv 5×5 20→50, MaxPool 2×2, ReLU, FC 800→500, ReLU, FC 500→10</td><td>softmax CE</td><td>128</td><td>SGD lr 0.1, momentum 0.9</td></tr>
 *   <tr><td>D</td><td>Conv 5×5 1→5 stride 2 padding 2, ReLU, FC 980→100, ReLU, FC 100→10</td><td>softmax CE</td><td>128</td><td>SGD lr 0.1, momentum 0.9</td></tr>
 *   <tr><td>lr</td><td>FC 30→1 (logistic regression)</td><td>binary CE on the logit</td><td>64</td><td>SGD lr 0.1, momentum 0.9</td></tr>
 * </table>
 *
 * <p>Adam and AMSGrad default to lr 0.001 (β1 0.9, β2 0.999, eps 2^−10). Weights are
 * Glorot-uniform, biases zero.
 */
public final class PaperModels {
  private PaperModels() {}

  /** The model names {@link #model} knows. */
  public static final List<String> NAMES = List.of("lr", "A", "B", "C", "D");

  private static final int[] MNIST = {1, 28, 28};

  /** The model by name ({@code lr}, {@code A}–{@code D}; case-insensitive for A–D). */
  public static Model model(String name) {
    return switch (canonical(name)) {
      case "A" ->
          new Model(
              "A",
              new Sequential(
                  new Flatten(),
                  new Dense(784, 128),
                  new ReLU(),
                  new Dense(128, 128),
                  new ReLU(),
                  new Dense(128, 10)),
              MNIST,
              new SoftmaxCrossEntropy());
      case "B" ->
          new Model(
              "B",
              new Sequential(
                  new Conv2D(1, 16, 5),
                  new MaxPool2D(2),
                  new ReLU(),
                  new Conv2D(16, 16, 5),
                  new MaxPool2D(2),
                  new ReLU(),
                  new Flatten(),
                  new Dense(256, 100),
                  new ReLU(),
                  new Dense(100, 10)),
              MNIST,
              new SoftmaxCrossEntropy());
      case "C" ->
          new Model(
              "C",
              new Sequential(
                  new Conv2D(1, 20, 5),
                  new MaxPool2D(2),
                  new ReLU(),
                  new Conv2D(20, 50, 5),
                  new MaxPool2D(2),
                  new ReLU(),
                  new Flatten(),
                  new Dense(800, 500),
                  new ReLU(),
                  new Dense(500, 10)),
              MNIST,
              new SoftmaxCrossEntropy());
      case "D" ->
          new Model(
              "D",
              new Sequential(
                  new Conv2D(1, 5, 5, 2, 2),
                  new ReLU(),
                  new Flatten(),
                  new Dense(980, 100),
                  new ReLU(),
                  new Dense(100, 10)),
              MNIST,
              new SoftmaxCrossEntropy());
      case "lr" ->
          new Model(
              "lr", new Sequential(new Dense(30, 1)), new int[] {30}, new BinaryCrossEntropy());
      default ->
          throw new IllegalArgumentException(
              "unknown model '" + name + "'; choose one of " + NAMES);
    };
  }

  /** {@code lr} stays lower case, A–D upper case. */
  public static String canonical(String name) {
    String n = name.trim();
    return n.equalsIgnoreCase("lr") ? "lr" : n.toUpperCase(Locale.ROOT);
  }

  /** The dataset a model trains on: {@code breast-cancer} for lr, {@code mnist} otherwise. */
  public static String defaultDataset(String model) {
    return canonical(model).equals("lr") ? "breast-cancer" : "mnist";
  }

  public static int defaultBatch(String model) {
    return canonical(model).equals("lr") ? 64 : 128;
  }

  public static int defaultEpochs(String model) {
    return canonical(model).equals("lr") ? 10 : 1;
  }

  /** The default learning rate of an optimizer ({@code sgd}, {@code adam}, {@code amsgrad}). */
  public static double defaultLearningRate(String model, String optimizer) {
    if (!optimizer.equals("sgd")) {
      return canonical(model).equals("lr") ? 0.01 : 0.001;
    }
    return 0.1;
  }

  /** The optimizer by name with learning rate {@code lr}. */
  public static Optimizer optimizer(String name, double lr) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "sgd" -> new Sgd(lr);
      case "sgd-folded" -> Sgd.folded(lr, Sgd.DEFAULT_MOMENTUM);
      case "adam" -> new Adam(lr, false);
      case "amsgrad" -> new Adam(lr, true);
      default ->
          throw new IllegalArgumentException(
              "unknown optimizer '" + name + "'; choose sgd, adam or amsgrad");
    };
  }
}
