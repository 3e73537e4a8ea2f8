package dev.spu.kernels.hal;

import dev.spu.mpc.Protocol;
import dev.spu.mpc.Share;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Visibility;
import dev.spu.pphlo.WindowSpec;
import java.util.List;

/**
 * The paper's max-pooling ops (produced by the {@code max-pool} pass from {@code reduce_window} max
 * + {@code select_and_scatter} ge/add):
 *
 * <ul>
 *   <li>{@code argmax(x, init)}: per window, the maximum (exactly {@code reduce_window} max: init
 *       joins unless it is a public identity, windows without elements give init) and the one-hot
 *       index of the first maximum among the window's elements, laid out [windows, K] over the K
 *       taps (padding taps 0). One pairwise tree over the taps: each level is ONE batched
 *       comparison, its bit-to-arithmetic conversion and ONE {@code mulAA} that updates the values
 *       and the masks together (⌈log2 K⌉ levels).
 *   <li>{@code maxpool_scatter(onehot, source, init)}: {@code onehot · source} (one {@code mulAA};
 *       int 0/1 × fixed needs no truncation) scattered back to the operand positions by a local
 *       gather and row sums, plus init. No comparison.
 * </ul>
 *
 * <p>Windows are laid out uniformly, K taps each; a padding tap holds the lowest value of the
 * comparison range, so it never wins against an element (an element equal to that value, −2^62 in
 * ring terms, could lose to an earlier padding tap; inputs are far inside the range).
 */
public final class MaxPool {
  private MaxPool() {}

  // ------------------------------------------------------------------ argmax

  /** Returns [maxima, one-hot index]. */
  public static List<HalValue> argmax(Hal h, HalValue x, HalValue init, WindowSpec spec) {
    DType d = DType.promote(x.dtype(), init.dtype());
    Plan p = Plan.of(spec, x.shape());
    TensorType maxT = Hal.type(p.out, d, Hal.vis(x, init));
    TensorType oneHotT = Hal.type(p.oneHotShape(), DType.I1, x.type().visibility());
    HalValue xc = h.cast(x, d);
    HalValue ic = h.cast(init, d);
    long lowest = Window.lowest(d);
    HalValue max;
    HalValue onehot;
    if (xc.isPublic()) {
      long[][] r = publicArgmax(xc.publicData(), p, lowest);
      max = HalValue.ofPublic(maxT.withVisibility(Visibility.PUBLIC), r[0]);
      onehot = HalValue.ofPublic(oneHotT, r[1]);
    } else {
      Share[] r = secretArgmax(h, xc, p, lowest);
      max = HalValue.ofSecret(maxT.withVisibility(Visibility.SECRET), r[0]);
      onehot = HalValue.ofSecret(oneHotT, r[1]);
    }
    // init joins every window unless it is a public identity (≤ the lowest value)...
    boolean identity = ic.isPublic() && ic.publicData()[0] <= lowest;
    HalValue initW = h.broadcastTo(ic, p.out);
    if (!identity) {
      max = Select.maximum(h, max, initW);
    }
    // ...and windows without elements give init (a public choice: local).
    if (p.anyEmpty) {
      long[] hasElements = new long[p.windows];
      for (int w = 0; w < p.windows; w++) {
        hasElements[w] = p.empty[w] ? 0 : 1;
      }
      HalValue pred = HalValue.ofPublic(Hal.type(p.out, DType.I1, Visibility.PUBLIC), hasElements);
      max = Select.select(h, pred, max, initW);
    }
    if (maxT.isSecret() && max.isPublic()) {
      max = h.toSecret(max);
    }
    return List.of(max.retype(maxT), onehot);
  }

  private static long[][] publicArgmax(long[] x, Plan p, long lowest) {
    int k = p.k;
    long[] max = new long[p.windows];
    long[] onehot = new long[p.windows * k];
    for (int w = 0; w < p.windows; w++) {
      int best = -1;
      for (int t = 0; t < k; t++) {
        int off = p.taps[w * k + t];
        if (off >= 0 && (best < 0 || x[off] > x[p.taps[w * k + best]])) {
          best = t;
        }
      }
      if (best >= 0) {
        onehot[w * k + best] = 1;
        max[w] = x[p.taps[w * k + best]];
      } else {
        max[w] = lowest;
      }
    }
    return new long[][] {max, onehot};
  }

  /** [maxima share, one-hot ARITH share] of a secret operand. */
  private static Share[] secretArgmax(Hal h, HalValue x, Plan p, long lowest) {
    Protocol pr = h.protocol();
    int w = p.windows;
    int k = p.k;
    Share cur = h.arith(x).gather(p.taps);
    if (p.anyPadding) {
      long[] fill = new long[w * k];
      for (int i = 0; i < fill.length; i++) {
        fill[i] = p.taps[i] < 0 ? lowest : 0;
      }
      cur = pr.addAP(cur, fill);
    }
    // Node j of the current level covers taps [lo[j], hi[j]) of every window.
    int n = k;
    int[] lo = new int[k];
    int[] hi = new int[k];
    for (int t = 0; t < k; t++) {
      lo[t] = t;
      hi[t] = t + 1;
    }
    Share mask = null;
    TensorType vt = Hal.type(Shape.of(0), x.dtype(), Visibility.SECRET);
    while (n > 1) {
      int pairs = n / 2;
      int carry = n % 2;
      int[] left = new int[w * pairs];
      int[] right = new int[w * pairs];
      for (int v = 0; v < w; v++) {
        for (int j = 0; j < pairs; j++) {
          left[v * pairs + j] = v * n + 2 * j;
          right[v * pairs + j] = v * n + 2 * j + 1;
        }
      }
      Share a = cur.gather(left);
      Share b = cur.gather(right);
      TensorType pt = vt.withShape(Shape.of(w * pairs));
      // First maximum: the left node wins ties.
      Share bit =
          h.arith(Compare.greaterEqual(h, HalValue.ofSecret(pt, a), HalValue.ofSecret(pt, b)));
      Share diff = pr.addAA(a, pr.negA(b));
      // Per tap: the pair (window-major) whose left / right node covers it, or −1.
      int[] underL = filled(w * k, -1);
      int[] underR = filled(w * k, -1);
      int pairedTaps = hi[2 * pairs - 1] - lo[0];
      for (int v = 0; v < w; v++) {
        for (int j = 0; j < pairs; j++) {
          for (int t = lo[2 * j]; t < hi[2 * j]; t++) {
            underL[v * k + t] = v * pairs + j;
          }
          for (int t = lo[2 * j + 1]; t < hi[2 * j + 1]; t++) {
            underR[v * k + t] = v * pairs + j;
          }
        }
      }
      Share prod;
      if (mask == null) {
        prod = pr.mulAA(diff, bit);
        // Left taps: bit; right taps: 1 − bit; carried taps: 1.
        long[] c = new long[w * k];
        for (int i = 0; i < c.length; i++) {
          c[i] = underL[i] >= 0 ? 0 : 1;
        }
        mask = pr.addAP(pr.addAA(bit.gather(underL), pr.negA(bit.gather(underR))), c);
      } else {
        // One product for values and masks: [diff, m(paired taps)] · [bit, bit(of their pair)].
        int[] tapIdx = new int[w * pairedTaps];
        int[] tapPair = new int[w * pairedTaps];
        int[] slot = filled(w * k, -1);
        int u = 0;
        for (int v = 0; v < w; v++) {
          for (int t = lo[0]; t < lo[0] + pairedTaps; t++) {
            int i = v * k + t;
            slot[i] = u;
            tapIdx[u] = i;
            tapPair[u++] = underL[i] >= 0 ? underL[i] : underR[i];
          }
        }
        Share z =
            pr.mulAA(
                Share.concat(diff, mask.gather(tapIdx)), Share.concat(bit, bit.gather(tapPair)));
        prod = z.gather(Indexing.range(0, w * pairs));
        Share mb = z.gather(Indexing.range(w * pairs, w * pairedTaps));
        // m' = m·bit on the left, m − m·bit on the right, m on carried taps.
        int[] fromL = filled(w * k, -1);
        int[] fromR = filled(w * k, -1);
        int[] keep = filled(w * k, -1);
        for (int i = 0; i < w * k; i++) {
          if (underL[i] >= 0) {
            fromL[i] = slot[i];
          } else {
            keep[i] = i;
            if (underR[i] >= 0) {
              fromR[i] = slot[i];
            }
          }
        }
        mask = pr.addAA(pr.addAA(mb.gather(fromL), mask.gather(keep)), pr.negA(mb.gather(fromR)));
      }
      Share merged = pr.addAA(b, prod);
      int nn = pairs + carry;
      if (carry == 0) {
        cur = merged;
      } else {
        int[] order = new int[w * nn];
        for (int v = 0; v < w; v++) {
          for (int j = 0; j < pairs; j++) {
            order[v * nn + j] = v * pairs + j;
          }
          order[v * nn + pairs] = w * pairs + v * n + n - 1;
        }
        cur = Share.concat(merged, cur).gather(order);
      }
      int[] nlo = new int[nn];
      int[] nhi = new int[nn];
      for (int j = 0; j < pairs; j++) {
        nlo[j] = lo[2 * j];
        nhi[j] = hi[2 * j + 1];
      }
      if (carry == 1) {
        nlo[pairs] = lo[n - 1];
        nhi[pairs] = hi[n - 1];
      }
      lo = nlo;
      hi = nhi;
      n = nn;
    }
    long[] real = new long[w * k];
    for (int i = 0; i < real.length; i++) {
      real[i] = p.taps[i] < 0 ? 0 : 1;
    }
    if (mask == null) {
      mask = pr.fromPublic(Share.Kind.ARITH, real); // one tap per window
    } else if (p.anyPadding) {
      mask = pr.mulAP(mask, real); // padding taps never count (local)
    }
    return new Share[] {cur, mask};
  }

  // ------------------------------------------------------------------ maxpool_scatter

  /**
   * init + Σ onehot · source, scattered to the taps' operand positions; result of type {@code t}.
   */
  public static HalValue maxpoolScatter(
      Hal h, HalValue onehot, HalValue source, HalValue init, WindowSpec spec, Shape out) {
    DType d = DType.promote(source.dtype(), init.dtype());
    Plan p = Plan.of(spec, out);
    if (!source.shape().equals(p.out) || !onehot.shape().equals(p.oneHotShape())) {
      throw new IllegalArgumentException(
          "hal.maxpool_scatter: source "
              + source.type()
              + " and index "
              + onehot.type()
              + " do not match the windows "
              + p.out
              + " of "
              + out);
    }
    TensorType t = Hal.type(out, d, Hal.vis(onehot, source, init));
    int taps = p.windows * p.k;
    int[] windowOf = new int[taps];
    for (int i = 0; i < taps; i++) {
      windowOf[i] = i / p.k;
    }
    HalValue srcE = h.gather(h.cast(source, d), windowOf, Shape.of(taps));
    HalValue contrib;
    if (onehot.isPublic()) {
      long[] m = onehot.publicData();
      int[] idx = new int[taps];
      for (int i = 0; i < taps; i++) {
        idx[i] = m[i] != 0 ? i : -1;
      }
      contrib = h.gather(srcE, idx, Shape.of(taps));
    } else {
      Protocol pr = h.protocol();
      Share m = h.arith(onehot);
      Share c = srcE.isSecret() ? pr.mulAA(m, h.arith(srcE)) : pr.mulAP(m, srcE.publicData());
      contrib = HalValue.ofSecret(Hal.type(Shape.of(taps), d, Visibility.SECRET), c);
    }
    int q = out.numElements();
    HalValue gathered = h.gather(contrib, p.scatter(), Shape.of(q * p.maxPer));
    HalValue scattered =
        Window.rowSums(h, gathered, q, p.maxPer).retype(contrib.type().withShape(out));
    HalValue r = Arith.ringAdd(h, d, h.broadcastTo(h.cast(init, d), out), scattered);
    if (t.isSecret() && r.isPublic()) {
      r = h.toSecret(r);
    }
    return r.retype(t);
  }

  private static int[] filled(int n, int v) {
    int[] r = new int[n];
    java.util.Arrays.fill(r, v);
    return r;
  }

  // ------------------------------------------------------------------ plan

  private record Key(WindowSpec spec, Shape shape) {}

  /** The public tables of one (window, operand shape): taps per window, scatter lists. */
  static final class Plan implements TableCache.Sized {
    final Shape out;
    final int windows;
    final int k;

    /** [windows · k]: the operand offset of each tap, −1 for padding. */
    final int[] taps;

    final boolean anyPadding;
    final boolean[] empty;
    final boolean anyEmpty;
    private final int[] scatter;
    final int maxPer;

    private Plan(Shape out, int k, int[] taps, int operandSize) {
      this.out = out;
      this.windows = out.numElements();
      this.k = k;
      this.taps = taps;
      boolean pad = false;
      this.empty = new boolean[windows];
      boolean anyEmpty = false;
      int[] count = new int[operandSize];
      int maxPer = 0;
      for (int w = 0; w < windows; w++) {
        boolean none = true;
        for (int t = 0; t < k; t++) {
          int off = taps[w * k + t];
          if (off < 0) {
            pad = true;
          } else {
            none = false;
            maxPer = Math.max(maxPer, ++count[off]);
          }
        }
        empty[w] = none;
        anyEmpty |= none;
      }
      this.anyPadding = pad;
      this.anyEmpty = anyEmpty;
      this.maxPer = maxPer;
      if ((long) operandSize * maxPer > Integer.MAX_VALUE - 8) {
        throw new UnsupportedOpException("maxpool_scatter: scatter table too large");
      }
      this.scatter = filled(operandSize * maxPer, -1);
      java.util.Arrays.fill(count, 0);
      for (int i = 0; i < taps.length; i++) {
        int off = taps[i];
        if (off >= 0) {
          scatter[off * maxPer + count[off]++] = i;
        }
      }
    }

    /** Per operand element, the taps landing on it ({@code maxPer} slots, −1 unused). */
    int[] scatter() {
      return scatter;
    }

    Shape oneHotShape() {
      int[] dims = new int[out.rank() + 1];
      System.arraycopy(out.dims(), 0, dims, 0, out.rank());
      dims[out.rank()] = k;
      return Shape.of(dims);
    }

    @Override
    public long ints() {
      return (long) taps.length + scatter.length + windows;
    }

    static Plan of(WindowSpec spec, Shape s) {
      return TableCache.get(new Key(spec, s), () -> build(spec, s));
    }

    private static Plan build(WindowSpec spec, Shape s) {
      Shape out = spec.outputShape(s);
      int rank = s.rank();
      int[] win = spec.window();
      int[] st = spec.strides();
      int[] od = out.dims();
      long kl = 1;
      for (int x : win) {
        kl *= x;
      }
      if (kl * out.numElements() > Integer.MAX_VALUE - 8) {
        throw new UnsupportedOpException(
            "argmax: window " + spec + " over " + s + " has too many taps (limit 2^31)");
      }
      int k = (int) kl;
      int[] stride = s.strides();
      // Per dimension: operand offset contribution of (output position, window position), or −1.
      int[][] tap = new int[rank][];
      for (int d = 0; d < rank; d++) {
        tap[d] = new int[od[d] * win[d]];
        for (int o = 0; o < od[d]; o++) {
          for (int t = 0; t < win[d]; t++) {
            int c = WindowSpec.tap(o, t, s.dim(d), 1, spec.padLo(d), st[d], 1);
            tap[d][o * win[d] + t] = c < 0 ? -1 : c * stride[d];
          }
        }
      }
      int windows = out.numElements();
      int[] taps = new int[windows * k];
      int[] oc = new int[rank];
      int j = 0;
      for (int w = 0; w < windows; w++) {
        int[] kc = new int[rank];
        for (int t = 0; t < k; t++) {
          int off = 0;
          for (int d = 0; d < rank; d++) {
            int c = tap[d][oc[d] * win[d] + kc[d]];
            if (c < 0) {
              off = -1;
              break;
            }
            off += c;
          }
          taps[j++] = off;
          Conv.increment(kc, win);
        }
        Conv.increment(oc, od);
      }
      return new Plan(out, k, taps, s.numElements());
    }
  }
}
