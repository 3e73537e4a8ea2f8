package dev.spu.tensor.testing;

import dev.spu.tensor.Device;
import dev.spu.tensor.SecretTensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * AssertJ entry points for tensors, devices and INDArrays, and the tolerances they take. Import
 * statically next to AssertJ's own {@code Assertions.assertThat}; overloads pick the right one.
 *
 * <pre>{@code
 * assertThat(z).isCloseTo(expected, withinFixedPoint());
 * assertThat(spu).sentAtMostBytes(10_000).neverCarriedInPlaintext(salary);
 * assertThat(prediction).wasRevealedOnlyTo("alice");
 * }</pre>
 *
 * Failure messages name the element index, the expected and the actual value, and for privacy
 * checks where a value was seen (never the secret itself).
 */
public final class SpuAssertions {
  private SpuAssertions() {}

  public static SecretTensorAssert assertThat(SecretTensor actual) {
    return new SecretTensorAssert(actual);
  }

  public static DeviceAssert assertThat(Device actual) {
    return new DeviceAssert(actual);
  }

  public static NdArrayAssert assertThat(INDArray actual) {
    return new NdArrayAssert(actual);
  }

  /** See {@link Tolerance#withinFixedPoint()}. */
  public static Tolerance withinFixedPoint() {
    return Tolerance.withinFixedPoint();
  }

  /** See {@link Tolerance#withinMathKernels()}. */
  public static Tolerance withinMathKernels() {
    return Tolerance.withinMathKernels();
  }

  /** {@code |actual − expected| ≤ abs}. */
  public static Tolerance withinAbsolute(double abs) {
    return Tolerance.absolute(abs);
  }

  /** {@code |actual − expected| ≤ abs + rel·|expected|}. */
  public static Tolerance withinTolerance(double abs, double rel) {
    return Tolerance.of(abs, rel);
  }
}
