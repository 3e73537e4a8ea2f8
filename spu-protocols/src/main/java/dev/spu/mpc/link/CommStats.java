package dev.spu.mpc.link;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of one endpoint's communication: totals and per scope (op label). {@code rounds} is
 * the endpoint's Lamport clock (total) or its advance while the scope was active (per scope).
 * Offline (dealer) traffic is kept under scopes named {@code "offline:" + label} and excluded from
 * {@code total}.
 */
public record CommStats(Counters total, Map<String, Counters> byScope) {
  public CommStats {
    byScope = Collections.unmodifiableMap(new TreeMap<>(byScope));
  }

  /**
   * Scope-name prefix of offline (dealer) traffic; such scopes are not part of {@link #total()}.
   */
  public static final String OFFLINE_PREFIX = "offline:";

  /** The sum of all offline (dealer) scopes. */
  public Counters offline() {
    Counters sum = Counters.ZERO;
    for (Map.Entry<String, Counters> e : byScope.entrySet()) {
      if (e.getKey().startsWith(OFFLINE_PREFIX)) {
        sum = sum.plus(e.getValue());
      }
    }
    return sum;
  }

  /** The counters of one scope, zero if it never communicated. */
  public Counters scope(String label) {
    return byScope.getOrDefault(label, Counters.ZERO);
  }

  /** Payload bytes sent, messages sent, and rounds. */
  public record Counters(long bytes, long messages, long rounds) {
    public static final Counters ZERO = new Counters(0, 0, 0);

    public Counters plus(Counters o) {
      return new Counters(bytes + o.bytes, messages + o.messages, rounds + o.rounds);
    }

    public Counters minus(Counters o) {
      return new Counters(bytes - o.bytes, messages - o.messages, rounds - o.rounds);
    }
  }
}
