package dev.spu.mpc.link;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of one endpoint's communication: totals and per scope (op label). {@code rounds} is
 * the endpoint's Lamport clock (total) or its advance while the scope was active (per scope).
 */
public record CommStats(Counters total, Map<String, Counters> byScope) {
  public CommStats {
    byScope = Collections.unmodifiableMap(new TreeMap<>(byScope));
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
