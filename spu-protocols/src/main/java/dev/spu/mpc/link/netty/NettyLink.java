package dev.spu.mpc.link.netty;

import dev.spu.mpc.link.CommStats;
import dev.spu.mpc.link.Endpoints;
import dev.spu.mpc.link.Link;
import dev.spu.mpc.link.LinkAccounting;
import dev.spu.mpc.link.LinkClosedException;
import dev.spu.mpc.link.LinkException;
import dev.spu.mpc.link.LinkTimeoutException;
import dev.spu.mpc.link.Tags;
import dev.spu.mpc.link.WanShaper;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A {@link Link} over Netty {@link Connection}s, one per peer of the session, for endpoints in
 * separate processes or machines. Semantics and counters are the in-memory link's (messages keyed
 * by (sender, tag), any arrival order; payload bytes, messages and Lamport rounds counted by the
 * same {@link LinkAccounting}); framing, control and socket bytes are reported apart in {@link
 * #transportStats()}.
 *
 * <p><b>Failure.</b> The link fails as a whole, at once, when a peer's connection ends without its
 * goodbye ({@link PeerLostException} naming the peer and its address), a peer sends a malformed
 * frame, a peer aborts, or {@link #abort} is called: every blocked and later send and receive
 * throws, and an ABORT frame with the reason goes to every peer still connected, so the whole
 * session fails promptly instead of waiting for timeouts. A receive that waits longer than the
 * receive timeout throws {@link LinkTimeoutException} naming the peer. {@link #close()} ends the
 * session normally (GOODBYE to every peer).
 *
 * <p>Connections are {@link #attach attached} as the session's handshakes complete; messages from a
 * peer are accepted from the moment it is attached. WAN emulation ({@link NettyOptions#wan()})
 * delays this endpoint's outgoing messages.
 *
 * <p>Threading: one thread sends and receives (the endpoint's); I/O threads deliver.
 */
public final class NettyLink implements Link {
  /** Receives CONTROL frames (on an I/O thread; must not block). */
  public interface ControlHandler {
    void onControl(int from, byte[] body);
  }

  private final int self;
  private final int parties;
  private final String selfName;
  private final long timeoutNanos;
  private final Duration timeout;
  private final LinkAccounting accounting;
  private final WanShaper shaper;
  private final Connection[] peers;
  private final boolean[] goodbye;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final Map<Key, Message> mailbox = new HashMap<>();
  private final List<Consumer<LinkClosedException>> failureListeners = new CopyOnWriteArrayList<>();
  private final AtomicLong payloadSent = new AtomicLong();
  private final AtomicLong framingSent = new AtomicLong();
  private final AtomicLong controlSent = new AtomicLong();
  // Guarded by lock.
  private LinkClosedException failure;
  private boolean closed;

  private record Key(int from, long tag) {}

  private record Message(long[] data, long clock) {}

  public NettyLink(int self, int parties, NettyOptions options) {
    if (self < 0 || self >= Endpoints.count(parties)) {
      throw new IllegalArgumentException("endpoint " + self + " out of range for " + parties);
    }
    this.self = self;
    this.parties = parties;
    this.selfName = Endpoints.name(self, parties);
    this.timeout = options.receiveTimeout();
    this.timeoutNanos = timeout.toNanos();
    this.accounting = new LinkAccounting(self, parties);
    this.shaper = new WanShaper(options.wan());
    this.peers = new Connection[Endpoints.count(parties)];
    this.goodbye = new boolean[peers.length];
  }

  @Override
  public int self() {
    return self;
  }

  @Override
  public int parties() {
    return parties;
  }

  /**
   * Adds the connection to {@code c.remote()} and starts taking its frames; CONTROL frames go to
   * {@code control} (may be null if the peer sends none). A connection attached to a failed or
   * closed link is closed at once.
   */
  public void attach(Connection c, ControlHandler control) {
    int e = c.remote();
    checkEndpoint(e, "attach");
    LinkClosedException f;
    lock.lock();
    try {
      if (peers[e] != null && peers[e] != c) {
        throw new LinkException(selfName + " already has a connection to " + peers[e].label());
      }
      peers[e] = c;
      f = failure;
      if (f == null && closed) {
        c.sendAndClose(new Frame.Goodbye());
        return;
      }
    } finally {
      lock.unlock();
    }
    if (f != null) {
      c.sendAndClose(new Frame.Abort(f.getMessage()));
      return;
    }
    c.setListener(new PeerListener(e, control));
  }

  /** True if a connection to endpoint {@code e} is attached. */
  public boolean isAttached(int e) {
    lock.lock();
    try {
      return peers[e] != null;
    } finally {
      lock.unlock();
    }
  }

  /** The attached connection to {@code e}, or null. */
  public Connection connection(int e) {
    lock.lock();
    try {
      return peers[e];
    } finally {
      lock.unlock();
    }
  }

  /**
   * Calls {@code l} once when the link fails (on the failing thread); at once if it already has.
   */
  public void onFailure(Consumer<LinkClosedException> l) {
    failureListeners.add(l);
    LinkClosedException f = failure();
    if (f != null) {
      l.accept(f);
    }
  }

  /** The failure that broke the link, or null. */
  public LinkClosedException failure() {
    lock.lock();
    try {
      return failure;
    } finally {
      lock.unlock();
    }
  }

  private String label(int e) {
    Connection c = peers[e];
    return c != null ? c.label() : Endpoints.name(e, parties);
  }

  private void checkEndpoint(int e, String what) {
    if (e < 0 || e >= peers.length) {
      throw new IllegalArgumentException(
          what + ": endpoint " + e + " out of range 0.." + (peers.length - 1));
    }
    if (e == self) {
      throw new IllegalArgumentException(what + ": " + selfName + " cannot talk to itself");
    }
  }

  @Override
  public void send(int to, long tag, long[] data) {
    checkEndpoint(to, "send from " + selfName);
    Connection c;
    lock.lock();
    try {
      throwIfDown("cannot send " + Tags.describe(tag) + " to " + label(to));
      c = peers[to];
      if (goodbye[to]) {
        throw new LinkClosedException(
            selfName + " cannot send " + Tags.describe(tag) + ": " + label(to) + " has closed");
      }
    } finally {
      lock.unlock();
    }
    if (c == null) {
      throw new LinkException(
          selfName + " has no connection to " + Endpoints.name(to, parties) + " in this session");
    }
    long clock = accounting.onSend(to, data.length);
    ByteBuf frame = FrameCodec.encode(new Frame.Data(tag, clock, data));
    payloadSent.addAndGet(8L * data.length);
    framingSent.addAndGet(FrameCodec.DATA_OVERHEAD);
    long at = shaper.deliverAt(frame.readableBytes());
    try {
      c.send(frame, at);
    } catch (LinkClosedException e) {
      LinkClosedException f = failure();
      throw f != null ? copy(f) : e;
    }
  }

  /** Sends a CONTROL frame (not counted as payload; no emulated delay). */
  public void sendControl(int to, byte[] body) {
    checkEndpoint(to, "control from " + selfName);
    Connection c = connection(to);
    if (c == null) {
      throw new LinkException(selfName + " has no connection to " + Endpoints.name(to, parties));
    }
    LinkClosedException f = failure();
    if (f != null) {
      throw copy(f);
    }
    controlSent.addAndGet(FrameCodec.LENGTH_BYTES + 1L + body.length);
    c.send(new Frame.Control(body));
  }

  @Override
  public long[] recv(int from, long tag) {
    checkEndpoint(from, "recv on " + selfName);
    Key key = new Key(from, tag);
    Message m;
    lock.lock();
    try {
      long remaining = timeoutNanos;
      while (true) {
        m = mailbox.remove(key);
        if (m != null) {
          break;
        }
        throwIfDown("waiting for " + Tags.describe(tag) + " from " + label(from));
        if (goodbye[from]) {
          throw new LinkClosedException(
              selfName
                  + " waits for "
                  + Tags.describe(tag)
                  + " from "
                  + label(from)
                  + ", which has closed the session");
        }
        if (remaining <= 0) {
          throw new LinkTimeoutException(
              selfName
                  + " timed out after "
                  + timeout
                  + " waiting for "
                  + Tags.describe(tag)
                  + " from "
                  + label(from)
                  + " (is that peer alive and running the same program?)");
        }
        try {
          remaining = arrived.awaitNanos(remaining);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new LinkException(
              selfName + " interrupted waiting for " + Tags.describe(tag) + " from " + label(from),
              e);
        }
      }
    } finally {
      lock.unlock();
    }
    accounting.onReceive(from, m.clock);
    return m.data;
  }

  /** Under the lock: throws if the link failed or was closed. */
  private void throwIfDown(String doing) {
    if (failure != null) {
      throw copy(failure);
    }
    if (closed) {
      throw new LinkClosedException(selfName + ": link closed, " + doing);
    }
  }

  private static LinkClosedException copy(LinkClosedException f) {
    return f instanceof PeerLostException
        ? new PeerLostException(f.getMessage())
        : new LinkClosedException(f.getMessage());
  }

  @Override
  public void setScope(String label) {
    accounting.setScope(label);
  }

  @Override
  public CommStats stats() {
    return accounting.stats();
  }

  /**
   * Framing, control and socket bytes (see {@link TransportStats}); waits briefly for queued writes
   * to reach the socket counters first.
   */
  public TransportStats transportStats() {
    long sent = 0;
    long received = 0;
    List<Connection> all = new ArrayList<>();
    lock.lock();
    try {
      for (Connection c : peers) {
        if (c != null) {
          all.add(c);
        }
      }
    } finally {
      lock.unlock();
    }
    for (Connection c : all) {
      c.sync(100);
      sent += c.wireBytesSent();
      received += c.wireBytesReceived();
    }
    return new TransportStats(
        payloadSent.get(), framingSent.get(), controlSent.get(), sent, received);
  }

  /**
   * Fails the session: every peer gets an ABORT with {@code reason} (which must name the cause,
   * never data) and every blocked and later operation throws. Idempotent (the first reason wins).
   */
  public void abort(String reason) {
    fail(new LinkClosedException(selfName + ": " + reason));
  }

  private void fail(LinkClosedException f) {
    List<Connection> toAbort = new ArrayList<>();
    lock.lock();
    try {
      if (failure != null || closed) {
        return;
      }
      failure = f;
      for (Connection c : peers) {
        if (c != null) {
          toAbort.add(c);
        }
      }
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
    for (Connection c : toAbort) {
      c.sendAndClose(new Frame.Abort(f.getMessage()));
    }
    for (Consumer<LinkClosedException> l : failureListeners) {
      l.accept(f);
    }
  }

  /** Ends the session normally: GOODBYE to every peer, then the connections close. */
  @Override
  public void close() {
    List<Connection> all = new ArrayList<>();
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (Connection c : peers) {
        if (c != null) {
          all.add(c);
        }
      }
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
    boolean failed = failure() != null;
    for (Connection c : all) {
      if (failed) {
        c.close();
      } else {
        c.sendAndClose(new Frame.Goodbye());
      }
    }
  }

  @Override
  public String toString() {
    return "NettyLink(" + selfName + ")";
  }

  /** Frames of one peer's connection. */
  private final class PeerListener implements Connection.Listener {
    private final int from;
    private final ControlHandler control;

    PeerListener(int from, ControlHandler control) {
      this.from = from;
      this.control = control;
    }

    @Override
    public void onFrame(Connection c, Frame f) {
      if (f instanceof Frame.Data d) {
        deliver(c, d);
      } else if (f instanceof Frame.Control ctl) {
        if (control != null) {
          control.onControl(from, ctl.body());
        }
      } else if (f instanceof Frame.Goodbye) {
        lock.lock();
        try {
          goodbye[from] = true;
          arrived.signalAll();
        } finally {
          lock.unlock();
        }
      } else if (f instanceof Frame.Abort a) {
        fail(
            new LinkClosedException(
                selfName + ": " + c.label() + " aborted the session: " + a.reason()));
      } else {
        fail(
            new PeerLostException(
                selfName + ": malformed frame from " + c.label() + ": unexpected " + f));
        c.close();
      }
    }

    private void deliver(Connection c, Frame.Data d) {
      lock.lock();
      try {
        if (mailbox.putIfAbsent(new Key(from, d.tag()), new Message(d.payload(), d.clock()))
            != null) {
          // Fails below, outside the lock.
        } else {
          arrived.signalAll();
          return;
        }
      } finally {
        lock.unlock();
      }
      fail(
          new LinkClosedException(
              selfName
                  + ": duplicate message from "
                  + c.label()
                  + " with "
                  + Tags.describe(d.tag())
                  + " before the first was received (tags must be unique per op step)"));
    }

    @Override
    public void onClosed(Connection c, String reason, boolean malformed) {
      lock.lock();
      try {
        if (closed || goodbye[from]) {
          return; // a normal end
        }
      } finally {
        lock.unlock();
      }
      fail(
          new PeerLostException(
              selfName
                  + ": "
                  + (malformed ? reason : "lost connection to " + c.label() + ": " + reason)));
    }
  }
}
