package dev.spu.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spu.pphlo.Attributes;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.Module;
import dev.spu.pphlo.Shape;
import dev.spu.pphlo.TensorType;
import dev.spu.pphlo.Value;
import dev.spu.pphlo.Verifier;
import dev.spu.pphlo.Visibility;
import dev.spu.trace.DoubleInterpreter.T;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every op with a VJP rule against central finite differences in double precision: the traced
 * forward and the traced gradient program are run by a plaintext double interpreter. Each case
 * draws random shapes (and attributes) {@value #TRIALS} times; the loss is ⟨op(args), W⟩ for a
 * random W, so every element of the cotangent differs. Inputs of piecewise ops are kept ≥ 0.05 away
 * from their kinks (ties, zero, bounds). Tolerance: |AD − FD| ≤ 1e-6 · max(1, |FD|) with step h =
 * 1e-6 (truncation error ~h², rounding ~1e-16·|loss|/h, both far below).
 */
class AutodiffFiniteDifferenceTest {
  private static final int TRIALS = 6;
  private static final double H = 1e-6;
  private static final double TOL = 1e-6;

  /** One random instance of a case: argument types, a sampler of inputs, the traced body. */
  record Instance(List<TensorType> types, Sampler sampler, Autodiff.TracedFn body) {}

  interface Sampler {
    List<double[]> sample(Random r, List<TensorType> types);
  }

  interface Gen {
    Instance make(Random r);
  }

  /** A case: the op it covers (a registry key), a name, and an instance generator. */
  record Case(String covers, String name, Gen gen) {
    @Override
    public String toString() {
      return name;
    }
  }

  // ------------------------------------------------------------------ samplers

  static double uniform(Random r, double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  static double[] uniform(Random r, int n, double lo, double hi) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = uniform(r, lo, hi);
    }
    return d;
  }

  /** ±[lo, hi]. */
  static double[] awayFromZero(Random r, int n, double lo, double hi) {
    double[] d = uniform(r, n, lo, hi);
    for (int i = 0; i < n; i++) {
      d[i] = r.nextBoolean() ? d[i] : -d[i];
    }
    return d;
  }

  /** Distinct values, at least 0.09 apart (no ties for max/min). */
  static double[] distinct(Random r, int n) {
    List<Integer> perm = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      perm.add(i);
    }
    java.util.Collections.shuffle(perm, r);
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = (perm.get(i) - n / 2.0) * 0.1 + 0.01 * r.nextDouble();
    }
    return d;
  }

  static Sampler all(double lo, double hi) {
    return (r, ts) -> ts.stream().map(t -> sampleFor(r, t, lo, hi)).toList();
  }

  static double[] sampleFor(Random r, TensorType t, double lo, double hi) {
    int n = t.numElements();
    if (!t.dtype().isFixedPoint()) {
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        d[i] = r.nextInt(7) - 3;
      }
      return d;
    }
    return uniform(r, n, lo, hi);
  }

  // ------------------------------------------------------------------ shapes

  static Shape shape(Random r, int minRank, int maxRank) {
    int rank = minRank + r.nextInt(maxRank - minRank + 1);
    int[] d = new int[rank];
    for (int i = 0; i < rank; i++) {
      d[i] = 1 + r.nextInt(3);
    }
    return Shape.of(d);
  }

  static DType floatType(Random r) {
    return r.nextBoolean() ? DType.F32 : DType.F64;
  }

  /** A floating-point type of random width and visibility (rules must type-check for all). */
  static TensorType f(Random r, Shape s) {
    return TensorType.of(
        s, floatType(r), r.nextInt(3) == 0 ? Visibility.PUBLIC : Visibility.SECRET);
  }

  static Value op(Tracer t, String name, Value... in) {
    return t.op(name, Attributes.EMPTY, in);
  }

  // ------------------------------------------------------------------ cases

  static Case binary(String op, Sampler sampler) {
    return new Case(
        op,
        op,
        r -> {
          Shape s = shape(r, 0, 3);
          return new Instance(
              List.of(f(r, s), f(r, s)), sampler, (t, a) -> op(t, op, a.get(0), a.get(1)));
        });
  }

  static Case unary(String op, Sampler sampler) {
    return new Case(
        op,
        op,
        r -> {
          Shape s = shape(r, 0, 3);
          return new Instance(List.of(f(r, s)), sampler, (t, a) -> op(t, op, a.get(0)));
        });
  }

  /** b = a ± [0.05, 1]: no ties. */
  static final Sampler SEPARATED =
      (r, ts) -> {
        double[] a = uniform(r, ts.get(0).numElements(), -2, 2);
        double[] d = awayFromZero(r, a.length, 0.05, 1);
        double[] b = a.clone();
        for (int i = 0; i < b.length; i++) {
          b[i] += d[i];
        }
        return List.of(a, b);
      };

  static Stream<Case> cases() {
    List<Case> c = new ArrayList<>();
    c.add(binary("add", all(-2, 2)));
    c.add(binary("subtract", all(-2, 2)));
    c.add(binary("multiply", all(-2, 2)));
    c.add(
        new Case(
            "multiply",
            "multiply_by_integer",
            r -> {
              Shape s = shape(r, 1, 3);
              return new Instance(
                  List.of(f(r, s), TensorType.secret(DType.I32, s.dims())),
                  all(-2, 2),
                  (t, a) -> op(t, "multiply", a.get(0), a.get(1)));
            }));
    c.add(
        binary(
            "divide",
            (r, ts) ->
                List.of(
                    uniform(r, ts.get(0).numElements(), -2, 2),
                    awayFromZero(r, ts.get(1).numElements(), 0.5, 2))));
    c.add(
        binary(
            "remainder",
            (r, ts) -> {
              int n = ts.get(0).numElements();
              double[] b = uniform(r, n, 0.6, 1.4);
              double[] a = new double[n];
              for (int i = 0; i < n; i++) {
                // a/b = k + frac with frac in [0.1, 0.9]: away from the jumps.
                double q = (r.nextInt(5) - 2) + uniform(r, 0.1, 0.9);
                a[i] = q * b[i];
              }
              return List.of(a, b);
            }));
    c.add(
        new Case(
            "power",
            "power",
            r -> {
              Shape s = shape(r, 0, 3);
              // An integer exponent as an input (no gradient), or a float constant (its gradient
              // would need log).
              boolean intExp = r.nextBoolean();
              double[] floatExp = uniform(r, s.numElements(), -1.5, 2.5);
              Sampler sm =
                  (rr, ts) ->
                      List.of(
                          uniform(rr, s.numElements(), 0.5, 2),
                          rr.ints(s.numElements(), 0, 4).asDoubleStream().toArray());
              return new Instance(
                  List.of(f(r, s), TensorType.pub(DType.I32, s.dims())),
                  sm,
                  (t, a) -> {
                    Value exp = intExp ? a.get(1) : TensorOps.constant(t, s, DType.F64, floatExp);
                    return op(t, "power", a.get(0), exp);
                  });
            }));
    c.add(unary("negate", all(-2, 2)));
    // Fixed-point math, each on its domain.
    c.add(unary("exponential", all(-2, 2)));
    c.add(unary("log", all(0.2, 3)));
    c.add(unary("log_plus_one", all(-0.5, 2)));
    c.add(
        unary("reciprocal", (r, ts) -> List.of(awayFromZero(r, ts.get(0).numElements(), 0.3, 2))));
    c.add(unary("sqrt", all(0.2, 3)));
    c.add(unary("rsqrt", all(0.2, 3)));
    c.add(unary("logistic", all(-3, 3)));
    c.add(unary("tanh", all(-2, 2)));
    c.add(unary("erf", all(-2, 2)));
    // power with a differentiable exponent: db = g·y·log a.
    c.add(
        new Case(
            "power",
            "power (exponent)",
            r -> {
              Shape s = shape(r, 0, 3);
              Sampler sm =
                  (rr, ts) ->
                      List.of(
                          uniform(rr, s.numElements(), 0.5, 2),
                          uniform(rr, s.numElements(), -1.5, 2.5));
              return new Instance(
                  List.of(f(r, s), f(r, s)), sm, (t, a) -> op(t, "power", a.get(0), a.get(1)));
            }));
    c.add(unary("abs", (r, ts) -> List.of(awayFromZero(r, ts.get(0).numElements(), 0.05, 2))));
    c.add(binary("maximum", SEPARATED));
    c.add(binary("minimum", SEPARATED));
    c.add(
        new Case(
            "select",
            "select",
            r -> {
              Shape s = shape(r, 0, 3);
              Shape ps = r.nextBoolean() ? s : Shape.SCALAR;
              return new Instance(
                  List.of(f(r, ps), f(r, s), f(r, s)),
                  (rr, ts) ->
                      List.of(
                          awayFromZero(rr, ps.numElements(), 0.05, 2),
                          uniform(rr, s.numElements(), -2, 2),
                          uniform(rr, s.numElements(), -2, 2)),
                  (t, a) -> {
                    Value zero = TensorOps.full(t, ps, a.get(0).type().dtype(), 0.0);
                    Value p = op(t, "greater", a.get(0), zero);
                    return op(t, "select", p, a.get(1), a.get(2));
                  });
            }));
    c.add(
        new Case(
            "clamp",
            "clamp",
            r -> {
              Shape s = shape(r, 0, 3);
              Shape ls = r.nextBoolean() ? s : Shape.SCALAR;
              Shape hs = r.nextBoolean() ? s : Shape.SCALAR;
              Sampler sm =
                  (rr, ts) -> {
                    double[] lo = uniform(rr, ls.numElements(), -1, -0.3);
                    double[] hi = uniform(rr, hs.numElements(), 0.3, 1);
                    double[] x = new double[s.numElements()];
                    for (int i = 0; i < x.length; i++) {
                      double l = lo[lo.length == 1 ? 0 : i];
                      double h = hi[hi.length == 1 ? 0 : i];
                      do {
                        x[i] = uniform(rr, -2, 2);
                      } while (Math.abs(x[i] - l) < 0.05 || Math.abs(x[i] - h) < 0.05);
                    }
                    return List.of(lo, x, hi);
                  };
              return new Instance(
                  List.of(f(r, ls), f(r, s), f(r, hs)),
                  sm,
                  (t, a) -> op(t, "clamp", a.get(0), a.get(1), a.get(2)));
            }));
    c.add(
        new Case(
            "convert",
            "convert",
            r -> {
              Shape s = shape(r, 0, 3);
              TensorType x = f(r, s);
              DType to = x.dtype() == DType.F32 ? DType.F64 : DType.F32;
              // An integer input converted to float contributes no gradient.
              return new Instance(
                  List.of(x, TensorType.secret(DType.I32, s.dims())),
                  all(-2, 2),
                  (t, a) ->
                      op(
                          t,
                          "multiply",
                          TensorOps.convert(t, a.get(0), to),
                          TensorOps.convert(t, a.get(1), to)));
            }));
    c.add(
        new Case(
            "dot",
            "dot",
            r -> {
              int m = 1 + r.nextInt(3);
              int k = 1 + r.nextInt(3);
              int n = 1 + r.nextInt(3);
              Shape a = r.nextBoolean() ? Shape.of(m, k) : Shape.of(k);
              Shape b = r.nextBoolean() ? Shape.of(k, n) : Shape.of(k);
              return new Instance(
                  List.of(f(r, a), f(r, b)),
                  all(-2, 2),
                  (t, x) -> op(t, "dot", x.get(0), x.get(1)));
            }));
    c.add(new Case("dot_general", "dot_general", AutodiffFiniteDifferenceTest::dotGeneral));
    c.add(
        new Case(
            "transpose",
            "transpose",
            r -> {
              Shape s = shape(r, 1, 4);
              int[] perm = permutation(r, s.rank());
              return new Instance(
                  List.of(f(r, s)),
                  all(-2, 2),
                  (t, a) -> t.op("transpose", Attributes.of("permutation", perm), a.get(0)));
            }));
    c.add(
        new Case(
            "reshape",
            "reshape",
            r -> {
              Shape s = shape(r, 0, 3);
              int[] d = s.dims();
              int[] perm = permutation(r, d.length);
              int[] to = new int[d.length];
              for (int i = 0; i < d.length; i++) {
                to[i] = d[perm[i]];
              }
              return new Instance(
                  List.of(f(r, s)), all(-2, 2), (t, a) -> TensorOps.reshape(t, a.get(0), to));
            }));
    c.add(new Case("broadcast_in_dim", "broadcast_in_dim", AutodiffFiniteDifferenceTest::bcast));
    c.add(
        new Case(
            "slice",
            "slice",
            r -> {
              Shape s = shape(r, 1, 3);
              int[] lo = new int[s.rank()];
              int[] hi = new int[s.rank()];
              int[] st = new int[s.rank()];
              for (int i = 0; i < s.rank(); i++) {
                int n = s.dim(i) + 1 + r.nextInt(3);
                s = withDim(s, i, n);
                lo[i] = r.nextInt(n);
                hi[i] = lo[i] + 1 + r.nextInt(n - lo[i]);
                st[i] = 1 + r.nextInt(3);
              }
              Shape fs = s;
              return new Instance(
                  List.of(f(r, fs)),
                  all(-2, 2),
                  (t, a) -> TensorOps.slice(t, a.get(0), lo, hi, st));
            }));
    c.add(
        new Case(
            "concatenate",
            "concatenate",
            r -> {
              Shape s = shape(r, 1, 3);
              int dim = r.nextInt(s.rank());
              int k = 2 + r.nextInt(2);
              List<TensorType> ts = new ArrayList<>();
              for (int i = 0; i < k; i++) {
                ts.add(f(r, withDim(s, dim, 1 + r.nextInt(3))));
              }
              return new Instance(
                  ts,
                  all(-2, 2),
                  (t, a) ->
                      t.op(
                          "concatenate", Attributes.of("dimension", dim), a.toArray(new Value[0])));
            }));
    c.add(
        new Case(
            "pad",
            "pad",
            r -> {
              Shape s = shape(r, 1, 3);
              int[] lo = new int[s.rank()];
              int[] hi = new int[s.rank()];
              int[] in = new int[s.rank()];
              for (int i = 0; i < s.rank(); i++) {
                in[i] = r.nextInt(3);
                int padded = s.dim(i) + (s.dim(i) - 1) * in[i];
                // Negative edges crop; keep at least one element.
                do {
                  lo[i] = r.nextInt(4) - 1;
                  hi[i] = r.nextInt(4) - 1;
                } while (padded + lo[i] + hi[i] < 1);
              }
              Attributes at =
                  Attributes.builder()
                      .put("edge_padding_low", lo)
                      .put("edge_padding_high", hi)
                      .put("interior_padding", in)
                      .build();
              DType d = floatType(r);
              return new Instance(
                  List.of(TensorType.secret(d, s.dims()), TensorType.secret(d)),
                  all(-2, 2),
                  (t, a) -> t.op("pad", at, a.get(0), a.get(1)));
            }));
    c.add(reduce("add"));
    c.add(reduce("max"));
    c.add(reduce("min"));

    // Compositions exercising accumulation and the NumPy-level helpers.
    c.add(
        new Case(
            "multiply",
            "reuse_accumulates",
            r -> {
              Shape s = shape(r, 0, 3);
              return new Instance(
                  List.of(f(r, s)),
                  all(-2, 2),
                  (t, a) -> {
                    Value x = a.get(0);
                    return op(
                        t,
                        "add",
                        op(t, "multiply", x, x),
                        op(t, "multiply", x, op(t, "negate", x)));
                  });
            }));
    c.add(
        new Case(
            "maximum",
            "tree_max",
            r -> {
              Shape s = shape(r, 1, 3);
              int axis = r.nextInt(s.rank());
              return new Instance(
                  List.of(f(r, s)),
                  (rr, ts) -> List.of(distinct(rr, s.numElements())),
                  (t, a) -> TensorOps.max(t, a.get(0), new int[] {axis}, r.nextBoolean()));
            }));
    c.add(
        new Case(
            "dot_general",
            "batched_matmul_mean",
            r -> {
              int b = 1 + r.nextInt(3);
              int m = 1 + r.nextInt(3);
              int k = 1 + r.nextInt(3);
              int n = 1 + r.nextInt(3);
              return new Instance(
                  List.of(f(r, Shape.of(b, m, k)), f(r, Shape.of(k, n))),
                  all(-2, 2),
                  (t, a) ->
                      TensorOps.mean(
                          t, TensorOps.matmul(t, a.get(0), a.get(1)), new int[] {1}, false));
            }));
    c.addAll(WindowFdCases.cases());
    return c.stream();
  }

  static Case reduce(String kind) {
    return new Case(
        "reduce",
        "reduce_" + kind,
        r -> {
          Shape s = shape(r, 1, 3);
          List<Integer> dims = new ArrayList<>();
          for (int i = 0; i < s.rank(); i++) {
            if (r.nextBoolean()) {
              dims.add(i);
            }
          }
          Attributes at =
              Attributes.builder()
                  .put("dimensions", dims.stream().mapToInt(Integer::intValue).toArray())
                  .put("kind", kind)
                  .build();
          DType d = floatType(r);
          if (kind.equals("add")) {
            // The init value is an input too: it is added once per output element.
            return new Instance(
                List.of(TensorType.secret(d, s.dims()), TensorType.secret(d)),
                all(-2, 2),
                (t, a) -> t.op("reduce", at, a.get(0), a.get(1)));
          }
          double init = kind.equals("max") ? -1e6 : 1e6;
          return new Instance(
              List.of(TensorType.secret(d, s.dims())),
              (rr, ts) -> List.of(distinct(rr, s.numElements())),
              (t, a) -> t.op("reduce", at, a.get(0), TensorOps.full(t, Shape.SCALAR, d, init)));
        });
  }

  static Instance dotGeneral(Random r) {
    int nb = r.nextInt(3);
    int nc = r.nextInt(3);
    int nlf = r.nextInt(3);
    int nrf = r.nextInt(3);
    if (nb + nc + nlf > 4) {
      nlf = 0;
    }
    if (nb + nc + nrf > 4) {
      nrf = 0;
    }
    int[] bsz = r.ints(nb, 1, 4).toArray();
    int[] csz = r.ints(nc, 1, 4).toArray();
    int[] lfs = r.ints(nlf, 1, 4).toArray();
    int[] rfs = r.ints(nrf, 1, 4).toArray();
    int[] lperm = permutation(r, nb + nc + nlf);
    int[] rperm = permutation(r, nb + nc + nrf);
    // Role k (batch i, contract i, free i) sits at dimension perm[k].
    int[] ld = new int[lperm.length];
    int[] rd = new int[rperm.length];
    int[] lb = new int[nb];
    int[] rb = new int[nb];
    int[] lc = new int[nc];
    int[] rc = new int[nc];
    for (int i = 0; i < nb; i++) {
      lb[i] = lperm[i];
      rb[i] = rperm[i];
      ld[lb[i]] = bsz[i];
      rd[rb[i]] = bsz[i];
    }
    for (int i = 0; i < nc; i++) {
      lc[i] = lperm[nb + i];
      rc[i] = rperm[nb + i];
      ld[lc[i]] = csz[i];
      rd[rc[i]] = csz[i];
    }
    for (int i = 0; i < nlf; i++) {
      ld[lperm[nb + nc + i]] = lfs[i];
    }
    for (int i = 0; i < nrf; i++) {
      rd[rperm[nb + nc + i]] = rfs[i];
    }
    return new Instance(
        List.of(f(r, Shape.of(ld)), f(r, Shape.of(rd))),
        all(-2, 2),
        (t, a) -> TensorOps.dotGeneral(t, a.get(0), a.get(1), lb, rb, lc, rc));
  }

  static Instance bcast(Random r) {
    Shape out = shape(r, 1, 4);
    List<Integer> dims = new ArrayList<>();
    List<Integer> xd = new ArrayList<>();
    for (int i = 0; i < out.rank(); i++) {
      if (r.nextBoolean()) {
        dims.add(i);
        xd.add(r.nextInt(3) == 0 ? 1 : out.dim(i));
      }
    }
    int[] bd = dims.stream().mapToInt(Integer::intValue).toArray();
    Shape xs = Shape.of(xd.stream().mapToInt(Integer::intValue).toArray());
    TensorType x = f(r, xs);
    return new Instance(
        List.of(x),
        all(-2, 2),
        (t, a) ->
            t.op(
                "broadcast_in_dim",
                Attributes.of("broadcast_dimensions", bd),
                a.get(0).type().withShape(out),
                a.get(0)));
  }

  static int[] permutation(Random r, int n) {
    List<Integer> p = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      p.add(i);
    }
    java.util.Collections.shuffle(p, r);
    return p.stream().mapToInt(Integer::intValue).toArray();
  }

  static Shape withDim(Shape s, int i, int n) {
    int[] d = s.dims();
    d[i] = n;
    return Shape.of(d);
  }

  // ------------------------------------------------------------------ the check

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gradientMatchesCentralFiniteDifferences(Case c) {
    Random r = new Random(c.name().hashCode());
    for (int trial = 0; trial < TRIALS; trial++) {
      check(c, c.gen().make(r), r, trial);
    }
  }

  static void check(Case c, Instance in, Random r, int trial) {
    Tracer t = new Tracer();
    List<Value> args = new ArrayList<>();
    for (TensorType ty : in.types()) {
      args.add(t.argument(ty));
    }
    Value y = in.body().apply(t, args);
    Shape ys = y.type().shape();
    Value w = TensorOps.constant(t, ys, DType.F64, uniform(r, ys.numElements(), -1, 1));
    Value loss = TensorOps.sum(t, op(t, "multiply", y, w), new int[0], false);
    Function primal = t.finish(List.of(loss));

    List<Integer> argnums = new ArrayList<>();
    for (int i = 0; i < in.types().size(); i++) {
      if (in.types().get(i).dtype().isFixedPoint()) {
        argnums.add(i);
      }
    }
    int[] an = argnums.stream().mapToInt(Integer::intValue).toArray();
    Function vg = Autodiff.valueAndGrad(primal, an);
    Verifier.verify(Module.of(vg));

    List<double[]> x = in.sampler().sample(r, in.types());
    List<T> out = DoubleInterpreter.run(vg, tensors(in.types(), x));
    String where = c.name() + " trial " + trial + " types " + in.types();
    assertThat(out.get(0).scalar())
        .as(where + " value")
        .isCloseTo(eval(primal, in.types(), x), within(1e-12));
    for (int k = 0; k < an.length; k++) {
      int a = an[k];
      double[] g = out.get(1 + k).v();
      assertThat(out.get(1 + k).shape()).isEqualTo(in.types().get(a).shape());
      for (int e = 0; e < g.length; e++) {
        double fd = finiteDifference(primal, in.types(), x, a, e);
        assertThat(g[e])
            .as(where + " d/darg" + a + "[" + e + "]")
            .isCloseTo(fd, within(TOL * Math.max(1, Math.abs(fd))));
      }
    }
  }

  static double finiteDifference(
      Function f, List<TensorType> types, List<double[]> x, int a, int e) {
    List<double[]> plus = copy(x);
    List<double[]> minus = copy(x);
    plus.get(a)[e] += H;
    minus.get(a)[e] -= H;
    return (eval(f, types, plus) - eval(f, types, minus)) / (2 * H);
  }

  static double eval(Function f, List<TensorType> types, List<double[]> x) {
    return DoubleInterpreter.run(f, tensors(types, x)).get(0).scalar();
  }

  static List<T> tensors(List<TensorType> types, List<double[]> x) {
    List<T> out = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      out.add(new T(types.get(i).shape(), x.get(i)));
    }
    return out;
  }

  static List<double[]> copy(List<double[]> x) {
    List<double[]> c = new ArrayList<>();
    for (double[] d : x) {
      c.add(d.clone());
    }
    return c;
  }

  /** Every op with a real rule (not NONE) has a finite-difference case above. */
  @Test
  void everyRuleHasAFiniteDifferenceCase() {
    Set<String> covered = new HashSet<>();
    cases().forEach(c -> covered.add(c.covers()));
    Set<String> rules = new HashSet<>();
    for (String op : VjpRegistry.ops()) {
      if (VjpRegistry.get(op) != VjpRule.NONE) {
        rules.add(op);
      }
    }
    assertThat(covered).containsAll(rules);
    assertThat(Arrays.asList("sign", "greater", "constant"))
        .allMatch(op -> VjpRegistry.get(op) == VjpRule.NONE);
  }
}
