package dev.spu.trace;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one table of VJP rules, keyed by PPHLO op name, filled by one explicit list below (one line
 * per op). Type rules live in spu-pphlo's {@code OpRegistry} and kernels in spu-kernels'; a new op
 * adds its gradient here. An op absent from the table cannot be differentiated through ({@link
 * Autodiff} names it in its error); {@link VjpRule#NONE} marks ops that contribute no gradient.
 */
public final class VjpRegistry {
  private static final Map<String, VjpRule> RULES = new TreeMap<>();

  static {
    register();
  }

  private VjpRegistry() {}

  private static void register() {
    // No gradient: sources, comparisons, logic and shifts (integer/i1 results), sign (flat).
    for (String op :
        new String[] {
          "constant",
          "iota",
          "equal",
          "not_equal",
          "greater",
          "greater_equal",
          "less",
          "less_equal",
          "and",
          "or",
          "xor",
          "not",
          "shift_left",
          "shift_right_arithmetic",
          "shift_right_logical",
          "sign"
        }) {
      put(op, VjpRule.NONE);
    }
    // Elementwise.
    put("add", ElementwiseVjps::add);
    put("subtract", ElementwiseVjps::subtract);
    put("multiply", ElementwiseVjps::multiply);
    put("divide", ElementwiseVjps::divide);
    put("remainder", ElementwiseVjps::remainder);
    put("power", ElementwiseVjps::power);
    put("negate", ElementwiseVjps::negate);
    put("abs", ElementwiseVjps::abs);
    put("maximum", ElementwiseVjps::maximum);
    put("minimum", ElementwiseVjps::minimum);
    put("select", ElementwiseVjps::select);
    put("clamp", ElementwiseVjps::clamp);
    put("convert", ElementwiseVjps::convert);
    // Fixed-point math.
    put("exponential", MathVjps::exponential);
    put("log", MathVjps::log);
    put("log_plus_one", MathVjps::logPlusOne);
    put("reciprocal", MathVjps::reciprocal);
    put("sqrt", MathVjps::sqrt);
    put("rsqrt", MathVjps::rsqrt);
    put("logistic", MathVjps::logistic);
    put("tanh", MathVjps::tanh);
    put("erf", MathVjps::erf);
    // Linear algebra.
    put("dot", LinalgVjps::dot);
    put("dot_general", LinalgVjps::dotGeneral);
    // Layout.
    put("transpose", LayoutVjps::transpose);
    put("reshape", LayoutVjps::reshape);
    put("broadcast_in_dim", LayoutVjps::broadcastInDim);
    put("slice", LayoutVjps::slice);
    put("concatenate", LayoutVjps::concatenate);
    put("pad", LayoutVjps::pad);
    // Reductions.
    put("reduce", ReduceVjps::reduce);
    // Windowed ops (select_and_scatter has no rule: no second derivatives through max pooling).
    put("convolution", WindowVjps::convolution);
    put("reduce_window", WindowVjps::reduceWindow);
  }

  private static void put(String op, VjpRule rule) {
    if (RULES.put(op, rule) != null) {
      throw new IllegalStateException("VJP rule registered twice: " + op);
    }
  }

  /** The rule for {@code op} (short name, without {@code pphlo.}), or null if it has none. */
  public static VjpRule get(String op) {
    return RULES.get(op);
  }

  public static boolean has(String op) {
    return RULES.containsKey(op);
  }

  /** The ops with a rule (including those marked {@link VjpRule#NONE}). */
  public static Set<String> ops() {
    return Collections.unmodifiableSet(RULES.keySet());
  }
}
