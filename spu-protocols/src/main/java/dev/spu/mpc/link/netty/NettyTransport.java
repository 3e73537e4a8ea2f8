package dev.spu.mpc.link.netty;

import dev.spu.mpc.link.Endpoints;
import dev.spu.mpc.link.LinkException;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The Netty side of one process: I/O threads, a listening server and outgoing dials, each ending in
 * an authenticated {@link Connection}.
 *
 * <p>Handshake: the dialer opens TCP (and TLS, verifying that the listener's certificate is issued
 * for the endpoint it dials), then sends {@link Frame.Hello} with the session id and the endpoint
 * it claims. The listener checks that the claim matches the dialer's certificate, asks its {@link
 * Acceptor}, and answers {@link Frame.Accept} or {@link Frame.Refused}. A refused claim names the
 * claimed identity and the certificate's.
 *
 * <p>Dials retry with exponential back-off until the connect timeout when the peer is not (yet)
 * reachable; a refusal or a failed TLS handshake is final.
 */
public final class NettyTransport implements AutoCloseable {
  /** Decides on an incoming connection whose claimed identity has been verified. */
  public interface Acceptor {
    /**
     * Returns null to accept {@code c} (then set its listener), or the reason to refuse it. Runs on
     * an I/O thread: must not block.
     */
    String accept(Frame.Hello hello, Connection c);
  }

  private final TransportSecurity security;
  private final NettyOptions options;
  private final Consumer<String> log;
  private final EventLoopGroup group;
  private final java.util.concurrent.atomic.AtomicBoolean down =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * @param name names the I/O threads ({@code spu-net-<name>-k})
   * @param log receives one-line notices (refused connections, malformed frames); never data
   */
  public NettyTransport(
      String name, TransportSecurity security, NettyOptions options, Consumer<String> log) {
    this.security = security;
    this.options = options;
    this.log = log == null ? s -> {} : log;
    this.group = new NioEventLoopGroup(2, new DefaultThreadFactory("spu-net-" + name, true));
  }

  public TransportSecurity security() {
    return security;
  }

  public NettyOptions options() {
    return options;
  }

  /** A listening socket; {@link #close()} stops accepting (live connections stay). */
  public static final class Server implements AutoCloseable {
    private final Channel channel;

    private Server(Channel channel) {
      this.channel = channel;
    }

    public int port() {
      return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
      channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }

  /**
   * Listens on {@code host:port} (port 0: any free port).
   *
   * @throws LinkException naming the address if it cannot be bound
   */
  public Server listen(String host, int port, Acceptor acceptor) {
    return listen(host, port, acceptor, (e, n) -> null);
  }

  /** Where an endpoint listens, for error messages: {@code host:port}, or null if unknown. */
  public interface AddressBook {
    String addressOf(int endpoint, int parties);
  }

  /**
   * Like {@link #listen(String, int, Acceptor)}; accepted connections are labelled with the peer's
   * listening address from {@code book} (a dialer's socket port is ephemeral and says nothing),
   * falling back to the socket address.
   */
  public Server listen(String host, int port, Acceptor acceptor, AddressBook book) {
    if (security.isTls()) {
      security.server(); // a bad key or certificate fails here, not on the first connection
    }
    ServerBootstrap b =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    WireCounter counter = new WireCounter();
                    ch.pipeline().addLast(counter);
                    if (security.isTls()) {
                      SslHandler ssl = security.server().newHandler(ch.alloc());
                      ssl.setHandshakeTimeoutMillis(options.connectTimeout().toMillis());
                      ch.pipeline().addLast(ssl);
                    }
                    ch.pipeline()
                        .addLast(FrameCodec.splitter(options.maxFrameBytes()))
                        .addLast(new FrameCodec.Decoder())
                        .addLast(new ServerHandshake(counter, acceptor, book));
                  }
                });
    ChannelFuture f = b.bind(host, port).awaitUninterruptibly();
    if (!f.isSuccess()) {
      throw new LinkException(
          "cannot listen on " + host + ":" + port + ": " + describe(f.cause()), f.cause());
    }
    return new Server(f.channel());
  }

  /**
   * Dials endpoint {@code remote} of the session at {@code address}, retrying with back-off until
   * the connect timeout, and completes the handshake with {@code hello}.
   *
   * @throws LinkException naming the peer and its address if it cannot be reached in time, refuses
   *     the connection, or presents a certificate for another identity
   */
  public Connection dial(InetSocketAddress address, int remote, Frame.Hello hello) {
    String label = Endpoints.name(remote, hello.parties()) + " (" + hostPort(address) + ")";
    long deadline = System.nanoTime() + options.connectTimeout().toNanos();
    long backoff = options.retryInitial().toNanos();
    Throwable last = null;
    int attempts = 0;
    while (true) {
      attempts++;
      // At least 200 ms for one attempt, even the last one at the deadline.
      long left = Math.max(deadline - System.nanoTime(), 200_000_000L);
      try {
        return attempt(address, remote, hello, label, left);
      } catch (Fatal e) {
        throw new LinkException(e.getMessage(), e.getCause());
      } catch (RuntimeException e) {
        last = e;
      }
      long now = System.nanoTime();
      if (now >= deadline) {
        throw new LinkException(
            "cannot connect to "
                + label
                + " within "
                + seconds(options.connectTimeout())
                + " ("
                + attempts
                + " attempts): "
                + describe(last),
            last);
      }
      try {
        // The last attempt is made at the deadline, so a peer gets the whole connect timeout.
        TimeUnit.NANOSECONDS.sleep(Math.min(backoff, deadline - now));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LinkException("interrupted while connecting to " + label, e);
      }
      backoff = Math.min(2 * backoff, options.retryMax().toNanos());
    }
  }

  /** A dial failure that retrying cannot fix. */
  private static final class Fatal extends RuntimeException {
    Fatal(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private Connection attempt(
      InetSocketAddress address, int remote, Frame.Hello hello, String label, long budgetNanos) {
    CompletableFuture<Connection> done = new CompletableFuture<>();
    String expected = Identities.of(remote, hello.parties());
    Bootstrap b =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.max(100, Math.min(budgetNanos / 1_000_000, 10_000)))
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    WireCounter counter = new WireCounter();
                    ch.pipeline().addLast(counter);
                    if (security.isTls()) {
                      SslHandler ssl =
                          security
                              .client()
                              .newHandler(ch.alloc(), address.getHostString(), address.getPort());
                      ssl.setHandshakeTimeoutMillis(options.connectTimeout().toMillis());
                      ch.pipeline().addLast(ssl);
                    }
                    ch.pipeline()
                        .addLast(FrameCodec.splitter(options.maxFrameBytes()))
                        .addLast(new FrameCodec.Decoder())
                        .addLast(
                            new ClientHandshake(counter, remote, expected, hello, label, done));
                  }
                });
    ChannelFuture cf = b.connect(address);
    cf.addListener(
        f -> {
          if (!f.isSuccess()) {
            done.completeExceptionally(f.cause());
          }
        });
    try {
      return done.get(Math.max(1, budgetNanos), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      cf.channel().close();
      throw new LinkException("no handshake with " + label + " in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cf.channel().close();
      throw new Fatal("interrupted while connecting to " + label, e);
    } catch (ExecutionException e) {
      cf.channel().close();
      Throwable c = e.getCause();
      if (c instanceof Fatal f) {
        throw f;
      }
      throw c instanceof RuntimeException re ? re : new LinkException(describe(c), c);
    }
  }

  /** The dialer's side of the handshake. */
  private final class ClientHandshake extends ChannelInboundHandlerAdapter {
    private final WireCounter counter;
    private final int remote;
    private final String expected;
    private final Frame.Hello hello;
    private final String label;
    private final CompletableFuture<Connection> done;
    private Connection conn;

    ClientHandshake(
        WireCounter counter,
        int remote,
        String expected,
        Frame.Hello hello,
        String label,
        CompletableFuture<Connection> done) {
      this.counter = counter;
      this.remote = remote;
      this.expected = expected;
      this.hello = hello;
      this.label = label;
      this.done = done;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      SslHandler ssl = ctx.pipeline().get(SslHandler.class);
      if (ssl == null) {
        ctx.writeAndFlush(FrameCodec.encode(hello));
      } else {
        ssl.handshakeFuture()
            .addListener(
                f -> {
                  if (!f.isSuccess()) {
                    return; // reported by exceptionCaught
                  }
                  String got = TransportSecurity.peerIdentity(ssl.engine().getSession());
                  if (!expected.equals(got)) {
                    done.completeExceptionally(
                        new Fatal(
                            label
                                + " presents a certificate issued for '"
                                + got
                                + "', not for '"
                                + expected
                                + "': refusing to talk to it (check the certificate paths in"
                                + " cluster.json)",
                            null));
                    ctx.close();
                    return;
                  }
                  ctx.writeAndFlush(FrameCodec.encode(hello));
                });
      }
      ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      Frame f = (Frame) msg;
      if (conn != null) {
        conn.deliver(f);
        return;
      }
      if (f instanceof Frame.Accept) {
        conn =
            new Connection(ctx.channel(), remote, hello.parties(), label, counter, options, down);
        if (!done.complete(conn)) {
          ctx.close(); // the dialer gave up meanwhile
        }
      } else if (f instanceof Frame.Refused r) {
        done.completeExceptionally(
            new Fatal(label + " refused the connection: " + r.reason(), null));
        ctx.close();
      } else {
        done.completeExceptionally(
            new Fatal(label + " answered the handshake with " + f + " instead of ACCEPT", null));
        ctx.close();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      Throwable c = unwrap(cause);
      if (conn != null) {
        failed(ctx, conn, c);
        return;
      }
      if (c instanceof SSLHandshakeException || c instanceof SSLException) {
        done.completeExceptionally(
            new Fatal(
                "TLS handshake with "
                    + label
                    + " failed: "
                    + c.getMessage()
                    + " (are both sides using certificates of the same cluster CA, and is the"
                    + " node not running with --insecure?)",
                c));
      } else if (c instanceof MalformedFrameException || c instanceof CorruptedFrameException) {
        done.completeExceptionally(
            new Fatal(label + " sent a malformed handshake: " + c.getMessage(), c));
      } else {
        done.completeExceptionally(c);
      }
      ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (conn != null) {
        conn.closed(closeReason(ctx, "connection closed by " + label), isMalformed(ctx));
      } else {
        done.completeExceptionally(
            new LinkException(
                label
                    + " closed the connection during the handshake"
                    + (security.isTls() ? "" : " (is the node running with TLS?)")));
      }
      ctx.fireChannelInactive();
    }
  }

  /** The listener's side of the handshake. */
  private final class ServerHandshake extends ChannelInboundHandlerAdapter {
    private final WireCounter counter;
    private final Acceptor acceptor;
    private final AddressBook book;
    private Connection conn;
    private ScheduledFuture<?> deadline;

    ServerHandshake(WireCounter counter, Acceptor acceptor, AddressBook book) {
      this.counter = counter;
      this.acceptor = acceptor;
      this.book = book;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      deadline =
          ctx.executor()
              .schedule(
                  () -> {
                    if (conn == null) {
                      log.accept(
                          "closed a connection from "
                              + hostPort(ctx.channel().remoteAddress())
                              + ": no handshake within "
                              + seconds(options.connectTimeout()));
                      ctx.close();
                    }
                  },
                  options.connectTimeout().toNanos(),
                  TimeUnit.NANOSECONDS);
      ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      Frame f = (Frame) msg;
      if (conn != null) {
        conn.deliver(f);
        return;
      }
      String from = hostPort(ctx.channel().remoteAddress());
      if (!(f instanceof Frame.Hello hello)) {
        refuse(ctx, from, "the first frame must be HELLO, got " + f);
        return;
      }
      String claimed = Identities.of(hello.endpoint(), hello.parties());
      String claimLabel = Endpoints.name(hello.endpoint(), hello.parties());
      SslHandler ssl = ctx.pipeline().get(SslHandler.class);
      if (ssl != null) {
        String cert = TransportSecurity.peerIdentity(ssl.engine().getSession());
        if (!claimed.equals(cert)) {
          refuse(
              ctx,
              from,
              "the peer claims to be "
                  + claimLabel
                  + " ('"
                  + claimed
                  + "') but its certificate is issued for '"
                  + cert
                  + "'");
          return;
        }
      }
      String known = null;
      try {
        known = book.addressOf(hello.endpoint(), hello.parties());
      } catch (RuntimeException ignored) {
        // unknown endpoint: label with the socket address
      }
      Connection c =
          new Connection(
              ctx.channel(),
              hello.endpoint(),
              hello.parties(),
              claimLabel + " (" + (known != null ? known : from) + ")",
              counter,
              options,
              down);
      String refusal;
      try {
        refusal = acceptor.accept(hello, c);
      } catch (RuntimeException e) {
        refusal = "internal error: " + e;
      }
      if (refusal != null) {
        refuse(ctx, from, refusal);
        return;
      }
      conn = c;
      if (deadline != null) {
        deadline.cancel(false);
      }
      ctx.writeAndFlush(FrameCodec.encode(new Frame.Accept(hello.endpoint())));
    }

    private void refuse(ChannelHandlerContext ctx, String from, String reason) {
      log.accept("refused a connection from " + from + ": " + reason);
      ctx.writeAndFlush(FrameCodec.encode(new Frame.Refused(reason)))
          .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      Throwable c = unwrap(cause);
      if (conn != null) {
        failed(ctx, conn, c);
        return;
      }
      log.accept(
          "closed a connection from "
              + hostPort(ctx.channel().remoteAddress())
              + " before its handshake: "
              + describe(c));
      ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (deadline != null) {
        deadline.cancel(false);
      }
      if (conn != null) {
        conn.closed(closeReason(ctx, "connection closed by " + conn.label()), isMalformed(ctx));
      }
      ctx.fireChannelInactive();
    }
  }

  private static final io.netty.util.AttributeKey<String> CLOSE_REASON =
      io.netty.util.AttributeKey.valueOf("spu.closeReason");
  private static final io.netty.util.AttributeKey<Boolean> MALFORMED =
      io.netty.util.AttributeKey.valueOf("spu.malformed");

  /**
   * Remembers why an open connection failed, for its close notification, and closes it; a peer that
   * sent a malformed frame is told why first.
   */
  private void failed(ChannelHandlerContext ctx, Connection conn, Throwable c) {
    boolean malformed =
        c instanceof MalformedFrameException
            || c instanceof CorruptedFrameException
            || c instanceof TooLongFrameException;
    String reason =
        malformed ? "malformed frame from " + conn.label() + ": " + c.getMessage() : describe(c);
    if (malformed) {
      log.accept(reason);
    }
    Channel ch = conn.channel();
    {
      ch.attr(CLOSE_REASON).setIfAbsent(reason);
      if (malformed) {
        ch.attr(MALFORMED).set(true);
      }
    }
    if (malformed) {
      ctx.writeAndFlush(FrameCodec.encode(new Frame.Abort(reason)))
          .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
    } else {
      ctx.close();
    }
  }

  private String closeReason(ChannelHandlerContext ctx, String dflt) {
    String r = ctx.channel().attr(CLOSE_REASON).get();
    return r != null ? r : down.get() ? "this endpoint is stopping" : dflt;
  }

  private static boolean isMalformed(ChannelHandlerContext ctx) {
    return Boolean.TRUE.equals(ctx.channel().attr(MALFORMED).get());
  }

  private static Throwable unwrap(Throwable t) {
    while (t instanceof DecoderException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  static String describe(Throwable t) {
    if (t == null) {
      return "unknown error";
    }
    if (t instanceof ConnectException) {
      return "connection refused (is the node running?)";
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }

  static String hostPort(SocketAddress a) {
    if (a instanceof InetSocketAddress i) {
      return i.getHostString() + ":" + i.getPort();
    }
    return String.valueOf(a);
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /**
   * Stops the I/O threads (closing every connection, with no further frames: peers see the
   * connections drop) and waits for them to end.
   */
  @Override
  public void close() {
    down.set(true);
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
  }
}
