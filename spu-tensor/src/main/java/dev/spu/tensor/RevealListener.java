package dev.spu.tensor;

/**
 * Told about every reveal a {@link Device} performs, for audits and privacy tests ({@link
 * Device#addRevealListener}); see {@code dev.spu.tensor.testing} for the AssertJ checks built on
 * it. Called on the revealing thread after the value was delivered; gets the tensor and who
 * received it, never the value.
 */
@FunctionalInterface
public interface RevealListener {
  /**
   * {@code value} was revealed to {@code reader} ({@link SecretTensor#revealTo}), or to every
   * compute party and the caller when {@code reader} is null ({@link SecretTensor#reveal}).
   */
  void revealed(SecretTensor value, String reader);
}
