package dev.spu.kernels.accuracy;

import dev.spu.kernels.hal.FixedPoint;
import dev.spu.kernels.hal.HalValue;
import dev.spu.kernels.runtime.LocalCluster;
import dev.spu.kernels.runtime.PartyRuntime;
import dev.spu.mpc.link.CommStats;
import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.FunctionBuilder;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Value;
import dev.spu.pphlo.Visibility;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one {@link MathCatalog.Function} on a {@link LocalCluster} as a single PPHLO op over all
 * points at once (secret inputs shared by the driver, result revealed to it) and measures the error
 * against the double reference and the op's own communication (input sharing and reveal excluded).
 */
public final class AccuracyRunner {
  private AccuracyRunner() {}

  /**
   * The outcome of one function.
   *
   * @param x first inputs as encoded then decoded
   * @param y second inputs (null for unary functions)
   * @param got the revealed results
   * @param exact the reference on the decoded inputs
   * @param rounds communication rounds of the op
   * @param bytes payload bytes of the op, all compute parties
   */
  public record Result(
      MathCatalog.Function function,
      double[] x,
      double[] y,
      double[] got,
      double[] exact,
      long rounds,
      long bytes) {
    public int points() {
      return x.length;
    }

    public double reported(int i) {
      return function.reported(x[i], y == null ? 0 : y[i]);
    }

    public double lo() {
      double m = Double.POSITIVE_INFINITY;
      for (int i = 0; i < x.length; i++) {
        m = Math.min(m, reported(i));
      }
      return m;
    }

    public double hi() {
      double m = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < x.length; i++) {
        m = Math.max(m, reported(i));
      }
      return m;
    }

    public double maxAbsErr() {
      double m = 0;
      for (int i = 0; i < got.length; i++) {
        m = Math.max(m, Math.abs(got[i] - exact[i]));
      }
      return m;
    }

    /** Over points with |exact| ≥ 1e-3. */
    public double maxRelErr() {
      double m = 0;
      for (int i = 0; i < got.length; i++) {
        if (Math.abs(exact[i]) >= 1e-3) {
          m = Math.max(m, Math.abs(got[i] - exact[i]) / Math.abs(exact[i]));
        }
      }
      return m;
    }

    public double meanAbsErr() {
      double s = 0;
      for (int i = 0; i < got.length; i++) {
        s += Math.abs(got[i] - exact[i]);
      }
      return got.length == 0 ? 0 : s / got.length;
    }

    /** max |got − exact| / tolerance(exact). */
    public double maxErrOverTol() {
      double m = 0;
      for (int i = 0; i < got.length; i++) {
        m = Math.max(m, Math.abs(got[i] - exact[i]) / MathCatalog.tolerance(exact[i]));
      }
      return m;
    }

    /** The index of the worst point (by error over tolerance). */
    public int worst() {
      int w = 0;
      double m = -1;
      for (int i = 0; i < got.length; i++) {
        double r = Math.abs(got[i] - exact[i]) / MathCatalog.tolerance(exact[i]);
        if (r > m) {
          m = r;
          w = i;
        }
      }
      return w;
    }

    public boolean ok() {
      return maxErrOverTol() <= 1;
    }

    public double bytesPerElement() {
      return x.length == 0 ? 0 : (double) bytes / x.length;
    }
  }

  /** Samples {@code n} points with {@code seed} and runs them. */
  public static Result run(LocalCluster cluster, MathCatalog.Function fn, int n, long seed) {
    double[][] xy = fn.sampler().sample(n, new java.util.Random(seed));
    return run(cluster, fn, xy[0], xy[1]);
  }

  /** Runs the given points (y null for unary functions). */
  public static Result run(LocalCluster cluster, MathCatalog.Function fn, double[] x, double[] y) {
    int f = cluster.config().fractionBits();
    int n = x.length;
    long[] xe = FixedPoint.encode(x, f);
    long[] ye = y == null ? null : FixedPoint.encode(y, f);
    TensorType sec = new TensorType(Shape.of(n), DType.F32, Visibility.SECRET);
    TensorType pub = sec.withVisibility(Visibility.PUBLIC);
    FunctionBuilder b = new FunctionBuilder("main");
    Value a0 = b.addArgument(sec);
    List<TensorType> secretTypes = new ArrayList<>(List.of(sec));
    List<long[]> secretData = new ArrayList<>(List.of(xe));
    Value out;
    switch (fn.second()) {
      case NONE -> out = b.op(fn.op(), Attributes.EMPTY, a0);
      case SECRET -> {
        Value a1 = b.addArgument(sec);
        secretTypes.add(sec);
        secretData.add(ye);
        out = b.op(fn.op(), Attributes.EMPTY, a0, a1);
      }
      default -> {
        Value a1 = b.addArgument(pub);
        out = b.op(fn.op(), Attributes.EMPTY, a0, a1);
      }
    }
    Function func = b.build(out);

    int drv = cluster.driverEndpoint();
    long[] inIds = new long[secretTypes.size()];
    for (int i = 0; i < inIds.length; i++) {
      inIds[i] = cluster.reserveOpIds(1);
    }
    ExecutorService driver = Executors.newSingleThreadExecutor();
    try {
      Future<?> shared =
          driver.submit(
              () -> {
                for (int i = 0; i < inIds.length; i++) {
                  cluster.driver().input(inIds[i], secretTypes.get(i), secretData.get(i));
                }
              });
      List<List<HalValue>> args =
          cluster.onParties(
              rt -> {
                List<HalValue> in = new ArrayList<>();
                for (int i = 0; i < inIds.length; i++) {
                  in.add(rt.input(inIds[i], drv, secretTypes.get(i)));
                }
                if (fn.second() == MathCatalog.Second.PUBLIC) {
                  in.add(rt.publicValue(pub, ye));
                }
                return in;
              });
      join(shared);
      cluster.network().syncClocks();
      List<CommStats> before = cluster.stats();
      long first = cluster.reserveOpIds(PartyRuntime.opIdsNeeded(func));
      List<HalValue> results =
          cluster.onParties(rt -> rt.run(first, func, args.get(rt.self())).get(0));
      List<CommStats> after = cluster.stats();
      long rounds = 0;
      long bytes = 0;
      for (int i = 0; i < before.size(); i++) {
        rounds = Math.max(rounds, after.get(i).total().rounds() - before.get(i).total().rounds());
        bytes += after.get(i).total().bytes() - before.get(i).total().bytes();
      }
      long revealId = cluster.reserveOpIds(1);
      Future<long[]> revealed = driver.submit(() -> cluster.driver().reveal(revealId, sec));
      cluster.onParties(
          rt -> {
            rt.revealTo(revealId, results.get(rt.self()), drv);
            return null;
          });
      double[] got = FixedPoint.decode(join(revealed), f);
      double[] xd = FixedPoint.decode(xe, f);
      double[] yd = ye == null ? null : FixedPoint.decode(ye, f);
      double[] exact = new double[n];
      for (int i = 0; i < n; i++) {
        exact[i] = fn.reference().applyAsDouble(xd[i], yd == null ? 0 : yd[i]);
      }
      return new Result(fn, xd, yd, got, exact, rounds, bytes);
    } finally {
      driver.shutdownNow();
    }
  }

  private static <T> T join(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("driver failed: " + e.getCause(), e.getCause());
    }
  }
}
