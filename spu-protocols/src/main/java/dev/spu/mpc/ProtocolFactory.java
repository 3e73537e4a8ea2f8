package dev.spu.mpc;

import java.util.Optional;

/**
 * Creates the per-party, owner-side and (if any) dealer-side objects of one protocol. Registered in
 * {@link Protocols}' explicit list.
 */
public interface ProtocolFactory {
  /** {@code ref2k}, {@code semi2k}, {@code aby3}. */
  String name();

  /**
   * The plain-words security model (who is trusted, what a coalition learns), printed by the CLI.
   */
  String securityModel();

  /**
   * Throws {@link IllegalArgumentException} naming the protocol if it cannot run with n parties.
   */
  void checkParties(int n);

  /** True if the protocol needs a dealer endpoint (offline correlated randomness). */
  default boolean usesDealer() {
    return false;
  }

  Protocol create(PartyContext ctx);

  OwnerSide owner(PartyContext ctx);

  /** The dealer's service loop, run on the dealer endpoint until the session closes. */
  default Optional<Runnable> dealer(PartyContext ctx) {
    return Optional.empty();
  }
}
