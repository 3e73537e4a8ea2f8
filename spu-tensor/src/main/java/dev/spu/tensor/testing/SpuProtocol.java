package dev.spu.tensor.testing;

import dev.spu.tensor.SimConfig;

/**
 * The protocol settings a {@link SpuTest} can run over: the plaintext reference, the N-party
 * additive protocol with 2 and 3 parties, and 3-party replicated sharing.
 */
public enum SpuProtocol {
  /** Plaintext reference (no security; the oracle). */
  REF2K("ref2k", 1),
  /** Additive sharing over Z_2^64 with a dealer, 2 parties. */
  SEMI2K_2("semi2k", 2),
  /** Additive sharing over Z_2^64 with a dealer, 3 parties. */
  SEMI2K_3("semi2k", 3),
  /** 3-party replicated sharing (honest majority). */
  ABY3("aby3", 3);

  private final String protocol;
  private final int parties;

  SpuProtocol(String protocol, int parties) {
    this.protocol = protocol;
    this.parties = parties;
  }

  /** The protocol name {@link SimConfig} takes. */
  public String protocol() {
    return protocol;
  }

  public int parties() {
    return parties;
  }

  /** True for the protocols that keep secrets secret (all but REF2K). */
  public boolean isSecure() {
    return this != REF2K;
  }

  /** e.g. {@code aby3 (3 parties)}: the test invocation's name. */
  public String displayName() {
    return protocol + " (" + parties + (parties == 1 ? " party)" : " parties)");
  }

  /**
   * The simulation settings with {@code fractionBits} and an optional fixed seed (null: secure).
   */
  public SimConfig simConfig(int fractionBits, Long seed) {
    SimConfig c = SimConfig.of(protocol, parties).withFractionBits(fractionBits);
    return seed == null ? c : c.withSeed(seed);
  }
}
