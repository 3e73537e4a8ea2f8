package dev.spu.kernels;

import dev.spu.kernels.hal.Arith;
import dev.spu.kernels.hal.Compare;
import dev.spu.kernels.hal.Conv;
import dev.spu.kernels.hal.Epsilon;
import dev.spu.kernels.hal.Hal;
import dev.spu.kernels.hal.HalValue;
import dev.spu.kernels.hal.Layout;
import dev.spu.kernels.hal.LinAlg;
import dev.spu.kernels.hal.Logic;
import dev.spu.kernels.hal.MaxPool;
import dev.spu.kernels.hal.Reduce;
import dev.spu.kernels.hal.Select;
import dev.spu.kernels.hal.Sources;
import dev.spu.kernels.hal.UnsupportedOpException;
import dev.spu.kernels.hal.Window;
import dev.spu.kernels.hal.math.MathKernels;
import dev.spu.pphlo.ConvolutionSpec;
import dev.spu.pphlo.OpRegistry;
import dev.spu.pphlo.WindowSpec;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The kernels of the PPHLO ops, in one explicit list ({@link #standard()}): one entry per op, so
 * the executor looks kernels up by name and never switches over op names. Later capabilities add
 * their lines to {@link #registerStandard}.
 */
public final class KernelRegistry {
  private static final KernelRegistry STANDARD = new Builder().addStandard().build();

  private final Map<String, Kernel> kernels;

  private KernelRegistry(Map<String, Kernel> kernels) {
    this.kernels = Collections.unmodifiableMap(new TreeMap<>(kernels));
  }

  /** The kernels of every standard op. */
  public static KernelRegistry standard() {
    return STANDARD;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The kernel of {@code op} (with or without the {@code pphlo.} prefix). */
  public Kernel get(String op) {
    Kernel k = kernels.get(OpRegistry.stripPrefix(op));
    if (k == null) {
      throw new UnsupportedOpException(
          "no kernel for 'pphlo." + OpRegistry.stripPrefix(op) + "' in this runtime");
    }
    return k;
  }

  public boolean contains(String op) {
    return kernels.containsKey(OpRegistry.stripPrefix(op));
  }

  public Set<String> names() {
    return kernels.keySet();
  }

  /** Collects kernels; an op registered twice is an error. */
  public static final class Builder {
    private final Map<String, Kernel> map = new TreeMap<>();

    public Builder add(String op, Kernel k) {
      if (map.put(op, k) != null) {
        throw new IllegalStateException("kernel registered twice: " + op);
      }
      return this;
    }

    public Builder addStandard() {
      registerStandard(this);
      return this;
    }

    public KernelRegistry build() {
      return new KernelRegistry(map);
    }

    private Builder unary(String op, BiFunction<Hal, HalValue, HalValue> f) {
      return add(op, (h, o, in) -> List.of(f.apply(h, in.get(0))));
    }

    private Builder binary(String op, Binary f) {
      return add(op, (h, o, in) -> List.of(f.apply(h, in.get(0), in.get(1))));
    }
  }

  @FunctionalInterface
  private interface Binary {
    HalValue apply(Hal h, HalValue a, HalValue b);
  }

  private static int[] ints(dev.spu.pphlo.Operation op, String attr) {
    return op.attributes().getInts(attr);
  }

  /** The explicit list: one line per op. */
  static void registerStandard(Builder r) {
    // Sources.
    r.add(
        "constant", (h, op, in) -> List.of(Sources.constant(h, op.attributes().getDense("value"))));
    r.add(
        "iota",
        (h, op, in) ->
            List.of(
                Sources.iota(
                    h,
                    op.result().type(),
                    Math.toIntExact(op.attributes().getLong("iota_dimension")))));

    // Elementwise arithmetic.
    r.binary("add", Arith::add);
    r.binary("subtract", Arith::subtract);
    r.binary("multiply", Arith::multiply);
    r.binary("divide", MathKernels::divide); // public divisor: Arith.divide
    r.binary("remainder", Arith::remainder);
    r.binary("power", MathKernels::power); // integers, public: Arith.power
    r.binary("maximum", Select::maximum);
    r.binary("minimum", Select::minimum);
    r.unary("negate", Arith::negate);
    r.unary("abs", Select::abs);
    r.unary("sign", Select::sign);

    // Fixed-point math (hal.math; public operands in double).
    r.unary("exponential", MathKernels::exp);
    r.unary("log", MathKernels::log);
    r.unary("log_plus_one", MathKernels::log1p);
    r.unary("reciprocal", MathKernels::reciprocal);
    r.unary("sqrt", MathKernels::sqrt);
    r.unary("rsqrt", MathKernels::rsqrt);
    r.unary("logistic", MathKernels::logistic);
    r.unary("tanh", MathKernels::tanh);
    r.unary("erf", MathKernels::erf);

    // Logical / bitwise and shifts.
    r.binary("and", Logic::and);
    r.binary("or", Logic::or);
    r.binary("xor", Logic::xor);
    r.unary("not", Logic::not);
    r.binary("shift_left", Logic::shiftLeft);
    r.binary("shift_right_arithmetic", Logic::shiftRightArithmetic);
    r.binary("shift_right_logical", Logic::shiftRightLogical);

    // Comparisons.
    r.binary("equal", Compare::equal);
    r.binary("not_equal", Compare::notEqual);
    r.binary("less", Compare::less);
    r.binary("less_equal", Compare::lessEqual);
    r.binary("greater", Compare::greater);
    r.binary("greater_equal", Compare::greaterEqual);

    // Choice and conversion.
    r.add("select", (h, op, in) -> List.of(Select.select(h, in.get(0), in.get(1), in.get(2))));
    r.add("clamp", (h, op, in) -> List.of(Select.clamp(h, in.get(0), in.get(1), in.get(2))));
    r.add("convert", (h, op, in) -> List.of(h.convert(in.get(0), op.result().type())));

    // Linear algebra.
    r.binary("dot", LinAlg::dot);
    r.add(
        "dot_general",
        (h, op, in) ->
            List.of(
                LinAlg.dotGeneral(
                    h,
                    in.get(0),
                    in.get(1),
                    ints(op, "lhs_batching_dimensions"),
                    ints(op, "rhs_batching_dimensions"),
                    ints(op, "lhs_contracting_dimensions"),
                    ints(op, "rhs_contracting_dimensions"))));

    // Layout.
    r.add(
        "transpose",
        (h, op, in) -> List.of(Layout.transpose(h, in.get(0), ints(op, "permutation"))));
    r.add(
        "reshape",
        (h, op, in) -> List.of(Layout.reshape(h, in.get(0), op.result().type().shape())));
    r.add(
        "broadcast_in_dim",
        (h, op, in) ->
            List.of(
                Layout.broadcastInDim(
                    h, in.get(0), op.result().type().shape(), ints(op, "broadcast_dimensions"))));
    r.add(
        "slice",
        (h, op, in) ->
            List.of(
                Layout.slice(
                    h,
                    in.get(0),
                    ints(op, "start_indices"),
                    ints(op, "limit_indices"),
                    ints(op, "strides"))));
    r.add(
        "concatenate",
        (h, op, in) ->
            List.of(
                Layout.concatenate(h, in, Math.toIntExact(op.attributes().getLong("dimension")))));
    r.add(
        "pad",
        (h, op, in) ->
            List.of(
                Layout.pad(
                    h,
                    in.get(0),
                    in.get(1),
                    ints(op, "edge_padding_low"),
                    ints(op, "edge_padding_high"),
                    ints(op, "interior_padding"))));

    // Reductions.
    r.add(
        "reduce",
        (h, op, in) ->
            List.of(
                Reduce.reduce(
                    h,
                    in.get(0),
                    in.get(1),
                    ints(op, "dimensions"),
                    op.attributes().getString("kind"))));

    // Windowed ops.
    r.add(
        "convolution",
        (h, op, in) ->
            List.of(
                Conv.convolution(h, in.get(0), in.get(1), ConvolutionSpec.parse(op.attributes()))));
    r.add(
        "reduce_window",
        (h, op, in) ->
            List.of(
                Window.reduceWindow(
                    h,
                    in.get(0),
                    in.get(1),
                    WindowSpec.parse(op.attributes(), in.get(0).shape().rank(), true),
                    op.attributes().getString("kind"))));
    r.add(
        "select_and_scatter",
        (h, op, in) ->
            List.of(
                Window.selectAndScatter(
                    h,
                    in.get(0),
                    in.get(1),
                    in.get(2),
                    WindowSpec.parse(op.attributes(), in.get(0).shape().rank(), false),
                    op.attributes().getString("select"))));

    // Ops of the optimizer passes (spu-pphlo's dev.spu.pphlo.passes).
    r.unary("prefer_a", Hal::preferA);
    r.add("epsilon", (h, op, in) -> List.of(Epsilon.of(op.result().type())));
    r.add(
        "argmax",
        (h, op, in) ->
            MaxPool.argmax(
                h,
                in.get(0),
                in.get(1),
                WindowSpec.parse(op.attributes(), in.get(0).shape().rank(), false)));
    r.add(
        "maxpool_scatter",
        (h, op, in) ->
            List.of(
                MaxPool.maxpoolScatter(
                    h,
                    in.get(0),
                    in.get(1),
                    in.get(2),
                    WindowSpec.parse(op.attributes(), op.result().type().shape().rank(), false),
                    op.result().type().shape())));
  }
}
