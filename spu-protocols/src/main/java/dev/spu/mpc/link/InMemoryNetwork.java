package dev.spu.mpc.link;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * All endpoints of one simulated session in one JVM (N compute parties, the driver and the dealer,
 * see {@link Endpoints}), each used by its own thread through {@link #link(int)}.
 *
 * <p>Messages are keyed by (sender, receiver, tag) and may be received in any order; payloads are
 * copied on send, so a sender may reuse its array. A second message with the same key before the
 * first was received is a protocol bug and fails the send. A receive waits at most the timeout and
 * then throws {@link LinkTimeoutException} naming both endpoints and the tag; {@link #close()} (or
 * closing one endpoint) fails every blocked and later receive that can no longer be served with
 * {@link LinkClosedException}, promptly.
 *
 * <p>Accounting follows {@link Link}: traffic to or from the dealer endpoint is offline (scope
 * {@code "offline:" + label}, its own Lamport clock, excluded from the totals).
 */
public final class InMemoryNetwork implements AutoCloseable {
  private final int parties;
  private final long timeoutNanos;
  private final Duration timeout;
  private final Mailbox[] boxes;
  private final Endpoint[] endpoints;
  private final AtomicBoolean[] closed;
  private volatile boolean networkClosed;

  public InMemoryNetwork(int parties, Duration timeout) {
    if (parties < 1) {
      throw new IllegalArgumentException(
          "a session needs at least 1 compute party, got " + parties);
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("link timeout must be positive, got " + timeout);
    }
    this.parties = parties;
    this.timeout = timeout;
    this.timeoutNanos = timeout.toNanos();
    int count = Endpoints.count(parties);
    boxes = new Mailbox[count];
    endpoints = new Endpoint[count];
    closed = new AtomicBoolean[count];
    for (int i = 0; i < count; i++) {
      boxes[i] = new Mailbox();
      closed[i] = new AtomicBoolean();
      endpoints[i] = new Endpoint(i);
    }
  }

  public int parties() {
    return parties;
  }

  /** The link of endpoint {@code endpoint} (0..N+1); the same object on every call. */
  public Link link(int endpoint) {
    checkEndpoint(endpoint, "link");
    return endpoints[endpoint];
  }

  /**
   * Simulation only, between ops while no message is in flight: sets every endpoint's online
   * Lamport clock to the largest one (a barrier), so that the clock advance of the next op is its
   * own critical path. The jump is not attributed to any scope.
   */
  public void syncClocks() {
    long max = 0;
    for (Endpoint e : endpoints) {
      max = Math.max(max, e.clock());
    }
    for (Endpoint e : endpoints) {
      e.jumpClock(max);
    }
  }

  /** Fails every blocked and later send/receive on every endpoint. Idempotent. */
  @Override
  public void close() {
    networkClosed = true;
    wakeAll();
  }

  private void closeEndpoint(int endpoint) {
    closed[endpoint].set(true);
    wakeAll();
  }

  private void wakeAll() {
    for (Mailbox b : boxes) {
      b.lock.lock();
      try {
        b.arrived.signalAll();
      } finally {
        b.lock.unlock();
      }
    }
  }

  private void checkEndpoint(int e, String what) {
    if (e < 0 || e >= endpoints.length) {
      throw new IllegalArgumentException(
          what
              + ": endpoint "
              + e
              + " out of range 0.."
              + (endpoints.length - 1)
              + " for "
              + parties
              + " parties");
    }
  }

  private String name(int e) {
    return Endpoints.name(e, parties);
  }

  private record Key(int from, long tag) {}

  private record Message(long[] data, long clock) {}

  private static final class Mailbox {
    final ReentrantLock lock = new ReentrantLock();
    final Condition arrived = lock.newCondition();
    final Map<Key, Message> messages = new HashMap<>();
  }

  /** Per-scope counters, mutable, guarded by the endpoint's monitor. */
  private static final class Tally {
    long bytes;
    long messages;
    long rounds;

    CommStats.Counters snapshot(long extraRounds) {
      return new CommStats.Counters(bytes, messages, rounds + extraRounds);
    }
  }

  private final class Endpoint implements Link {
    private final int self;
    private final int dealer = Endpoints.dealer(parties);
    // Guarded by this.
    private long clock;
    private long offlineClock;
    private long totalBytes;
    private long totalMessages;
    private String scope = "";
    private long scopeClockStart;
    private long scopeOfflineClockStart;
    private final Map<String, Tally> byScope = new HashMap<>();

    Endpoint(int self) {
      this.self = self;
    }

    @Override
    public int self() {
      return self;
    }

    @Override
    public int parties() {
      return parties;
    }

    private boolean offline(int peer) {
      return peer == dealer || self == dealer;
    }

    @Override
    public void send(int to, long tag, long[] data) {
      checkEndpoint(to, "send from " + name(self));
      if (to == self) {
        throw new IllegalArgumentException(name(self) + " cannot send to itself");
      }
      if (networkClosed || closed[self].get()) {
        throw new LinkClosedException(
            name(self) + ": link closed, cannot send " + Tags.describe(tag) + " to " + name(to));
      }
      if (closed[to].get()) {
        throw new LinkClosedException(
            name(self) + " cannot send " + Tags.describe(tag) + ": " + name(to) + " has closed");
      }
      boolean off = offline(to);
      long sendClock;
      // Count before delivering, so a snapshot taken once the receiver has the message includes it.
      synchronized (this) {
        sendClock = off ? offlineClock : clock;
        Tally t = byScope.computeIfAbsent(off ? "offline:" + scope : scope, k -> new Tally());
        t.bytes += 8L * data.length;
        t.messages++;
        if (!off) {
          totalBytes += 8L * data.length;
          totalMessages++;
        }
      }
      Message m = new Message(data.clone(), sendClock);
      Mailbox box = boxes[to];
      box.lock.lock();
      try {
        if (box.messages.putIfAbsent(new Key(self, tag), m) != null) {
          throw new LinkException(
              "duplicate message from "
                  + name(self)
                  + " to "
                  + name(to)
                  + " with "
                  + Tags.describe(tag)
                  + " before the first was received (tags must be unique per op step)");
        }
        box.arrived.signalAll();
      } finally {
        box.lock.unlock();
      }
    }

    @Override
    public long[] recv(int from, long tag) {
      checkEndpoint(from, "recv on " + name(self));
      if (from == self) {
        throw new IllegalArgumentException(name(self) + " cannot receive from itself");
      }
      Key key = new Key(from, tag);
      Mailbox box = boxes[self];
      Message m;
      box.lock.lock();
      try {
        long remaining = timeoutNanos;
        while (true) {
          m = box.messages.remove(key);
          if (m != null) {
            break;
          }
          if (networkClosed || closed[self].get()) {
            throw new LinkClosedException(
                name(self)
                    + ": link closed while waiting for "
                    + Tags.describe(tag)
                    + " from "
                    + name(from));
          }
          if (closed[from].get()) {
            throw new LinkClosedException(
                name(self)
                    + " waits for "
                    + Tags.describe(tag)
                    + " from "
                    + name(from)
                    + ", which has closed");
          }
          if (remaining <= 0) {
            throw new LinkTimeoutException(
                name(self)
                    + " timed out after "
                    + timeout
                    + " waiting for "
                    + Tags.describe(tag)
                    + " from "
                    + name(from)
                    + " (is that peer alive and running the same program?)");
          }
          try {
            remaining = box.arrived.awaitNanos(remaining);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkException(
                name(self)
                    + " interrupted waiting for "
                    + Tags.describe(tag)
                    + " from "
                    + name(from),
                e);
          }
        }
      } finally {
        box.lock.unlock();
      }
      synchronized (this) {
        if (offline(from)) {
          offlineClock = Math.max(offlineClock, m.clock + 1);
        } else {
          clock = Math.max(clock, m.clock + 1);
        }
      }
      return m.data;
    }

    @Override
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
        byScope.computeIfAbsent("offline:" + scope, k -> new Tally()).rounds += off;
      }
      scopeClockStart = clock;
      scopeOfflineClockStart = offlineClock;
    }

    synchronized long clock() {
      return clock;
    }

    synchronized void jumpClock(long to) {
      if (to > clock) {
        // Not the current scope's work: move its start along.
        scopeClockStart += to - clock;
        clock = to;
      }
    }

    @Override
    public synchronized CommStats stats() {
      Map<String, CommStats.Counters> out = new HashMap<>();
      for (Map.Entry<String, Tally> e : byScope.entrySet()) {
        out.put(e.getKey(), e.getValue().snapshot(0));
      }
      long on = clock - scopeClockStart;
      long off = offlineClock - scopeOfflineClockStart;
      if (on > 0) {
        out.merge(scope, new CommStats.Counters(0, 0, on), CommStats.Counters::plus);
      }
      if (off > 0) {
        out.merge("offline:" + scope, new CommStats.Counters(0, 0, off), CommStats.Counters::plus);
      }
      return new CommStats(new CommStats.Counters(totalBytes, totalMessages, clock), out);
    }

    @Override
    public void close() {
      closeEndpoint(self);
    }

    @Override
    public String toString() {
      return "InMemoryLink(" + name(self) + ")";
    }
  }
}
