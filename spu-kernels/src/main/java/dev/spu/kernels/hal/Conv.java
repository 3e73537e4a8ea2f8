package dev.spu.kernels.hal;

import dev.spu.pphlo.ConvolutionSpec;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.WindowSpec;

/**
 * {@code convolution} by im2col: the lhs is relaid out (one gather, local) into a patch matrix of
 * [batch · output positions] rows by [input features · kernel taps] columns, with zeros at padding
 * and dilation holes; the rhs into a [input features · kernel taps] × [output features] matrix;
 * then ONE matrix product for the whole batch ({@link LinAlg#batchedMatmul}: secret × secret is one
 * {@code matmulAA}, one round; secret × public is local) and, for fixed × fixed, one truncation;
 * finally a gather into the output layout. The three index tables depend only on the shapes and
 * attributes and are cached ({@link TableCache}).
 */
public final class Conv {
  private Conv() {}

  public static HalValue convolution(Hal h, HalValue lhs, HalValue rhs, ConvolutionSpec spec) {
    Shape ls = lhs.shape();
    Shape rs = rhs.shape();
    Plan p = TableCache.get(new Key(spec, ls, rs), () -> Plan.build(spec, ls, rs));
    DType d = DType.promote(lhs.dtype(), rhs.dtype());
    TensorType t = Hal.type(p.out, d, Hal.vis(lhs, rhs));
    HalValue patches = h.gather(lhs, p.patches, Shape.of(p.rows, p.cols));
    HalValue kernel = h.gather(rhs, p.kernel, Shape.of(p.cols, p.features));
    HalValue prod =
        LinAlg.batchedMatmul(
            h, patches, kernel, 1, p.rows, p.cols, p.features, Shape.of(p.rows, p.features));
    HalValue out = p.output == null ? prod : h.gather(prod, p.output, p.out);
    return out.retype(t);
  }

  private record Key(ConvolutionSpec spec, Shape lhs, Shape rhs) {}

  /** The index tables of one (spec, lhs shape, rhs shape). */
  static final class Plan implements TableCache.Sized {
    final Shape out;
    final int rows;
    final int cols;
    final int features;
    final int[] patches;
    final int[] kernel;
    final int[] output; // null when the product is already in the output layout

    private Plan(
        Shape out, int rows, int cols, int features, int[] patches, int[] kernel, int[] output) {
      this.out = out;
      this.rows = rows;
      this.cols = cols;
      this.features = features;
      this.patches = patches;
      this.kernel = kernel;
      this.output = output;
    }

    @Override
    public long ints() {
      return (long) patches.length + kernel.length + (output == null ? 0 : output.length);
    }

    static Plan build(ConvolutionSpec spec, Shape ls, Shape rs) {
      Shape out = spec.outputShape(ls, rs);
      ConvolutionSpec.Dims dn = spec.dims();
      int sp = spec.spatial();
      int[] isd = dn.inputSpatial();
      int[] ksd = dn.kernelSpatial();
      int[] osd = dn.outputSpatial();
      int batch = ls.dim(dn.inputBatch());
      int inFeatures = ls.dim(dn.inputFeature());
      int outFeatures = rs.dim(dn.kernelOutputFeature());
      int[] in = new int[sp];
      int[] k = new int[sp];
      int[] o = new int[sp];
      long positions = 1;
      long taps = 1;
      for (int i = 0; i < sp; i++) {
        in[i] = ls.dim(isd[i]);
        k[i] = rs.dim(ksd[i]);
        o[i] = out.dim(osd[i]);
        positions *= o[i];
        taps *= k[i];
      }
      long rowsL = batch * positions;
      long colsL = inFeatures * taps;
      if (rowsL * colsL > Integer.MAX_VALUE - 8 || colsL * outFeatures > Integer.MAX_VALUE - 8) {
        throw new UnsupportedOpException(
            "'pphlo.convolution' of "
                + ls
                + " by "
                + rs
                + ": the im2col patch matrix would have "
                + rowsL
                + " × "
                + colsL
                + " elements (limit 2^31); use a smaller batch");
      }
      int positionsI = (int) positions;
      int tapsI = (int) taps;
      int rows = (int) rowsL;
      int cols = (int) colsL;
      int[] lst = ls.strides();
      int[] rst = rs.strides();
      int[] stride = spec.strides();
      int[] ld = spec.lhsDilation();
      int[] rd = spec.rhsDilation();
      boolean[] rev = spec.reversal();

      // Per spatial dim: input coordinate (or −1) of tap kk at output position oo.
      int[][] tap = new int[sp][];
      for (int i = 0; i < sp; i++) {
        tap[i] = new int[o[i] * k[i]];
        for (int oo = 0; oo < o[i]; oo++) {
          for (int kk = 0; kk < k[i]; kk++) {
            tap[i][oo * k[i] + kk] =
                WindowSpec.tap(oo, kk, in[i], ld[i], spec.padLo(i), stride[i], rd[i]);
          }
        }
      }
      // Spatial lhs offset (or −1) of (output position, tap), both row-major over spatial dims.
      int[] spatial = new int[positionsI * tapsI];
      int[] oc = new int[sp];
      for (int op = 0; op < positionsI; op++) {
        int[] kc = new int[sp];
        for (int kp = 0; kp < tapsI; kp++) {
          int off = 0;
          for (int i = 0; i < sp; i++) {
            int c = tap[i][oc[i] * k[i] + kc[i]];
            if (c < 0) {
              off = -1;
              break;
            }
            off += c * lst[isd[i]];
          }
          spatial[op * tapsI + kp] = off;
          increment(kc, k);
        }
        increment(oc, o);
      }
      int[] patches = new int[rows * cols];
      int sb = lst[dn.inputBatch()];
      int sf = lst[dn.inputFeature()];
      int j = 0;
      for (int n = 0; n < batch; n++) {
        for (int op = 0; op < positionsI; op++) {
          int base = op * tapsI;
          for (int c = 0; c < inFeatures; c++) {
            int off0 = n * sb + c * sf;
            for (int kp = 0; kp < tapsI; kp++) {
              int s = spatial[base + kp];
              patches[j++] = s < 0 ? -1 : off0 + s;
            }
          }
        }
      }

      // Kernel matrix [(c, tap), out feature]; reversed dims read the kernel backwards.
      int[] kernel = new int[cols * outFeatures];
      int[] kc = new int[sp];
      int[] kOff = new int[tapsI];
      for (int kp = 0; kp < tapsI; kp++) {
        int off = 0;
        for (int i = 0; i < sp; i++) {
          int kk = rev[i] ? k[i] - 1 - kc[i] : kc[i];
          off += kk * rst[ksd[i]];
        }
        kOff[kp] = off;
        increment(kc, k);
      }
      int ski = rst[dn.kernelInputFeature()];
      int sko = rst[dn.kernelOutputFeature()];
      j = 0;
      for (int c = 0; c < inFeatures; c++) {
        for (int kp = 0; kp < tapsI; kp++) {
          for (int f = 0; f < outFeatures; f++) {
            kernel[j++] = c * ski + kOff[kp] + f * sko;
          }
        }
      }

      // Output: element at result coordinates comes from product[(n·P + position)·F + f].
      int[] output = new int[out.numElements()];
      int[] coord = new int[out.rank()];
      boolean identity = true;
      int[] outDims = out.dims();
      for (int e = 0; e < output.length; e++) {
        int pos = 0;
        for (int i = 0; i < sp; i++) {
          pos = pos * o[i] + coord[osd[i]];
        }
        int src =
            (coord[dn.outputBatch()] * positionsI + pos) * outFeatures + coord[dn.outputFeature()];
        output[e] = src;
        identity &= src == e;
        increment(coord, outDims);
      }
      return new Plan(out, rows, cols, outFeatures, patches, kernel, identity ? null : output);
    }
  }

  /** Row-major odometer step over {@code dims}. */
  static void increment(int[] c, int[] dims) {
    for (int d = c.length - 1; d >= 0; d--) {
      if (++c[d] < dims[d]) {
        return;
      }
      c[d] = 0;
    }
  }
}
