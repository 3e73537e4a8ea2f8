package dev.spu.tensor;

import dev.spu.kernels.hal.HalValue;
import dev.spu.kernels.runtime.LocalCluster;
import dev.spu.kernels.runtime.PartyRuntime;
import dev.spu.kernels.runtime.RuntimeConfig;
import dev.spu.mpc.link.CommStats;
import dev.spu.mpc.link.Endpoints;
import dev.spu.mpc.link.WanProfile;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.TensorType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The simulation backend: a {@link LocalCluster} (one thread per compute party over an in-memory
 * network) plus one driver thread that plays the data owners and reveal readers. Each party keeps
 * its own table of values by handle; shares never leave their party's table except through the
 * protocol's own messages.
 */
final class SimBackend implements Backend {
  private final RuntimeConfig cfg;
  private final LocalCluster cluster;
  private final int driverEndpoint;
  private final ExecutorService driverThread;
  private final Map<PartyRuntime, Map<Long, HalValue>> tables =
      Collections.synchronizedMap(new IdentityHashMap<>());

  SimBackend(RuntimeConfig cfg) {
    this(cfg, WanProfile.NONE);
  }

  SimBackend(RuntimeConfig cfg, WanProfile wan) {
    this.cfg = cfg;
    this.cluster = new LocalCluster(cfg, wan);
    this.driverEndpoint = Endpoints.driver(cfg.parties());
    this.driverThread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "spu-driver");
              t.setDaemon(true);
              return t;
            });
  }

  private Map<Long, HalValue> table(PartyRuntime rt) {
    return tables.computeIfAbsent(rt, k -> new ConcurrentHashMap<>());
  }

  private HalValue get(PartyRuntime rt, long handle) {
    HalValue v = table(rt).get(handle);
    if (v == null) {
      throw new IllegalStateException("no value with handle " + handle + " on this party (freed?)");
    }
    return v;
  }

  @Override
  public void input(long handle, TensorType type, long[] ring) {
    long op = cluster.reserveOpIds(1);
    Future<?> owner = driverThread.submit(() -> cluster.driver().input(op, type, ring));
    try {
      cluster.onParties(
          rt -> {
            table(rt).put(handle, rt.input(op, driverEndpoint, type));
            return null;
          });
    } catch (RuntimeException e) {
      owner.cancel(true);
      throw e;
    }
    join(owner);
  }

  @Override
  public void publicValue(long handle, TensorType type, long[] ring) {
    cluster.onParties(
        rt -> {
          table(rt).put(handle, rt.publicValue(type, ring));
          return null;
        });
  }

  @Override
  public void run(Function f, long[] args, long[] results) {
    int n = Math.max(1, PartyRuntime.opIdsNeeded(f));
    long first = cluster.reserveOpIds(n);
    cluster.onParties(
        rt -> {
          List<HalValue> in = new ArrayList<>(args.length);
          for (long a : args) {
            in.add(get(rt, a));
          }
          List<HalValue> out = rt.run(first, f, in);
          Map<Long, HalValue> tab = table(rt);
          for (int i = 0; i < results.length; i++) {
            tab.put(results[i], out.get(i));
          }
          return null;
        });
  }

  @Override
  public long[] open(long handle, TensorType type) {
    long op = cluster.reserveOpIds(1);
    List<long[]> all = cluster.onParties(rt -> rt.open(op, get(rt, handle)));
    for (long[] r : all) {
      if (!Arrays.equals(r, all.get(0))) {
        throw new IllegalStateException("parties opened different values for " + type);
      }
    }
    return all.get(0);
  }

  @Override
  public long[] revealTo(long handle, TensorType type) {
    if (!type.isSecret()) {
      // Every party already knows a public value: no message needed.
      return cluster.onParties(rt -> get(rt, handle).publicData()).get(0).clone();
    }
    long op = cluster.reserveOpIds(1);
    Future<long[]> reader = driverThread.submit(() -> cluster.driver().reveal(op, type));
    try {
      cluster.onParties(
          rt -> {
            rt.revealTo(op, get(rt, handle), driverEndpoint);
            return null;
          });
    } catch (RuntimeException e) {
      reader.cancel(true);
      throw e;
    }
    return join(reader);
  }

  @Override
  public void free(long handle) {
    synchronized (tables) {
      for (Map<Long, HalValue> t : tables.values()) {
        t.remove(handle);
      }
    }
  }

  @Override
  public int liveHandles() {
    synchronized (tables) {
      int max = 0;
      for (Map<Long, HalValue> t : tables.values()) {
        max = Math.max(max, t.size());
      }
      return max;
    }
  }

  @Override
  public RawStats rawStats() {
    List<CommStats> s = cluster.stats();
    int n = cfg.parties();
    long[] bytes = new long[n];
    long[] rounds = new long[n];
    for (int i = 0; i < n; i++) {
      bytes[i] = s.get(i).total().bytes();
      rounds[i] = s.get(i).total().rounds();
    }
    return new RawStats(bytes, rounds, cluster.driverStats().total().bytes());
  }

  @Override
  public int parties() {
    return cfg.parties();
  }

  @Override
  public int fractionBits() {
    return cfg.fractionBits();
  }

  @Override
  public String protocol() {
    return cfg.protocol();
  }

  @Override
  public String securityModel() {
    return cluster.securityModel();
  }

  @Override
  public void addMessageTap(dev.spu.mpc.link.MessageTap tap) {
    cluster.network().addTap(tap);
  }

  @Override
  public void close() {
    try {
      cluster.close();
    } finally {
      driverThread.shutdownNow();
    }
  }

  private static <T> T join(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the driver", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("driver failed", c);
    }
  }
}
