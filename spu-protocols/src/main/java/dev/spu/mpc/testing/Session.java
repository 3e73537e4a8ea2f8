package dev.spu.mpc.testing;

import dev.spu.mpc.OwnerSide;
import dev.spu.mpc.PartyContext;
import dev.spu.mpc.Protocol;
import dev.spu.mpc.ProtocolFactory;
import dev.spu.mpc.Protocols;
import dev.spu.mpc.Share;
import dev.spu.mpc.link.CommStats;
import dev.spu.mpc.link.Endpoints;
import dev.spu.mpc.link.InMemoryNetwork;
import dev.spu.mpc.link.Link;
import dev.spu.mpc.link.LinkException;
import dev.spu.mpc.link.RecordingLink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simulated session for tests and benchmarks: N compute parties, the driver and (if the protocol
 * uses one) the dealer, each on its own thread, over an {@link InMemoryNetwork}. Each {@link #run}
 * is one op: it gets a fresh op id, labels the links, runs a lambda per party (and optionally one
 * for the driver) and returns their results with the op's measured communication.
 *
 * <pre>{@code
 * try (Session s = Session.builder("semi2k", 3).fixedSeed(seed).start()) {
 *   List<Share> x = s.input(plainX);
 *   Session.Run<Share> r = s.run("mul", p -> p.mulAA(x.get(p.self()), x.get(p.self())));
 *   long[] z = s.reveal(r.results());
 * }
 * }</pre>
 *
 * <p>Any failure closes the network (so every other thread fails promptly instead of hanging) and
 * is rethrown; the session is then unusable.
 */
public final class Session implements AutoCloseable {
  /** The per-party body of an op. */
  @FunctionalInterface
  public interface PartyTask<R> {
    R apply(Protocol p) throws Exception;
  }

  /** The driver's body of an op (input sharing, reveals). */
  @FunctionalInterface
  public interface DriverTask<D> {
    D apply(OwnerSide owner, PartyContext ctx) throws Exception;
  }

  /**
   * One op's results: per-party results (index = party), the driver's result, and the link's
   * measurement of this op: online payload bytes sent by each endpoint, rounds (the advance of the
   * largest Lamport clock after a barrier) and offline (dealer) bytes over all endpoints.
   */
  public record Run<R>(
      List<R> results, Object driverResult, long[] bytesSent, long rounds, long offlineBytes) {
    /** Largest online bytes sent by one compute party. */
    public long bytesPerParty() {
      long max = 0;
      for (int i = 0; i < results.size(); i++) {
        max = Math.max(max, bytesSent[i]);
      }
      return max;
    }

    /** Online bytes sent by all endpoints (parties and driver). */
    public long bytesTotal() {
      return Arrays.stream(bytesSent).sum();
    }

    public R result(int party) {
      return results.get(party);
    }
  }

  /** Session options. */
  public static final class Builder {
    private final ProtocolFactory factory;
    private final int parties;
    private Duration timeout = Duration.ofSeconds(30);
    private byte[] fixedSeed;
    private final Set<Integer> recorded = new HashSet<>();

    private Builder(ProtocolFactory factory, int parties) {
      this.factory = factory;
      this.parties = parties;
    }

    public Builder timeout(Duration t) {
      this.timeout = t;
      return this;
    }

    /** Reproducible randomness (tests only); null (the default) means secure randomness. */
    public Builder fixedSeed(byte[] seed) {
      this.fixedSeed = seed == null ? null : seed.clone();
      return this;
    }

    /** Records every message these endpoints receive (for view-based privacy tests). */
    public Builder record(int... endpoints) {
      for (int e : endpoints) {
        recorded.add(e);
      }
      return this;
    }

    public Session start() {
      return new Session(this);
    }
  }

  public static Builder builder(String protocol, int parties) {
    return new Builder(Protocols.get(protocol), parties);
  }

  public static Builder builder(ProtocolFactory factory, int parties) {
    return new Builder(factory, parties);
  }

  /** A session with secure randomness and a 30 s link timeout. */
  public static Session start(String protocol, int parties) {
    return builder(protocol, parties).start();
  }

  private final ProtocolFactory factory;
  private final int n;
  private final InMemoryNetwork net;
  private final Link[] links;
  private final PartyContext[] ctx;
  private final Protocol[] protocols;
  private final ExecutorService pool;
  private final Thread dealerThread;
  private final AtomicInteger threadIds = new AtomicInteger();
  private volatile Throwable dealerFailure;
  private OwnerSide owner;
  private long nextOpId = 1;
  private boolean broken;

  private Session(Builder b) {
    this.factory = b.factory;
    this.n = b.parties;
    factory.checkParties(n);
    net = new InMemoryNetwork(n, b.timeout);
    int count = Endpoints.count(n);
    links = new Link[count];
    ctx = new PartyContext[count];
    for (int e = 0; e < count; e++) {
      Link l = net.link(e);
      links[e] = b.recorded.contains(e) ? new RecordingLink(l) : l;
      ctx[e] = new PartyContext(links[e], b.fixedSeed);
    }
    protocols = new Protocol[n];
    pool =
        Executors.newFixedThreadPool(
            n + 1,
            r -> {
              Thread t = new Thread(r, "spu-session-" + threadIds.getAndIncrement());
              t.setDaemon(true);
              return t;
            });
    int dealer = Endpoints.dealer(n);
    Runnable dealerLoop = factory.dealer(ctx[dealer]).orElse(null);
    if (dealerLoop != null) {
      dealerThread =
          new Thread(
              () -> {
                try {
                  dealerLoop.run();
                } catch (Throwable t) {
                  if (!(t instanceof LinkException)) {
                    dealerFailure = t;
                  }
                  net.close();
                }
              },
              "spu-session-dealer");
      dealerThread.setDaemon(true);
      dealerThread.start();
    } else {
      dealerThread = null;
    }
    // Set-up (seed agreement) may communicate: create every party concurrently.
    List<Callable<Object>> setup = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      final int party = i;
      setup.add(
          () -> {
            protocols[party] = factory.create(ctx[party]);
            return null;
          });
    }
    setup.add(
        () -> {
          owner = factory.owner(ctx[Endpoints.driver(n)]);
          return null;
        });
    try {
      invokeAll(setup);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  public int parties() {
    return n;
  }

  public ProtocolFactory factory() {
    return factory;
  }

  /**
   * The protocol's theoretical online cost for this session's party count: {@code
   * factory().theory(primitive, dims..., parties())}.
   */
  public dev.spu.mpc.Cost theory(String primitive, int... dims) {
    int[] withParties = Arrays.copyOf(dims, dims.length + 1);
    withParties[dims.length] = n;
    return factory.theory(primitive, withParties);
  }

  public Protocol protocol(int party) {
    return protocols[party];
  }

  public InMemoryNetwork network() {
    return net;
  }

  public CommStats stats(int endpoint) {
    return links[endpoint].stats();
  }

  /** The messages endpoint e received so far, in order, if it was recorded. */
  public List<long[]> received(int endpoint) {
    if (!(links[endpoint] instanceof RecordingLink r)) {
      throw new IllegalStateException(
          Endpoints.name(endpoint, n) + " is not recorded: use Builder.record(" + endpoint + ")");
    }
    return r.received();
  }

  /** Every message endpoint e sent or received so far, in order, if it was recorded. */
  public List<RecordingLink.Entry> log(int endpoint) {
    if (!(links[endpoint] instanceof RecordingLink r)) {
      throw new IllegalStateException(
          Endpoints.name(endpoint, n) + " is not recorded: use Builder.record(" + endpoint + ")");
    }
    return r.log();
  }

  /** One op run by the compute parties only. */
  public <R> Run<R> run(String label, PartyTask<R> task) {
    return run(label, task, null);
  }

  /** One op run by the compute parties and the driver. */
  public synchronized <R> Run<R> run(String label, PartyTask<R> task, DriverTask<?> driver) {
    if (broken) {
      throw new IllegalStateException("session failed earlier; start a new one");
    }
    long opId = nextOpId++;
    int driverEp = Endpoints.driver(n);
    net.syncClocks();
    int count = Endpoints.count(n);
    CommStats[] before = new CommStats[count];
    long clockBefore = 0;
    for (int e = 0; e < count; e++) {
      before[e] = links[e].stats();
      clockBefore = Math.max(clockBefore, before[e].total().rounds());
    }
    List<Callable<Object>> jobs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      final Protocol p = protocols[i];
      final PartyContext c = ctx[i];
      jobs.add(
          () -> {
            c.beginOp(opId, label);
            return task.apply(p);
          });
    }
    if (driver != null) {
      jobs.add(
          () -> {
            ctx[driverEp].beginOp(opId, label);
            return driver.apply(owner, ctx[driverEp]);
          });
    }
    List<Object> out = invokeAll(jobs);
    long[] bytes = new long[count];
    long clockAfter = 0;
    long offline = 0;
    for (int e = 0; e < count; e++) {
      CommStats after = links[e].stats();
      bytes[e] = after.total().bytes() - before[e].total().bytes();
      clockAfter = Math.max(clockAfter, after.total().rounds());
      offline += after.offline().bytes() - before[e].offline().bytes();
    }
    @SuppressWarnings("unchecked")
    List<R> results = (List<R>) (List<?>) new ArrayList<>(out.subList(0, n));
    return new Run<>(
        results, driver == null ? null : out.get(n), bytes, clockAfter - clockBefore, offline);
  }

  /** The driver secret-shares {@code plain}; returns each party's share (index = party). */
  public List<Share> input(long[] plain) {
    int driverEp = Endpoints.driver(n);
    return run(
            "input",
            p -> p.input(driverEp, plain.length),
            (o, c) -> {
              o.input(plain);
              return null;
            })
        .results();
  }

  /** Opens the parties' shares (index = party) to the driver and returns the plaintext. */
  public long[] reveal(List<Share> shares) {
    int driverEp = Endpoints.driver(n);
    Share.Kind kind = shares.get(0).kind();
    int size = shares.get(0).size();
    return (long[])
        run("reveal", p -> p.openTo(shares.get(p.self()), driverEp), (o, c) -> o.reveal(kind, size))
            .driverResult();
  }

  private List<Object> invokeAll(List<Callable<Object>> jobs) {
    List<Future<Object>> fs = new ArrayList<>();
    for (Callable<Object> j : jobs) {
      fs.add(
          pool.submit(
              () -> {
                try {
                  return j.call();
                } catch (Throwable t) {
                  net.close(); // wake everyone else
                  throw t;
                }
              }));
    }
    List<Object> out = new ArrayList<>();
    Throwable first = null;
    for (Future<Object> f : fs) {
      try {
        out.add(f.get());
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        // Prefer the root failure over the link errors it caused on the other threads.
        if (first == null || (first instanceof LinkException && !(c instanceof LinkException))) {
          first = c;
        }
        out.add(null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        first = e;
      }
    }
    if (first == null && dealerFailure != null) {
      first = dealerFailure;
    }
    if (first != null) {
      broken = true;
      net.close();
      if (dealerFailure != null && first instanceof LinkException) {
        first = dealerFailure;
      }
      if (first instanceof RuntimeException re) {
        throw re;
      }
      if (first instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("a party failed: " + first, first);
    }
    return out;
  }

  @Override
  public void close() {
    net.close();
    pool.shutdownNow();
    if (dealerThread != null) {
      try {
        dealerThread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
