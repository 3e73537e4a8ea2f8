package dev.spu.kernels.hal;

import dev.spu.mpc.Protocol;
import dev.spu.mpc.Share;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Visibility;
import dev.spu.pphlo.WindowSpec;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * {@code reduce_window} and {@code select_and_scatter} over all windows at once.
 *
 * <p>A cached {@link Plan} lists, per window and in window order (row-major over the window taps),
 * the operand elements it covers; padding and base-dilation holes are not elements.
 *
 * <ul>
 *   <li>reduce_window add: one gather and local row sums; padding and holes hold the init value
 *       (StableHLO), so each window adds {@code (holes + 1) · init}.
 *   <li>reduce_window max/min: a pairwise tree over every window's elements, each level ONE batched
 *       comparison + select for all window pairs (⌈log2 K⌉ levels for K taps). The init value joins
 *       each window as one more element unless it is a public identity (max: ≤ the dtype's lowest
 *       value, e.g. −inf; min: ≥ the highest), in which case it only fills windows without
 *       elements.
 *   <li>select_and_scatter (select ≥ or ≤, scatter add): the same tree carries, per window, the
 *       one-hot mask of the FIRST extremum in window order (XLA's order: a pair keeps its left node
 *       on ties); each level is one comparison and one {@code mulAA} that updates values and masks
 *       together. Then mask × source (one {@code mulAA}, or local with a public side) and a local
 *       scatter-add into the operand's positions, plus init. Padding is never selected; a window
 *       without elements drops its source value.
 * </ul>
 */
public final class Window {
  private Window() {}

  // ------------------------------------------------------------------ reduce_window

  public static HalValue reduceWindow(
      Hal h, HalValue x, HalValue init, WindowSpec spec, String kind) {
    DType d = DType.promote(x.dtype(), init.dtype());
    HalValue xc = h.cast(x, d);
    HalValue ic = h.cast(init, d);
    Plan p = Plan.of(spec, x.shape(), false);
    TensorType t = Hal.type(p.out, d, Hal.vis(x, init));
    HalValue r =
        switch (kind) {
          case "add" -> sumWindows(h, xc, ic, p, d);
          case "max" -> extremum(h, xc, ic, p, d, true);
          case "min" -> extremum(h, xc, ic, p, d, false);
          default ->
              throw new IllegalArgumentException(
                  "hal.reduce_window: kind '" + kind + "' is not one of add, max, min");
        };
    if (t.isSecret() && r.isPublic()) {
      r = h.toSecret(r);
    }
    return r.retype(t);
  }

  /** Σ elements + (holes + 1) · init per window: local. */
  private static HalValue sumWindows(Hal h, HalValue x, HalValue init, Plan p, DType d) {
    int w = p.windows;
    HalValue taps = h.gather(x, p.taps, Shape.of(w * p.k));
    HalValue sums = rowSums(h, taps, w, p.k);
    long[] count = new long[w];
    boolean zeroInit = init.isPublic() && init.publicData()[0] == 0;
    if (zeroInit) {
      return sums;
    }
    for (int i = 0; i < w; i++) {
      count[i] = p.k - (p.start[i + 1] - p.start[i]) + 1;
    }
    HalValue initB = h.broadcastTo(init, Shape.of(w));
    HalValue counts = HalValue.ofPublic(Hal.type(Shape.of(w), DType.I64, Visibility.PUBLIC), count);
    return Arith.ringAdd(h, d, sums, Arith.ringMul(h, d, initB, counts));
  }

  private static HalValue extremum(Hal h, HalValue x, HalValue init, Plan p, DType d, boolean max) {
    long i0 = init.isPublic() ? init.publicData()[0] : 0;
    boolean identity = init.isPublic() && (max ? i0 <= lowest(d) : i0 >= -lowest(d));
    // Values: each window's elements, then init where it is needed; init sits after x's elements.
    int w = p.windows;
    int xn = x.numElements();
    int[] start = new int[w + 1];
    int n = 0;
    for (int i = 0; i < w; i++) {
      start[i] = n;
      int c = p.start[i + 1] - p.start[i];
      n += c + (identity && c > 0 ? 0 : 1);
    }
    start[w] = n;
    int[] idx = new int[n];
    for (int i = 0; i < w; i++) {
      int c = p.start[i + 1] - p.start[i];
      System.arraycopy(p.pos, p.start[i], idx, start[i], c);
      if (start[i] + c < start[i + 1]) {
        idx[start[i] + c] = xn;
      }
    }
    HalValue all = Layout.flatConcat(h, List.of(x, init), d, x.isSecret() || init.isSecret());
    HalValue vals = Layout.take(h, all, idx);
    BinaryOperator<HalValue> op =
        max ? (a, b) -> Select.maximum(h, a, b) : (a, b) -> Select.minimum(h, a, b);
    return segmentTree(h, vals, start, op);
  }

  /** The lowest value of a dtype inside the comparison range (−inf saturates below it). */
  static long lowest(DType d) {
    if (d.isFixedPoint() || d.bits() >= 64) {
      return -FixedPoint.maxRing();
    }
    return -(1L << (d.bits() - 1));
  }

  /**
   * Pairwise tree over segments: segment s holds elements [start[s], start[s+1]) of the flat {@code
   * v} (every segment non-empty); each level combines pairs of neighbours in every segment with ONE
   * call of {@code op}, an odd last element is carried. Returns one value per segment.
   */
  static HalValue segmentTree(Hal h, HalValue v, int[] start, BinaryOperator<HalValue> op) {
    int segs = start.length - 1;
    int[] len = new int[segs];
    int longest = 0;
    for (int s = 0; s < segs; s++) {
      len[s] = start[s + 1] - start[s];
      longest = Math.max(longest, len[s]);
    }
    int[] st = start.clone();
    HalValue cur = v;
    while (longest > 1) {
      int pairs = 0;
      int carries = 0;
      for (int s = 0; s < segs; s++) {
        pairs += len[s] / 2;
        carries += len[s] % 2;
      }
      int[] left = new int[pairs];
      int[] right = new int[pairs];
      int[] order = new int[pairs + carries];
      int q = 0;
      int o = 0;
      int[] nst = new int[segs + 1];
      for (int s = 0; s < segs; s++) {
        nst[s] = o;
        for (int j = 0; j < len[s] / 2; j++) {
          left[q] = st[s] + 2 * j;
          right[q] = st[s] + 2 * j + 1;
          order[o++] = q++;
        }
        if (len[s] % 2 == 1) {
          order[o++] = pairs + st[s] + len[s] - 1;
        }
        len[s] = (len[s] + 1) / 2;
      }
      nst[segs] = o;
      HalValue comb = op.apply(Layout.take(h, cur, left), Layout.take(h, cur, right));
      if (carries == 0) {
        cur = comb;
      } else {
        HalValue both =
            Layout.flatConcat(
                h, List.of(comb, cur), comb.dtype(), comb.isSecret() || cur.isSecret());
        cur = Layout.take(h, both, order);
      }
      st = nst;
      longest = (longest + 1) / 2;
    }
    return cur;
  }

  /** Sums of {@code rows} consecutive runs of {@code width} elements (local). */
  static HalValue rowSums(Hal h, HalValue v, int rows, int width) {
    TensorType t = v.type().withShape(Shape.of(rows));
    if (v.isPublic()) {
      long[] x = v.publicData();
      long[] r = new long[rows];
      for (int i = 0; i < rows; i++) {
        long s = 0;
        for (int j = 0; j < width; j++) {
          s += x[i * width + j];
        }
        r[i] = s;
      }
      return HalValue.ofPublic(t, r);
    }
    Protocol pr = h.protocol();
    if (width == 0 || rows == 0) {
      return HalValue.ofSecret(t, pr.fromPublic(Share.Kind.ARITH, new long[rows]));
    }
    return HalValue.ofSecret(t, pr.matmulAP(h.arith(v), RingOps.fill(width, 1L), rows, width, 1));
  }

  // ------------------------------------------------------------------ select_and_scatter

  /**
   * @param select {@code "ge"} (first maximum) or {@code "le"} (first minimum)
   */
  public static HalValue selectAndScatter(
      Hal h, HalValue operand, HalValue source, HalValue init, WindowSpec spec, String select) {
    boolean ge =
        switch (select) {
          case "ge" -> true;
          case "le" -> false;
          default ->
              throw new IllegalArgumentException(
                  "hal.select_and_scatter: select '" + select + "' is not one of ge, le");
        };
    DType d = DType.promote(source.dtype(), init.dtype());
    HalValue src = h.cast(source, d);
    HalValue ic = h.cast(init, d);
    Plan p = Plan.of(spec, operand.shape(), true);
    if (!source.shape().equals(p.out)) {
      throw new IllegalArgumentException(
          "hal.select_and_scatter: source " + source.type() + " does not match windows " + p.out);
    }
    TensorType t = Hal.type(operand.shape(), d, Hal.vis(operand, source, init));
    int entries = p.pos.length;
    Shape flat = Shape.of(entries);
    HalValue contrib;
    if (operand.isPublic()) {
      long[] mask = firstExtremum(operand.publicData(), p, ge);
      int[] idx = new int[entries];
      for (int e = 0; e < entries; e++) {
        idx[e] = mask[e] != 0 ? p.window[e] : -1;
      }
      contrib = h.gather(src, idx, flat);
    } else {
      Share mask = oneHot(h, operand, p, ge);
      HalValue srcE = h.gather(src, p.window, flat);
      if (mask == null) {
        contrib = srcE;
      } else {
        Protocol pr = h.protocol();
        Share c =
            srcE.isSecret() ? pr.mulAA(mask, h.arith(srcE)) : pr.mulAP(mask, srcE.publicData());
        contrib = HalValue.ofSecret(Hal.type(flat, d, Visibility.SECRET), c);
      }
    }
    int q = operand.numElements();
    HalValue gathered = h.gather(contrib, p.scatter, Shape.of(q * p.maxPer));
    HalValue scattered =
        rowSums(h, gathered, q, p.maxPer).retype(contrib.type().withShape(operand.shape()));
    HalValue r = Arith.ringAdd(h, d, h.broadcastTo(ic, operand.shape()), scattered);
    if (t.isSecret() && r.isPublic()) {
      r = h.toSecret(r);
    }
    return r.retype(t);
  }

  /** Public operand: the 0/1 mask of each window's first extremum (entry order). */
  private static long[] firstExtremum(long[] x, Plan p, boolean ge) {
    long[] mask = new long[p.pos.length];
    for (int w = 0; w < p.windows; w++) {
      int best = -1;
      for (int e = p.start[w]; e < p.start[w + 1]; e++) {
        if (best < 0) {
          best = e;
          continue;
        }
        long a = x[p.pos[best]];
        long b = x[p.pos[e]];
        boolean keep = ge ? a >= b : a <= b;
        if (!keep) {
          best = e;
        }
      }
      if (best >= 0) {
        mask[best] = 1;
      }
    }
    return mask;
  }

  /**
   * Secret operand: the arithmetic 0/1 share of each window's first-extremum mask over the plan's
   * entries, or null if no window has two elements (every mask is 1).
   */
  private static Share oneHot(Hal h, HalValue operand, Plan p, boolean ge) {
    Protocol pr = h.protocol();
    int entries = p.pos.length;
    int segs = p.windows;
    // Nodes of the current level: per window nodes [ns[w], ns[w+1]); node i covers entries
    // [lo[i], hi[i]) and its value is element i of cur.
    int[] ns = p.start.clone();
    int[] lo = new int[entries];
    int[] hi = new int[entries];
    for (int e = 0; e < entries; e++) {
      lo[e] = e;
      hi[e] = e + 1;
    }
    TensorType vt = Hal.type(Shape.of(entries), operand.dtype(), Visibility.SECRET);
    Share cur = h.arith(operand).gather(p.pos);
    Share mask = null;
    int longest = 0;
    for (int w = 0; w < segs; w++) {
      longest = Math.max(longest, ns[w + 1] - ns[w]);
    }
    while (longest > 1) {
      int pairs = 0;
      int nodes = 0;
      int paired = 0; // entries under a pair
      for (int w = 0; w < segs; w++) {
        int m = ns[w + 1] - ns[w];
        pairs += m / 2;
        nodes += (m + 1) / 2;
        if (m >= 2) {
          paired += hi[ns[w] + 2 * (m / 2) - 1] - lo[ns[w]];
        }
      }
      int[] left = new int[pairs];
      int[] right = new int[pairs];
      int[] order = new int[nodes];
      int[] nlo = new int[nodes];
      int[] nhi = new int[nodes];
      int[] nns = new int[segs + 1];
      // Per entry: its pair (or −1) and side; the list of paired entries.
      int[] pairL = filled(entries, -1);
      int[] pairR = filled(entries, -1);
      int[] eIdx = new int[paired];
      int[] ePair = new int[paired];
      int[] slot = filled(entries, -1); // position of entry e in eIdx
      int q = 0;
      int o = 0;
      int u = 0;
      for (int w = 0; w < segs; w++) {
        nns[w] = o;
        int first = ns[w];
        int m = ns[w + 1] - first;
        for (int j = 0; j < m / 2; j++) {
          int a = first + 2 * j;
          int b = a + 1;
          left[q] = a;
          right[q] = b;
          for (int e = lo[a]; e < hi[a]; e++) {
            pairL[e] = q;
            slot[e] = u;
            eIdx[u] = e;
            ePair[u++] = q;
          }
          for (int e = lo[b]; e < hi[b]; e++) {
            pairR[e] = q;
            slot[e] = u;
            eIdx[u] = e;
            ePair[u++] = q;
          }
          nlo[o] = lo[a];
          nhi[o] = hi[b];
          order[o++] = q++;
        }
        if (m % 2 == 1) {
          int c = first + m - 1;
          nlo[o] = lo[c];
          nhi[o] = hi[c];
          order[o++] = pairs + c;
        }
      }
      nns[segs] = o;

      Share vl = cur.gather(left);
      Share vr = cur.gather(right);
      HalValue a = HalValue.ofSecret(vt.withShape(Shape.of(pairs)), vl);
      HalValue b = HalValue.ofSecret(vt.withShape(Shape.of(pairs)), vr);
      Share bit = h.arith(ge ? Compare.greaterEqual(h, a, b) : Compare.lessEqual(h, a, b));
      Share diff = pr.addAA(vl, pr.negA(vr));
      Share prod;
      if (mask == null) {
        prod = pr.mulAA(diff, bit);
        // First masks: b on the left side, 1 − b on the right, 1 elsewhere.
        long[] c = new long[entries];
        for (int e = 0; e < entries; e++) {
          c[e] = pairL[e] >= 0 ? 0 : 1;
        }
        mask = pr.addAP(pr.addAA(bit.gather(pairL), pr.negA(bit.gather(pairR))), c);
      } else {
        // One product for the values and the masks: [diff, m_paired] · [b, b_of_pair].
        Share z =
            pr.mulAA(Share.concat(diff, mask.gather(eIdx)), Share.concat(bit, bit.gather(ePair)));
        prod = z.gather(Indexing.range(0, pairs));
        Share mb = z.gather(Indexing.range(pairs, paired));
        // m' = m·b on the left, m − m·b on the right, m elsewhere.
        int[] fromL = filled(entries, -1);
        int[] fromR = filled(entries, -1);
        int[] keepL = filled(entries, -1);
        for (int e = 0; e < entries; e++) {
          if (pairL[e] >= 0) {
            fromL[e] = slot[e];
            keepL[e] = e;
          } else if (pairR[e] >= 0) {
            fromR[e] = slot[e];
          }
        }
        Share plus = pr.addAA(mask, mb.gather(fromL));
        Share minus = pr.addAA(mb.gather(fromR), mask.gather(keepL));
        mask = pr.addAA(plus, pr.negA(minus));
      }
      Share merged = pr.addAA(vr, prod);
      cur = nodes == pairs ? merged : Share.concat(merged, cur).gather(order);
      ns = nns;
      lo = nlo;
      hi = nhi;
      longest = (longest + 1) / 2;
    }
    return mask;
  }

  private static int[] filled(int n, int v) {
    int[] r = new int[n];
    java.util.Arrays.fill(r, v);
    return r;
  }

  // ------------------------------------------------------------------ plan

  private record Key(WindowSpec spec, Shape shape, boolean scatter) {}

  /** The public tables of one (window, operand shape). */
  static final class Plan implements TableCache.Sized {
    final Shape out;
    final int windows;
    final int k;

    /** [windows · k]: operand offset of each tap, −1 for padding or a hole. */
    final int[] taps;

    /** Window w's elements are entries [start[w], start[w+1]). */
    final int[] start;

    /** Per entry: operand offset, and its window. */
    final int[] pos;

    final int[] window;

    /** select_and_scatter: [operand size · maxPer] entries landing on each operand element. */
    final int[] scatter;

    final int maxPer;

    private Plan(
        Shape out,
        int windows,
        int k,
        int[] taps,
        int[] start,
        int[] pos,
        int[] window,
        int[] scatter,
        int maxPer) {
      this.out = out;
      this.windows = windows;
      this.k = k;
      this.taps = taps;
      this.start = start;
      this.pos = pos;
      this.window = window;
      this.scatter = scatter;
      this.maxPer = maxPer;
    }

    @Override
    public long ints() {
      return (long) taps.length + start.length + 2L * pos.length + scatter.length;
    }

    static Plan of(WindowSpec spec, Shape s, boolean scatter) {
      return TableCache.get(new Key(spec, s, scatter), () -> build(spec, s, scatter));
    }

    private static Plan build(WindowSpec spec, Shape s, boolean withScatter) {
      Shape out = spec.outputShape(s);
      int rank = s.rank();
      int[] win = spec.window();
      int[] st = spec.strides();
      int[] bd = spec.baseDilations();
      int[] wd = spec.windowDilations();
      int[] od = out.dims();
      long kl = 1;
      for (int x : win) {
        kl *= x;
      }
      long total = kl * out.numElements();
      if (total > Integer.MAX_VALUE - 8) {
        throw new UnsupportedOpException(
            "window "
                + spec
                + " over "
                + s
                + " has "
                + total
                + " taps in all (limit 2^31); use smaller tensors");
      }
      int k = (int) kl;
      int windows = out.numElements();
      int[][] tap = new int[rank][];
      int[] stride = s.strides();
      for (int d = 0; d < rank; d++) {
        tap[d] = new int[od[d] * win[d]];
        for (int o = 0; o < od[d]; o++) {
          for (int t = 0; t < win[d]; t++) {
            int c = WindowSpec.tap(o, t, s.dim(d), bd[d], spec.padLo(d), st[d], wd[d]);
            tap[d][o * win[d] + t] = c < 0 ? -1 : c * stride[d];
          }
        }
      }
      int[] taps = new int[windows * k];
      int[] start = new int[windows + 1];
      int entries = 0;
      int[] oc = new int[rank];
      int j = 0;
      for (int w = 0; w < windows; w++) {
        start[w] = entries;
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
          entries += off >= 0 ? 1 : 0;
          Conv.increment(kc, win);
        }
        Conv.increment(oc, od);
      }
      start[windows] = entries;
      int[] pos = new int[entries];
      int[] window = new int[entries];
      int e = 0;
      for (int w = 0; w < windows; w++) {
        for (int t = 0; t < k; t++) {
          int off = taps[w * k + t];
          if (off >= 0) {
            pos[e] = off;
            window[e++] = w;
          }
        }
      }
      int maxPer = 0;
      int[] scatter = new int[0];
      if (withScatter) {
        int n = s.numElements();
        int[] count = new int[n];
        for (int x : pos) {
          maxPer = Math.max(maxPer, ++count[x]);
        }
        if ((long) n * maxPer > Integer.MAX_VALUE - 8) {
          throw new UnsupportedOpException(
              "select_and_scatter " + spec + " over " + s + ": scatter table too large");
        }
        scatter = filled(n * maxPer, -1);
        java.util.Arrays.fill(count, 0);
        for (int x = 0; x < entries; x++) {
          scatter[pos[x] * maxPer + count[pos[x]]++] = x;
        }
      }
      return new Plan(out, windows, k, taps, start, pos, window, scatter, maxPer);
    }
  }
}
