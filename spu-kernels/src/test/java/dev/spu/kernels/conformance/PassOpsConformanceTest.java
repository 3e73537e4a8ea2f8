package dev.spu.kernels.conformance;

import static dev.spu.pphlo.DType.F32;
import static dev.spu.pphlo.Visibility.PUBLIC;
import static dev.spu.pphlo.Visibility.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.kernels.runtime.LocalCluster;
import dev.spu.kernels.runtime.RuntimeConfig;
import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Value;
import dev.spu.pphlo.Visibility;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The ops of the optimizer passes on a {@link LocalCluster}: exact agreement with the ops they
 * replace, and the communication they save (the reason the passes exist). Subclasses give the
 * protocol and party count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PassOpsConformanceTest {
  protected abstract String protocol();

  protected abstract int parties();

  private LocalCluster cluster;
  private PassOpCases cases;

  @BeforeAll
  void start() {
    cluster = newCluster();
    cases = new PassOpCases(protocol().hashCode() * 11L + parties(), this::run);
  }

  @AfterAll
  void stop() {
    cluster.close();
  }

  private LocalCluster newCluster() {
    return new LocalCluster(
        RuntimeConfig.defaults(protocol(), parties()).withTimeout(Duration.ofSeconds(30)));
  }

  List<long[]> run(Prog p, Value... outs) {
    Function f = p.build(outs);
    try {
      return cluster.evaluate(f, p.data);
    } catch (RuntimeException e) {
      cluster.close();
      cluster = newCluster();
      throw e;
    }
  }

  @Test
  void argmaxAndMaxpoolScatterEqualTheOpsTheyReplace() {
    Visibility[] vis = {PUBLIC, SECRET};
    for (int rank = 1; rank <= 3; rank++) {
      for (Visibility vx : vis) {
        for (Visibility vg : vis) {
          cases.maxPool(rank, vx, vg, Double.NEGATIVE_INFINITY);
          cases.maxPool(rank, vx, vg, 0.5);
        }
      }
    }
  }

  @Test
  void preferAAndEpsilon() {
    for (String kind : new String[] {"pub", "secA", "secB"}) {
      cases.preferA(kind);
    }
    cases.epsilon();
  }

  /** Bytes of running {@code outs} of {@code p}, all parties. */
  private long bytes(Prog p, Value... outs) {
    long before = cluster.aggregate().total().bytes();
    run(p, outs);
    return cluster.aggregate().total().bytes() - before;
  }

  @Test
  void theNewOpsSendLessThanTheOnesTheyReplace() {
    if (protocol().equals("ref2k")) {
      return; // one party: nothing is sent either way
    }
    Shape xs = Shape.of(2, 8, 8, 4);
    Shape ws = Shape.of(2, 4, 4, 4);
    Attributes win = PassOpCases.pool2x2().toAttributes(Attributes.builder(), false).build();
    long[] x = new long[xs.numElements()];
    long[] g = new long[ws.numElements()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i * 7919L % 101) << 10;
    }
    // Before: reduce_window max + select_and_scatter.
    Prog before = new Prog();
    Value xb = before.arg(new TensorType(xs, F32, SECRET), x);
    Value ib =
        before.arg(new TensorType(Shape.SCALAR, F32, PUBLIC), new long[] {Long.MIN_VALUE / 4});
    Value gb = before.arg(new TensorType(ws, F32, SECRET), g);
    Value mb =
        before.op(
            "reduce_window",
            PassOpCases.pool2x2()
                .toAttributes(Attributes.builder().put("kind", "max"), true)
                .build(),
            xb,
            ib);
    Value sb =
        before.op(
            "select_and_scatter",
            PassOpCases.pool2x2()
                .toAttributes(Attributes.builder().put("select", "ge").put("scatter", "add"), false)
                .build(),
            xb,
            gb,
            ib);
    long old = bytes(before, mb, sb);
    // After: argmax + maxpool_scatter.
    Prog after = new Prog();
    Value xa = after.arg(new TensorType(xs, F32, SECRET), x);
    Value ia =
        after.arg(new TensorType(Shape.SCALAR, F32, PUBLIC), new long[] {Long.MIN_VALUE / 4});
    Value ga = after.arg(new TensorType(ws, F32, SECRET), g);
    List<Value> am = after.b.op("argmax", win, null, List.of(xa, ia));
    Value sa = after.op("maxpool_scatter", win, sb.type(), am.get(1), ga, ia);
    long now = bytes(after, am.get(0), sa);
    System.err.println(
        "max-pool "
            + protocol()
            + ": reduce_window+select_and_scatter "
            + old
            + " B, argmax+maxpool_scatter "
            + now
            + " B");
    assertThat((double) now).isLessThan(0.75 * old);

    // Two selects on one comparison, with and without prefer_a.
    int n = 4096;
    long[] a = new long[n];
    for (int i = 0; i < n; i++) {
      a[i] = (i % 13 - 6L) << 18;
    }
    long plain = selects(n, a, false);
    long preferred = selects(n, a, true);
    System.err.println("select reuse " + protocol() + ": " + plain + " B -> " + preferred + " B");
    assertThat(preferred).isLessThan(plain);
  }

  /** Bytes of a comparison and two selects on it (the comparison costs the same both ways). */
  private long selects(int n, long[] a, boolean preferA) {
    Prog p = new Prog();
    Value x = p.arg(SECRET, F32, new int[] {n}, a);
    Value z = p.arg(PUBLIC, F32, new int[] {n}, new long[n]);
    Value pred = p.op("greater", x, z);
    Value use = preferA ? p.op("prefer_a", pred) : pred;
    Value s1 = p.op("select", use, x, z);
    Value s2 = p.op("select", use, z, x);
    return bytes(p, s1, s2);
  }
}
