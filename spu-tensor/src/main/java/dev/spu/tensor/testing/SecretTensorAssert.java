package dev.spu.tensor.testing;

import dev.spu.pphlo.DType;
import dev.spu.tensor.SecretTensor;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Assertions on a device-resident {@link SecretTensor}. The value checks read the tensor with
 * {@link SecretTensor#reveal()} (not logged in the {@link RevealLog}); the reveal checks read the
 * device's log.
 */
public final class SecretTensorAssert extends AbstractAssert<SecretTensorAssert, SecretTensor> {
  SecretTensorAssert(SecretTensor actual) {
    super(actual, SecretTensorAssert.class);
  }

  /** Each element is within {@code tol} of {@code expected} (row-major). */
  public SecretTensorAssert isCloseTo(double[] expected, Tolerance tol) {
    isNotNull();
    requireResident();
    double[] got = RevealLog.silently(actual::revealDoubles);
    String err =
        Closeness.compare(
            actual.toString(),
            actual.shape().dims(),
            expected,
            got,
            tol.bound(actual.device().fractionBits()));
    if (err != null) {
      failWithMessage("%s", err);
    }
    return this;
  }

  /** A scalar (or one-element) tensor is within {@code tol} of {@code expected}. */
  public SecretTensorAssert isCloseTo(double expected, Tolerance tol) {
    return isCloseTo(new double[] {expected}, tol);
  }

  /** Same shape as {@code expected}, and each element within {@code tol} of it. */
  public SecretTensorAssert isCloseTo(INDArray expected, Tolerance tol) {
    isNotNull();
    hasShape(Arrays.stream(expected.shape()).mapToInt(Math::toIntExact).toArray());
    double[] e =
        expected.length() == 0
            ? new double[0]
            : expected
                .castTo(DataType.DOUBLE)
                .reshape('c', new long[] {expected.length()})
                .toDoubleVector();
    return isCloseTo(e, tol);
  }

  public SecretTensorAssert hasShape(int... dims) {
    isNotNull();
    if (!Arrays.equals(actual.shape().dims(), dims)) {
      failWithMessage(
          "Expecting %s to have shape %s but it has %s",
          actual, Arrays.toString(dims), Arrays.toString(actual.shape().dims()));
    }
    return this;
  }

  public SecretTensorAssert hasDType(DType dtype) {
    isNotNull();
    if (actual.dtype() != dtype) {
      failWithMessage("Expecting %s to have dtype %s but it is %s", actual, dtype, actual.dtype());
    }
    return this;
  }

  /** Its visibility is secret (no party knows the value). */
  public SecretTensorAssert isSecret() {
    isNotNull();
    if (!actual.isSecret()) {
      failWithMessage("Expecting %s to be secret but it is public", actual);
    }
    return this;
  }

  public SecretTensorAssert isPublic() {
    isNotNull();
    if (actual.isSecret()) {
      failWithMessage("Expecting %s to be public but it is secret", actual);
    }
    return this;
  }

  /**
   * It was revealed at least once, and only to these named readers: never with {@link
   * SecretTensor#reveal()} (which opens it to every compute party) nor to anyone else.
   */
  public SecretTensorAssert wasRevealedOnlyTo(String... readers) {
    isNotNull();
    List<RevealLog.Reveal> rs = log().revealsOf(actual);
    if (rs.isEmpty()) {
      failWithMessage(
          "Expecting %s to have been revealed to %s, but it was never revealed",
          actual, String.join(", ", readers));
    }
    List<String> allowed = List.of(readers);
    for (RevealLog.Reveal r : rs) {
      if (r.toAllParties() || !allowed.contains(r.reader())) {
        failWithMessage(
            "Expecting %s to have been revealed only to %s, but it was revealed %s (all its"
                + " reveals: %s)",
            actual,
            String.join(", ", readers),
            r.toAllParties() ? "to all compute parties (reveal())" : "to " + r.reader(),
            rs);
      }
    }
    return this;
  }

  /** It was never revealed to anyone. */
  public SecretTensorAssert wasNeverRevealed() {
    isNotNull();
    List<RevealLog.Reveal> rs = log().revealsOf(actual);
    if (!rs.isEmpty()) {
      failWithMessage("Expecting %s never to have been revealed, but it was: %s", actual, rs);
    }
    return this;
  }

  private RevealLog log() {
    requireResident();
    return RevealLog.of(actual.device())
        .orElseThrow(
            () ->
                new AssertionError(
                    "reveals of "
                        + actual.device()
                        + " are not recorded: get the device from @SpuTest / SpuExtension, or"
                        + " call RevealLog.attach(device) before revealing"));
  }

  private void requireResident() {
    if (actual.isTraced()) {
      failWithMessage(
          "%s is a traced value inside a jit function: assert on the function's result", actual);
    }
  }
}
