package dev.spu.nn.dl4j;

import dev.spu.nn.DoubleTensor;
import dev.spu.nn.Layer;
import dev.spu.nn.Loss;
import dev.spu.nn.Sequential;
import dev.spu.nn.train.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A DL4J {@code MultiLayerNetwork} translated into spu-nn: its layers as a {@link Sequential}
 * (DL4J's input preprocessors included), its trained parameters as plain doubles in that sequence's
 * parameter order, and the example shape it takes. Holds no DL4J or ND4J object: private inference
 * ({@link PrivateInference}) runs on this alone.
 *
 * @param source where the model came from (file name)
 * @param net the layers
 * @param inputShape the shape of one example as DL4J takes it (e.g. {@code [784]} for an MLP or a
 *     {@code convolutionalFlat} CNN, {@code [c, h, w]} for a CNN fed images)
 * @param parameters the trained parameters, in {@code net.parameters(inputShape)} order
 * @param layers one line per DL4J layer: index, type and settings
 * @param outputActivation the output layer's activation (softmax, sigmoid, identity, ...)
 */
public record Dl4jModel(
    String source,
    Sequential net,
    int[] inputShape,
    List<DoubleTensor> parameters,
    List<String> layers,
    String outputActivation) {
  public Dl4jModel {
    inputShape = inputShape.clone();
    parameters = List.copyOf(parameters);
    layers = List.copyOf(layers);
    var specs = net.parameters(inputShape);
    if (specs.size() != parameters.size()) {
      throw new IllegalArgumentException(
          net.describe() + " takes " + specs.size() + " parameters, got " + parameters.size());
    }
    for (int i = 0; i < specs.size(); i++) {
      if (!Arrays.equals(specs.get(i).shape(), parameters.get(i).shape())) {
        throw new IllegalArgumentException(
            "parameter "
                + specs.get(i)
                + " has shape "
                + Arrays.toString(parameters.get(i).shape()));
      }
    }
  }

  @Override
  public int[] inputShape() {
    return inputShape.clone();
  }

  /** Values per example ({@code inputShape}'s element count): the columns of a CSV row. */
  public int features() {
    return DoubleTensor.numElements(inputShape);
  }

  /** Outputs per example (classes of a classifier). */
  public int outputs() {
    return DoubleTensor.numElements(net.outputShape(inputShape));
  }

  /** Total number of scalar parameters. */
  public long parameterCount() {
    long n = 0;
    for (DoubleTensor p : parameters) {
      n += p.size();
    }
    return n;
  }

  /**
   * Plaintext inference in double precision on the translated layers (the twin private inference is
   * checked against): {@code rows} examples of {@link #features()} values each, row-major; returns
   * {@code rows × outputs()} values.
   */
  public double[] predictPlain(double[] features, int rows) {
    if (features.length != rows * features()) {
      throw new IllegalArgumentException(
          rows
              + " rows of "
              + features()
              + " features need "
              + rows * features()
              + " values, got "
              + features.length);
    }
    int[] s = new int[inputShape.length + 1];
    s[0] = rows;
    System.arraycopy(inputShape, 0, s, 1, inputShape.length);
    return net.forwardPlain(copies(), new DoubleTensor(s, features.clone())).output().data();
  }

  private List<DoubleTensor> copies() {
    List<DoubleTensor> out = new ArrayList<>(parameters.size());
    for (DoubleTensor p : parameters) {
      out.add(p.copy());
    }
    return out;
  }

  /**
   * This network, final activation included, as a {@link Model} with {@code loss} (see {@link
   * #trainable()} for the loss that fits the output activation, on the logits).
   */
  public Model toModel(String name, Loss loss) {
    return new Model(name, net, inputShape, loss);
  }

  /**
   * The network without a final softmax or sigmoid (the logits), for training with a loss that
   * applies it ({@code SoftmaxCrossEntropy}, {@code BinaryCrossEntropy}); the same parameters.
   */
  public Sequential logits() {
    List<Layer> ls = net.layers();
    Layer last = ls.get(ls.size() - 1);
    if ((last instanceof dev.spu.nn.Softmax || last instanceof dev.spu.nn.Sigmoid)
        && ls.size() > 1) {
      return new Sequential(ls.subList(0, ls.size() - 1));
    }
    return net;
  }

  /**
   * This network as a {@link Model} to fine-tune from {@link #parameters()}, with the loss its
   * output activation implies: softmax → softmax cross-entropy on the logits, sigmoid with one
   * output → binary cross-entropy on the logit, identity → mean squared error.
   *
   * @throws IllegalArgumentException for other output activations
   */
  public Model trainable() {
    return switch (outputActivation) {
      case "softmax" ->
          new Model(source, logits(), inputShape, new dev.spu.nn.SoftmaxCrossEntropy());
      case "sigmoid" -> {
        if (outputs() != 1) {
          throw new IllegalArgumentException(
              source
                  + ": a sigmoid output with "
                  + outputs()
                  + " outputs has no supported loss;"
                  + " fine-tuning supports softmax, a single sigmoid output, or identity");
        }
        yield new Model(source, logits(), inputShape, new dev.spu.nn.BinaryCrossEntropy());
      }
      case "identity" -> new Model(source, net, inputShape, new dev.spu.nn.MeanSquaredError());
      default ->
          throw new IllegalArgumentException(
              source
                  + ": output activation "
                  + outputActivation
                  + " has no supported loss;"
                  + " fine-tuning supports softmax, a single sigmoid output, or identity");
    };
  }

  /** A multi-line summary: source, input shape, layers, parameter count. */
  public String summary() {
    StringBuilder sb =
        new StringBuilder()
            .append(source)
            .append(": input ")
            .append(Arrays.toString(inputShape))
            .append(", ")
            .append(outputs())
            .append(" outputs (")
            .append(outputActivation)
            .append("), ")
            .append(parameterCount())
            .append(" parameters");
    for (String l : layers) {
      sb.append(System.lineSeparator()).append("  ").append(l);
    }
    return sb.toString();
  }
}
