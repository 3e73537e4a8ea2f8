package dev.spu.samples;

import dev.spu.pphlo.DType;
import dev.spu.pphlo.DenseElements;
import dev.spu.pphlo.Module;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.importer.ImportResult;
import dev.spu.pphlo.passes.PassPipeline;
import dev.spu.tensor.CommTotals;
import dev.spu.tensor.Device;
import dev.spu.tensor.SecretTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Runs an imported program ({@code spu run}): the arguments' data is input by one data owner
 * (secret arguments are shared, public ones are public constants), the program goes through the
 * selected passes and the device's kernels like a traced one, every result is revealed, and the
 * checks of a self-checking program are evaluated on the revealed values.
 */
public final class ProgramRunner {
  private ProgramRunner() {}

  /** The data of one argument: exactly one of {@code doubles} and {@code longs} is non-null. */
  public record ArgData(Shape shape, double[] doubles, long[] longs) {
    static ArgData of(DenseElements d) {
      return d.dtype().isFixedPoint()
          ? new ArgData(d.shape(), d.doubles(), null)
          : new ArgData(d.shape(), null, d.longs());
    }
  }

  /** A revealed result. */
  public record Output(TensorType type, double[] values) {}

  /** One check: every element within tolerance ({@link ImportResult#passes}). */
  public record CheckResult(
      String kind, int line, boolean ok, double maxAbsErr, int elements, int failures) {}

  /** What a run produced; {@code comm} covers input sharing, the program and the reveals. */
  public record Outcome(
      List<Output> outputs,
      List<CheckResult> checks,
      CommTotals comm,
      double seconds,
      int ops,
      int optimizedOps) {
    public boolean ok() {
      return checks.stream().allMatch(CheckResult::ok);
    }

    public double maxAbsErr() {
      return checks.stream().mapToDouble(CheckResult::maxAbsErr).max().orElse(0);
    }
  }

  /** The data of main's arguments for a self-checking program (the values of @inputs()). */
  public static List<ArgData> checkInputs(ImportResult imp) {
    List<TensorType> types = imp.module().main().argumentTypes();
    if (imp.checks().isEmpty()) {
      throw new IllegalArgumentException(
          "--check needs a self-checking program: @main calls @inputs() and @expected() and a"
              + " check.* custom call; this program has no check");
    }
    if (imp.inputs().size() != types.size()) {
      throw new IllegalArgumentException(
          "--check: @main takes "
              + types.size()
              + " arguments but only "
              + imp.inputs().size()
              + " come from @inputs(); give the others with --inputs");
    }
    List<ArgData> out = new ArrayList<>();
    for (ImportResult.Input in : imp.inputs()) {
      out.add(ArgData.of(in.data()));
    }
    return out;
  }

  /**
   * Random data for every argument: floats uniform in [−1, 1], integers in [−8, 8], booleans 0/1.
   */
  public static List<ArgData> randomInputs(Module m, long seed) {
    Random rng = new Random(seed);
    List<ArgData> out = new ArrayList<>();
    for (TensorType t : m.main().argumentTypes()) {
      int n = t.numElements();
      if (t.dtype().isFixedPoint()) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          v[i] = rng.nextDouble() * 2 - 1;
        }
        out.add(new ArgData(t.shape(), v, null));
      } else {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
          v[i] = t.dtype().isBoolean() ? rng.nextInt(2) : rng.nextInt(17) - 8;
        }
        out.add(new ArgData(t.shape(), null, v));
      }
    }
    return out;
  }

  /** Checks {@code data} against main's argument types (shape; integers for integer types). */
  public static void checkArguments(Module m, List<ArgData> data, List<String> sources) {
    List<TensorType> types = m.main().argumentTypes();
    if (types.size() != data.size()) {
      throw new IllegalArgumentException(
          "@main takes " + types.size() + " arguments " + types + ", given " + data.size());
    }
    for (int i = 0; i < types.size(); i++) {
      TensorType t = types.get(i);
      ArgData d = data.get(i);
      String src = sources == null ? "argument " + i : sources.get(i);
      if (!d.shape().equals(t.shape())) {
        throw new IllegalArgumentException(
            src + " has shape [" + d.shape() + "] but argument " + i + " is " + t);
      }
      if (!t.dtype().isFixedPoint() && d.doubles() != null) {
        throw new IllegalArgumentException(
            src + " holds floating-point data but argument " + i + " is " + t);
      }
    }
  }

  /** Imports nothing: runs {@code imp} on {@code device} with the given arguments. */
  public static Outcome run(
      Device device, ImportResult imp, PassPipeline passes, List<ArgData> args, String owner) {
    Module program = passes.run(imp.module()).module();
    checkArguments(program, args, null);
    List<TensorType> types = program.main().argumentTypes();
    long t0 = System.nanoTime();
    device.resetStats();
    SecretTensor[] in = new SecretTensor[args.size()];
    for (int i = 0; i < in.length; i++) {
      in[i] = input(device, types.get(i), args.get(i), owner);
    }
    List<SecretTensor> outs = device.run(program, in);
    List<Output> revealed = new ArrayList<>();
    for (SecretTensor o : outs) {
      revealed.add(new Output(o.type(), o.revealDoubles()));
    }
    CommTotals comm = device.stats();
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<CheckResult> checks = new ArrayList<>();
    for (ImportResult.Check c : imp.checks()) {
      checks.add(check(c, revealed.get(c.gotResult()), revealed.get(c.expectedResult())));
    }
    return new Outcome(
        revealed.subList(0, imp.resultCount()),
        checks,
        comm,
        seconds,
        imp.module().main().body().size(),
        program.main().body().size());
  }

  static SecretTensor input(Device device, TensorType t, ArgData d, String owner) {
    DType dt = t.dtype();
    if (t.isSecret()) {
      return d.doubles() != null
          ? device.input(owner, d.doubles(), dt, t.shape())
          : device.input(owner, d.longs(), dt, t.shape());
    }
    if (d.doubles() != null) {
      return device.constant(d.doubles(), dt, t.shape());
    }
    if (dt.isFixedPoint()) {
      double[] v = new double[d.longs().length];
      for (int i = 0; i < v.length; i++) {
        v[i] = d.longs()[i];
      }
      return device.constant(v, dt, t.shape());
    }
    return device.constant(d.longs(), dt, t.shape());
  }

  static CheckResult check(ImportResult.Check c, Output got, Output expected) {
    double max = 0;
    int failures = 0;
    double[] g = got.values();
    double[] e = c.expectedValue() != null ? c.expectedValue().doubles() : expected.values();
    for (int i = 0; i < g.length; i++) {
      max = Math.max(max, Math.abs(g[i] - e[i]));
      if (!ImportResult.passes(g[i], e[i], c.exact())) {
        failures++;
      }
    }
    return new CheckResult(c.kind(), c.line(), failures == 0, max, g.length, failures);
  }
}
