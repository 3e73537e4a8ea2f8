package dev.spu.pphlo;

import java.util.List;

/** The ops of the issue list (plus remainder, power, sign and shifts) that tests must cover. */
final class StandardOpsList {
  static final List<String> NAMES =
      List.of(
          "constant",
          "iota",
          "add",
          "subtract",
          "multiply",
          "divide",
          "remainder",
          "power",
          "negate",
          "abs",
          "sign",
          "maximum",
          "minimum",
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
          "select",
          "convert",
          "dot",
          "dot_general",
          "transpose",
          "reshape",
          "broadcast_in_dim",
          "slice",
          "concatenate",
          "pad",
          "reduce",
          "clamp");

  private StandardOpsList() {}
}
