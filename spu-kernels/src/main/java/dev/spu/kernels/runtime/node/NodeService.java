package dev.spu.kernels.runtime.node;

import dev.spu.mpc.link.Endpoints;
import dev.spu.mpc.link.LinkException;
import dev.spu.mpc.link.netty.Connection;
import dev.spu.mpc.link.netty.Frame;
import dev.spu.mpc.link.netty.NettyOptions;
import dev.spu.mpc.link.netty.NettyTransport;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A long-lived node: one compute party (or the dealer) of a cluster, serving sessions for remote
 * drivers. It listens at its address from the {@link ClusterFile}; a driver that connects (with the
 * driver's certificate) opens a session, and the node then connects to its peers for that session
 * (the higher endpoint dials the lower; the dealer dials the parties) and runs the driver's
 * commands on its own thread: the PPHLO program as text, input shares from the owners on the
 * driver, opens and reveals (see {@link RemoteCluster} for the driver side).
 *
 * <p>Failures stay inside their session: a lost peer, a malformed frame or program, or a failing
 * kernel aborts that session on every endpoint (the reason travels in ABORT frames, naming the
 * cause), and the node keeps serving new sessions. Several sessions may run at once, each with its
 * own connections, values and thread.
 */
public final class NodeService implements AutoCloseable {
  /** Most sessions served at once; more are refused. */
  static final int MAX_SESSIONS = 16;

  private final ClusterFile cluster;
  private final int self;
  private final String name;
  private final NodeOptions options;
  private final NettyOptions nettyOptions;
  private final NettyTransport transport;
  private final NettyTransport.Server server;
  private final Map<String, NodeSession> sessions = new ConcurrentHashMap<>();
  private final Map<String, List<Connection>> parked = new ConcurrentHashMap<>();
  private final Object parkLock = new Object();
  private final ScheduledExecutorService timer;
  private volatile boolean closed;

  private NodeService(ClusterFile cluster, int self, NodeOptions options) {
    this.cluster = cluster;
    this.self = self;
    int n = cluster.size();
    this.name = Endpoints.name(self, n);
    this.options = options;
    this.nettyOptions =
        NettyOptions.defaults()
            .withConnectTimeout(cluster.connectTimeout())
            .withReceiveTimeout(cluster.receiveTimeout())
            .withWan(options.wan());
    ClusterFile.Node me = cluster.node(self);
    this.transport =
        new NettyTransport(
            (self < n ? "p" + self : "dealer"),
            cluster.security(self, options.insecure()),
            nettyOptions,
            s -> options.log().accept(name + ": " + s));
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "spu-node-" + (self < n ? "p" + self : "dealer") + "-timer");
              t.setDaemon(true);
              return t;
            });
    try {
      this.server =
          transport.listen(
              me.host(),
              me.port(),
              this::accept,
              (e, parties) ->
                  parties == n && e != Endpoints.driver(n) ? cluster.node(e).hostPort() : null);
    } catch (LinkException e) {
      transport.close();
      timer.shutdownNow();
      throw new LinkException(
          name
              + " cannot listen on "
              + me.hostPort()
              + ": "
              + e.getMessage()
              + " (is another node using that port?)",
          e);
    }
  }

  /**
   * Starts the node of endpoint {@code endpoint} (a party 0..N−1, or {@link Endpoints#dealer} for
   * the dealer) and returns once it listens.
   *
   * @throws IllegalArgumentException for a bad endpoint or missing/mismatched certificate files
   * @throws LinkException if the address cannot be bound
   */
  public static NodeService start(ClusterFile cluster, int endpoint, NodeOptions options) {
    int n = cluster.size();
    if (endpoint == Endpoints.driver(n) || endpoint < 0 || endpoint > Endpoints.dealer(n)) {
      throw new IllegalArgumentException(
          "a node is a party 0.." + (n - 1) + " or the dealer; got endpoint " + endpoint);
    }
    if (endpoint == Endpoints.dealer(n) && !cluster.factory().usesDealer()) {
      options
          .log()
          .accept(
              "note: "
                  + cluster.protocol()
                  + " uses no dealer; this dealer node will serve only sessions of protocols that do");
    }
    return new NodeService(cluster, endpoint, options);
  }

  /** This node's endpoint number. */
  public int endpoint() {
    return self;
  }

  /** e.g. {@code party 1}. */
  public String name() {
    return name;
  }

  /** The port it listens on. */
  public int port() {
    return server.port();
  }

  public String transportName() {
    return transport.security().transportName();
  }

  /** Sessions open now. */
  public int activeSessions() {
    return sessions.size();
  }

  ClusterFile cluster() {
    return cluster;
  }

  NodeOptions options() {
    return options;
  }

  NettyOptions nettyOptions() {
    return nettyOptions;
  }

  NettyTransport transport() {
    return transport;
  }

  void log(String s) {
    options.log().accept(name + ": " + s);
  }

  /** On an I/O thread: an authenticated connection claims an endpoint of a session. */
  private String accept(Frame.Hello hello, Connection c) {
    int n = cluster.size();
    if (hello.parties() != n) {
      return "this cluster has " + n + " parties, the peer's session has " + hello.parties();
    }
    if (hello.endpoint() == self) {
      return "the peer claims to be " + name + ", which is this node";
    }
    if (closed) {
      return name + " is shutting down";
    }
    String sid = HexFormat.of().formatHex(hello.sessionId());
    if (hello.endpoint() == Endpoints.driver(n)) {
      if (sessions.size() >= MAX_SESSIONS) {
        return name + " already serves " + MAX_SESSIONS + " sessions; try again later";
      }
      if (sessions.containsKey(sid)) {
        return "session " + sid.substring(0, 8) + " is already open";
      }
      NodeSession s = new NodeSession(this, sid, hello.sessionId(), c);
      sessions.put(sid, s);
      s.start();
      return null;
    }
    synchronized (parkLock) {
      NodeSession s = sessions.get(sid);
      if (s != null && s.acceptsPeers()) {
        s.peerConnected(c);
        return null;
      }
      parked.computeIfAbsent(sid, k -> new ArrayList<>()).add(c);
    }
    // A peer may be faster than our driver's OPEN: keep it for the connect timeout.
    timer.schedule(
        () -> expire(sid, c), cluster.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    return null;
  }

  private void expire(String sid, Connection c) {
    synchronized (parkLock) {
      List<Connection> l = parked.get(sid);
      if (l == null || !l.remove(c)) {
        return;
      }
      if (l.isEmpty()) {
        parked.remove(sid);
      }
    }
    log(c.label() + " connected for a session no driver opened here in time; closed it");
    c.sendAndClose(new Frame.Abort(name + ": no driver opened this session here in time"));
  }

  /** Lets {@code s} take its peers' connections, those already here first. */
  void openForPeers(NodeSession s) {
    List<Connection> early;
    synchronized (parkLock) {
      s.setAcceptsPeers();
      early = parked.remove(s.id());
    }
    if (early != null) {
      for (Connection c : early) {
        s.peerConnected(c);
      }
    }
  }

  void sessionEnded(NodeSession s) {
    sessions.remove(s.id(), s);
  }

  /** Stops listening, aborts open sessions (their peers are told) and stops the I/O threads. */
  @Override
  public void close() {
    shutdown(true);
  }

  /**
   * Stops at once without telling anyone, like a crashed process: peers see the connections drop.
   * For fault tests.
   */
  public void halt() {
    shutdown(false);
  }

  private void shutdown(boolean tell) {
    if (closed) {
      return;
    }
    closed = true;
    server.close();
    List<NodeSession> all = new ArrayList<>(sessions.values());
    if (tell) {
      for (NodeSession s : all) {
        s.abort(name + " is shutting down");
      }
    }
    transport.close();
    for (NodeSession s : all) {
      s.join(5000);
    }
    timer.shutdownNow();
  }
}
