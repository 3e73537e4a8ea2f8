package dev.spu.tensor.testing;

import java.util.Arrays;
import org.assertj.core.api.AbstractAssert;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Assertions on a plaintext {@link INDArray} (a revealed result, or a model's output). */
public final class NdArrayAssert extends AbstractAssert<NdArrayAssert, INDArray> {
  private static final int DEFAULT_FRACTION_BITS = 18;

  NdArrayAssert(INDArray actual) {
    super(actual, NdArrayAssert.class);
  }

  /** Each element within {@code tol} (fixed-point tolerances assume 18 fraction bits). */
  public NdArrayAssert isCloseTo(double[] expected, Tolerance tol) {
    isNotNull();
    String err =
        Closeness.compare(
            "INDArray" + Arrays.toString(actual.shape()),
            dims(actual),
            expected,
            values(actual),
            tol.bound(DEFAULT_FRACTION_BITS));
    if (err != null) {
      failWithMessage("%s", err);
    }
    return this;
  }

  /** Same shape as {@code expected}, and each element within {@code tol} of it. */
  public NdArrayAssert isCloseTo(INDArray expected, Tolerance tol) {
    isNotNull();
    hasShape(dims(expected));
    return isCloseTo(values(expected), tol);
  }

  public NdArrayAssert hasShape(int... dims) {
    isNotNull();
    if (!Arrays.equals(dims(actual), dims)) {
      failWithMessage(
          "Expecting INDArray to have shape %s but it has %s",
          Arrays.toString(dims), Arrays.toString(actual.shape()));
    }
    return this;
  }

  private static int[] dims(INDArray a) {
    return Arrays.stream(a.shape()).mapToInt(Math::toIntExact).toArray();
  }

  private static double[] values(INDArray a) {
    return a.length() == 0
        ? new double[0]
        : a.castTo(DataType.DOUBLE).reshape('c', new long[] {a.length()}).toDoubleVector();
  }
}
