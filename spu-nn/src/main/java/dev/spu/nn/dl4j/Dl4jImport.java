package dev.spu.nn.dl4j;

import dev.spu.nn.Dense;
import dev.spu.nn.DoubleTensor;
import dev.spu.nn.Flatten;
import dev.spu.nn.Layer;
import dev.spu.nn.ReLU;
import dev.spu.nn.Sequential;
import dev.spu.nn.Sigmoid;
import dev.spu.nn.Softmax;
import dev.spu.nn.Tanh;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads a DL4J 1.0.0-M2.1 {@code MultiLayerNetwork} saved with {@code ModelSerializer} (a zip, with
 * or without updater state) into a {@link Dl4jModel}. The only class of this package that touches
 * DL4J or ND4J: it uses DL4J's own reader, then copies the configuration into spu-nn layers and the
 * parameters into doubles, so private inference runs no DL4J or ND4J code.
 *
 * <p>Supported: {@code DenseLayer}, {@code OutputLayer}, 2-D {@code ConvolutionLayer} (any kernel,
 * stride, padding; modes Truncate, Strict, Same; NCHW; no dilation), {@code SubsamplingLayer} (max,
 * avg), {@code ActivationLayer}, {@code DropoutLayer} (identity at inference); activations relu,
 * tanh, sigmoid, softmax, identity; the preprocessors {@code FeedForwardToCnnPreProcessor} ({@code
 * InputType.convolutionalFlat}) and {@code CnnToFeedForwardPreProcessor} (NCHW). Anything else is a
 * {@link Dl4jImportException} naming the layer index, its type and what is supported.
 */
public final class Dl4jImport {
  /** The DL4J layer types this importer translates. */
  public static final String SUPPORTED_LAYERS =
      "DenseLayer, OutputLayer, ConvolutionLayer (2-D, NCHW), SubsamplingLayer (max, avg),"
          + " ActivationLayer, DropoutLayer";

  /** The DL4J activations this importer translates. */
  public static final String SUPPORTED_ACTIVATIONS = "relu, tanh, sigmoid, softmax, identity";

  private Dl4jImport() {}

  /** Reads {@code zip}; the example shape comes from the model's configuration. */
  public static Dl4jModel load(Path zip) {
    return load(zip, null);
  }

  /**
   * Reads {@code zip}. {@code inputShape} (one example, e.g. {@code [1, 28, 28]}) is needed only
   * when the configuration does not say it: a CNN whose first layer gets images without an {@code
   * InputType}; null otherwise.
   */
  public static Dl4jModel load(Path zip, int[] inputShape) {
    String name = zip.getFileName().toString();
    if (!Files.isRegularFile(zip)) {
      throw new Dl4jImportException(name, "no such file " + zip.toAbsolutePath(), null);
    }
    checkIsMultiLayerNetwork(zip, name);
    MultiLayerNetwork net;
    try {
      net = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
    } catch (IOException | RuntimeException e) {
      throw new Dl4jImportException(
          name,
          "cannot be read as a DL4J 1.0.0-M2.1 MultiLayerNetwork zip (ModelSerializer): "
              + e.getMessage(),
          e);
    }
    return translate(net, name, inputShape);
  }

  private static void checkIsMultiLayerNetwork(Path zip, String name) {
    try (ZipFile z = new ZipFile(zip.toFile())) {
      ZipEntry conf = z.getEntry(ModelSerializer.CONFIGURATION_JSON);
      if (conf == null) {
        throw new Dl4jImportException(
            name,
            "not a DL4J model zip (no "
                + ModelSerializer.CONFIGURATION_JSON
                + "); save the network with ModelSerializer.writeModel",
            null);
      }
      String json;
      try (InputStream in = z.getInputStream(conf)) {
        json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (json.contains("\"vertices\"") && !json.contains("\"confs\"")) {
        throw new Dl4jImportException(
            name,
            "is a ComputationGraph; only MultiLayerNetwork models are supported (layers "
                + SUPPORTED_LAYERS
                + ")",
            null);
      }
    } catch (IOException e) {
      throw new Dl4jImportException(name, "is not a readable zip: " + e.getMessage(), e);
    }
  }

  /** Translates a network already in memory (e.g. just trained); {@code inputShape} as above. */
  public static Dl4jModel fromNetwork(MultiLayerNetwork net, String name, int[] inputShape) {
    return translate(net, name, inputShape);
  }

  private static Dl4jModel translate(MultiLayerNetwork net, String name, int[] given) {
    MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
    Map<String, INDArray> table = net.paramTable();
    Builder b = new Builder(given);
    int n = conf.getConfs().size();
    if (n == 0) {
      throw new Dl4jImportException(name, "has no layers", null);
    }
    for (int i = 0; i < n; i++) {
      org.deeplearning4j.nn.conf.layers.Layer lc = conf.getConf(i).getLayer();
      InputPreProcessor pp = conf.getInputPreProcess(i);
      if (pp != null) {
        b.preprocessor(i, lc.getClass().getSimpleName(), pp);
      }
      b.layer(i, lc, table);
    }
    return new Dl4jModel(
        name, new Sequential(b.layers), b.input, b.params, b.lines, b.lastActivation);
  }

  /** The translation state: layers so far and the current example shape. */
  private static final class Builder {
    final int[] given;
    final List<Layer> layers = new ArrayList<>();
    final List<DoubleTensor> params = new ArrayList<>();
    final List<String> lines = new ArrayList<>();
    int[] input; // the network's example shape, once known
    int[] shape; // the current example shape
    String lastActivation = "identity";

    Builder(int[] given) {
      this.given = given == null ? null : given.clone();
    }

    void preprocessor(int i, String type, InputPreProcessor pp) {
      if (pp instanceof FeedForwardToCnnPreProcessor f) {
        int c = (int) f.getNumChannels();
        int h = (int) f.getInputHeight();
        int w = (int) f.getInputWidth();
        start(i, type, new int[] {c * h * w});
        requireCount(i, type, c * h * w, "FeedForwardToCnnPreProcessor");
        add(new ToImage(c, h, w));
        shape = new int[] {c, h, w};
        lines.add(
            "   preprocessor FeedForwardToCnn: ["
                + c * h * w
                + "] -> ["
                + c
                + ", "
                + h
                + ", "
                + w
                + "]");
      } else if (pp instanceof CnnToFeedForwardPreProcessor f) {
        if (f.getFormat() != null && f.getFormat() != CNN2DFormat.NCHW) {
          throw new Dl4jImportException(
              i,
              type,
              "CnnToFeedForwardPreProcessor with format "
                  + f.getFormat()
                  + " is not supported; only NCHW");
        }
        int c = (int) f.getNumChannels();
        int h = (int) f.getInputHeight();
        int w = (int) f.getInputWidth();
        start(i, type, new int[] {c, h, w});
        requireCount(i, type, c * h * w, "CnnToFeedForwardPreProcessor");
        add(new Flatten());
        shape = new int[] {c * h * w};
        lines.add(
            "   preprocessor CnnToFeedForward: ["
                + c
                + ", "
                + h
                + ", "
                + w
                + "] -> ["
                + c * h * w
                + "]");
      } else {
        throw new Dl4jImportException(
            i,
            type,
            "input preprocessor "
                + pp.getClass().getSimpleName()
                + " is not supported; supported: FeedForwardToCnnPreProcessor"
                + " (InputType.convolutionalFlat), CnnToFeedForwardPreProcessor (NCHW)");
      }
    }

    /** Fixes the network's input shape at the first layer (from the model, or the caller's). */
    void start(int i, String type, int[] fromModel) {
      if (shape != null) {
        return;
      }
      if (fromModel == null && given == null) {
        throw new Dl4jImportException(
            i,
            type,
            "the model does not say the shape of its input images; build the DL4J network with"
                + " setInputType(InputType.convolutionalFlat(h, w, c)), or pass the example shape"
                + " [c, h, w] to Dl4jImport.load");
      }
      int[] s = fromModel != null ? fromModel : given;
      if (given != null
          && fromModel != null
          && DoubleTensor.numElements(given) != DoubleTensor.numElements(fromModel)) {
        throw new Dl4jImportException(
            i,
            type,
            "the given input shape "
                + Arrays.toString(given)
                + " does not match the model's "
                + Arrays.toString(fromModel));
      }
      if (given != null && fromModel != null && given.length != fromModel.length) {
        // A flat model input given as an image (or the reverse): feed it as the model says.
        s = fromModel;
      }
      input = s.clone();
      shape = s.clone();
    }

    private void requireCount(int i, String type, int n, String what) {
      if (DoubleTensor.numElements(shape) != n) {
        throw new Dl4jImportException(
            i,
            type,
            what + " expects " + n + " values per example, gets " + Arrays.toString(shape));
      }
    }

    void add(Layer l) {
      layers.add(l);
      shape = l.outputShape(shape);
    }

    void layer(int i, org.deeplearning4j.nn.conf.layers.Layer lc, Map<String, INDArray> table) {
      String type = lc.getClass().getSimpleName();
      Class<?> k = lc.getClass();
      if (k == DenseLayer.class || k == OutputLayer.class) {
        dense(i, type, (FeedForwardLayer) lc, table);
      } else if (k == ConvolutionLayer.class) {
        convolution(i, type, (ConvolutionLayer) lc, table);
      } else if (k == SubsamplingLayer.class) {
        subsampling(i, type, (SubsamplingLayer) lc);
      } else if (k == ActivationLayer.class) {
        needShape(i, type);
        String a = activation(i, type, ((ActivationLayer) lc).getActivationFn());
        lines.add(i + " ActivationLayer " + a);
      } else if (k == DropoutLayer.class) {
        needShape(i, type);
        lines.add(i + " DropoutLayer (identity at inference)");
      } else {
        throw new Dl4jImportException(
            i, type, "this layer type is not supported; supported layers: " + SUPPORTED_LAYERS);
      }
    }

    private void needShape(int i, String type) {
      start(i, type, null);
    }

    private void dense(int i, String type, FeedForwardLayer f, Map<String, INDArray> table) {
      int nIn = Math.toIntExact(f.getNIn());
      int nOut = Math.toIntExact(f.getNOut());
      if (f instanceof DenseLayer d && d.hasLayerNorm()) {
        throw new Dl4jImportException(
            i, type, "layer normalization is not supported (build it with hasLayerNorm(false))");
      }
      start(i, type, new int[] {nIn});
      if (shape.length != 1) {
        throw new Dl4jImportException(
            i,
            type,
            "takes flat examples of "
                + nIn
                + " values but gets images "
                + Arrays.toString(shape)
                + "; a CnnToFeedForwardPreProcessor is missing (set the network's InputType)");
      }
      if (shape[0] != nIn) {
        throw new Dl4jImportException(
            i, type, "has nIn " + nIn + " but gets " + shape[0] + " values per example");
      }
      boolean bias = f instanceof DenseLayer d ? d.hasBias() : ((OutputLayer) f).hasBias();
      params.add(param(i, type, table, "W", new int[] {nIn, nOut}));
      params.add(bias ? param(i, type, table, "b", new int[] {nOut}) : DoubleTensor.zeros(nOut));
      add(new Dense(nIn, nOut));
      String a = activation(i, type, ((BaseLayer) f).getActivationFn());
      lines.add(i + " " + type + " " + nIn + "->" + nOut + (bias ? "" : " (no bias)") + ", " + a);
    }

    private void convolution(int i, String type, ConvolutionLayer c, Map<String, INDArray> table) {
      if (c.getCnn2dDataFormat() != null && c.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
        throw new Dl4jImportException(
            i, type, "data format " + c.getCnn2dDataFormat() + " is not supported; only NCHW");
      }
      checkNoDilation(i, type, c.getDilation());
      int nIn = Math.toIntExact(c.getNIn());
      int nOut = Math.toIntExact(c.getNOut());
      start(i, type, null);
      if (shape.length != 3 || shape[0] != nIn) {
        throw new Dl4jImportException(
            i,
            type,
            "takes images with " + nIn + " channels [c, h, w] but gets " + Arrays.toString(shape));
      }
      Window2D win =
          window(i, type, c.getConvolutionMode(), c.getKernelSize(), c.getStride(), c.getPadding());
      params.add(param(i, type, table, "W", new int[] {nOut, nIn, win.kh(), win.kw()}));
      params.add(
          c.hasBias() ? param(i, type, table, "b", new int[] {nOut}) : DoubleTensor.zeros(nOut));
      add(new Convolution2D(nIn, nOut, win));
      String a = activation(i, type, c.getActivationFn());
      lines.add(
          i
              + " ConvolutionLayer "
              + nIn
              + "->"
              + nOut
              + " "
              + win
              + " ("
              + c.getConvolutionMode()
              + "), "
              + a);
    }

    private void subsampling(int i, String type, SubsamplingLayer s) {
      if (s.getCnn2dDataFormat() != null && s.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
        throw new Dl4jImportException(
            i, type, "data format " + s.getCnn2dDataFormat() + " is not supported; only NCHW");
      }
      PoolingType pt = s.getPoolingType();
      if (pt != PoolingType.MAX && pt != PoolingType.AVG) {
        throw new Dl4jImportException(
            i, type, "pooling type " + pt + " is not supported; supported: MAX, AVG");
      }
      checkNoDilation(i, type, s.getDilation());
      start(i, type, null);
      if (shape.length != 3) {
        throw new Dl4jImportException(
            i, type, "takes images [c, h, w] but gets " + Arrays.toString(shape));
      }
      Window2D win =
          window(i, type, s.getConvolutionMode(), s.getKernelSize(), s.getStride(), s.getPadding());
      add(new Pooling2D(pt == PoolingType.MAX, win, s.isAvgPoolIncludePadInDivisor()));
      lines.add(
          i
              + " SubsamplingLayer "
              + pt
              + " "
              + win
              + " ("
              + s.getConvolutionMode()
              + (pt == PoolingType.AVG && win.padded()
                  ? s.isAvgPoolIncludePadInDivisor() ? ", padding counted" : ", padding not counted"
                  : "")
              + ")");
    }

    private Window2D window(int i, String type, ConvolutionMode mode, int[] k, int[] s, int[] p) {
      if (k == null || k.length != 2 || s == null || s.length != 2 || p == null || p.length != 2) {
        throw new Dl4jImportException(
            i, type, "expected 2-D kernel, stride and padding; only 2-D layers are supported");
      }
      ConvolutionMode m = mode == null ? ConvolutionMode.Truncate : mode;
      return switch (m) {
        case Truncate, Strict -> {
          Window2D w = Window2D.truncate(k, s, p);
          if (m == ConvolutionMode.Strict
              && ((shape[1] + 2 * p[0] - k[0]) % s[0] != 0
                  || (shape[2] + 2 * p[1] - k[1]) % s[1] != 0)) {
            throw new Dl4jImportException(
                i, type, "Strict convolution mode does not fit input " + Arrays.toString(shape));
          }
          yield w;
        }
        case Same -> Window2D.same(k, s, shape[1], shape[2]);
        default ->
            throw new Dl4jImportException(
                i,
                type,
                "convolution mode " + m + " is not supported; supported: Truncate, Strict, Same");
      };
    }

    private static void checkNoDilation(int i, String type, int[] d) {
      if (d != null) {
        for (int v : d) {
          if (v != 1) {
            throw new Dl4jImportException(
                i, type, "dilation " + Arrays.toString(d) + " is not supported; only dilation 1");
          }
        }
      }
    }

    /** Adds the activation's layer (none for identity) and returns its name. */
    private String activation(int i, String type, IActivation a) {
      String name;
      Layer l;
      if (a instanceof ActivationIdentity) {
        name = "identity";
        l = null;
      } else if (a instanceof ActivationReLU r) {
        if (r.getMax() != null
            || (r.getThreshold() != null && r.getThreshold() != 0)
            || (r.getNegativeSlope() != null && r.getNegativeSlope() != 0)) {
          throw new Dl4jImportException(
              i,
              type,
              "activation "
                  + a
                  + " (a capped, thresholded or leaky ReLU) is not supported; supported: "
                  + SUPPORTED_ACTIVATIONS);
        }
        name = "relu";
        l = new ReLU();
      } else if (a instanceof ActivationTanH) {
        name = "tanh";
        l = new Tanh();
      } else if (a instanceof ActivationSigmoid) {
        name = "sigmoid";
        l = new Sigmoid();
      } else if (a instanceof ActivationSoftmax) {
        if (shape.length != 1) {
          throw new Dl4jImportException(
              i,
              type,
              "softmax over image activations "
                  + Arrays.toString(shape)
                  + " is not supported; only on flat layers");
        }
        name = "softmax";
        l = new Softmax();
      } else {
        throw new Dl4jImportException(
            i,
            type,
            "activation "
                + (a == null ? "null" : a.toString())
                + " is not supported; supported: "
                + SUPPORTED_ACTIVATIONS);
      }
      if (l != null) {
        add(l);
      }
      lastActivation = name;
      return name;
    }

    private static DoubleTensor param(
        int i, String type, Map<String, INDArray> table, String key, int[] shape) {
      INDArray a = table.get(i + "_" + key);
      if (a == null) {
        throw new Dl4jImportException(i, type, "parameter " + key + " is missing from the zip");
      }
      if (a.length() != DoubleTensor.numElements(shape)) {
        throw new Dl4jImportException(
            i,
            type,
            "parameter "
                + key
                + " has shape "
                + Arrays.toString(a.shape())
                + ", expected "
                + Arrays.toString(shape));
      }
      double[] v = Nd4j.toFlattened('c', a).castTo(DataType.DOUBLE).toDoubleVector();
      for (double x : v) {
        if (!Double.isFinite(x)) {
          throw new Dl4jImportException(i, type, "parameter " + key + " has a non-finite value");
        }
      }
      return new DoubleTensor(shape, v);
    }
  }
}
