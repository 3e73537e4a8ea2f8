package dev.spu.kernels;

import dev.spu.kernels.hal.Hal;
import dev.spu.kernels.hal.HalValue;
import dev.spu.pphlo.Operation;
import java.util.List;

/**
 * The run-time implementation of one PPHLO op on one party: takes the op's operand values and
 * returns its result values, whose types must equal the op's result types. Kernels are stateless;
 * any communication goes through the {@link Hal}'s protocol under the op id the executor began.
 */
@FunctionalInterface
public interface Kernel {
  List<HalValue> run(Hal hal, Operation op, List<HalValue> operands);
}
