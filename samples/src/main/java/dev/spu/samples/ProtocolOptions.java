package dev.spu.samples;

import dev.spu.tensor.SimConfig;
import picocli.CommandLine.Option;

/** The options every simulated command shares: protocol and party count. */
public final class ProtocolOptions {
  @Option(
      names = "--protocol",
      defaultValue = "aby3",
      description =
          "ref2k (plaintext reference), semi2k (N-party additive, dealer) or aby3 (3-party replicated). Default: ${DEFAULT-VALUE}.")
  String protocol;

  @Option(
      names = "--parties",
      description = "Number of compute parties (default: 3 for aby3, 2 for semi2k, 1 for ref2k).")
  Integer parties;

  /** The simulation config: the protocol's natural party count unless one was given. */
  public SimConfig simConfig() {
    return SimConfig.of(protocol, parties != null ? parties : defaultParties(protocol));
  }

  static int defaultParties(String protocol) {
    return switch (protocol) {
      case "semi2k" -> 2;
      case "ref2k" -> 1;
      default -> 3;
    };
  }
}
