package dev.spu.nn.data;

import dev.spu.nn.DoubleTensor;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The MNIST digits in LeCun's IDX format (gzip): images {@code [n, 1, 28, 28]} (NCHW) with pixels
 * scaled to [0, 1] (byte / 255), labels 0..9. The files ship on the classpath (see the data
 * README); {@link #load(Path, String, int)} reads a copy elsewhere.
 */
public final class Mnist {
  private static final String RESOURCE = "/dev/spu/nn/data/mnist/";
  private static final int IMAGES_MAGIC = 0x00000803;
  private static final int LABELS_MAGIC = 0x00000801;

  private Mnist() {}

  /** The 60,000 training digits (the first {@code limit} if limit > 0). */
  public static Dataset train(int limit) {
    return fromClasspath("train", limit);
  }

  /** The 10,000 test digits (the first {@code limit} if limit > 0). */
  public static Dataset test(int limit) {
    return fromClasspath("t10k", limit);
  }

  private static Dataset fromClasspath(String prefix, int limit) {
    try (InputStream images = resource(prefix + "-images-idx3-ubyte.gz");
        InputStream labels = resource(prefix + "-labels-idx1-ubyte.gz")) {
      return read("mnist-" + prefix, images, labels, limit);
    } catch (IOException e) {
      throw new UncheckedIOException("reading MNIST " + prefix + " from the classpath", e);
    }
  }

  /** Reads {@code <prefix>-images-idx3-ubyte.gz} and {@code <prefix>-labels-idx1-ubyte.gz}. */
  public static Dataset load(Path dir, String prefix, int limit) throws IOException {
    try (InputStream images = Files.newInputStream(dir.resolve(prefix + "-images-idx3-ubyte.gz"));
        InputStream labels = Files.newInputStream(dir.resolve(prefix + "-labels-idx1-ubyte.gz"))) {
      return read("mnist-" + prefix, images, labels, limit);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = Mnist.class.getResourceAsStream(RESOURCE + name);
    if (in == null) {
      throw new IllegalStateException("MNIST file " + RESOURCE + name + " is not on the classpath");
    }
    return in;
  }

  /** Parses gzipped IDX image and label streams; keeps the first {@code limit} (all if ≤ 0). */
  public static Dataset read(String name, InputStream images, InputStream labels, int limit)
      throws IOException {
    DataInputStream im = new DataInputStream(new BufferedInputStream(new GZIPInputStream(images)));
    DataInputStream lb = new DataInputStream(new BufferedInputStream(new GZIPInputStream(labels)));
    if (im.readInt() != IMAGES_MAGIC) {
      throw new IOException(name + ": not an IDX3 image file (bad magic number)");
    }
    if (lb.readInt() != LABELS_MAGIC) {
      throw new IOException(name + ": not an IDX1 label file (bad magic number)");
    }
    int n = im.readInt();
    int rows = im.readInt();
    int cols = im.readInt();
    int nl = lb.readInt();
    if (n != nl) {
      throw new IOException(name + ": " + n + " images but " + nl + " labels");
    }
    int keep = limit > 0 ? Math.min(limit, n) : n;
    int px = rows * cols;
    byte[] raw = new byte[keep * px];
    im.readFully(raw);
    double[] x = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      x[i] = (raw[i] & 0xff) / 255.0;
    }
    byte[] rawLabels = new byte[keep];
    lb.readFully(rawLabels);
    int[] y = new int[keep];
    for (int i = 0; i < keep; i++) {
      y[i] = rawLabels[i] & 0xff;
    }
    return new Dataset(name, new DoubleTensor(new int[] {keep, 1, rows, cols}, x), y, 10);
  }
}
