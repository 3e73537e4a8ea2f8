package dev.spu.mpc.link.netty;

import dev.spu.mpc.link.LinkClosedException;
import dev.spu.mpc.link.LinkTimeoutException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One authenticated connection to a known remote endpoint, after the handshake ({@link Frame.Hello}
 * answered by {@link Frame.Accept}). Frames are delivered, in arrival order, to one {@link
 * Listener} on the connection's I/O thread; frames that arrive before a listener is set are kept
 * for it. Sends never block the I/O thread; a sending thread blocks while more than the high-water
 * mark of its bytes are not yet written to the socket (back-pressure).
 */
public final class Connection {
  /** Receives a connection's frames and its end, on the I/O thread (must not block). */
  public interface Listener {
    void onFrame(Connection c, Frame f);

    /**
     * The connection ended: {@code reason} says why (peer closed, reset, malformed frame, local
     * close); {@code malformed} if the peer sent bytes that are not a valid frame.
     */
    void onClosed(Connection c, String reason, boolean malformed);
  }

  private final Channel channel;
  private final int remote;
  private final int parties;
  private final String label;
  private final WireCounter counter;
  private final long highWater;
  private final long sendTimeoutNanos;
  private final java.util.concurrent.atomic.AtomicBoolean transportDown;
  // Listener state: touched only on the channel's event loop.
  private Listener listener;
  private final ArrayDeque<Frame> early = new ArrayDeque<>();
  private volatile String closedReason;
  private boolean closedMalformed;
  private volatile long lastDeliverAt; // the latest emulated-delay write scheduled
  private boolean closedDelivered;
  // Back-pressure, guarded by this.
  private long pendingBytes;

  Connection(
      Channel channel,
      int remote,
      int parties,
      String label,
      WireCounter counter,
      NettyOptions options,
      java.util.concurrent.atomic.AtomicBoolean transportDown) {
    this.transportDown = transportDown;
    this.channel = channel;
    this.remote = remote;
    this.parties = parties;
    this.label = label;
    this.counter = counter;
    this.highWater = options.highWaterBytes();
    this.sendTimeoutNanos = options.receiveTimeout().toNanos();
  }

  /** The remote endpoint's number. */
  public int remote() {
    return remote;
  }

  /** The session's number of compute parties, as the handshake stated it. */
  public int parties() {
    return parties;
  }

  /** e.g. {@code party 1 (127.0.0.1:4001)}. */
  public String label() {
    return label;
  }

  Channel channel() {
    return channel;
  }

  public boolean isOpen() {
    return channel.isActive();
  }

  /** Bytes written to / read from the socket so far (TLS records, framing and payload). */
  public long wireBytesSent() {
    return counter.sent();
  }

  public long wireBytesReceived() {
    return counter.received();
  }

  /**
   * Waits (at most {@code millis}) until the writes queued before this call have passed through the
   * pipeline, so that {@link #wireBytesSent()} includes them. Writes held back by WAN emulation are
   * not waited for.
   */
  public void sync(long millis) {
    if (!channel.isActive() || channel.eventLoop().inEventLoop()) {
      return;
    }
    try {
      channel.eventLoop().submit(() -> {}).await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RejectedExecutionException ignored) {
      // shutting down: counters are final
    }
  }

  /** Sets the listener; frames received so far are delivered to it first, in order. */
  public void setListener(Listener l) {
    try {
      channel.eventLoop().execute(() -> install(l));
    } catch (RejectedExecutionException e) {
      l.onClosed(this, closedReason != null ? closedReason : "transport shut down", false);
    }
  }

  private void install(Listener l) {
    listener = l;
    Frame f;
    while ((f = early.poll()) != null) {
      l.onFrame(this, f);
    }
    if (closedReason != null && !closedDelivered) {
      closedDelivered = true;
      l.onClosed(this, closedReason, closedMalformed);
    }
  }

  /** On the event loop: a frame arrived. */
  void deliver(Frame f) {
    if (listener == null) {
      early.add(f);
    } else {
      listener.onFrame(this, f);
    }
  }

  /** On the event loop: the channel closed. */
  void closed(String reason, boolean malformed) {
    if (closedReason != null) {
      return;
    }
    closedReason = reason;
    closedMalformed = malformed;
    synchronized (this) {
      notifyAll(); // wake senders blocked on back-pressure
    }
    if (listener != null && !closedDelivered) {
      closedDelivered = true;
      listener.onClosed(this, reason, malformed);
    }
  }

  /** Sends a frame now (control traffic: no emulated delay). */
  public void send(Frame f) {
    send(FrameCodec.encode(f), 0);
  }

  /**
   * Sends encoded frame bytes, written to the socket at {@code deliverAt} ({@link
   * System#nanoTime()}; 0 for now). Blocks while the bytes pending to this peer exceed the
   * high-water mark.
   *
   * @throws LinkClosedException if the connection is closed
   * @throws LinkTimeoutException if the peer does not drain its backlog within the timeout
   */
  public void send(ByteBuf frame, long deliverAt) {
    if (transportDown.get()) {
      frame.release();
      throw new LinkClosedException(
          "connection to " + label + " is closed (this endpoint is stopping)");
    }
    int size = frame.readableBytes();
    synchronized (this) {
      long deadline = System.nanoTime() + sendTimeoutNanos;
      while (pendingBytes > 0 && pendingBytes + size > highWater && channel.isActive()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          frame.release();
          throw new LinkTimeoutException(
              "sending to "
                  + label
                  + " blocked: "
                  + pendingBytes
                  + " bytes not written to the socket within the timeout (is the peer reading?)");
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          frame.release();
          throw new LinkClosedException("interrupted while sending to " + label);
        }
      }
      if (!channel.isActive()) {
        frame.release();
        throw new LinkClosedException(
            "connection to "
                + label
                + " is closed"
                + (closedReason == null ? "" : " (" + closedReason + ")"));
      }
      pendingBytes += size;
    }
    Runnable write =
        () ->
            channel
                .writeAndFlush(frame)
                .addListener(
                    f -> {
                      synchronized (this) {
                        pendingBytes -= size;
                        notifyAll();
                      }
                    });
    long delay = deliverAt == 0 ? 0 : deliverAt - System.nanoTime();
    if (delay > 0) {
      lastDeliverAt = deliverAt;
    }
    try {
      if (delay <= 0) {
        write.run();
      } else {
        channel.eventLoop().schedule(write, delay, TimeUnit.NANOSECONDS);
      }
    } catch (RejectedExecutionException e) {
      frame.release();
      synchronized (this) {
        pendingBytes -= size;
        notifyAll();
      }
      throw new LinkClosedException("connection to " + label + " is closed (transport shut down)");
    }
  }

  /**
   * Sends {@code last} (after everything sent before it) and then closes the connection. An ABORT
   * lingers: the connection stays open (reading and dropping what still arrives) until the peer
   * closes it or {@link #ABORT_LINGER_MS} pass, because closing a socket with unread input resets
   * it and the peer could lose the ABORT, and with it the reason.
   */
  public void sendAndClose(Frame last) {
    if (!channel.isActive()) {
      return;
    }
    if (transportDown.get()) {
      channel.close(); // a stopping endpoint says nothing more
      return;
    }
    ByteBuf b = FrameCodec.encode(last);
    boolean linger = last instanceof Frame.Abort;
    Runnable write =
        () -> {
          if (linger) {
            channel.writeAndFlush(b);
            channel
                .eventLoop()
                .schedule(() -> channel.close(), ABORT_LINGER_MS, TimeUnit.MILLISECONDS);
          } else {
            channel.writeAndFlush(b).addListener(ChannelFutureListener.CLOSE);
          }
        };
    // Behind any emulated-delay writes already scheduled.
    long delay = lastDeliverAt - System.nanoTime();
    try {
      if (delay > 0) {
        channel.eventLoop().schedule(write, delay, TimeUnit.NANOSECONDS);
      } else {
        channel.eventLoop().execute(write);
      }
    } catch (RejectedExecutionException e) {
      b.release();
      channel.close();
    }
  }

  /** How long a connection stays open after sending ABORT, unless the peer closes it first. */
  public static final long ABORT_LINGER_MS = 1000;

  /** Closes the connection at once. */
  public void close() {
    channel.close();
  }

  @Override
  public String toString() {
    return "Connection(" + label + ")";
  }
}
