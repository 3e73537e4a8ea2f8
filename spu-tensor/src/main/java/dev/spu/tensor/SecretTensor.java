package dev.spu.tensor;

import dev.spu.pphlo.ConvolutionSpec;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Value;
import dev.spu.pphlo.Visibility;
import dev.spu.pphlo.WindowSpec;
import dev.spu.trace.TensorOps;
import dev.spu.trace.TraceContext;
import dev.spu.trace.Tracer;
import dev.spu.trace.WindowOps;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An immutable handle on a tensor of type {@code <shape, dtype, visibility>} with a NumPy-like API.
 *
 * <p>A tensor is either <b>device-resident</b> (its value lives on the compute parties of a {@link
 * Device}, each holding only its share; this object holds a handle and the type, never shares) or
 * <b>traced</b> (a symbolic value inside a function that {@link Device#jit} is tracing). Every
 * operation goes the same path: it is recorded as PPHLO ops into a trace. Outside a trace (eager
 * mode) that trace is a small one-op function, cached by op and input signature, that the device
 * runs at once; inside a jit trace the op is simply recorded.
 *
 * <p>Elementwise binary ops broadcast by NumPy rules; dtypes promote (any fixed-point operand makes
 * the result fixed point) and visibilities narrow (any secret operand makes the result secret).
 * Java {@code double} operands become public constants of a fixed-point dtype, {@code long}
 * operands public constants of the tensor's dtype. Shape, dtype and visibility errors are thrown at
 * trace time as {@link dev.spu.pphlo.TypeException} naming the PPHLO op and the operand types.
 *
 * <p>{@link #toString()} shows the type only, never values.
 */
public final class SecretTensor {
  private final TensorType type;
  // Traced: the trace and the value in it.
  private final Tracer tracer;
  private final Value value;
  // Resident: the device and the handle on its parties.
  private final Device device;
  private final long handle;

  private SecretTensor(TensorType type, Tracer tracer, Value value, Device device, long handle) {
    this.type = type;
    this.tracer = tracer;
    this.value = value;
    this.device = device;
    this.handle = handle;
  }

  static SecretTensor traced(Tracer t, Value v) {
    return new SecretTensor(v.type(), t, v, null, -1);
  }

  static SecretTensor resident(Device d, long handle, TensorType type) {
    SecretTensor s = new SecretTensor(type, null, null, d, handle);
    d.track(s, handle);
    return s;
  }

  // ------------------------------------------------------------------ type

  public TensorType type() {
    return type;
  }

  public Shape shape() {
    return type.shape();
  }

  public DType dtype() {
    return type.dtype();
  }

  public Visibility visibility() {
    return type.visibility();
  }

  public boolean isSecret() {
    return type.isSecret();
  }

  public int rank() {
    return type.shape().rank();
  }

  public int numElements() {
    return type.numElements();
  }

  /** True inside a jit trace (a symbolic value), false for a device-resident tensor. */
  public boolean isTraced() {
    return tracer != null;
  }

  /** The device holding this tensor (null for a traced tensor). */
  public Device device() {
    return device;
  }

  long handle() {
    return handle;
  }

  /** The value of this tensor in trace {@code t}, or null if it does not belong to it. */
  Value tracedValue(Tracer t) {
    return tracer == t ? value : null;
  }

  // ------------------------------------------------------------------ dispatch

  /** Builds the op's PPHLO into a trace, given the operands' values there. */
  @FunctionalInterface
  interface Body {
    Value build(Tracer t, Value[] in);
  }

  /**
   * The one path of every op: record into the current trace, or (outside any trace) trace a small
   * function keyed by {@code key} + the operands' signature and run it on their device.
   */
  static SecretTensor apply(String key, Body body, SecretTensor... xs) {
    Tracer cur = TraceContext.current();
    if (cur != null) {
      Value[] in = new Value[xs.length];
      for (int i = 0; i < xs.length; i++) {
        in[i] = xs[i].valueIn(cur, key);
      }
      return traced(cur, body.build(cur, in));
    }
    Device d = null;
    for (SecretTensor x : xs) {
      if (x.tracer != null) {
        throw new IllegalStateException(
            "op '"
                + key
                + "': a traced "
                + x.type
                + " escaped its jit function; return it from the function instead");
      }
      if (d == null) {
        d = x.device;
      } else if (d != x.device) {
        throw new IllegalArgumentException("op '" + key + "': operands live on different devices");
      }
    }
    if (d == null) {
      throw new IllegalStateException("op '" + key + "' has no operand tensor");
    }
    return d.eager(key, body, xs);
  }

  /**
   * This tensor's value for an op recorded into {@code cur}; a tensor of an enclosing trace (used
   * inside a function being differentiated, see {@link Grad}) is captured by {@code cur}.
   */
  Value valueIn(Tracer cur, String key) {
    if (tracer == cur) {
      return value;
    }
    if (tracer != null && cur.isNestedIn(tracer)) {
      return cur.capture(value);
    }
    if (tracer != null) {
      throw new IllegalStateException(
          "op '"
              + key
              + "': a "
              + type
              + " from another trace was used (a traced tensor escaped its jit function)");
    }
    throw new IllegalStateException(
        "op '"
            + key
            + "': a device-resident "
            + type
            + " was captured inside a jit-traced function; pass it as an argument instead");
  }

  private static String key(String op, Object... params) {
    return params.length == 0 ? op : op + Arrays.deepToString(params);
  }

  private SecretTensor binary(String op, SecretTensor o) {
    return apply(op, (t, v) -> TensorOps.binary(t, op, v[0], v[1]), this, o);
  }

  private SecretTensor binaryScalar(String op, double s) {
    DType d = TensorOps.scalarDType(dtype(), s);
    return apply(
        key(op, d, s),
        (t, v) -> TensorOps.binary(t, op, v[0], TensorOps.full(t, v[0].type().shape(), d, s)),
        this);
  }

  /** Comparisons with an integral constant stay in the tensor's integer dtype (exact, cheaper). */
  private SecretTensor compareScalar(String op, double s) {
    if (!dtype().isFixedPoint() && s == Math.rint(s) && Math.abs(s) < 0x1p62) {
      return binaryScalar(op, (long) s);
    }
    return binaryScalar(op, s);
  }

  private SecretTensor binaryScalar(String op, long s) {
    DType d = TensorOps.scalarDType(dtype(), s);
    return apply(
        key(op, d, s),
        (t, v) -> TensorOps.binary(t, op, v[0], TensorOps.full(t, v[0].type().shape(), d, s)),
        this);
  }

  private SecretTensor unary(String op) {
    return apply(op, (t, v) -> TensorOps.unary(t, op, v[0]), this);
  }

  // ------------------------------------------------------------------ arithmetic

  public SecretTensor add(SecretTensor o) {
    return binary("add", o);
  }

  public SecretTensor add(double s) {
    return binaryScalar("add", s);
  }

  public SecretTensor add(long s) {
    return binaryScalar("add", s);
  }

  public SecretTensor sub(SecretTensor o) {
    return binary("subtract", o);
  }

  public SecretTensor sub(double s) {
    return binaryScalar("subtract", s);
  }

  public SecretTensor sub(long s) {
    return binaryScalar("subtract", s);
  }

  public SecretTensor mul(SecretTensor o) {
    return binary("multiply", o);
  }

  public SecretTensor mul(double s) {
    return binaryScalar("multiply", s);
  }

  public SecretTensor mul(long s) {
    return binaryScalar("multiply", s);
  }

  /** True division: integer operands are converted to fixed point first (NumPy's {@code /}). */
  public SecretTensor div(SecretTensor o) {
    return apply("divide", (t, v) -> TensorOps.divide(t, v[0], v[1]), this, o);
  }

  public SecretTensor div(double s) {
    DType d = TensorOps.floatFor(dtype());
    return apply(
        key("divide", d, s),
        (t, v) -> TensorOps.divide(t, v[0], TensorOps.full(t, v[0].type().shape(), d, s)),
        this);
  }

  public SecretTensor neg() {
    return unary("negate");
  }

  public SecretTensor abs() {
    return unary("abs");
  }

  /** Elementwise maximum (NumPy {@code maximum}). */
  public SecretTensor maximum(SecretTensor o) {
    return binary("maximum", o);
  }

  public SecretTensor maximum(double s) {
    return binaryScalar("maximum", s);
  }

  /** Elementwise minimum (NumPy {@code minimum}). */
  public SecretTensor minimum(SecretTensor o) {
    return binary("minimum", o);
  }

  public SecretTensor minimum(double s) {
    return binaryScalar("minimum", s);
  }

  /**
   * Clamps every element to {@code [lo, hi]} (public bounds); integral bounds keep an integer
   * tensor's dtype.
   */
  public SecretTensor clamp(double lo, double hi) {
    boolean integral =
        !dtype().isFixedPoint()
            && lo == Math.rint(lo)
            && hi == Math.rint(hi)
            && dtype() != DType.I1;
    DType bd = integral ? dtype() : TensorOps.floatFor(dtype());
    return apply(
        key("clamp", bd, lo, hi),
        (t, v) ->
            TensorOps.clamp(
                t,
                TensorOps.full(t, v[0].type().shape(), bd, lo),
                v[0],
                TensorOps.full(t, v[0].type().shape(), bd, hi)),
        this);
  }

  /** Clamps elementwise to {@code [lo, hi]}; the bounds broadcast. */
  public SecretTensor clamp(SecretTensor lo, SecretTensor hi) {
    return apply("clamp", (t, v) -> TensorOps.clamp(t, v[1], v[0], v[2]), this, lo, hi);
  }

  // ------------------------------------------------------------------ comparisons (i1 results)

  public SecretTensor greater(SecretTensor o) {
    return binary("greater", o);
  }

  public SecretTensor greater(double s) {
    return compareScalar("greater", s);
  }

  public SecretTensor greaterEqual(SecretTensor o) {
    return binary("greater_equal", o);
  }

  public SecretTensor greaterEqual(double s) {
    return compareScalar("greater_equal", s);
  }

  public SecretTensor less(SecretTensor o) {
    return binary("less", o);
  }

  public SecretTensor less(double s) {
    return compareScalar("less", s);
  }

  public SecretTensor lessEqual(SecretTensor o) {
    return binary("less_equal", o);
  }

  public SecretTensor lessEqual(double s) {
    return compareScalar("less_equal", s);
  }

  public SecretTensor equal(SecretTensor o) {
    return binary("equal", o);
  }

  public SecretTensor equal(long s) {
    return binaryScalar("equal", s);
  }

  public SecretTensor notEqual(SecretTensor o) {
    return binary("not_equal", o);
  }

  public SecretTensor notEqual(long s) {
    return binaryScalar("not_equal", s);
  }

  public SecretTensor equal(double s) {
    return compareScalar("equal", s);
  }

  public SecretTensor notEqual(double s) {
    return compareScalar("not_equal", s);
  }

  // ------------------------------------------------------------------ logic (i1 or integers)

  public SecretTensor and(SecretTensor o) {
    return binary("and", o);
  }

  public SecretTensor or(SecretTensor o) {
    return binary("or", o);
  }

  public SecretTensor xor(SecretTensor o) {
    return binary("xor", o);
  }

  public SecretTensor not() {
    return unary("not");
  }

  /** {@code this ? onTrue : onFalse} elementwise; this must be i1; all three broadcast. */
  public SecretTensor select(SecretTensor onTrue, SecretTensor onFalse) {
    return apply("select", (t, v) -> TensorOps.select(t, v[0], v[1], v[2]), this, onTrue, onFalse);
  }

  /**
   * A public constant of this tensor's shape filled with {@code v}, of the dtype a Java {@code
   * double} gets next to this tensor (fixed point). Only the shape is used, never the value; inside
   * a trace it is a PPHLO splat constant, so passes see it (ReLU's {@code select(x > 0, x, 0)}).
   */
  public SecretTensor fullLike(double v) {
    DType d = TensorOps.scalarDType(dtype(), v);
    return apply(
        key("full_like", d, v), (t, in) -> TensorOps.full(t, in[0].type().shape(), d, v), this);
  }

  /** {@code fullLike(0.0)}. */
  public SecretTensor zerosLike() {
    return fullLike(0.0);
  }

  /** NumPy {@code where(pred, a, b)}. */
  public static SecretTensor where(SecretTensor pred, SecretTensor a, SecretTensor b) {
    return pred.select(a, b);
  }

  // ------------------------------------------------------------------ linear algebra

  /** NumPy {@code matmul}: 1-D/2-D operands, and batched (rank ≥ 3) with broadcast batches. */
  public SecretTensor matmul(SecretTensor o) {
    return apply("matmul", (t, v) -> TensorOps.matmul(t, v[0], v[1]), this, o);
  }

  /** NumPy {@code dot} for rank ≤ 2 (equal to matmul there; a scalar operand multiplies). */
  public SecretTensor dot(SecretTensor o) {
    if (rank() == 0 || o.rank() == 0) {
      return mul(o);
    }
    if (rank() > 2 || o.rank() > 2) {
      throw TensorOps.error(
          "dot", List.of(type, o.type), "dot takes operands of rank <= 2; use matmul for batches");
    }
    return matmul(o);
  }

  // ------------------------------------------------------------------ convolution and pooling

  /**
   * 2-D convolution of this NCHW tensor with an OIHW {@code kernel}, NCHW result (one PPHLO {@code
   * convolution}; under MPC one matrix product for the whole batch).
   *
   * @param strides {sh, sw}
   * @param padding {ph, pw} (both sides) or {top, bottom, left, right}
   */
  public SecretTensor conv2d(SecretTensor kernel, int[] strides, int[] padding) {
    int[] st = strides.clone();
    int[] pad = padding.clone();
    return apply(
        key("conv2d", st, pad), (t, v) -> WindowOps.conv2d(t, v[0], v[1], st, pad), this, kernel);
  }

  /** A general convolution (StableHLO attributes: any layout, strides, padding, dilations). */
  public SecretTensor conv(SecretTensor kernel, ConvolutionSpec spec) {
    return apply(
        key("convolution", spec.toString()),
        (t, v) -> WindowOps.convolution(t, v[0], v[1], spec),
        this,
        kernel);
  }

  /**
   * Max pooling of this NCHW tensor over H and W: {@code reduce_window} max with init −inf; its
   * gradient is {@code select_and_scatter} (≥, add).
   *
   * @param window {kh, kw}
   * @param strides {sh, sw}
   * @param padding {ph, pw} or {top, bottom, left, right}
   */
  public SecretTensor maxPool2d(int[] window, int[] strides, int[] padding) {
    int[] w = window.clone();
    int[] st = strides.clone();
    int[] pad = padding.clone();
    return apply(
        key("maxPool2d", w, st, pad), (t, v) -> WindowOps.maxPool2d(t, v[0], w, st, pad), this);
  }

  /**
   * Average pooling of this NCHW tensor over H and W: {@code reduce_window} add times the public
   * 1/(kh·kw) (padding counts as zeros).
   */
  public SecretTensor avgPool2d(int[] window, int[] strides, int[] padding) {
    int[] w = window.clone();
    int[] st = strides.clone();
    int[] pad = padding.clone();
    return apply(
        key("avgPool2d", w, st, pad), (t, v) -> WindowOps.avgPool2d(t, v[0], w, st, pad), this);
  }

  /** A general {@code reduce_window} ({@code kind} add, max or min) with a scalar init tensor. */
  public SecretTensor reduceWindow(SecretTensor init, String kind, WindowSpec spec) {
    return apply(
        key("reduce_window", kind, spec.toString()),
        (t, v) -> WindowOps.reduceWindow(t, v[0], v[1], kind, spec),
        this,
        init);
  }

  /**
   * A general {@code select_and_scatter} over this operand's windows: the first element ≥ ({@code
   * select} "ge") or ≤ ("le") all others in its window receives the window's {@code source} value;
   * contributions add up on top of the scalar {@code init}.
   */
  public SecretTensor selectAndScatter(
      SecretTensor source, SecretTensor init, String select, WindowSpec spec) {
    return apply(
        key("select_and_scatter", select, spec.toString()),
        (t, v) -> WindowOps.selectAndScatter(t, v[0], v[1], v[2], select, spec),
        this,
        source,
        init);
  }

  // ------------------------------------------------------------------ layout

  /** Reverses the dimensions. */
  public SecretTensor transpose() {
    return apply("transpose", (t, v) -> TensorOps.transpose(t, v[0]), this);
  }

  public SecretTensor transpose(int... perm) {
    int[] p = perm.clone();
    return apply(key("transpose", p), (t, v) -> TensorOps.transpose(t, v[0], p), this);
  }

  /** Reshapes; one dimension may be -1. */
  public SecretTensor reshape(int... dims) {
    int[] d = dims.clone();
    return apply(key("reshape", d), (t, v) -> TensorOps.reshape(t, v[0], d), this);
  }

  /** Broadcasts to {@code dims} by NumPy rules. */
  public SecretTensor broadcastTo(int... dims) {
    Shape s = Shape.of(dims);
    return apply(key("broadcast", dims.clone()), (t, v) -> TensorOps.broadcastTo(t, v[0], s), this);
  }

  /** A strided slice; {@code strides} may be null (all ones). */
  public SecretTensor slice(int[] start, int[] limit, int[] strides) {
    int[] a = start.clone();
    int[] b = limit.clone();
    int[] c = strides == null ? null : strides.clone();
    return apply(key("slice", a, b, c), (t, v) -> TensorOps.slice(t, v[0], a, b, c), this);
  }

  /** Elements {@code [start, limit)} along {@code axis}. */
  public SecretTensor slice(int axis, int start, int limit) {
    return apply(
        key("slice_axis", axis, start, limit),
        (t, v) -> TensorOps.sliceAxis(t, v[0], axis, start, limit),
        this);
  }

  /**
   * Indexes the leading dimensions, dropping them: {@code x.get(1)} is row 1, {@code x.get(1, 2)}
   * the element (or sub-tensor) at [1, 2]. Negative indices count from the end.
   */
  public SecretTensor get(int... index) {
    int[] i = index.clone();
    return apply(key("index", i), (t, v) -> TensorOps.index(t, v[0], i), this);
  }

  /** Row {@code i} ({@code get(i)}). */
  public SecretTensor row(int i) {
    return get(i);
  }

  /** Concatenates along {@code axis}; dtypes promote, visibilities narrow. */
  public static SecretTensor concat(int axis, SecretTensor... xs) {
    if (xs.length == 0) {
      throw new IllegalArgumentException("concat needs at least one tensor");
    }
    return apply(key("concat", axis), (t, v) -> TensorOps.concat(t, axis, v), xs);
  }

  public static SecretTensor concat(int axis, List<SecretTensor> xs) {
    return concat(axis, xs.toArray(new SecretTensor[0]));
  }

  /**
   * Pads each dimension with {@code low[i]} / {@code high[i]} elements of the public {@code value}.
   */
  public SecretTensor pad(int[] low, int[] high, double value) {
    return pad(low, high, null, value);
  }

  /** Pads with edge and interior padding ({@code interior} may be null). */
  public SecretTensor pad(int[] low, int[] high, int[] interior, double value) {
    int[] a = low.clone();
    int[] b = high.clone();
    int[] c = interior == null ? null : interior.clone();
    return apply(
        key("pad", a, b, c, value), (t, v) -> TensorOps.pad(t, v[0], a, b, c, value), this);
  }

  /** Converts to {@code dtype} (a float to an integer truncates toward zero per the kernels). */
  public SecretTensor cast(DType dtype) {
    if (dtype == dtype()) {
      return this;
    }
    return apply(key("convert", dtype), (t, v) -> TensorOps.convert(t, v[0], dtype), this);
  }

  // ------------------------------------------------------------------ reductions

  /** Sum of all elements (a scalar). */
  public SecretTensor sum() {
    return sum(new int[0], false);
  }

  /** Sum over {@code axes} (dropped from the shape). */
  public SecretTensor sum(int... axes) {
    return sum(axes, false);
  }

  /** Sum over {@code axes} (all if empty), keeping them as size 1 if {@code keepDims}. */
  public SecretTensor sum(int[] axes, boolean keepDims) {
    int[] a = axes.clone();
    return apply(key("sum", a, keepDims), (t, v) -> TensorOps.sum(t, v[0], a, keepDims), this);
  }

  public SecretTensor mean() {
    return mean(new int[0], false);
  }

  public SecretTensor mean(int... axes) {
    return mean(axes, false);
  }

  /** Mean: the sum times the public constant 1/n; integer inputs give a fixed-point mean. */
  public SecretTensor mean(int[] axes, boolean keepDims) {
    int[] a = axes.clone();
    return apply(key("mean", a, keepDims), (t, v) -> TensorOps.mean(t, v[0], a, keepDims), this);
  }

  public SecretTensor max() {
    return max(new int[0], false);
  }

  public SecretTensor max(int... axes) {
    return max(axes, false);
  }

  /** Maximum over axes, as a log-depth tree of {@code maximum} ops. */
  public SecretTensor max(int[] axes, boolean keepDims) {
    int[] a = axes.clone();
    return apply(key("max", a, keepDims), (t, v) -> TensorOps.max(t, v[0], a, keepDims), this);
  }

  public SecretTensor min() {
    return min(new int[0], false);
  }

  public SecretTensor min(int... axes) {
    return min(axes, false);
  }

  public SecretTensor min(int[] axes, boolean keepDims) {
    int[] a = axes.clone();
    return apply(key("min", a, keepDims), (t, v) -> TensorOps.min(t, v[0], a, keepDims), this);
  }

  // ------------------------------------------------------------------ fixed-point math

  /*
   * Elementwise functions of secret fixed-point values (integers are converted to fixed point
   * first). Each is one PPHLO op; its kernel's domain, method and accuracy are documented in
   * spu-kernels (dev.spu.kernels.hal.math.MathKernels): within 1e-4 + 1e-3·|exact| on the documented
   * domains at f = 18, with documented saturation outside. Public operands are computed in double.
   */

  private SecretTensor math(String op) {
    return apply(op, (t, v) -> MathOps.unary(t, op, v[0]), this);
  }

  /** e^x (exp2 split; saturates below −12.48 to ≈ 0 and above 18.02). */
  public SecretTensor exp() {
    return math("exponential");
  }

  /** Natural log (x ≤ 0 is treated as the smallest positive value 2^−f). */
  public SecretTensor log() {
    return math("log");
  }

  /** log(1 + x), for x &gt; −1. */
  public SecretTensor log1p() {
    return math("log_plus_one");
  }

  /** 1/x (x = 0 gives 2^f). */
  public SecretTensor reciprocal() {
    return math("reciprocal");
  }

  /** Square root (negative x gives 0). */
  public SecretTensor sqrt() {
    return math("sqrt");
  }

  /** 1/sqrt(x) (x ≤ 0 is treated as 2^−f). */
  public SecretTensor rsqrt() {
    return math("rsqrt");
  }

  /** The logistic function 1/(1 + e^−x). */
  public SecretTensor sigmoid() {
    return math("logistic");
  }

  public SecretTensor tanh() {
    return math("tanh");
  }

  /** The Gauss error function. */
  public SecretTensor erf() {
    return math("erf");
  }

  /** −1, 0 or 1 (same dtype). */
  public SecretTensor sign() {
    return unary("sign");
  }

  /**
   * this^e elementwise with broadcasting (public or secret exponent): integral public exponents by
   * square-and-multiply (of the reciprocal if negative), otherwise exp(e·log(this)) for a positive
   * base.
   */
  public SecretTensor pow(SecretTensor e) {
    return apply("power", (t, v) -> MathOps.pow(t, v[0], v[1]), this, e);
  }

  /** this^e for a public constant e (integral e on a fixed-point base: square-and-multiply). */
  public SecretTensor pow(double e) {
    DType d = TensorOps.floatFor(dtype());
    return apply(
        key("power", d, e),
        (t, v) -> MathOps.pow(t, v[0], TensorOps.full(t, v[0].type().shape(), d, e)),
        this);
  }

  /** softmax along {@code axis}: exp(x − max) / Σ exp(x − max). */
  public SecretTensor softmax(int axis) {
    return apply(key("softmax", axis), (t, v) -> MathOps.softmax(t, v[0], axis), this);
  }

  /** log of {@link #softmax} along {@code axis}: (x − max) − log Σ exp(x − max). */
  public SecretTensor logSoftmax(int axis) {
    return apply(key("log_softmax", axis), (t, v) -> MathOps.logSoftmax(t, v[0], axis), this);
  }

  /**
   * The index (i64) of the first maximum along {@code axis}, dropped from the shape (NumPy {@code
   * argmax}); a log-depth tree of comparisons and selects. Not the PPHLO {@code argmax} op (the
   * max-pooling window op).
   */
  public SecretTensor argmax(int axis) {
    return argmax(axis, false);
  }

  public SecretTensor argmax(int axis, boolean keepDims) {
    return apply(
        key("argmax_axis", axis, keepDims),
        (t, v) -> MathOps.argExtremum(t, v[0], axis, keepDims, true),
        this);
  }

  /** The index (i64) of the first minimum along {@code axis}. */
  public SecretTensor argmin(int axis) {
    return argmin(axis, false);
  }

  public SecretTensor argmin(int axis, boolean keepDims) {
    return apply(
        key("argmin_axis", axis, keepDims),
        (t, v) -> MathOps.argExtremum(t, v[0], axis, keepDims, false),
        this);
  }

  // ------------------------------------------------------------------ output

  /** Opens the value to every compute party and returns it to the caller. */
  public INDArray reveal() {
    return requireDevice("reveal").reveal(this);
  }

  /**
   * Delivers the value only to the named reader (outside the compute parties; the parties learn
   * nothing) and returns it on the reader's side.
   */
  public INDArray revealTo(String reader) {
    return requireDevice("revealTo").revealTo(this, reader);
  }

  /**
   * {@link #revealTo} as row-major doubles (decoded fixed point, or integers), without going
   * through ND4J.
   */
  public double[] revealDoublesTo(String reader) {
    return requireDevice("revealTo").revealDoublesTo(this, reader);
  }

  /** {@link #reveal()} as row-major doubles (decoded fixed point, or integers). */
  public double[] revealDoubles() {
    return requireDevice("reveal").revealDoubles(this);
  }

  private Device requireDevice(String what) {
    if (tracer != null) {
      throw new IllegalStateException(
          what + " of a traced " + type + ": values exist only when the jit function runs");
    }
    return device;
  }

  @Override
  public String toString() {
    return "SecretTensor(" + type + (tracer != null ? ", traced" : "") + ")";
  }
}
