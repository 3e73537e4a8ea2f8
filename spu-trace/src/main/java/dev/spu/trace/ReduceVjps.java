package dev.spu.trace;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TypeException;
import dev.spu.pphlo.Value;

/** VJP rule of {@code reduce} (kinds add, max, min). */
final class ReduceVjps {
  private ReduceVjps() {}

  static Value[] reduce(VjpContext c) {
    String kind = c.attrs().getString("kind");
    return switch (kind) {
      case "add" -> add(c);
      case "max", "min" -> extremum(c);
      default ->
          throw new TypeException(
              "'pphlo.reduce' with operands "
                  + c.op().operandTypes()
                  + ": no gradient for kind '"
                  + kind
                  + "' (differentiable kinds: add, max, min)");
    };
  }

  /** Sum: the cotangent broadcast back over the reduced dimensions; the init value gets its sum. */
  private static Value[] add(VjpContext c) {
    Value g = c.ct();
    Value gx = c.needs(0) ? spread(c, g, c.operand(0).type().shape()) : null;
    Value gi = c.needs(1) ? c.sumToScalar(g) : null;
    return new Value[] {gx, gi};
  }

  /**
   * Max/min: the cotangent goes to the positions equal to the result. Ties split it evenly (as JAX
   * and TensorFlow), which costs one equality and one division per output element; the init value
   * gets no gradient (it is the reduction's identity).
   */
  private static Value[] extremum(VjpContext c) {
    Value x = c.operand(0);
    Shape s = x.type().shape();
    Value hit = c.op("equal", x, spread(c, c.result(), s));
    Value mask = TensorOps.convert(c.tracer(), hit, x.type().dtype());
    int[] dims = reduced(c);
    Value count = dims.length == 0 ? mask : TensorOps.sum(c.tracer(), mask, dims, false);
    Value share = c.op("divide", c.ct(), count);
    return new Value[] {c.op("multiply", mask, spread(c, share, s)), null};
  }

  private static int[] reduced(VjpContext c) {
    return c.attrs().getInts("dimensions");
  }

  /** Broadcasts a reduced-shape value back to the operand shape {@code s}. */
  private static Value spread(VjpContext c, Value g, Shape s) {
    int[] dims = c.attrs().getInts("dimensions");
    boolean[] gone = new boolean[s.rank()];
    for (int d : dims) {
      gone[d] = true;
    }
    int[] kept = new int[s.rank() - dims.length];
    int j = 0;
    for (int d = 0; d < s.rank(); d++) {
      if (!gone[d]) {
        kept[j++] = d;
      }
    }
    if (g.type().shape().equals(s)) {
      return g;
    }
    return c.op(
        "broadcast_in_dim", Attributes.of("broadcast_dimensions", kept), g.type().withShape(s), g);
  }
}
