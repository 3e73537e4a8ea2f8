package dev.spu.pphlo.importer;

import dev.spu.pphlo.ConvolutionSpec;
import dev.spu.pphlo.TypeException;
import java.util.List;

/**
 * Convolution dimension numbers from labels, as StableHLO ({@code [b, 0, 1, f]x[0, 1, i, o]->[b, 0,
 * 1, f]}) and HLO ({@code b01f_01io->b01f}) write them: {@code b} batch, {@code f} feature, {@code
 * i}/{@code o} kernel input/output feature, digits the spatial dimensions in order.
 */
final class ConvLabels {
  private ConvLabels() {}

  static ConvolutionSpec.Dims dims(List<String> in, List<String> k, List<String> out, int line) {
    int s = in.size() - 2;
    if (s < 0 || k.size() != s + 2 || out.size() != s + 2) {
      throw new ImportException(
          line,
          "convolution dimension labels "
              + in
              + "x"
              + k
              + "->"
              + out
              + " have different ranks (each needs 2 + the spatial dimensions)");
    }
    try {
      return new ConvolutionSpec.Dims(
          find(in, "b", line),
          find(in, "f", line),
          spatial(in, s, line),
          find(k, "i", line),
          find(k, "o", line),
          spatial(k, s, line),
          find(out, "b", line),
          find(out, "f", line),
          spatial(out, s, line));
    } catch (TypeException e) {
      throw new ImportException(line, "convolution dimension numbers: " + e.getMessage());
    }
  }

  private static int find(List<String> labels, String l, int line) {
    int i = labels.indexOf(l);
    if (i < 0) {
      throw new ImportException(
          line, "convolution dimension labels " + labels + " lack '" + l + "'");
    }
    return i;
  }

  private static int[] spatial(List<String> labels, int s, int line) {
    int[] out = new int[s];
    for (int d = 0; d < s; d++) {
      out[d] = find(labels, String.valueOf(d), line);
    }
    return out;
  }
}
