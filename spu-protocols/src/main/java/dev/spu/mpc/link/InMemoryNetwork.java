package dev.spu.mpc.link;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
  private final WanProfile wan;
  private final CopyOnWriteArrayList<MessageTap> taps = new CopyOnWriteArrayList<>();
  private volatile boolean networkClosed;

  public InMemoryNetwork(int parties, Duration timeout) {
    this(parties, timeout, WanProfile.NONE);
  }

  /**
   * A network whose messages are delayed as {@code wan} says (latency and each sender's egress
   * bandwidth); the receiver waits until a message is due. Counters are unaffected.
   */
  public InMemoryNetwork(int parties, Duration timeout, WanProfile wan) {
    if (parties < 1) {
      throw new IllegalArgumentException(
          "a session needs at least 1 compute party, got " + parties);
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("link timeout must be positive, got " + timeout);
    }
    this.parties = parties;
    this.wan = wan == null ? WanProfile.NONE : wan;
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

  /** The network emulation in effect ({@link WanProfile#NONE} by default). */
  public WanProfile wan() {
    return wan;
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

  /**
   * Lets {@code tap} observe every later message on every link of this network (tests and audits
   * only: see {@link MessageTap}). Taps cost nothing when none is installed.
   */
  public void addTap(MessageTap tap) {
    taps.add(java.util.Objects.requireNonNull(tap, "tap"));
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

  private record Message(long[] data, long clock, long deliverAt) {}

  private static final class Mailbox {
    final ReentrantLock lock = new ReentrantLock();
    final Condition arrived = lock.newCondition();
    final Map<Key, Message> messages = new HashMap<>();
  }

  private final class Endpoint implements Link {
    private final int self;
    private final LinkAccounting accounting;
    private final WanShaper shaper = new WanShaper(wan);

    Endpoint(int self) {
      this.self = self;
      this.accounting = new LinkAccounting(self, parties);
    }

    @Override
    public int self() {
      return self;
    }

    @Override
    public int parties() {
      return parties;
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
      // Count before delivering, so a snapshot taken once the receiver has the message includes it.
      long sendClock = accounting.onSend(to, data.length);
      Message m = new Message(data.clone(), sendClock, shaper.deliverAt(8L * data.length));
      for (MessageTap t : taps) {
        t.onMessage(self, to, tag, m.data); // before delivery: the receiver may reuse the array
      }
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
      try {
        WanShaper.awaitDelivery(m.deliverAt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LinkException(
            name(self) + " interrupted waiting for " + Tags.describe(tag) + " from " + name(from),
            e);
      }
      accounting.onReceive(from, m.clock);
      return m.data;
    }

    @Override
    public void setScope(String label) {
      accounting.setScope(label);
    }

    long clock() {
      return accounting.clock();
    }

    void jumpClock(long to) {
      accounting.jumpClock(to);
    }

    @Override
    public CommStats stats() {
      return accounting.stats();
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
