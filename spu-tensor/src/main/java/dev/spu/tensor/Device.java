package dev.spu.tensor;

import dev.spu.pphlo.DType;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.Module;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Value;
import dev.spu.pphlo.Verifier;
import dev.spu.pphlo.Visibility;
import dev.spu.pphlo.passes.PassPipeline;
import dev.spu.trace.Signature;
import dev.spu.trace.TensorOps;
import dev.spu.trace.TraceCache;
import dev.spu.trace.TraceContext;
import dev.spu.trace.Tracer;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A set of compute parties that hold tensors and run PPHLO programs on them, seen from the driver:
 * data owners' inputs, public constants, eager ops, {@link #jit jit} functions, reveals and
 * communication statistics. Create one with {@link Spu#simulate}.
 *
 * <p><b>Who sees what.</b> {@link #input} is performed by the named owner on the driver endpoint:
 * the owner encodes and splits its data locally and each party receives only its own share. The
 * user side holds handles, never shares. {@link SecretTensor#reveal()} opens a value to every
 * compute party and returns it; {@link SecretTensor#revealTo} delivers it to the named reader only.
 *
 * <p><b>Threading.</b> A device may be called from several threads; operations are serialized. A
 * failed operation (a party error or timeout) closes the underlying network: close the device.
 *
 * <p><b>Lifecycle.</b> Values live in per-party tables until their {@code SecretTensor} is
 * garbage-collected; {@link #close()} ends the session.
 */
public final class Device implements AutoCloseable {
  private static final Cleaner CLEANER = Cleaner.create();
  private static final int EAGER_CACHE_SIZE = 2048;

  private final Backend backend;
  private final String description;
  private final AtomicLong nextHandle = new AtomicLong(1);
  private final ConcurrentLinkedQueue<Long> dead = new ConcurrentLinkedQueue<>();
  private final TraceCache<EagerKey, Module> eagerCache = new TraceCache<>(EAGER_CACHE_SIZE);
  private final Object lock = new Object();
  private Backend.RawStats baseline;
  private volatile boolean closed;
  private volatile PassPipeline passes = PassPipeline.standard();
  private final java.util.concurrent.CopyOnWriteArrayList<RevealListener> revealListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  Device(Backend backend, String description) {
    this.backend = backend;
    this.description = description;
    this.baseline = backend.rawStats();
  }

  /** The backend (for package tools such as {@link ClusterStats}). */
  Backend backend() {
    return backend;
  }

  /** e.g. {@code sim(aby3, 3 parties)}. */
  public String description() {
    return description;
  }

  public String protocol() {
    return backend.protocol();
  }

  public int parties() {
    return backend.parties();
  }

  public int fractionBits() {
    return backend.fractionBits();
  }

  /** The protocol's security model in plain words. */
  public String securityModel() {
    return backend.securityModel();
  }

  // ------------------------------------------------------------------ inputs (secret)

  /**
   * Secret input of {@code owner}'s INDArray: float/double become f32/f64 fixed point, int/long
   * i32/i64, bool i1.
   */
  public SecretTensor input(String owner, INDArray data) {
    DType d = NdArrays.dtypeOf(data);
    Shape s = NdArrays.shapeOf(data);
    return d.isFixedPoint()
        ? input(owner, NdArrays.doubles(data), d, s)
        : input(owner, NdArrays.longs(data), d, s);
  }

  /** Secret f32 input of row-major {@code data} with {@code shape} (no shape: a vector). */
  public SecretTensor input(String owner, double[] data, int... shape) {
    return input(owner, data, DType.F32, shape);
  }

  /** Secret i64 input of row-major {@code data} with {@code shape} (no shape: a vector). */
  public SecretTensor input(String owner, long[] data, int... shape) {
    return input(owner, data, DType.I64, shape);
  }

  /** Secret input with {@code shape} (no shape: a vector of {@code data.length}). */
  public SecretTensor input(String owner, double[] data, DType dtype, int... shape) {
    return input(owner, data, dtype, shapeFor(data.length, shape));
  }

  public SecretTensor input(String owner, long[] data, DType dtype, int... shape) {
    return input(owner, data, dtype, shapeFor(data.length, shape));
  }

  /** Secret input of exactly {@code shape} ({@link Shape#SCALAR} for a scalar). */
  public SecretTensor input(String owner, double[] data, DType dtype, Shape shape) {
    TensorType t = inputType(owner, data.length, dtype, shape);
    return secretInput(t, Codec.encode(data, dtype, fractionBits()));
  }

  public SecretTensor input(String owner, long[] data, DType dtype, Shape shape) {
    TensorType t = inputType(owner, data.length, dtype, shape);
    return secretInput(t, Codec.encode(data, dtype, fractionBits()));
  }

  /** A secret f32 scalar of {@code owner}. */
  public SecretTensor input(String owner, double v) {
    return input(owner, new double[] {v}, DType.F32, Shape.SCALAR);
  }

  private TensorType inputType(String owner, int n, DType dtype, Shape shape) {
    if (owner == null || owner.isBlank()) {
      throw new IllegalArgumentException("an input needs a named data owner (e.g. \"alice\")");
    }
    if (TraceContext.isTracing()) {
      throw new IllegalStateException(
          "input from '"
              + owner
              + "' inside a jit-traced function: owners provide data outside; pass the tensor as"
              + " an argument");
    }
    checkSize(n, shape);
    return TensorType.of(shape, dtype, Visibility.SECRET);
  }

  private SecretTensor secretInput(TensorType t, long[] ring) {
    synchronized (lock) {
      checkOpen();
      drainFrees();
      long h = nextHandle.getAndIncrement();
      backend.input(h, t, ring);
      return SecretTensor.resident(this, h, t);
    }
  }

  // ------------------------------------------------------------------ constants (public)

  /** A public constant from an INDArray (dtypes as for {@link #input(String, INDArray)}). */
  public SecretTensor constant(INDArray data) {
    DType d = NdArrays.dtypeOf(data);
    Shape s = NdArrays.shapeOf(data);
    return d.isFixedPoint()
        ? constant(NdArrays.doubles(data), d, s)
        : constant(NdArrays.longs(data), d, s);
  }

  /** A public f32 constant (no shape: a vector). */
  public SecretTensor constant(double[] data, int... shape) {
    return constant(data, DType.F32, shape);
  }

  /** A public i64 constant (no shape: a vector). */
  public SecretTensor constant(long[] data, int... shape) {
    return constant(data, DType.I64, shape);
  }

  /** A public f32 scalar. */
  public SecretTensor constant(double v) {
    return constant(new double[] {v}, DType.F32, Shape.SCALAR);
  }

  /** A public i64 scalar. */
  public SecretTensor constant(long v) {
    return constant(new long[] {v}, DType.I64, Shape.SCALAR);
  }

  /** A public constant with {@code shape} (no shape: a vector of {@code data.length}). */
  public SecretTensor constant(double[] data, DType dtype, int... shape) {
    return constant(data, dtype, shapeFor(data.length, shape));
  }

  public SecretTensor constant(long[] data, DType dtype, int... shape) {
    return constant(data, dtype, shapeFor(data.length, shape));
  }

  /** A public constant of exactly {@code s} ({@link Shape#SCALAR} for a scalar). */
  public SecretTensor constant(double[] data, DType dtype, Shape s) {
    checkSize(data.length, s);
    Tracer cur = TraceContext.current();
    if (cur != null) {
      return SecretTensor.traced(cur, TensorOps.constant(cur, s, dtype, data.clone()));
    }
    return publicValue(
        TensorType.of(s, dtype, Visibility.PUBLIC), Codec.encode(data, dtype, fractionBits()));
  }

  public SecretTensor constant(long[] data, DType dtype, Shape s) {
    checkSize(data.length, s);
    Tracer cur = TraceContext.current();
    if (cur != null) {
      return SecretTensor.traced(cur, TensorOps.constant(cur, s, dtype, data.clone()));
    }
    return publicValue(
        TensorType.of(s, dtype, Visibility.PUBLIC), Codec.encode(data, dtype, fractionBits()));
  }

  private SecretTensor publicValue(TensorType t, long[] ring) {
    synchronized (lock) {
      checkOpen();
      drainFrees();
      long h = nextHandle.getAndIncrement();
      backend.publicValue(h, t, ring);
      return SecretTensor.resident(this, h, t);
    }
  }

  private static Shape shapeFor(int n, int[] shape) {
    return shape == null || shape.length == 0 ? Shape.of(n) : Shape.of(shape);
  }

  private static void checkSize(int n, Shape s) {
    if (s.numElements() != n) {
      throw new IllegalArgumentException(
          "data has " + n + " elements, shape [" + s + "] needs " + s.numElements());
    }
  }

  // ------------------------------------------------------------------ compiler passes

  /** The optimizer passes jit-compiled programs go through (default: all, in standard order). */
  public PassPipeline passes() {
    return passes;
  }

  /**
   * Chooses the optimizer passes for jit-compiled programs ({@link PassPipeline#none()} runs them
   * as traced). Only compilation depends on this choice: tracing, autodiff, kernels and the runtime
   * behave identically. A jit function compiled under another selection recompiles at its next use.
   */
  public void setPasses(PassPipeline p) {
    this.passes = java.util.Objects.requireNonNull(p, "passes");
  }

  // ------------------------------------------------------------------ programs

  /** Traces {@code fn} once per input signature and runs it on this device. */
  public <R> JitFunction<R> jit(JitFunction.Fn1<R> fn) {
    return new JitFunction<>(this, 1, a -> fn.apply(a[0]));
  }

  public <R> JitFunction<R> jit(JitFunction.Fn2<R> fn) {
    return new JitFunction<>(this, 2, a -> fn.apply(a[0], a[1]));
  }

  public <R> JitFunction<R> jit(JitFunction.Fn3<R> fn) {
    return new JitFunction<>(this, 3, a -> fn.apply(a[0], a[1], a[2]));
  }

  public <R> JitFunction<R> jit(JitFunction.Fn4<R> fn) {
    return new JitFunction<>(this, 4, a -> fn.apply(a[0], a[1], a[2], a[3]));
  }

  /** A jit function of {@code arity} arguments passed as an array. */
  public <R> JitFunction<R> jit(int arity, JitFunction.FnN<R> fn) {
    return new JitFunction<>(this, arity, fn::apply);
  }

  /**
   * Runs a module built elsewhere (parsed or imported) on device-resident inputs; it is verified
   * first. The inputs' types must equal {@code main}'s argument types.
   */
  public List<SecretTensor> run(Module module, SecretTensor... inputs) {
    Verifier.verify(module);
    return runFunction(module.main(), inputs);
  }

  List<SecretTensor> runFunction(Function f, SecretTensor... inputs) {
    List<TensorType> want = f.argumentTypes();
    if (want.size() != inputs.length) {
      throw new IllegalArgumentException(
          "@"
              + f.name()
              + " takes "
              + want.size()
              + " arguments "
              + want
              + ", got "
              + inputs.length);
    }
    for (int i = 0; i < inputs.length; i++) {
      SecretTensor x = inputs[i];
      if (x.isTraced() || x.device() != this) {
        throw new IllegalArgumentException(
            "argument " + i + " (" + x.type() + ") is not a tensor of this device");
      }
      TensorType w = want.get(i);
      // A public value may feed a secret argument (the parties share it locally).
      if (!x.type().equals(w)
          && !(w.isSecret() && x.type().withVisibility(w.visibility()).equals(w))) {
        throw new IllegalArgumentException(
            "argument "
                + i
                + " of @"
                + f.name()
                + " has type "
                + want.get(i)
                + ", got "
                + x.type());
      }
    }
    try {
      synchronized (lock) {
        checkOpen();
        drainFrees();
        long[] args = new long[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
          args[i] = inputs[i].handle();
        }
        List<TensorType> outTypes = f.resultTypes();
        long[] res = new long[outTypes.size()];
        for (int i = 0; i < res.length; i++) {
          res[i] = nextHandle.getAndIncrement();
        }
        backend.run(f, args, res);
        List<SecretTensor> out = new ArrayList<>(res.length);
        for (int i = 0; i < res.length; i++) {
          out.add(SecretTensor.resident(this, res[i], outTypes.get(i)));
        }
        return out;
      }
    } finally {
      Reference.reachabilityFence(inputs);
    }
  }

  /** Eager mode: the op's one-op function, traced once per key and signature, run at once. */
  SecretTensor eager(String key, SecretTensor.Body body, SecretTensor... xs) {
    TensorType[] types = new TensorType[xs.length];
    for (int i = 0; i < xs.length; i++) {
      types[i] = xs[i].type();
    }
    Module m =
        eagerCache.get(
            new EagerKey(key, Signature.of(types)),
            k -> {
              Tracer t = new Tracer();
              Value[] args = new Value[types.length];
              for (int i = 0; i < types.length; i++) {
                args[i] = t.argument(types[i]);
              }
              return t.finishModule(body.build(t, args));
            });
    Function f = m.main();
    if (f.body().isEmpty()) {
      // The op was the identity (reshape to the same shape, ...): reuse the operand.
      int i = f.arguments().indexOf(f.returns().get(0));
      if (i >= 0) {
        return xs[i];
      }
    }
    return runFunction(f, xs).get(0);
  }

  /** Eager programs traced so far (for tests and diagnostics). */
  public long eagerTraceCount() {
    return eagerCache.traceCount();
  }

  private record EagerKey(String op, Signature signature) {}

  // ------------------------------------------------------------------ outputs

  INDArray reveal(SecretTensor x) {
    INDArray r = toNd(open(x), x.type());
    notifyReveal(x, null);
    return r;
  }

  double[] revealDoubles(SecretTensor x) {
    double[] r = Codec.decode(open(x), x.dtype(), fractionBits());
    notifyReveal(x, null);
    return r;
  }

  private long[] open(SecretTensor x) {
    try {
      synchronized (lock) {
        checkOpen();
        drainFrees();
        return backend.open(x.handle(), x.type());
      }
    } finally {
      Reference.reachabilityFence(x);
    }
  }

  INDArray revealTo(SecretTensor x, String reader) {
    return toNd(revealRingTo(x, reader), x.type());
  }

  double[] revealDoublesTo(SecretTensor x, String reader) {
    return Codec.decode(revealRingTo(x, reader), x.dtype(), fractionBits());
  }

  private long[] revealRingTo(SecretTensor x, String reader) {
    if (reader == null || reader.isBlank()) {
      throw new IllegalArgumentException("revealTo needs a named reader (e.g. \"alice\")");
    }
    long[] ring;
    try {
      synchronized (lock) {
        checkOpen();
        drainFrees();
        ring = backend.revealTo(x.handle(), x.type());
      }
    } finally {
      Reference.reachabilityFence(x);
    }
    notifyReveal(x, reader);
    return ring;
  }

  // ------------------------------------------------------------------ audit hooks

  /**
   * Tells {@code l} about every later reveal (which tensor, to whom; never the value): for audits
   * and the {@code wasRevealedOnlyTo} assertion of {@code dev.spu.tensor.testing}.
   */
  public void addRevealListener(RevealListener l) {
    revealListeners.add(java.util.Objects.requireNonNull(l, "listener"));
  }

  /**
   * Lets {@code tap} observe every later message between the endpoints (compute parties {@code
   * 0..N-1}, the driver {@code N} that plays the data owners and readers, the dealer {@code N+1}):
   * what an eavesdropper on every link would see. Simulated devices only; tests and audits only.
   *
   * @throws UnsupportedOperationException on a cluster device
   */
  public void addMessageTap(dev.spu.mpc.link.MessageTap tap) {
    synchronized (lock) {
      checkOpen();
      backend.addMessageTap(java.util.Objects.requireNonNull(tap, "tap"));
    }
  }

  private void notifyReveal(SecretTensor x, String reader) {
    for (RevealListener l : revealListeners) {
      l.revealed(x, reader);
    }
  }

  private INDArray toNd(long[] ring, TensorType t) {
    if (t.dtype().isFixedPoint()) {
      return NdArrays.fromDoubles(
          Codec.decode(ring, t.dtype(), fractionBits()), t.shape(), t.dtype());
    }
    return NdArrays.fromLongs(Codec.normalizeInts(ring, t.dtype()), t.shape(), t.dtype());
  }

  // ------------------------------------------------------------------ statistics

  /** Communication since the device was created or {@link #resetStats()} was last called. */
  public CommTotals stats() {
    synchronized (lock) {
      return diff(backend.rawStats(), baseline);
    }
  }

  /** Starts a new statistics window. */
  public void resetStats() {
    synchronized (lock) {
      baseline = backend.rawStats();
    }
  }

  /** The communication of {@code work} alone. */
  public CommTotals measure(Runnable work) {
    Backend.RawStats before;
    synchronized (lock) {
      before = backend.rawStats();
    }
    work.run();
    synchronized (lock) {
      return diff(backend.rawStats(), before);
    }
  }

  private static CommTotals diff(Backend.RawStats now, Backend.RawStats then) {
    long total = now.driverBytes() - then.driverBytes();
    long perParty = 0;
    long roundsNow = 0;
    long roundsThen = 0;
    for (int i = 0; i < now.partyBytes().length; i++) {
      long b = now.partyBytes()[i] - then.partyBytes()[i];
      total += b;
      perParty = Math.max(perParty, b);
      roundsNow = Math.max(roundsNow, now.partyRounds()[i]);
      roundsThen = Math.max(roundsThen, then.partyRounds()[i]);
    }
    return new CommTotals(total, perParty, roundsNow - roundsThen);
  }

  // ------------------------------------------------------------------ lifecycle

  void track(SecretTensor s, long handle) {
    ConcurrentLinkedQueue<Long> q = dead;
    CLEANER.register(s, () -> q.add(handle));
  }

  /** Values held on the parties (after freeing those whose tensors were collected). */
  int liveHandles() {
    synchronized (lock) {
      drainFrees();
      return backend.liveHandles();
    }
  }

  private void drainFrees() {
    Long h;
    while ((h = dead.poll()) != null) {
      backend.free(h);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("device " + description + " is closed");
    }
  }

  /** Ends the session: stops the parties and the network. */
  @Override
  public void close() {
    synchronized (lock) {
      if (!closed) {
        closed = true;
        backend.close();
      }
    }
  }

  @Override
  public String toString() {
    return "Device(" + description + ")";
  }
}
