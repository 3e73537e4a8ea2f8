package dev.spu.kernels.hal;

import dev.spu.mpc.Share;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * {@code reduce(x, init; dimensions, kind)}. The kept dimensions are moved to the front so every
 * output element reduces one contiguous row. add: a local sum ({@code matmulAP} with a ones vector
 * on shares). mul, max, min: a log-depth tree of pairwise ops (each level one batched compare +
 * select, or one product, for all rows at once). i1 operands: add and max are or, mul and min are
 * and. The init value is combined last.
 */
public final class Reduce {
  private Reduce() {}

  public static HalValue reduce(Hal h, HalValue x, HalValue init, int[] dims, String kind) {
    DType d = DType.promote(x.dtype(), init.dtype());
    HalValue xc = h.cast(x, d);
    HalValue ic = h.cast(init, d);
    Shape s = x.shape();
    boolean[] reduced = new boolean[s.rank()];
    for (int dim : dims) {
      reduced[dim] = true;
    }
    List<Integer> perm = new ArrayList<>();
    List<Integer> kept = new ArrayList<>();
    int outer = 1;
    int inner = 1;
    for (int i = 0; i < s.rank(); i++) {
      if (!reduced[i]) {
        perm.add(i);
        kept.add(s.dim(i));
        outer *= s.dim(i);
      }
    }
    for (int dim : dims) {
      perm.add(dim);
      inner *= s.dim(dim);
    }
    Shape outShape = Shape.of(kept.stream().mapToInt(Integer::intValue).toArray());
    HalValue rows = Layout.transpose(h, xc, perm.stream().mapToInt(Integer::intValue).toArray());
    HalValue initB = h.broadcastTo(ic, Shape.of(outer));
    BinaryOperator<HalValue> op = combiner(h, kind, d);
    HalValue acc;
    if (inner == 0) {
      acc = initB;
    } else if (kind.equals("add") && d != DType.I1) {
      acc = op.apply(sumRows(h, rows, outer, inner), initB);
    } else {
      acc = op.apply(tree(h, rows, outer, inner, op), initB);
    }
    if (acc.isPublic() && (x.isSecret() || init.isSecret())) {
      acc = h.toSecret(acc);
    }
    return acc.retype(acc.type().withShape(outShape));
  }

  static BinaryOperator<HalValue> combiner(Hal h, String kind, DType d) {
    boolean bool = d == DType.I1;
    return switch (kind) {
      case "add" -> bool ? (a, b) -> Logic.or(h, a, b) : (a, b) -> Arith.add(h, a, b);
      case "max" -> bool ? (a, b) -> Logic.or(h, a, b) : (a, b) -> Select.maximum(h, a, b);
      case "mul" -> bool ? (a, b) -> Logic.and(h, a, b) : (a, b) -> Arith.multiply(h, a, b);
      case "min" -> bool ? (a, b) -> Logic.and(h, a, b) : (a, b) -> Select.minimum(h, a, b);
      default ->
          throw new IllegalArgumentException(
              "hal.reduce: kind '" + kind + "' is not one of add, mul, max, min");
    };
  }

  /** Row sums of an outer×inner value (local). */
  private static HalValue sumRows(Hal h, HalValue rows, int outer, int inner) {
    Shape out = Shape.of(outer);
    if (rows.isPublic()) {
      long[] x = rows.publicData();
      long[] r = new long[outer];
      for (int o = 0; o < outer; o++) {
        long sum = 0;
        for (int i = 0; i < inner; i++) {
          sum += x[o * inner + i];
        }
        r[o] = sum;
      }
      return HalValue.ofPublic(rows.type().withShape(out), r);
    }
    Share sum = h.protocol().matmulAP(h.arith(rows), RingOps.fill(inner, 1L), outer, inner, 1);
    return HalValue.ofSecret(rows.type().withShape(out), sum);
  }

  /** Pairwise tree over each row: ⌈log2 inner⌉ levels, each one op on all rows at once. */
  private static HalValue tree(
      Hal h, HalValue rows, int outer, int inner, BinaryOperator<HalValue> op) {
    HalValue cur = Layout.take(h, rows, Indexing.range(0, outer * inner));
    int w = inner;
    while (w > 1) {
      int half = w / 2;
      int[] left = new int[outer * half];
      int[] right = new int[outer * half];
      for (int o = 0; o < outer; o++) {
        for (int j = 0; j < half; j++) {
          left[o * half + j] = o * w + 2 * j;
          right[o * half + j] = o * w + 2 * j + 1;
        }
      }
      HalValue comb = op.apply(Layout.take(h, cur, left), Layout.take(h, cur, right));
      if (w % 2 == 0) {
        cur = comb;
        w = half;
        continue;
      }
      // Odd width: carry the last element of each row to the next level.
      int[] last = new int[outer];
      for (int o = 0; o < outer; o++) {
        last[o] = o * w + w - 1;
      }
      HalValue carried = Layout.take(h, cur, last);
      HalValue both =
          Layout.flatConcat(
              h, List.of(comb, carried), comb.dtype(), comb.isSecret() || carried.isSecret());
      int nw = half + 1;
      int[] idx = new int[outer * nw];
      for (int o = 0; o < outer; o++) {
        for (int j = 0; j < half; j++) {
          idx[o * nw + j] = o * half + j;
        }
        idx[o * nw + half] = outer * half + o;
      }
      cur = Layout.take(h, both, idx);
      w = nw;
    }
    return cur;
  }
}
