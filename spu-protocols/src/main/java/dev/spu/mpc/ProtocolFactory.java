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

  /**
   * The theoretical online cost per party of one call of {@code primitive} with the protocol's
   * implementation, as the link measures it. Labels: {@code mul}, {@code and}, {@code trunc},
   * {@code msb}, {@code a2b}, {@code b2a}, {@code open} with {@code dims = {n}} (element count);
   * {@code matmul} with {@code dims = {m, k, n}}. The party count is the session's, given as the
   * last argument where the cost depends on it: {@code theory("mul", n, parties)}; protocols with a
   * fixed party count accept it or omit it; a protocol whose cost depends on the party count throws
   * {@link IllegalArgumentException} saying so when it is missing.
   *
   * @throws UnsupportedOperationException naming the primitive if the protocol states no cost for
   *     it
   */
  default Cost theory(String primitive, int... dims) {
    throw new UnsupportedOperationException(
        name() + " states no theoretical cost for primitive '" + primitive + "'");
  }

  /** The dealer's service loop, run on the dealer endpoint until the session closes. */
  default Optional<Runnable> dealer(PartyContext ctx) {
    return Optional.empty();
  }
}
