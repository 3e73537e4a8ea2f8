package dev.spu.mpc.link;

import java.util.HashMap;
import java.util.Map;

/**
 * The accounting every {@link Link} implementation shares, so that the in-memory and the network
 * links count exactly alike: payload bytes and messages sent per scope, and rounds by a Lamport
 * clock (a message carries its sender's clock c; a receive sets the clock to max(clock, c + 1)).
 * Traffic to or from the dealer endpoint is offline: scope {@code "offline:" + label}, its own
 * clock, excluded from the totals (see {@link Link}).
 *
 * <p>Only payload is counted here; a network link reports its framing and transport overhead
 * separately. Thread-safe (one monitor).
 */
public final class LinkAccounting {
  private final int self;
  private final int dealer;
  // Guarded by this.
  private long clock;
  private long offlineClock;
  private long totalBytes;
  private long totalMessages;
  private String scope = "";
  private long scopeClockStart;
  private long scopeOfflineClockStart;
  private final Map<String, Tally> byScope = new HashMap<>();

  /** The accounting of endpoint {@code self} in a session of {@code parties} compute parties. */
  public LinkAccounting(int self, int parties) {
    this.self = self;
    this.dealer = Endpoints.dealer(parties);
  }

  /** True if traffic between this endpoint and {@code peer} is offline (dealer) traffic. */
  public boolean offline(int peer) {
    return peer == dealer || self == dealer;
  }

  /**
   * Counts a message of {@code payloadLongs} ring elements sent to {@code to} and returns the clock
   * it must carry. Call before the message can reach the receiver, so that a snapshot taken once
   * the receiver has it includes it.
   */
  public synchronized long onSend(int to, int payloadLongs) {
    boolean off = offline(to);
    Tally t =
        byScope.computeIfAbsent(off ? CommStats.OFFLINE_PREFIX + scope : scope, k -> new Tally());
    t.bytes += 8L * payloadLongs;
    t.messages++;
    if (!off) {
      totalBytes += 8L * payloadLongs;
      totalMessages++;
    }
    return off ? offlineClock : clock;
  }

  /** Advances the clock for a message from {@code from} that carried {@code senderClock}. */
  public synchronized void onReceive(int from, long senderClock) {
    if (offline(from)) {
      offlineClock = Math.max(offlineClock, senderClock + 1);
    } else {
      clock = Math.max(clock, senderClock + 1);
    }
  }

  /** Labels subsequent traffic (see {@link Link#setScope}). */
  public synchronized void setScope(String label) {
    closeScope();
    scope = label == null ? "" : label;
  }

  /** Credits the clock advance since the scope started to the scope, and restarts counting. */
  private void closeScope() {
    long on = clock - scopeClockStart;
    long off = offlineClock - scopeOfflineClockStart;
    if (on > 0 || byScope.containsKey(scope)) {
      byScope.computeIfAbsent(scope, k -> new Tally()).rounds += on;
    }
    if (off > 0) {
      byScope.computeIfAbsent(CommStats.OFFLINE_PREFIX + scope, k -> new Tally()).rounds += off;
    }
    scopeClockStart = clock;
    scopeOfflineClockStart = offlineClock;
  }

  /** The online Lamport clock. */
  public synchronized long clock() {
    return clock;
  }

  /**
   * Moves the online clock forward to {@code to} (a simulation barrier); the jump is not credited
   * to the current scope.
   */
  public synchronized void jumpClock(long to) {
    if (to > clock) {
      scopeClockStart += to - clock;
      clock = to;
    }
  }

  /** A snapshot of the counters. */
  public synchronized CommStats stats() {
    Map<String, CommStats.Counters> out = new HashMap<>();
    for (Map.Entry<String, Tally> e : byScope.entrySet()) {
      Tally t = e.getValue();
      out.put(e.getKey(), new CommStats.Counters(t.bytes, t.messages, t.rounds));
    }
    long on = clock - scopeClockStart;
    long off = offlineClock - scopeOfflineClockStart;
    if (on > 0) {
      out.merge(scope, new CommStats.Counters(0, 0, on), CommStats.Counters::plus);
    }
    if (off > 0) {
      out.merge(
          CommStats.OFFLINE_PREFIX + scope,
          new CommStats.Counters(0, 0, off),
          CommStats.Counters::plus);
    }
    return new CommStats(new CommStats.Counters(totalBytes, totalMessages, clock), out);
  }

  /** Per-scope counters, mutable, guarded by the accounting's monitor. */
  private static final class Tally {
    long bytes;
    long messages;
    long rounds;
  }
}
