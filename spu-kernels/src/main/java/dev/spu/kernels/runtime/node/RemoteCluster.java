package dev.spu.kernels.runtime.node;

import dev.spu.kernels.runtime.DriverSide;
import dev.spu.kernels.runtime.PartyRuntime;
import dev.spu.kernels.runtime.RuntimeConfig;
import dev.spu.mpc.PartyContext;
import dev.spu.mpc.ProtocolFactory;
import dev.spu.mpc.link.CommStats;
import dev.spu.mpc.link.Endpoints;
import dev.spu.mpc.link.LinkClosedException;
import dev.spu.mpc.link.LinkException;
import dev.spu.mpc.link.WanProfile;
import dev.spu.mpc.link.netty.Connection;
import dev.spu.mpc.link.netty.Frame;
import dev.spu.mpc.link.netty.NettyLink;
import dev.spu.mpc.link.netty.NettyOptions;
import dev.spu.mpc.link.netty.NettyTransport;
import dev.spu.mpc.link.netty.TransportStats;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.Printer;
import dev.spu.pphlo.TensorType;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The driver's side of a session on a cluster of {@link NodeService nodes}: the distributed
 * counterpart of {@link dev.spu.kernels.runtime.LocalCluster}. It connects to every node (retrying
 * for the connect timeout, then failing with an error naming the unreachable ones), opens a session
 * on each, and then drives the program: values live on the nodes in per-session tables under
 * handles the caller chooses. Data owners and reveal readers act on the driver endpoint: an input
 * is shared here and each node receives only its share; a reveal gathers the shares here only.
 *
 * <p>Op ids are reserved exactly as the simulation's backend does, so with the same fixed seed a
 * program gives the same shares and results as in simulation.
 *
 * <p>Failure: a node that fails or disappears aborts the session everywhere; the pending call
 * throws {@link ClusterSessionException} naming the cause (e.g. the lost party) and the cluster
 * object is unusable. The nodes keep serving new sessions.
 *
 * <p>Threading: one caller at a time.
 */
public final class RemoteCluster implements AutoCloseable {
  /**
   * Driver settings.
   *
   * @param insecure plain TCP instead of mutual TLS (the nodes must agree)
   * @param connectTimeout how long to keep trying to reach the nodes (at least 30 s by default)
   * @param receiveTimeout how long any endpoint waits for one message (null: the cluster file's)
   * @param fixedSeed null for secure randomness; a seed for reproducible tests (nodes must allow
   *     it)
   * @param wan network emulation for the session (null: each node's own setting)
   * @param log one-line notices
   */
  public record Options(
      boolean insecure,
      Duration connectTimeout,
      Duration receiveTimeout,
      byte[] fixedSeed,
      WanProfile wan,
      Consumer<String> log) {
    public static Options defaults() {
      return new Options(false, null, null, null, null, s -> {});
    }
  }

  private final ClusterFile file;
  private final RuntimeConfig cfg;
  private final ProtocolFactory factory;
  private final int n;
  private final int driverEp;
  private final List<Integer> nodes = new ArrayList<>();
  private final NettyTransport transport;
  private final NettyLink link;
  private final Map<Integer, Map<Long, CompletableFuture<Wire.In>>> pending =
      new ConcurrentHashMap<>();
  private final AtomicLong nextRequest = new AtomicLong(1);
  private final AtomicLong nextOpId = new AtomicLong(1);
  private final Map<Function, Integer> programs = new IdentityHashMap<>();
  private final Set<Long> live = new HashSet<>();
  private final Wire.Stats[] lastStats;
  private int nextProgram = 1;
  private DriverSide driver;
  private String brokenBy;
  private boolean closed;

  private RemoteCluster(ClusterFile file, Options o) {
    this.file = file;
    this.factory = file.factory();
    this.n = file.size();
    this.driverEp = Endpoints.driver(n);
    Duration receive = o.receiveTimeout() != null ? o.receiveTimeout() : file.receiveTimeout();
    Duration connect = o.connectTimeout() != null ? o.connectTimeout() : file.connectTimeout();
    this.cfg =
        new RuntimeConfig(
            file.protocol(), n, file.fieldBits(), file.fractionBits(), o.fixedSeed(), receive);
    for (int i = 0; i < n; i++) {
      nodes.add(i);
    }
    if (factory.usesDealer()) {
      nodes.add(Endpoints.dealer(n));
    }
    this.lastStats = new Wire.Stats[Endpoints.count(n)];
    Arrays.fill(lastStats, Wire.Stats.ZERO);
    NettyOptions no =
        NettyOptions.defaults()
            .withConnectTimeout(connect)
            .withReceiveTimeout(receive)
            .withWan(o.wan() == null ? WanProfile.NONE : o.wan());
    this.transport =
        new NettyTransport(
            "driver", file.security(driverEp, o.insecure()), no, s -> o.log().accept(s));
    this.link = new NettyLink(driverEp, n, no);
    link.onFailure(this::failPending);
    long t0 = System.nanoTime();
    try {
      connectAll();
      long t1 = System.nanoTime();
      byte[] seed = cfg.fixedSeed();
      WanProfile wan = o.wan();
      List<Future<Wire.In>> open = new ArrayList<>();
      for (int e : nodes) {
        Wire.Out m = new Wire.Out(Wire.OPEN, 0);
        m.s(cfg.protocol()).i(n).i(cfg.fieldBits()).i(cfg.fractionBits());
        m.l(receive.toMillis());
        m.b(seed == null ? 0 : 1);
        if (seed != null) {
          m.bytes(seed);
        }
        m.d(wan == null ? Double.NaN : wan.latencyMs());
        m.d(wan == null ? Double.NaN : wan.bandwidthMbps());
        open.add(request(e, Wire.OPEN, m));
      }
      await(open);
      long t2 = System.nanoTime();
      List<Future<Wire.In>> setup = new ArrayList<>();
      for (int e : nodes) {
        setup.add(request(e, Wire.SETUP, new Wire.Out(Wire.SETUP, 0)));
      }
      PartyContext ctx = new PartyContext(link, seed);
      this.driver = new DriverSide(cfg, factory.owner(ctx), ctx);
      await(setup);
      long t3 = System.nanoTime();
      o.log()
          .accept(
              String.format(
                  "session open on %d nodes (%s): connect %.0f ms, peers %.0f ms, set-up %.0f ms",
                  nodes.size(),
                  transport.security().transportName(),
                  (t1 - t0) / 1e6,
                  (t2 - t1) / 1e6,
                  (t3 - t2) / 1e6));
    } catch (RuntimeException e) {
      RuntimeException f = failure(e);
      shutdown();
      throw f;
    }
  }

  /**
   * Connects to the nodes of {@code file} and opens a session.
   *
   * @throws LinkException naming the unreachable nodes if some cannot be reached in time
   * @throws ClusterSessionException if a node refuses or fails the session
   */
  public static RemoteCluster connect(ClusterFile file, Options options) {
    return new RemoteCluster(file, options);
  }

  private void connectAll() {
    byte[] sid = new byte[16];
    new SecureRandom().nextBytes(sid);
    Frame.Hello hello = new Frame.Hello(sid, driverEp, n);
    ExecutorService dialers =
        Executors.newFixedThreadPool(
            nodes.size(),
            r -> {
              Thread t = new Thread(r, "spu-driver-dial");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Connection>> fs = new ArrayList<>();
      for (int e : nodes) {
        ClusterFile.Node node = file.node(e);
        fs.add(dialers.submit(() -> transport.dial(node.address(), e, hello)));
      }
      List<String> unreachable = new ArrayList<>();
      String firstReason = null;
      for (int k = 0; k < fs.size(); k++) {
        int e = nodes.get(k);
        try {
          Connection c = fs.get(k).get();
          link.attach(c, this::onReply);
        } catch (ExecutionException ex) {
          String why = ex.getCause().getMessage();
          unreachable.add(Endpoints.name(e, n) + " (" + file.node(e).hostPort() + ")");
          if (firstReason == null) {
            firstReason = why;
          }
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
          throw new LinkException("interrupted while connecting to the cluster", ex);
        }
      }
      if (!unreachable.isEmpty()) {
        throw new LinkException(
            "cannot reach "
                + String.join(", ", unreachable)
                + ": "
                + firstReason
                + " (start each node with ./spu node --config cluster.json --party N"
                + (factory.usesDealer() ? ", and the dealer with --dealer" : "")
                + "; never falls back to simulation)");
      }
    } finally {
      dialers.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ requests and replies

  private Future<Wire.In> request(int node, byte kind, Wire.Out body) {
    // Messages are built with request id 0; the id (bytes 1..8, after the kind) is set here.
    long id = nextRequest.getAndIncrement();
    byte[] b = body.build();
    java.nio.ByteBuffer.wrap(b).putLong(1, id);
    CompletableFuture<Wire.In> f = new CompletableFuture<>();
    pending.computeIfAbsent(node, k -> new ConcurrentHashMap<>()).put(id, f);
    LinkClosedException down = link.failure();
    if (down != null) {
      f.completeExceptionally(down);
      return f;
    }
    try {
      link.sendControl(node, b);
    } catch (RuntimeException e) {
      f.completeExceptionally(e);
    }
    return f;
  }

  /** Sends a command that gets no reply (errors abort the session). */
  private void post(int node, Wire.Out body) {
    link.sendControl(node, body.build());
  }

  /** On an I/O thread: a node's reply. */
  private void onReply(int from, byte[] body) {
    Wire.In in;
    try {
      in = new Wire.In(body);
    } catch (RuntimeException e) {
      link.abort("malformed reply from " + Endpoints.name(from, n) + ": " + e.getMessage());
      return;
    }
    Map<Long, CompletableFuture<Wire.In>> m = pending.get(from);
    CompletableFuture<Wire.In> f = m == null ? null : m.remove(in.requestId);
    if (f == null) {
      link.abort(
          "unexpected "
              + Wire.kindName(in.kind)
              + " reply "
              + in.requestId
              + " from "
              + Endpoints.name(from, n));
      return;
    }
    try {
      Wire.Stats s = Wire.Stats.read(in);
      synchronized (lastStats) {
        lastStats[from] = s;
      }
    } catch (RuntimeException e) {
      f.completeExceptionally(e);
      return;
    }
    f.complete(in);
  }

  private void failPending(LinkClosedException f) {
    for (Map<Long, CompletableFuture<Wire.In>> m : pending.values()) {
      for (CompletableFuture<Wire.In> c : m.values()) {
        c.completeExceptionally(f);
      }
      m.clear();
    }
  }

  private List<Wire.In> await(List<Future<Wire.In>> fs) {
    List<Wire.In> out = new ArrayList<>();
    for (Future<Wire.In> f : fs) {
      try {
        out.add(f.get());
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        throw c instanceof RuntimeException re ? re : new LinkException(c.toString(), c);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LinkException("interrupted while waiting for the nodes", e);
      }
    }
    return out;
  }

  /** The root cause as the caller sees it: the link's failure names who failed first. */
  private RuntimeException failure(RuntimeException e) {
    LinkClosedException f = link.failure();
    if (e instanceof ClusterSessionException c) {
      return c;
    }
    if (f != null) {
      return new ClusterSessionException("cluster session failed: " + f.getMessage(), e);
    }
    if (e instanceof LinkException) {
      return e;
    }
    return new ClusterSessionException("cluster session failed: " + e.getMessage(), e);
  }

  /** Runs one operation; any failure aborts the session on every node and is rethrown. */
  private <T> T guarded(String what, java.util.function.Supplier<T> op) {
    if (closed) {
      throw new IllegalStateException("the cluster session is closed");
    }
    if (brokenBy != null) {
      throw new IllegalStateException(
          "the cluster session failed earlier (" + brokenBy + "); connect again");
    }
    try {
      return op.get();
    } catch (RuntimeException e) {
      RuntimeException f = failure(e);
      brokenBy = f.getMessage();
      link.abort("the driver's " + what + " failed: " + e.getMessage());
      throw f;
    }
  }

  private List<Future<Wire.In>> toParties(byte kind, java.util.function.IntFunction<Wire.Out> m) {
    List<Future<Wire.In>> fs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      fs.add(request(i, kind, m.apply(i)));
    }
    return fs;
  }

  // ------------------------------------------------------------------ the backend operations

  public RuntimeConfig config() {
    return cfg;
  }

  public ClusterFile file() {
    return file;
  }

  public int parties() {
    return n;
  }

  public String securityModel() {
    return factory.securityModel();
  }

  /** {@code tls} or {@code tcp}. */
  public String transport() {
    return transport.security().transportName();
  }

  /** Reserves {@code count} consecutive op ids and returns the first (ids start at 1). */
  public long reserveOpIds(int count) {
    return nextOpId.getAndAdd(count);
  }

  /** The driver shares {@code ring} as a secret input stored under {@code handle} on every node. */
  public void input(long handle, TensorType type, long[] ring) {
    guarded(
        "input",
        () -> {
          long op = reserveOpIds(1);
          List<Future<Wire.In>> fs =
              toParties(
                  Wire.INPUT, i -> new Wire.Out(Wire.INPUT, 0).l(handle).l(op).s(type.toString()));
          driver.input(op, type, ring);
          await(fs);
          live.add(handle);
          return null;
        });
  }

  /** A public value known to every node, stored under {@code handle}. */
  public void publicValue(long handle, TensorType type, long[] ring) {
    guarded(
        "public value",
        () -> {
          for (int i = 0; i < n; i++) {
            post(i, new Wire.Out(Wire.PUBLIC, 0).l(handle).s(type.toString()).longs(ring));
          }
          live.add(handle);
          return null;
        });
  }

  /** Runs {@code f} on every node over the argument handles, storing results under new handles. */
  public void run(Function f, long[] args, long[] results) {
    guarded(
        "run of @" + f.name(),
        () -> {
          Integer prog = programs.get(f);
          if (prog == null) {
            prog = define(Printer.print(f));
            programs.put(f, prog);
          }
          runDefined(prog, PartyRuntime.opIdsNeeded(f), args, results);
          return null;
        });
  }

  /**
   * Runs a program given as PPHLO text (its {@code main} or only function), for tools and tests;
   * {@code ops} is the number of body ops (op ids to reserve).
   */
  public void runText(String pphlo, int ops, long[] args, long[] results) {
    guarded(
        "run",
        () -> {
          runDefined(define(pphlo), ops, args, results);
          return null;
        });
  }

  private int define(String text) {
    int id = nextProgram++;
    for (int i = 0; i < n; i++) {
      post(i, new Wire.Out(Wire.DEFINE, 0).i(id).s(text));
    }
    return id;
  }

  private void runDefined(int prog, int ops, long[] args, long[] results) {
    long first = reserveOpIds(Math.max(1, ops));
    await(
        toParties(
            Wire.RUN, i -> new Wire.Out(Wire.RUN, 0).i(prog).l(first).longs(args).longs(results)));
    for (long r : results) {
      live.add(r);
    }
  }

  /** Opens a value to every node and returns it (ring encoding); the nodes must agree. */
  public long[] open(long handle, TensorType type) {
    return guarded(
        "open",
        () -> {
          long op = reserveOpIds(1);
          List<Wire.In> rs =
              await(
                  toParties(
                      Wire.OPEN_VALUE, i -> new Wire.Out(Wire.OPEN_VALUE, 0).l(handle).l(op)));
          long[] first = null;
          for (Wire.In r : rs) {
            long[] v = r.longs();
            if (first == null) {
              first = v;
            } else if (!Arrays.equals(first, v)) {
              throw new IllegalStateException("the nodes opened different values for " + type);
            }
          }
          return first;
        });
  }

  /** Reveals a value to the driver only (ring encoding); the nodes learn nothing. */
  public long[] revealTo(long handle, TensorType type) {
    return guarded(
        "reveal",
        () -> {
          if (!type.isSecret()) {
            // Every node knows a public value: party 0 tells it, without an op id.
            return await(
                    List.of(
                        request(0, Wire.GET_PUBLIC, new Wire.Out(Wire.GET_PUBLIC, 0).l(handle))))
                .get(0)
                .longs();
          }
          long op = reserveOpIds(1);
          List<Future<Wire.In>> fs =
              toParties(Wire.REVEAL, i -> new Wire.Out(Wire.REVEAL, 0).l(handle).l(op));
          long[] r = driver.reveal(op, type);
          await(fs);
          return r;
        });
  }

  /** Drops handles on every node. */
  public void free(long... handles) {
    if (closed || brokenBy != null) {
      return;
    }
    guarded(
        "free",
        () -> {
          for (int i = 0; i < n; i++) {
            post(i, new Wire.Out(Wire.FREE, 0).longs(handles));
          }
          for (long h : handles) {
            live.remove(h);
          }
          return null;
        });
  }

  private long nextOwnHandle = Long.MAX_VALUE / 2;

  /**
   * Convenience for a whole program, as {@link dev.spu.kernels.runtime.LocalCluster#evaluate}: the
   * driver shares the secret arguments (public ones are given to every node as they are), the nodes
   * run {@code f}, and every result is revealed to the driver. Ring encodings in and out.
   */
  public List<long[]> evaluate(Function f, List<long[]> args) {
    List<TensorType> types = f.argumentTypes();
    if (args.size() != types.size()) {
      throw new IllegalArgumentException(
          "@" + f.name() + " takes " + types.size() + " arguments, got " + args.size());
    }
    long[] in = new long[types.size()];
    for (int i = 0; i < in.length; i++) {
      in[i] = nextOwnHandle++;
      if (types.get(i).isSecret()) {
        input(in[i], types.get(i), args.get(i));
      } else {
        publicValue(in[i], types.get(i), args.get(i));
      }
    }
    List<TensorType> rtypes = f.resultTypes();
    long[] out = new long[rtypes.size()];
    for (int r = 0; r < out.length; r++) {
      out[r] = nextOwnHandle++;
    }
    run(f, in, out);
    List<long[]> results = new ArrayList<>();
    for (int r = 0; r < out.length; r++) {
      results.add(revealTo(out[r], rtypes.get(r)));
    }
    free(in);
    free(out);
    return results;
  }

  /** Handles held on the nodes. */
  public int liveHandles() {
    return live.size();
  }

  /** Each compute party's communication totals as of its last reply (index = party). */
  public List<CommStats.Counters> partyTotals() {
    List<CommStats.Counters> out = new ArrayList<>();
    synchronized (lastStats) {
      for (int i = 0; i < n; i++) {
        out.add(
            new CommStats.Counters(
                lastStats[i].bytes(), lastStats[i].messages(), lastStats[i].rounds()));
      }
    }
    return out;
  }

  /** The driver endpoint's communication (input sharing, reveals). */
  public CommStats driverStats() {
    return link.stats();
  }

  /**
   * What each compute party put on the wire as of its last reply (index = party), then the driver's
   * own, last.
   */
  public List<TransportStats> transportStats() {
    List<TransportStats> out = new ArrayList<>();
    synchronized (lastStats) {
      for (int i = 0; i < n; i++) {
        Wire.Stats s = lastStats[i];
        out.add(
            new TransportStats(
                s.payloadBytes(),
                s.framingBytes(),
                s.controlBytes(),
                s.wireBytesSent(),
                s.wireBytesReceived()));
      }
    }
    out.add(link.transportStats());
    return out;
  }

  /** Ends the session on every node (normally) and stops the driver's I/O threads. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (brokenBy == null && link.failure() == null) {
      try {
        for (int e : nodes) {
          post(e, new Wire.Out(Wire.CLOSE, 0));
        }
      } catch (RuntimeException ignored) {
        // The session is ending anyway.
      }
    }
    shutdown();
  }

  private void shutdown() {
    link.close();
    long deadline = System.nanoTime() + 2_000_000_000L;
    for (int e : nodes) {
      Connection c = link.connection(e);
      while (c != null && c.isOpen() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
        try {
          Thread.sleep(2);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    transport.close();
  }
}
