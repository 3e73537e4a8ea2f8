package dev.spu.kernels.hal.math;

import dev.spu.kernels.hal.Arith;
import dev.spu.kernels.hal.FixedPoint;
import dev.spu.kernels.hal.Hal;
import dev.spu.kernels.hal.HalValue;
import dev.spu.kernels.hal.UnsupportedOpException;
import dev.spu.mpc.Share;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Visibility;
import java.util.function.BiFunction;
import java.util.function.DoubleUnaryOperator;

/**
 * The kernels of the fixed-point math ops. Public operands are computed in double and re-encoded (a
 * result that is not a finite encodable number — log of 0, sqrt of a negative — is an error naming
 * the element, never its value). Secret operands use the approximations of this package on whole
 * tensors: every interactive step is one protocol call for all elements.
 *
 * <p>Domains, accuracy and cost at FM64 with f = 18. Target: |got − exact| ≤ 1e-4 + 1e-3·|exact|,
 * exact = f(decode(encode(x))); "err/tol" is the largest |got − exact| / tolerance measured on
 * 10,000 secret points of the domain under ABY3 ({@code spu accuracy}; one ulp is 0.038 of the
 * tolerance near 0); rounds under ABY3 / SEMI2K with 2 parties:
 *
 * <table>
 *   <caption>Secret fixed-point math</caption>
 *   <tr><th>op</th><th>method</th><th>accurate on</th><th>outside</th><th>err/tol</th>
 *       <th>rounds</th></tr>
 *   <tr><td>exponential</td><td>exp2 split</td><td>[−16, 18]</td><td>x &gt; 18.02: exp(18.02);
 *       x &lt; −12.48: ≈ 2^−18</td><td>0.037</td><td>33 / 27</td></tr>
 *   <tr><td>log</td><td>normalise, degree-8 polynomial</td><td>[2^−16, 2^16] (any x &gt; 0)</td>
 *       <td>x ≤ 0: log(2^−18)</td><td>0.031</td><td>34 / 23</td></tr>
 *   <tr><td>log_plus_one</td><td>log(1 + x)</td><td>[−0.99, 2^16]</td><td>as log</td>
 *       <td>0.032</td><td>34 / 23</td></tr>
 *   <tr><td>reciprocal</td><td>normalise, Goldschmidt</td><td>|x| ∈ [2^−16, 2^16]</td>
 *       <td>|x| ≥ 2^23: 0; x = 0: 2^18</td><td>0.038</td><td>38 / 26</td></tr>
 *   <tr><td>divide (secret divisor)</td><td>normalise, Goldschmidt, exact a·2^−k</td><td>|a| ≤
 *       2^10, |b| ∈ [2^−16, 2^16]</td><td>|b| ≥ 2^17 or b = 0: 0; needs |a/b| &lt; 2^26</td>
 *       <td>0.063</td><td>38 / 26</td></tr>
 *   <tr><td>sqrt</td><td>normalise, degree-12 polynomial</td><td>[0, 2^16] (x &lt; 2^43)</td>
 *       <td>x &lt; 0: 0</td><td>0.034</td><td>40 / 27</td></tr>
 *   <tr><td>rsqrt</td><td>normalise, degree-12 polynomial</td><td>[2^−18, 2^16]</td><td>x ≤ 0:
 *       2^9; x ≥ 2^38: 0</td><td>0.035</td><td>40 / 27</td></tr>
 *   <tr><td>logistic</td><td>1/(1 + exp(−|x|)) and symmetry</td><td>all x</td><td>—</td>
 *       <td>0.037</td><td>46 / 36</td></tr>
 *   <tr><td>tanh</td><td>2·sigmoid(2|x|) − 1 and symmetry</td><td>all x</td><td>—</td>
 *       <td>0.031</td><td>46 / 36</td></tr>
 *   <tr><td>erf</td><td>Abramowitz–Stegun 7.1.26</td><td>all x</td><td>—</td><td>0.027</td>
 *       <td>63 / 47</td></tr>
 *   <tr><td>power</td><td>exp(y·log x); integral public y: square-and-multiply (of 1/x if y
 *       &lt; 0)</td><td>x ∈ [1/128, 128], y ∈ [−3, 3] (x &gt; 0)</td><td>x ≤ 0 with fractional
 *       y: as log</td><td>0.037</td><td>69 / 51</td></tr>
 * </table>
 *
 * <p>Other f: the same code scales its windows with f; the domains above shrink or grow accordingly
 * (e.g. f = 20: divide needs |b| &lt; 2^15; f ≥ 24: exp saturates below 18).
 *
 * <p>See the spu-kernels README for measured errors and costs.
 */
public final class MathKernels {
  /** Fraction bits of log's result inside power. */
  static final int LOG_BITS = 28;

  private MathKernels() {}

  public static HalValue exp(Hal h, HalValue x) {
    return unary(
        h,
        x,
        "exponential",
        Math::exp,
        "a result below 2^(62-f)",
        (fx, s) ->
            h.math().exp() == MathOptions.Exp.LIMIT
                ? ExpLog.expLimit(fx, s, h.fracBits(), 8)
                : ExpLog.exp(fx, s, h.fracBits(), h.fracBits()));
  }

  public static HalValue log(Hal h, HalValue x) {
    return unary(
        h,
        x,
        "log",
        Math::log,
        "x > 0",
        (fx, s) -> ExpLog.logCore(fx, s, h.fracBits(), h.fracBits()));
  }

  public static HalValue log1p(Hal h, HalValue x) {
    int f = h.fracBits();
    return unary(
        h,
        x,
        "log_plus_one",
        Math::log1p,
        "x > -1",
        (fx, s) -> ExpLog.logCore(fx, fx.addC(s, 1L << f), f, f));
  }

  public static HalValue reciprocal(Hal h, HalValue x) {
    return unary(
        h, x, "reciprocal", v -> 1 / v, "x != 0", (fx, s) -> Recip.reciprocal(fx, s, h.fracBits()));
  }

  public static HalValue sqrt(Hal h, HalValue x) {
    return unary(
        h, x, "sqrt", Math::sqrt, "x >= 0", (fx, s) -> Roots.root(fx, s, h.fracBits(), false));
  }

  public static HalValue rsqrt(Hal h, HalValue x) {
    return unary(
        h,
        x,
        "rsqrt",
        v -> 1 / Math.sqrt(v),
        "x > 0",
        (fx, s) -> Roots.root(fx, s, h.fracBits(), true));
  }

  public static HalValue logistic(Hal h, HalValue x) {
    return unary(
        h,
        x,
        "logistic",
        v -> 1 / (1 + Math.exp(-v)),
        "any x",
        (fx, s) ->
            h.math().sigmoid() == MathOptions.Sigmoid.LINEAR
                ? Sigmoid.sigmoidLinear(fx, s, h.fracBits())
                : Sigmoid.sigmoid(fx, s, h.fracBits()));
  }

  public static HalValue tanh(Hal h, HalValue x) {
    return unary(h, x, "tanh", Math::tanh, "any x", (fx, s) -> Sigmoid.tanh(fx, s, h.fracBits()));
  }

  public static HalValue erf(Hal h, HalValue x) {
    return unary(h, x, "erf", Erf::erf, "any x", (fx, s) -> Sigmoid.erf(fx, s, h.fracBits()));
  }

  /**
   * divide: a public divisor is the existing exact path ({@link Arith#divide}); a secret
   * fixed-point divisor goes through {@link Recip#divide}; a secret integer divisor is unsupported.
   */
  public static HalValue divide(Hal h, HalValue a, HalValue b) {
    if (b.isPublic()) {
      return Arith.divide(h, a, b);
    }
    requireSameShape("divide", a, b);
    DType d = DType.promote(a.dtype(), b.dtype());
    if (!d.isFixedPoint()) {
      throw new UnsupportedOpException(
          "'pphlo.divide' of "
              + a.type()
              + " by the secret integer "
              + b.type()
              + ": secret integer division is not supported; convert both to a floating type"
              + " first");
    }
    HalValue x = h.cast(a, d);
    Share y = h.cast(b, d).share();
    Fx fx = new Fx(h.protocol());
    Share q =
        x.isSecret()
            ? Recip.divide(fx, x.share(), null, y, h.fracBits())
            : Recip.divide(fx, null, x.publicData(), y, h.fracBits());
    return HalValue.ofSecret(new TensorType(a.shape(), d, Visibility.SECRET), q);
  }

  /**
   * power(x, y) with a fixed-point result and a secret operand: integral public exponents by
   * square-and-multiply ({@link Arith#power}), of the reciprocal where y &lt; 0; otherwise
   * exp(y·log x) (x &gt; 0; public and secret y alike). Integers and public ⊗ public: {@link
   * Arith#power}.
   */
  public static HalValue power(Hal h, HalValue a, HalValue b) {
    requireSameShape("power", a, b);
    DType d = DType.promote(a.dtype(), b.dtype());
    if (!d.isFixedPoint() || (a.isPublic() && b.isPublic())) {
      return Arith.power(h, a, b);
    }
    int f = h.fracBits();
    TensorType t = new TensorType(a.shape(), d, Visibility.SECRET);
    HalValue x = h.cast(a, d);
    HalValue y = h.cast(b, d);
    Fx fx = new Fx(h.protocol());
    if (y.isPublic() && x.isSecret()) {
      long[] e = integralExponents(y.publicData(), f);
      if (e != null) {
        return integralPower(h, fx, x, e).retype(t);
      }
    }
    // exp(y · log x): log x at 28 bits, times y (f bits), back to 28 bits.
    Share z;
    if (x.isPublic()) {
      z = fx.p.mulAP(y.share(), publicLog(x, f));
    } else if (y.isPublic()) {
      z = fx.p.mulAP(ExpLog.logCore(fx, x.share(), f, LOG_BITS), y.publicData());
    } else {
      z = fx.mul(ExpLog.logCore(fx, x.share(), f, LOG_BITS), y.share());
    }
    return HalValue.ofSecret(t, ExpLog.exp(fx, fx.trunc(z, f), LOG_BITS, f));
  }

  /** log of a public base at 28 bits; the base must be positive. */
  private static long[] publicLog(HalValue x, int f) {
    double[] xs = FixedPoint.decode(x.publicData(), f);
    long[] l = new long[xs.length];
    for (int i = 0; i < xs.length; i++) {
      if (!(xs[i] > 0)) {
        throw new IllegalArgumentException(
            "'pphlo.power': element "
                + i
                + " of the public base "
                + x.type()
                + " is not positive; a secret exponent needs log(base)");
      }
      l[i] = Fx.enc(Math.log(xs[i]), LOG_BITS);
    }
    return l;
  }

  /** The exponents as integers if all are integral, else null. */
  private static long[] integralExponents(long[] y, int f) {
    long[] e = new long[y.length];
    long mask = (1L << f) - 1;
    for (int i = 0; i < y.length; i++) {
      if ((y[i] & mask) != 0) {
        return null;
      }
      e[i] = y[i] >> f;
    }
    return e;
  }

  /** x^e for integral public e: square-and-multiply of x, or of 1/x where e &lt; 0. */
  private static HalValue integralPower(Hal h, Fx fx, HalValue x, long[] e) {
    int n = e.length;
    boolean anyNegative = false;
    long[] abs = new long[n];
    for (int i = 0; i < n; i++) {
      anyNegative |= e[i] < 0;
      abs[i] = Math.abs(e[i]);
    }
    HalValue base = x;
    if (anyNegative) {
      Share inv = Recip.reciprocal(fx, x.share(), h.fracBits());
      int[] pick = new int[n];
      for (int i = 0; i < n; i++) {
        pick[i] = e[i] < 0 ? n + i : i;
      }
      base = HalValue.ofSecret(x.type(), Share.concat(x.share(), inv).gather(pick));
    }
    HalValue ex = HalValue.ofPublic(new TensorType(x.shape(), DType.I64, Visibility.PUBLIC), abs);
    return Arith.power(h, base, ex);
  }

  // ---------------------------------------------------------------- plumbing

  private static void requireSameShape(String op, HalValue a, HalValue b) {
    if (!a.shape().equals(b.shape())) {
      throw new IllegalArgumentException(
          "'pphlo." + op + "': operands of different shapes " + a.type() + " and " + b.type());
    }
  }

  private static HalValue unary(
      Hal h,
      HalValue x,
      String op,
      DoubleUnaryOperator plain,
      String domain,
      BiFunction<Fx, Share, Share> secret) {
    if (!x.dtype().isFixedPoint()) {
      throw new IllegalArgumentException(
          "'pphlo." + op + "': expected a fixed-point operand, got " + x.type());
    }
    int f = h.fracBits();
    if (x.isPublic()) {
      long[] in = x.publicData();
      long[] out = new long[in.length];
      double bound = 0x1p62;
      for (int i = 0; i < in.length; i++) {
        double s = Math.rint(Math.scalb(plain.applyAsDouble(FixedPoint.decode(in[i], f)), f));
        if (!(Math.abs(s) < bound)) {
          throw new IllegalArgumentException(
              "'pphlo."
                  + op
                  + "': element "
                  + i
                  + " of the public operand "
                  + x.type()
                  + " is outside the domain ("
                  + domain
                  + ") or its result is not encodable with "
                  + f
                  + " fraction bits");
        }
        out[i] = (long) s;
      }
      return HalValue.ofPublic(x.type(), out);
    }
    return HalValue.ofSecret(x.type(), secret.apply(new Fx(h.protocol()), x.share()));
  }
}
