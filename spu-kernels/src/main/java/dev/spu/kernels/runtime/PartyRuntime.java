package dev.spu.kernels.runtime;

import dev.spu.kernels.Kernel;
import dev.spu.kernels.KernelRegistry;
import dev.spu.kernels.hal.Hal;
import dev.spu.kernels.hal.HalValue;
import dev.spu.mpc.PartyContext;
import dev.spu.mpc.Protocol;
import dev.spu.mpc.Share;
import dev.spu.mpc.link.LinkException;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.Operation;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.TypeException;
import dev.spu.pphlo.Value;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The executor of one compute party: runs PPHLO functions SPMD on this party's shares.
 *
 * <p>Op ids: every interactive step takes its message tags from the op id begun before it, so all
 * parties pair their messages by program position. {@link #run} begins op id {@code firstOpId + i}
 * before body op i (reserve {@link #opIdsNeeded} ids per call); {@link #input}, {@link #open} and
 * {@link #revealTo} each use the one op id they are given.
 *
 * <p>Values are dropped from the environment after their last use, so the memory held is the live
 * set, not the whole program.
 *
 * <p>Threading: used by one thread (its party's), like the protocol it wraps.
 */
public final class PartyRuntime {
  private final RuntimeConfig cfg;
  private final Protocol protocol;
  private final Hal hal;
  private final KernelRegistry kernels;

  public PartyRuntime(RuntimeConfig cfg, Protocol protocol) {
    this(cfg, protocol, KernelRegistry.standard());
  }

  public PartyRuntime(RuntimeConfig cfg, Protocol protocol, KernelRegistry kernels) {
    this.cfg = cfg;
    this.protocol = protocol;
    this.hal = new Hal(protocol, cfg.fractionBits(), cfg.math());
    this.kernels = kernels;
  }

  public RuntimeConfig config() {
    return cfg;
  }

  public Protocol protocol() {
    return protocol;
  }

  public Hal hal() {
    return hal;
  }

  /** This party's index 0..N−1. */
  public int self() {
    return protocol.self();
  }

  private PartyContext ctx() {
    return protocol.context();
  }

  /** Receives this party's share of a secret input that endpoint {@code ownerEndpoint} shares. */
  public HalValue input(long opId, int ownerEndpoint, TensorType type) {
    if (!type.isSecret()) {
      throw new IllegalArgumentException(
          "input: " + type + " is public; give public values with publicValue(type, ring)");
    }
    ctx().beginOp(opId, "input");
    return HalValue.ofSecret(type, protocol.input(ownerEndpoint, type.numElements()));
  }

  /**
   * A public value known to every party (ring encoding; see {@link
   * dev.spu.kernels.hal.FixedPoint}).
   */
  public HalValue publicValue(TensorType type, long[] ring) {
    return HalValue.ofPublic(type, ring);
  }

  /** Number of op ids {@link #run} uses for {@code f}: one per body op. */
  public static int opIdsNeeded(Function f) {
    return f.body().size();
  }

  /**
   * Runs {@code f} on {@code args} (one per argument, in order) and returns its results. A public
   * value given for a secret argument is shared (without communication); a secret one for a public
   * argument is an error.
   */
  public List<HalValue> run(long firstOpId, Function f, List<HalValue> args) {
    if (args.size() != f.arguments().size()) {
      throw new IllegalArgumentException(
          "@" + f.name() + " takes " + f.arguments().size() + " arguments, got " + args.size());
    }
    Map<Value, HalValue> env = new IdentityHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      env.put(f.arguments().get(i), bindArgument(f, i, args.get(i)));
    }
    Map<Value, Integer> lastUse = lastUses(f);
    List<Operation> body = f.body();
    for (int i = 0; i < body.size(); i++) {
      Operation op = body.get(i);
      ctx().beginOp(firstOpId + i, op.name());
      List<HalValue> operands = new ArrayList<>(op.operands().size());
      for (Value v : op.operands()) {
        HalValue hv = env.get(v);
        if (hv == null) {
          throw new IllegalStateException(
              "@" + f.name() + " op " + i + " 'pphlo." + op.name() + "' uses an undefined value");
        }
        operands.add(hv);
      }
      List<HalValue> results = apply(f, i, op, operands);
      for (int r = 0; r < results.size(); r++) {
        Value v = op.results().get(r);
        if (lastUse.containsKey(v)) { // a result nobody reads is dropped at once
          env.put(v, results.get(r));
        }
      }
      for (Value v : op.operands()) {
        if (lastUse.get(v) == i) {
          env.remove(v);
        }
      }
    }
    List<HalValue> out = new ArrayList<>();
    for (Value v : f.returns()) {
      HalValue hv = env.get(v);
      if (hv == null) {
        throw new IllegalStateException("@" + f.name() + " returns an undefined value");
      }
      out.add(hv);
    }
    return out;
  }

  private HalValue bindArgument(Function f, int i, HalValue v) {
    TensorType want = f.arguments().get(i).type();
    TensorType got = v.type();
    if (!want.shape().equals(got.shape()) || want.dtype() != got.dtype()) {
      throw new IllegalArgumentException(
          "@" + f.name() + " argument " + i + " has type " + want + ", got a value of type " + got);
    }
    if (want.isSecret() == got.isSecret()) {
      return v;
    }
    if (got.isSecret()) {
      throw new IllegalArgumentException(
          "@" + f.name() + " argument " + i + " is public (" + want + "), got a secret value");
    }
    return hal.toSecret(v);
  }

  private List<HalValue> apply(Function f, int i, Operation op, List<HalValue> operands) {
    Kernel k = kernels.get(op.name());
    List<HalValue> results;
    try {
      results = k.run(hal, op, operands);
    } catch (LinkException | TypeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new KernelException(where(f, i, op) + ": " + e.getMessage(), e);
    }
    if (results.size() != op.results().size()) {
      throw new IllegalStateException(
          where(f, i, op) + ": kernel returned " + results.size() + " results");
    }
    for (int r = 0; r < results.size(); r++) {
      TensorType want = op.results().get(r).type();
      if (!results.get(r).type().equals(want)) {
        throw new IllegalStateException(
            where(f, i, op)
                + ": kernel produced "
                + results.get(r).type()
                + " but the op declares "
                + want);
      }
    }
    return results;
  }

  private static String where(Function f, int i, Operation op) {
    return "'pphlo."
        + op.name()
        + "' (op "
        + i
        + " of @"
        + f.name()
        + ") with operands "
        + op.operandTypes();
  }

  /** Index of the last op that reads each value; returned values are never dropped. */
  private static Map<Value, Integer> lastUses(Function f) {
    Map<Value, Integer> last = new IdentityHashMap<>();
    List<Operation> body = f.body();
    for (int i = 0; i < body.size(); i++) {
      for (Value v : body.get(i).operands()) {
        last.put(v, i);
      }
    }
    for (Value v : f.returns()) {
      last.put(v, Integer.MAX_VALUE);
    }
    return last;
  }

  /**
   * Opens {@code v} to every party and returns its ring data (i1: 0/1). A public value is returned
   * as it is, without communication.
   */
  public long[] open(long opId, HalValue v) {
    if (v.isPublic()) {
      return v.publicData().clone();
    }
    ctx().beginOp(opId, "open");
    long[] r = protocol.open(v.share());
    return v.isBoolShare() ? lowBit(r) : r;
  }

  /**
   * Opens {@code v} to one endpoint: the driver (its {@link DriverSide#reveal} reconstructs) or a
   * compute party. To an outside endpoint, party 0 first sends a one-element header with the share
   * kind (0 arithmetic, 1 boolean: program structure, not data), so a comparison result is revealed
   * without a conversion; a public value is shared first so the driver side is the same for every
   * visibility.
   */
  public void revealTo(long opId, HalValue v, int endpoint) {
    openTo(opId, v, endpoint);
  }

  /** Like {@link #revealTo}; on the target compute party returns the ring data, elsewhere null. */
  public long[] openTo(long opId, HalValue v, int endpoint) {
    PartyContext c = ctx();
    c.beginOp(opId, "reveal");
    Share s = v.isPublic() ? protocol.fromPublic(Share.Kind.ARITH, v.publicData()) : v.share();
    if (endpoint >= c.parties()) {
      long tag = c.nextTag();
      if (c.self() == 0) {
        c.link().send(endpoint, tag, new long[] {kindCode(s.kind())});
      }
    }
    long[] r = protocol.openTo(s, endpoint);
    return r != null && v.dtype() == DType.I1 ? lowBit(r) : r;
  }

  static long kindCode(Share.Kind k) {
    return k == Share.Kind.ARITH ? 0 : 1;
  }

  private static long[] lowBit(long[] r) {
    long[] out = new long[r.length];
    for (int i = 0; i < r.length; i++) {
      out[i] = r[i] & 1L;
    }
    return out;
  }
}
