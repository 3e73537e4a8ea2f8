package dev.spu.nn.dl4j;

/**
 * A DL4J model this importer cannot run privately: names the layer index (−1 for the model as a
 * whole), the DL4J layer type and what is supported instead.
 */
public final class Dl4jImportException extends IllegalArgumentException {
  private final int layerIndex;
  private final String layerType;

  Dl4jImportException(int layerIndex, String layerType, String message) {
    super(
        (layerIndex >= 0 ? "layer " + layerIndex + " (" + layerType + "): " : layerType + ": ")
            + message);
    this.layerIndex = layerIndex;
    this.layerType = layerType;
  }

  Dl4jImportException(String what, String message, Throwable cause) {
    super(what + ": " + message, cause);
    this.layerIndex = -1;
    this.layerType = what;
  }

  /** The index of the offending layer in the MultiLayerNetwork, or −1 for the whole model. */
  public int layerIndex() {
    return layerIndex;
  }

  /** The DL4J class name of the offending layer (or of the model). */
  public String layerType() {
    return layerType;
  }
}
