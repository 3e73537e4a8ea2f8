package dev.spu.kernels.accuracy;

import dev.spu.kernels.hal.math.Erf;
import dev.spu.kernels.hal.math.MathOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;

/**
 * The fixed-point math functions with their accuracy domains (issue target at f = 18: |got − exact|
 * ≤ 1e-4 + 1e-3·|exact| with exact = f(decode(encode(x))), secret inputs), the double-precision
 * reference and a sampler (uniform and log-uniform points plus the domain's edges). Shared by the
 * accuracy tests and the {@code spu accuracy} command.
 */
public final class MathCatalog {
  private MathCatalog() {}

  /** The tolerance of the target at a point. */
  public static double tolerance(double exact) {
    return 1e-4 + 1e-3 * Math.abs(exact);
  }

  /** How the second operand (if any) is given. */
  public enum Second {
    NONE,
    SECRET,
    PUBLIC
  }

  /**
   * One function under test.
   *
   * @param name the report name ({@code exp}, {@code log}, ...)
   * @param op the PPHLO op
   * @param second the second operand's kind (divide: secret denominator; power: public exponent)
   * @param reference exact value from the decoded inputs (the second is 0 for unary functions)
   * @param lo the smallest tested value of the reported input (divide: |denominator|)
   * @param hi the largest
   */
  public record Function(
      String name,
      String op,
      Second second,
      DoubleBinaryOperator reference,
      double lo,
      double hi,
      Sampler sampler) {
    /** The method label under the given options. */
    public String method(MathOptions o) {
      return switch (name) {
        case "exp" -> o.exp().label();
        case "sigmoid" -> o.sigmoid().label();
        case "log", "log1p" -> "normalise+poly8";
        case "reciprocal", "divide" -> "normalise+goldschmidt3";
        case "sqrt", "rsqrt" -> "normalise+poly12";
        case "tanh" -> "2*sigmoid(2|x|)-1";
        case "erf" -> "A&S-7.1.26";
        case "power" -> "exp(y*log(x))";
        default -> "?";
      };
    }

    /** The value of a point that the report's lo/hi describe (divide: |denominator|). */
    public double reported(double x, double y) {
      return name.equals("divide") ? Math.abs(y) : x;
    }
  }

  /** Draws n points: {x[], y[]} (y null for unary functions). */
  @FunctionalInterface
  public interface Sampler {
    double[][] sample(int n, Random rnd);
  }

  private static final double U16 = Math.scalb(1.0, 16);
  private static final double L16 = Math.scalb(1.0, -16);

  /** Every function, in report order. */
  public static List<Function> all() {
    List<Function> l = new ArrayList<>();
    l.add(unary("exp", "exponential", Math::exp, -16, 16, (n, r) -> uniform(n, r, -16, 16)));
    l.add(
        unary(
            "log",
            "log",
            Math::log,
            L16,
            U16,
            (n, r) ->
                mix(
                    n,
                    r,
                    new double[] {L16, U16, 1, 1 + 0x1p-18, 1 - 0x1p-18, 0.5, 2},
                    (k, q) -> logUniform(k, q, L16, U16),
                    (k, q) -> uniform(k, q, L16, 4),
                    (k, q) -> uniform(k, q, L16, U16))));
    l.add(
        unary(
            "log1p",
            "log_plus_one",
            Math::log1p,
            -0.99,
            U16,
            (n, r) ->
                mix(
                    n,
                    r,
                    new double[] {-0.99, 0, U16, 0x1p-18, -0x1p-18, 1, -0.5},
                    (k, q) -> uniform(k, q, -0.99, 1),
                    (k, q) -> shift(logUniform(k, q, 0.01, U16 + 1), -1),
                    (k, q) -> uniform(k, q, -0.99, U16))));
    l.add(
        unary(
            "reciprocal",
            "reciprocal",
            v -> 1 / v,
            -U16,
            U16,
            (n, r) ->
                mix(
                    n,
                    r,
                    new double[] {L16, -L16, U16, -U16, 1, -1, 3},
                    (k, q) -> signed(logUniform(k, q, L16, U16), q),
                    (k, q) -> signed(logUniform(k, q, L16, U16), q),
                    (k, q) -> uniform(k, q, -U16, U16))));
    l.add(
        new Function(
            "divide",
            "divide",
            Second.SECRET,
            (a, b) -> a / b,
            L16,
            U16,
            MathCatalog::divideSample));
    l.add(
        unary(
            "sqrt",
            "sqrt",
            Math::sqrt,
            0,
            U16,
            (n, r) ->
                mix(
                    n,
                    r,
                    new double[] {0, 0x1p-18, U16, 1, 2},
                    (k, q) -> logUniform(k, q, 0x1p-18, U16),
                    (k, q) -> uniform(k, q, 0, 4),
                    (k, q) -> uniform(k, q, 0, U16))));
    l.add(
        unary(
            "rsqrt",
            "rsqrt",
            v -> 1 / Math.sqrt(v),
            0x1p-18,
            U16,
            (n, r) ->
                mix(
                    n,
                    r,
                    new double[] {0x1p-18, 0x1p-17, U16, 1, 2},
                    (k, q) -> logUniform(k, q, 0x1p-18, U16),
                    (k, q) -> logUniform(k, q, 0x1p-18, U16),
                    (k, q) -> uniform(k, q, 0x1p-18, U16))));
    l.add(
        unary(
            "sigmoid",
            "logistic",
            v -> 1 / (1 + Math.exp(-v)),
            -16,
            16,
            (n, r) -> uniform(n, r, -16, 16)));
    l.add(unary("tanh", "tanh", Math::tanh, -8, 8, (n, r) -> uniform(n, r, -8, 8)));
    l.add(unary("erf", "erf", Erf::erf, -4, 4, (n, r) -> uniform(n, r, -4, 4)));
    l.add(
        new Function(
            "power", "power", Second.PUBLIC, Math::pow, 1.0 / 128, 128, MathCatalog::powerSample));
    return l;
  }

  private static Function unary(
      String name,
      String op,
      java.util.function.DoubleUnaryOperator f,
      double lo,
      double hi,
      UnarySampler s) {
    return new Function(
        name,
        op,
        Second.NONE,
        (x, y) -> f.applyAsDouble(x),
        lo,
        hi,
        (n, r) -> new double[][] {withEdges(s.sample(n, r), lo, hi), null});
  }

  @FunctionalInterface
  interface UnarySampler {
    double[] sample(int n, Random rnd);
  }

  /** The interval's ends replace the first two points. */
  private static double[] withEdges(double[] x, double lo, double hi) {
    if (x.length >= 2) {
      x[0] = lo;
      x[1] = hi;
    }
    return x;
  }

  /** Edges first, then three samplers sharing the rest in thirds. */
  private static double[] mix(
      int n, Random r, double[] edges, UnarySampler a, UnarySampler b, UnarySampler c) {
    double[] out = new double[n];
    int e = Math.min(edges.length, n);
    System.arraycopy(edges, 0, out, 0, e);
    int rest = n - e;
    int na = rest / 3;
    int nb = rest / 3;
    int nc = rest - na - nb;
    System.arraycopy(a.sample(na, r), 0, out, e, na);
    System.arraycopy(b.sample(nb, r), 0, out, e + na, nb);
    System.arraycopy(c.sample(nc, r), 0, out, e + na + nb, nc);
    return out;
  }

  static double[] uniform(int n, Random r, double lo, double hi) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = lo + (hi - lo) * r.nextDouble();
    }
    return x;
  }

  static double[] logUniform(int n, Random r, double lo, double hi) {
    double[] x = new double[n];
    double a = Math.log(lo);
    double b = Math.log(hi);
    for (int i = 0; i < n; i++) {
      x[i] = Math.min(hi, Math.max(lo, Math.exp(a + (b - a) * r.nextDouble())));
    }
    return x;
  }

  private static double[] signed(double[] x, Random r) {
    for (int i = 0; i < x.length; i++) {
      if (r.nextBoolean()) {
        x[i] = -x[i];
      }
    }
    return x;
  }

  private static double[] shift(double[] x, double d) {
    for (int i = 0; i < x.length; i++) {
      x[i] += d;
    }
    return x;
  }

  private static double[][] divideSample(int n, Random r) {
    double[] a = new double[n];
    double[] b = new double[n];
    double[][] edges = {
      {1024, L16},
      {-1024, L16},
      {1024, -L16},
      {-1024, -L16},
      {1024, U16},
      {-1024, -U16},
      {0x1p-18, U16},
      {0x1p-18, L16},
      {1, 3},
      {0, 7}
    };
    int e = Math.min(edges.length, n);
    for (int i = 0; i < e; i++) {
      a[i] = edges[i][0];
      b[i] = edges[i][1];
    }
    for (int i = e; i < n; i++) {
      // Numerators: uniform, or log-uniform magnitudes; denominators as reciprocal.
      a[i] =
          r.nextBoolean()
              ? -1024 + 2048 * r.nextDouble()
              : (r.nextBoolean() ? 1 : -1)
                  * Math.exp(r.nextDouble() * Math.log(1024 / 1e-4))
                  * 1e-4;
      double m = Math.exp(Math.log(L16) + (Math.log(U16) - Math.log(L16)) * r.nextDouble());
      if (i % 4 == 0) {
        m = L16 + (U16 - L16) * r.nextDouble();
      }
      b[i] = r.nextBoolean() ? m : -m;
    }
    return new double[][] {a, b};
  }

  private static double[][] powerSample(int n, Random r) {
    double[] x = new double[n];
    double[] y = new double[n];
    double[][] edges = {{1.0 / 128, 3}, {1.0 / 128, -3}, {128, 3}, {128, -3}, {1, 2.5}, {2, 0.5}};
    int e = Math.min(edges.length, n);
    for (int i = 0; i < e; i++) {
      x[i] = edges[i][0];
      y[i] = edges[i][1];
    }
    for (int i = e; i < n; i++) {
      x[i] =
          i % 3 == 0
              ? 1.0 / 128 + (128 - 1.0 / 128) * r.nextDouble()
              : Math.exp(Math.log(1.0 / 128) + 2 * Math.log(128) * r.nextDouble());
      y[i] = -3 + 6 * r.nextDouble();
    }
    return new double[][] {x, y};
  }
}
