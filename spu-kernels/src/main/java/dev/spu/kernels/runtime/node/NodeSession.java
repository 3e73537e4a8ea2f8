package dev.spu.kernels.runtime.node;

import dev.spu.kernels.hal.HalValue;
import dev.spu.kernels.runtime.PartyRuntime;
import dev.spu.kernels.runtime.RuntimeConfig;
import dev.spu.mpc.PartyContext;
import dev.spu.mpc.ProtocolFactory;
import dev.spu.mpc.Protocols;
import dev.spu.mpc.link.CommStats;
import dev.spu.mpc.link.Endpoints;
import dev.spu.mpc.link.LinkException;
import dev.spu.mpc.link.WanProfile;
import dev.spu.mpc.link.netty.Connection;
import dev.spu.mpc.link.netty.Frame;
import dev.spu.mpc.link.netty.NettyLink;
import dev.spu.mpc.link.netty.NettyOptions;
import dev.spu.mpc.link.netty.TransportStats;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.Module;
import dev.spu.pphlo.Parser;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Verifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One driver's session on one node: its own link to the session's peers, its own table of values by
 * handle, and one thread that runs the driver's commands in order. Any failure aborts the whole
 * session (every peer and the driver get the reason); the node is unaffected.
 */
final class NodeSession {
  private static final byte[] STOP = new byte[0];

  private final NodeService service;
  private final String id;
  private final byte[] sessionId;
  private final Connection driverConn;
  private final int self;
  private final int n;
  private final int driverEp;
  private final BlockingQueue<byte[]> commands = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final Map<Long, HalValue> values = new HashMap<>();
  private final Map<Integer, Function> programs = new HashMap<>();
  private volatile NettyLink link;
  private volatile boolean acceptsPeers;
  private volatile String pendingAbort;
  private RuntimeConfig cfg;
  private ProtocolFactory factory;
  private PartyRuntime rt;

  NodeSession(NodeService service, String id, byte[] sessionId, Connection driverConn) {
    this.service = service;
    this.id = id;
    this.sessionId = sessionId;
    this.driverConn = driverConn;
    this.self = service.endpoint();
    this.n = service.cluster().size();
    this.driverEp = Endpoints.driver(n);
    this.thread =
        new Thread(
            this::loop,
            "spu-node-" + (self < n ? "p" + self : "dealer") + "-session-" + id.substring(0, 8));
    thread.setDaemon(true);
  }

  String id() {
    return id;
  }

  void start() {
    // Until OPEN makes the link, the driver's connection carries only OPEN.
    driverConn.setListener(
        new Connection.Listener() {
          @Override
          public void onFrame(Connection c, Frame f) {
            commands.add(f instanceof Frame.Control ctl ? ctl.body() : STOP);
          }

          @Override
          public void onClosed(Connection c, String reason, boolean malformed) {
            commands.add(STOP);
          }
        });
    thread.start();
  }

  boolean acceptsPeers() {
    return acceptsPeers;
  }

  void setAcceptsPeers() {
    acceptsPeers = true;
  }

  /** On an I/O thread: a peer's connection for this session. */
  void peerConnected(Connection c) {
    NettyLink l = link;
    if (l == null) {
      c.close();
    } else {
      l.attach(c, null);
    }
  }

  /** Aborts the session from outside (node shutdown). */
  void abort(String reason) {
    NettyLink l = link;
    if (l != null) {
      l.abort(reason);
    } else {
      pendingAbort = reason;
      driverConn.sendAndClose(new Frame.Abort(reason));
    }
    commands.add(STOP);
  }

  void join(long millis) {
    try {
      thread.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String shortId() {
    return id.substring(0, 8);
  }

  private void loop() {
    boolean normal = false;
    try {
      while (true) {
        byte[] body = commands.take();
        if (body == STOP) {
          NettyLink l = link;
          if (l != null && l.failure() != null) {
            service.log("session " + shortId() + " failed: " + l.failure().getMessage());
          }
          break;
        }
        Wire.In in;
        try {
          in = new Wire.In(body);
        } catch (Wire.MalformedMessage e) {
          throw new Wire.MalformedMessage("malformed command from the driver: " + e.getMessage());
        }
        if (link == null && in.kind != Wire.OPEN) {
          throw new Wire.MalformedMessage(
              "the driver sent " + Wire.kindName(in.kind) + " before OPEN");
        }
        if (in.kind == Wire.CLOSE) {
          normal = true;
          break;
        }
        handle(in);
        if (rt == null
            && cfg != null
            && factory.usesDealer()
            && self == Endpoints.dealer(n)
            && in.kind == Wire.SETUP) {
          // The dealer serves until the session ends.
          normal = true;
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(new LinkException("interrupted"));
    } catch (Throwable t) {
      fail(t);
    } finally {
      NettyLink l = link;
      if (l != null) {
        if (normal && l.failure() == null) {
          l.close();
        } else if (l.failure() == null) {
          l.abort("session ended");
        }
      } else {
        driverConn.close();
      }
      values.clear();
      programs.clear();
      service.sessionEnded(this);
    }
  }

  /** Aborts the session with a reason that names the cause and never carries data. */
  private void fail(Throwable t) {
    NettyLink l = link;
    String reason = reason(t);
    if (l != null && l.failure() != null) {
      service.log("session " + shortId() + " failed: " + l.failure().getMessage());
      return;
    }
    service.log("session " + shortId() + " failed: " + reason);
    if (l != null) {
      l.abort(reason);
    } else {
      driverConn.sendAndClose(new Frame.Abort(Endpoints.name(self, n) + ": " + reason));
    }
  }

  private static String reason(Throwable t) {
    if (t instanceof LinkException || t instanceof Wire.MalformedMessage) {
      return t.getMessage();
    }
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private void reply(byte kind, long requestId, long[] value) {
    Wire.Out o = new Wire.Out(kind, requestId);
    stats().write(o);
    if (value != null) {
      o.longs(value);
    }
    link.sendControl(driverEp, o.build());
  }

  private Wire.Stats stats() {
    CommStats s = link.stats();
    TransportStats t = link.transportStats();
    return new Wire.Stats(
        s.total().bytes(),
        s.total().messages(),
        s.total().rounds(),
        s.offline().bytes(),
        t.payloadBytes(),
        t.framingBytes(),
        t.controlBytes(),
        t.wireBytesSent(),
        t.wireBytesReceived());
  }

  private HalValue value(long handle) {
    HalValue v = values.get(handle);
    if (v == null) {
      throw new IllegalArgumentException("no value with handle " + handle + " in this session");
    }
    return v;
  }

  private void handle(Wire.In in) throws InterruptedException {
    switch (in.kind) {
      case Wire.OPEN -> open(in);
      case Wire.SETUP -> {
        in.end();
        PartyContext ctx = new PartyContext(link, cfg.fixedSeed());
        if (self == Endpoints.dealer(n)) {
          Runnable loop =
              factory
                  .dealer(ctx)
                  .orElseThrow(
                      () -> new IllegalStateException(cfg.protocol() + " has no dealer to run"));
          reply(Wire.OK, in.requestId, null);
          loop.run();
        } else {
          rt = new PartyRuntime(cfg, factory.create(ctx));
          reply(Wire.OK, in.requestId, null);
        }
      }
      case Wire.DEFINE -> {
        int prog = in.i();
        String text = in.s();
        in.end();
        Function f;
        try {
          Module m = Parser.parse(text);
          Verifier.verify(m);
          f = m.main();
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(
              "malformed PPHLO program from the driver: " + e.getMessage(), e);
        }
        programs.put(prog, f);
      }
      case Wire.INPUT -> {
        long h = in.l();
        long op = in.l();
        TensorType t = type(in.s());
        in.end();
        values.put(h, runtime().input(op, driverEp, t));
        reply(Wire.OK, in.requestId, null);
      }
      case Wire.PUBLIC -> {
        long h = in.l();
        TensorType t = type(in.s());
        long[] ring = in.longs();
        in.end();
        if (ring.length != t.numElements()) {
          throw new IllegalArgumentException(
              "public value of " + ring.length + " elements for " + t);
        }
        values.put(h, runtime().publicValue(t, ring));
      }
      case Wire.RUN -> {
        int prog = in.i();
        long first = in.l();
        long[] args = in.longs();
        long[] results = in.longs();
        in.end();
        Function f = programs.get(prog);
        if (f == null) {
          throw new IllegalArgumentException(
              "RUN of program " + prog + ", which was never defined");
        }
        List<HalValue> argv = new ArrayList<>(args.length);
        for (long a : args) {
          argv.add(value(a));
        }
        List<HalValue> out = runtime().run(first, f, argv);
        if (out.size() != results.length) {
          throw new IllegalArgumentException(
              "@" + f.name() + " returns " + out.size() + " values, RUN names " + results.length);
        }
        for (int k = 0; k < results.length; k++) {
          values.put(results[k], out.get(k));
        }
        reply(Wire.OK, in.requestId, null);
      }
      case Wire.OPEN_VALUE -> {
        long h = in.l();
        long op = in.l();
        in.end();
        reply(Wire.VALUE, in.requestId, runtime().open(op, value(h)));
      }
      case Wire.REVEAL -> {
        long h = in.l();
        long op = in.l();
        in.end();
        runtime().revealTo(op, value(h), driverEp);
        reply(Wire.OK, in.requestId, null);
      }
      case Wire.GET_PUBLIC -> {
        long h = in.l();
        in.end();
        HalValue v = value(h);
        if (v.isSecret()) {
          throw new IllegalArgumentException("GET_PUBLIC of a secret value (handle " + h + ")");
        }
        reply(Wire.VALUE, in.requestId, v.publicData());
      }
      case Wire.FREE -> {
        long[] hs = in.longs();
        in.end();
        for (long h : hs) {
          values.remove(h);
        }
      }
      default ->
          throw new Wire.MalformedMessage(
              "unknown command " + Wire.kindName(in.kind) + " from the driver");
    }
  }

  private PartyRuntime runtime() {
    if (rt == null) {
      throw new IllegalStateException(
          Endpoints.name(self, n) + " has no runtime (SETUP missing, or this is the dealer)");
    }
    return rt;
  }

  private static TensorType type(String s) {
    try {
      return Parser.parseType(s);
    } catch (RuntimeException e) {
      throw new Wire.MalformedMessage("bad tensor type '" + s + "': " + e.getMessage());
    }
  }

  /** OPEN: check the settings against this node's cluster file, connect to the peers. */
  private void open(Wire.In in) {
    String protocol = in.s();
    int parties = in.i();
    int field = in.i();
    int frac = in.i();
    long timeoutMs = in.l();
    boolean hasSeed = in.b() != 0;
    byte[] seed = hasSeed ? in.bytes() : null;
    double latency = in.d();
    double bandwidth = in.d();
    in.end();
    ClusterFile cf = service.cluster();
    String mine = Endpoints.name(self, n);
    if (!Protocols.get(protocol).name().equals(cf.protocol())
        || parties != n
        || field != cf.fieldBits()
        || frac != cf.fractionBits()) {
      throw new IllegalArgumentException(
          "the driver asks for "
              + protocol
              + " with "
              + parties
              + " parties, field "
              + field
              + ", "
              + frac
              + " fraction bits, but "
              + mine
              + "'s cluster file says "
              + cf.protocol()
              + " with "
              + n
              + " parties, field "
              + cf.fieldBits()
              + ", "
              + cf.fractionBits()
              + " fraction bits (use the same cluster.json everywhere)");
    }
    if (seed != null && !service.options().allowFixedSeed()) {
      throw new IllegalArgumentException(
          "the driver asks for a fixed randomness seed, which makes shares predictable; "
              + mine
              + " refuses (start it with --allow-fixed-seed for reproducible tests only)");
    }
    if (timeoutMs <= 0) {
      throw new Wire.MalformedMessage("OPEN with receive timeout " + timeoutMs + " ms");
    }
    factory = Protocols.get(protocol);
    cfg = new RuntimeConfig(protocol, n, field, frac, seed, Duration.ofMillis(timeoutMs));
    WanProfile wan =
        Double.isNaN(latency) ? service.options().wan() : new WanProfile(latency, bandwidth);
    NettyOptions no = service.nettyOptions().withReceiveTimeout(cfg.timeout()).withWan(wan);
    NettyLink l = new NettyLink(self, n, no);
    l.onFailure(f -> commands.add(STOP));
    link = l;
    if (pendingAbort != null) {
      l.abort(pendingAbort);
    }
    l.attach(driverConn, (from, body) -> commands.add(body));
    service.openForPeers(this);
    List<Integer> needed = new ArrayList<>();
    for (int e = 0; e < n; e++) {
      if (e != self) {
        needed.add(e);
      }
    }
    int dealer = Endpoints.dealer(n);
    if (factory.usesDealer() && self != dealer) {
      needed.add(dealer);
    }
    Frame.Hello hello = new Frame.Hello(sessionId, self, n);
    for (int e : needed) {
      if (e < self) { // the higher endpoint dials; the dealer (N+1) dials every party
        l.attach(service.transport().dial(cf.node(e).address(), e, hello), null);
      }
    }
    long deadline = System.nanoTime() + cf.connectTimeout().toNanos();
    for (int e : needed) {
      while (!l.isAttached(e)) {
        if (l.failure() != null) {
          throw l.failure();
        }
        if (System.nanoTime() > deadline) {
          throw new LinkException(
              Endpoints.name(e, n)
                  + " ("
                  + cf.node(e).hostPort()
                  + ") did not connect to "
                  + mine
                  + " within "
                  + cf.connectTimeout().toSeconds()
                  + " s (is its node running with the same cluster file?)");
        }
        try {
          Thread.sleep(5);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new LinkException("interrupted while waiting for " + Endpoints.name(e, n));
        }
      }
    }
    service.log(
        "session "
            + shortId()
            + " open ("
            + protocol
            + ", "
            + (cfg.fixedSeed() == null ? "secure randomness" : "FIXED SEED, tests only")
            + (wan.isNone() ? "" : ", emulating " + wan)
            + ")");
    reply(Wire.OK, in.requestId, null);
  }
}
