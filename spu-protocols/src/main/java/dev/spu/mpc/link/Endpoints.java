package dev.spu.mpc.link;

/**
 * Endpoint numbering of a session with N compute parties: 0..N−1 are the compute parties, N is the
 * driver (data owners and reveal readers act through it), N+1 is the dealer (protocols that use
 * one).
 */
public final class Endpoints {
  private Endpoints() {}

  public static int driver(int parties) {
    return parties;
  }

  public static int dealer(int parties) {
    return parties + 1;
  }

  /** Total endpoints: parties, driver and dealer. */
  public static int count(int parties) {
    return parties + 2;
  }

  public static String name(int endpoint, int parties) {
    if (endpoint < parties) {
      return "party " + endpoint;
    }
    return endpoint == parties
        ? "driver"
        : endpoint == parties + 1 ? "dealer" : "endpoint " + endpoint;
  }
}
