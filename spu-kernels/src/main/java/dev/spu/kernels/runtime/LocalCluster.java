package dev.spu.kernels.runtime;

import dev.spu.kernels.hal.HalValue;
import dev.spu.mpc.PartyContext;
import dev.spu.mpc.Protocol;
import dev.spu.mpc.ProtocolFactory;
import dev.spu.mpc.Protocols;
import dev.spu.mpc.link.CommStats;
import dev.spu.mpc.link.Endpoints;
import dev.spu.mpc.link.InMemoryNetwork;
import dev.spu.mpc.link.LinkException;
import dev.spu.mpc.link.LinkTimeoutException;
import dev.spu.mpc.link.WanProfile;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated session in one JVM: N compute parties, each a {@link PartyRuntime} on its own thread,
 * over an {@link InMemoryNetwork}, plus the driver endpoint ({@link #driver()}, used from the
 * caller's thread) and, if the protocol uses one, a dealer thread.
 *
 * <p>Fail-fast: a failure on any party or the dealer closes the network, so every other thread's
 * pending receive fails at once instead of waiting for the timeout; the first (root) failure is
 * rethrown as a {@link PartyFailureException} naming the party. The cluster is unusable afterwards.
 *
 * <p>Op ids: {@link #reserveOpIds} hands out ids from 1 (0 is the protocols' session set-up); the
 * parties and the driver must use the same ids for matching steps.
 */
public final class LocalCluster implements AutoCloseable {
  private final RuntimeConfig cfg;
  private final ProtocolFactory factory;
  private final InMemoryNetwork net;
  private final ExecutorService[] threads;
  private final PartyRuntime[] runtimes;
  private final DriverSide driver;
  private final Thread dealerThread;
  private final AtomicLong nextOpId = new AtomicLong(1);
  private volatile Throwable dealerFailure;
  private volatile String brokenBy;

  public LocalCluster(RuntimeConfig cfg) {
    this(cfg, WanProfile.NONE);
  }

  /**
   * A cluster whose in-memory network emulates {@code wan} (one-way latency and each endpoint's
   * egress bandwidth), for simulating LAN/WAN settings; counters are unaffected.
   */
  public LocalCluster(RuntimeConfig cfg, WanProfile wan) {
    this.cfg = cfg;
    this.factory = Protocols.get(cfg.protocol());
    int n = cfg.parties();
    factory.checkParties(n);
    this.net = new InMemoryNetwork(n, cfg.timeout(), wan);
    this.threads = new ExecutorService[n];
    this.runtimes = new PartyRuntime[n];
    for (int i = 0; i < n; i++) {
      String name = "spu-party-" + i;
      threads[i] =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
              });
    }
    this.dealerThread = factory.usesDealer() ? startDealer() : null;
    // Protocol set-up may exchange messages (op id 0): create every party concurrently.
    List<Future<Object>> setup = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      final int party = i;
      setup.add(
          submit(
              party,
              () -> {
                Protocol p = factory.create(new PartyContext(net.link(party), cfg.fixedSeed()));
                runtimes[party] = new PartyRuntime(cfg, p);
                return null;
              }));
    }
    DriverSide d = null;
    Throwable ownerFailure = null;
    try {
      PartyContext dctx = new PartyContext(net.link(Endpoints.driver(n)), cfg.fixedSeed());
      d = new DriverSide(cfg, factory.owner(dctx), dctx);
    } catch (RuntimeException e) {
      ownerFailure = e;
      net.close();
    }
    this.driver = d;
    try {
      collect(setup, ownerFailure);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private Thread startDealer() {
    int n = cfg.parties();
    PartyContext dctx = new PartyContext(net.link(Endpoints.dealer(n)), cfg.fixedSeed());
    Runnable loop = factory.dealer(dctx).orElse(null);
    if (loop == null) {
      return null;
    }
    Thread t =
        new Thread(
            () -> {
              try {
                loop.run();
              } catch (Throwable e) {
                if (!(e instanceof LinkException)) {
                  dealerFailure = e;
                }
                net.close();
              }
            },
            "spu-dealer");
    t.setDaemon(true);
    t.start();
    return t;
  }

  public RuntimeConfig config() {
    return cfg;
  }

  public ProtocolFactory factory() {
    return factory;
  }

  public int parties() {
    return cfg.parties();
  }

  /** The in-memory network (for measurements such as clock barriers). */
  public InMemoryNetwork network() {
    return net;
  }

  /** The driver endpoint's side; use it from one thread (normally the caller's). */
  public DriverSide driver() {
    return driver;
  }

  /** The driver's endpoint number (N). */
  public int driverEndpoint() {
    return Endpoints.driver(cfg.parties());
  }

  /** Reserves {@code count} consecutive op ids and returns the first (ids start at 1). */
  public long reserveOpIds(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be non-negative, got " + count);
    }
    return nextOpId.getAndAdd(count);
  }

  /** The plain-words security model of the protocol. */
  public String securityModel() {
    return factory.securityModel();
  }

  /** Runs {@code task} on every party's thread concurrently; results by party index. */
  public <T> List<T> onParties(java.util.function.Function<PartyRuntime, T> task) {
    return collect(submitAll(task), null);
  }

  private <T> List<Future<T>> submitAll(java.util.function.Function<PartyRuntime, T> task) {
    if (brokenBy != null) {
      throw new IllegalStateException(
          "this cluster failed earlier (" + brokenBy + "); start a new one");
    }
    List<Future<T>> fs = new ArrayList<>();
    for (int i = 0; i < cfg.parties(); i++) {
      final PartyRuntime rt = runtimes[i];
      fs.add(submit(i, () -> task.apply(rt)));
    }
    return fs;
  }

  private <T> Future<T> submit(int party, java.util.concurrent.Callable<T> job) {
    return threads[party].submit(
        () -> {
          try {
            return job.call();
          } catch (Throwable t) {
            net.close(); // wake every other endpoint
            throw t;
          }
        });
  }

  /**
   * Waits for every party; on failure rethrows the root failure (preferring a non-link error, which
   * is the cause, over the link errors it caused on the other parties).
   */
  private <T> List<T> collect(List<Future<T>> fs, Throwable driverFailure) {
    List<T> out = new ArrayList<>();
    Throwable first = null;
    int rank = 0;
    int firstParty = -1;
    String who = null;
    for (int i = 0; i < fs.size(); i++) {
      try {
        out.add(fs.get(i).get());
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (rank(c) > rank) {
          first = c;
          rank = rank(c);
          firstParty = i;
          who = Endpoints.name(i, cfg.parties());
        }
        out.add(null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        net.close();
        throw new IllegalStateException("interrupted while waiting for the parties", e);
      }
    }
    Throwable dealer = dealerFailure;
    if (dealer != null && rank(dealer) > rank) {
      first = dealer;
      rank = rank(dealer);
      firstParty = -1;
      who = "dealer";
    }
    if (driverFailure != null && rank(driverFailure) > rank) {
      first = driverFailure;
      firstParty = -1;
      who = "driver";
    }
    if (first != null) {
      brokenBy = who + ": " + first.getClass().getSimpleName();
      net.close();
      throw new PartyFailureException(firstParty, who, first);
    }
    return out;
  }

  /**
   * How likely a failure is the root cause: an error of its own (3) over a timeout (2) over a
   * closed link (1), which is what the others see once the network is closed.
   */
  private static int rank(Throwable t) {
    if (t instanceof LinkTimeoutException) {
      return 2;
    }
    return t instanceof LinkException ? 1 : 3;
  }

  /**
   * Convenience for a whole program: the driver shares the secret arguments, every party runs
   * {@code f} (public arguments are given to all parties as they are), and every result is revealed
   * to the driver. Arguments and results are ring encodings.
   */
  public List<long[]> evaluate(Function f, List<long[]> args) {
    List<TensorType> types = f.argumentTypes();
    if (args.size() != types.size()) {
      throw new IllegalArgumentException(
          "@" + f.name() + " takes " + types.size() + " arguments, got " + args.size());
    }
    long[] inputIds = new long[types.size()];
    for (int i = 0; i < types.size(); i++) {
      inputIds[i] = types.get(i).isSecret() ? reserveOpIds(1) : -1;
    }
    long first = reserveOpIds(PartyRuntime.opIdsNeeded(f));
    long revealFirst = reserveOpIds(f.returns().size());
    int drv = driverEndpoint();
    List<Future<Object>> fs =
        submitAll(
            rt -> {
              List<HalValue> in = new ArrayList<>();
              for (int i = 0; i < types.size(); i++) {
                TensorType t = types.get(i);
                in.add(
                    t.isSecret() ? rt.input(inputIds[i], drv, t) : rt.publicValue(t, args.get(i)));
              }
              List<HalValue> out = rt.run(first, f, in);
              for (int r = 0; r < out.size(); r++) {
                rt.revealTo(revealFirst + r, out.get(r), drv);
              }
              return null;
            });
    List<long[]> results = new ArrayList<>();
    Throwable driverFailure = null;
    try {
      for (int i = 0; i < types.size(); i++) {
        if (types.get(i).isSecret()) {
          driver.input(inputIds[i], types.get(i), args.get(i));
        }
      }
      List<TensorType> rtypes = f.resultTypes();
      for (int r = 0; r < rtypes.size(); r++) {
        results.add(driver.reveal(revealFirst + r, rtypes.get(r)));
      }
    } catch (RuntimeException e) {
      driverFailure = e;
      net.close();
    }
    collect(fs, driverFailure);
    return results;
  }

  /** Each compute party's communication so far (index = party). */
  public List<CommStats> stats() {
    List<CommStats> s = new ArrayList<>();
    for (int i = 0; i < cfg.parties(); i++) {
      s.add(net.link(i).stats());
    }
    return s;
  }

  /** The driver endpoint's communication (input sharing, reveals). */
  public CommStats driverStats() {
    return net.link(driverEndpoint()).stats();
  }

  /**
   * The compute parties' communication summed: bytes and messages added over parties, rounds the
   * maximum (the critical path), per scope likewise.
   */
  public CommStats aggregate() {
    CommStats.Counters total = CommStats.Counters.ZERO;
    Map<String, CommStats.Counters> scopes = new TreeMap<>();
    for (CommStats s : stats()) {
      total = merge(total, s.total());
      for (Map.Entry<String, CommStats.Counters> e : s.byScope().entrySet()) {
        scopes.merge(e.getKey(), e.getValue(), LocalCluster::merge);
      }
    }
    return new CommStats(total, scopes);
  }

  private static CommStats.Counters merge(CommStats.Counters a, CommStats.Counters b) {
    return new CommStats.Counters(
        a.bytes() + b.bytes(), a.messages() + b.messages(), Math.max(a.rounds(), b.rounds()));
  }

  @Override
  public void close() {
    net.close();
    for (ExecutorService t : threads) {
      t.shutdownNow();
    }
    if (dealerThread != null) {
      try {
        dealerThread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
