package dev.spu.pphlo;

import static dev.spu.pphlo.TypeRules.*;

import java.util.function.Consumer;

/**
 * The explicit list of PPHLO ops: one line per op with its operand count and type rule. Attribute
 * names follow StableHLO. Ops needing a declared result type are marked below.
 */
final class StandardOps {
  private StandardOps() {}

  static void register(Consumer<OpDef> r) {
    // Sources. constant: attr value (dense). iota: attr iota_dimension; declared result type.
    r.accept(new OpDef("constant", 0, 0, TypeRules::constant));
    r.accept(new OpDef("iota", 0, 0, TypeRules::iota));

    // Elementwise binary arithmetic: same shape; dtype promotion; visibility narrowing.
    for (String op :
        new String[] {
          "add", "subtract", "multiply", "divide", "maximum", "minimum", "remainder", "power"
        }) {
      r.accept(new OpDef(op, 2, 2, TypeRules::elementwiseBinary));
    }
    // Bitwise / logical on integers or i1.
    for (String op : new String[] {"and", "or", "xor"}) {
      r.accept(new OpDef(op, 2, 2, TypeRules::logicalBinary));
    }
    // Shifts on integers: shift_left, shift_right_arithmetic, shift_right_logical.
    for (String op : new String[] {"shift_left", "shift_right_arithmetic", "shift_right_logical"}) {
      r.accept(new OpDef(op, 2, 2, TypeRules::shift));
    }
    // Comparisons: result i1.
    for (String op :
        new String[] {"equal", "not_equal", "greater", "greater_equal", "less", "less_equal"}) {
      r.accept(new OpDef(op, 2, 2, TypeRules::compare));
    }
    // Elementwise unary keeping the type.
    for (String op : new String[] {"negate", "abs", "sign"}) {
      r.accept(new OpDef(op, 1, 1, TypeRules::sameAsOperand));
    }
    r.accept(new OpDef("not", 1, 1, TypeRules::logicalUnary));
    // Fixed-point math: a floating-point operand, result of the same type (kernels in spu-kernels'
    // hal.math package; divide and power above also take secret fixed-point divisors/exponents).
    for (String op :
        new String[] {
          "exponential",
          "log",
          "log_plus_one",
          "reciprocal",
          "sqrt",
          "rsqrt",
          "logistic",
          "tanh",
          "erf"
        }) {
      r.accept(new OpDef(op, 1, 1, TypeRules::unaryFloat));
    }

    // select(pred: i1, on_true, on_false); clamp(min, x, max).
    r.accept(new OpDef("select", 3, 3, TypeRules::select));
    r.accept(new OpDef("clamp", 3, 3, TypeRules::clamp));
    // convert: declared result (same shape and visibility, new dtype).
    r.accept(new OpDef("convert", 1, 1, TypeRules::convert));

    // Linear algebra.
    r.accept(new OpDef("dot", 2, 2, TypeRules::dot));
    r.accept(new OpDef("dot_general", 2, 2, TypeRules::dotGeneral));

    // Layout: transpose(permutation), reshape (declared), broadcast_in_dim(broadcast_dimensions;
    // declared), slice(start_indices, limit_indices, strides), concatenate(dimension),
    // pad(x, padding_value; edge_padding_low, edge_padding_high, interior_padding).
    r.accept(new OpDef("transpose", 1, 1, TypeRules::transpose));
    r.accept(new OpDef("reshape", 1, 1, TypeRules::reshape));
    r.accept(new OpDef("broadcast_in_dim", 1, 1, TypeRules::broadcastInDim));
    r.accept(new OpDef("slice", 1, 1, TypeRules::slice));
    r.accept(new OpDef("concatenate", 1, OpDef.VARIADIC, TypeRules::concatenate));
    r.accept(new OpDef("pad", 2, 2, TypeRules::pad));

    // reduce(x, init; dimensions, kind = "add" | "max" | "min" | "mul").
    r.accept(new OpDef("reduce", 2, 2, TypeRules::reduce));

    // Windowed ops (attributes: ConvolutionSpec, WindowSpec; padding flattened [lo0, hi0, ...]).
    r.accept(new OpDef("convolution", 2, 2, WindowTypeRules::convolution));
    r.accept(new OpDef("reduce_window", 2, 2, WindowTypeRules::reduceWindow));
    r.accept(new OpDef("select_and_scatter", 3, 3, WindowTypeRules::selectAndScatter));

    // Ops of the optimizer passes (dev.spu.pphlo.passes; rules in PassOpTypeRules).
    r.accept(new OpDef("prefer_a", 1, 1, PassOpTypeRules::preferA));
    r.accept(new OpDef("epsilon", 0, 0, PassOpTypeRules::epsilon));
    r.accept(new OpDef("argmax", 2, 2, PassOpTypeRules::argmax));
    r.accept(new OpDef("maxpool_scatter", 3, 3, PassOpTypeRules::maxpoolScatter));
  }
}
