package dev.spu.trace;

import dev.spu.pphlo.Value;

/**
 * VJP rules of the fixed-point math ops. Each reuses the forward result {@code y} where the
 * derivative is a function of it (exp, reciprocal, rsqrt, logistic, tanh), so the backward pass
 * costs products, not another evaluation of the function; log and sqrt divide once.
 */
final class MathVjps {
  private MathVjps() {}

  /** y = e^x: dx = g·y. */
  static Value[] exponential(VjpContext c) {
    return new Value[] {c.op("multiply", c.ct(), c.result())};
  }

  /** y = log x: dx = g / x. */
  static Value[] log(VjpContext c) {
    return new Value[] {c.op("divide", c.ct(), c.operand(0))};
  }

  /** y = log(1 + x): dx = g / (1 + x). */
  static Value[] logPlusOne(VjpContext c) {
    Value x = c.operand(0);
    Value one = TensorOps.full(c.tracer(), x.type().shape(), x.type().dtype(), 1.0);
    return new Value[] {c.op("divide", c.ct(), c.op("add", x, one))};
  }

  /** y = 1/x: dx = −g·y². */
  static Value[] reciprocal(VjpContext c) {
    Value y = c.result();
    return new Value[] {c.op("negate", c.op("multiply", c.ct(), c.op("multiply", y, y)))};
  }

  /** y = sqrt x: dx = g / (2y) (y + y: no constant product). */
  static Value[] sqrt(VjpContext c) {
    Value y = c.result();
    return new Value[] {c.op("divide", c.ct(), c.op("add", y, y))};
  }

  /** y = x^(−1/2): dx = −g·y³/2. */
  static Value[] rsqrt(VjpContext c) {
    Value y = c.result();
    Value half = TensorOps.full(c.tracer(), y.type().shape(), y.type().dtype(), -0.5);
    Value y3 = c.op("multiply", y, c.op("multiply", y, y));
    return new Value[] {c.op("multiply", c.op("multiply", c.ct(), y3), half)};
  }

  /** y = 1/(1 + e^−x): dx = g·y·(1 − y). */
  static Value[] logistic(VjpContext c) {
    Value y = c.result();
    Value one = TensorOps.full(c.tracer(), y.type().shape(), y.type().dtype(), 1.0);
    return new Value[] {c.op("multiply", c.ct(), c.op("multiply", y, c.op("subtract", one, y)))};
  }

  /** y = tanh x: dx = g·(1 − y²). */
  static Value[] tanh(VjpContext c) {
    Value y = c.result();
    Value one = TensorOps.full(c.tracer(), y.type().shape(), y.type().dtype(), 1.0);
    return new Value[] {c.op("multiply", c.ct(), c.op("subtract", one, c.op("multiply", y, y)))};
  }

  /** y = erf x: dx = g·(2/√π)·e^(−x²). */
  static Value[] erf(VjpContext c) {
    Value x = c.operand(0);
    Value k =
        TensorOps.full(c.tracer(), x.type().shape(), x.type().dtype(), 2 / Math.sqrt(Math.PI));
    Value e = c.op("exponential", c.op("negate", c.op("multiply", x, x)));
    return new Value[] {c.op("multiply", c.ct(), c.op("multiply", e, k))};
  }
}
