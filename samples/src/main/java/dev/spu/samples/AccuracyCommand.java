package dev.spu.samples;

import dev.spu.kernels.accuracy.AccuracyRunner;
import dev.spu.kernels.accuracy.MathCatalog;
import dev.spu.kernels.hal.math.MathOptions;
import dev.spu.kernels.runtime.LocalCluster;
import dev.spu.kernels.runtime.RuntimeConfig;
import dev.spu.tensor.SimConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The accuracy of the fixed-point math on secret inputs: each function runs once on all its points
 * (uniform and log-uniform samples of its domain plus the edges) as one PPHLO op on a simulated
 * cluster, compared with the double-precision function of the encoded inputs. Target: |got − exact|
 * ≤ 1e-4 + 1e-3·|exact|. Also reports the op's measured rounds and bytes per element (input sharing
 * and reveal excluded), and the alternative methods.
 */
@Command(
    name = "accuracy",
    mixinStandardHelpOptions = true,
    description =
        "Error of exp, log, reciprocal, divide, sqrt, rsqrt, sigmoid, tanh, erf, power on secret"
            + " inputs vs double, with rounds and bytes per element.")
public final class AccuracyCommand implements Callable<Integer> {
  @Mixin ProtocolOptions protocolOptions;

  @Option(
      names = "--points",
      defaultValue = "10000",
      description = "Points per function (at least 16). Default: ${DEFAULT-VALUE}.")
  int points;

  @Option(names = "--seed", defaultValue = "1", description = "Sampling seed.")
  long seed;

  @Option(names = "--json", description = "Print one JSON object as the last stdout line.")
  boolean json;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "Write error/tolerance plots.")
  String plot;

  /** The alternative methods reported apart: (function, options). */
  private static final List<Object[]> ALTERNATIVES =
      List.of(
          new Object[] {"exp", MathOptions.DEFAULT.withExp(MathOptions.Exp.LIMIT)},
          new Object[] {"sigmoid", MathOptions.DEFAULT.withSigmoid(MathOptions.Sigmoid.LINEAR)});

  @Override
  public Integer call() throws IOException {
    if (points < 16) {
      throw new IllegalArgumentException("accuracy: --points must be at least 16, got " + points);
    }
    SimConfig sim = protocolOptions.simConfig();
    RuntimeConfig cfg = RuntimeConfig.defaults(sim.protocol(), sim.parties());
    System.err.printf(
        "accuracy: %s, %d parties, f = %d, %d points per function%n",
        cfg.protocol(), cfg.parties(), cfg.fractionBits(), points);
    List<AccuracyRunner.Result> main = new ArrayList<>();
    try (LocalCluster c = new LocalCluster(cfg)) {
      for (MathCatalog.Function fn : MathCatalog.all()) {
        main.add(run(c, fn));
      }
    }
    List<AccuracyRunner.Result> alt = new ArrayList<>();
    List<MathOptions> altOptions = new ArrayList<>();
    for (Object[] a : ALTERNATIVES) {
      MathOptions o = (MathOptions) a[1];
      try (LocalCluster c = new LocalCluster(cfg.withMath(o))) {
        alt.add(run(c, find((String) a[0])));
        altOptions.add(o);
      }
    }
    if (plot != null) {
      List<AccuracyRunner.Result> shown = new ArrayList<>(main);
      List<MathOptions> shownOptions = new ArrayList<>();
      main.forEach(r -> shownOptions.add(MathOptions.DEFAULT));
      // Fill the grid's last cell with the first alternative (its errors exceed the target).
      while (shown.size() % 3 != 0 && shown.size() - main.size() < alt.size()) {
        shownOptions.add(altOptions.get(shown.size() - main.size()));
        shown.add(alt.get(shown.size() - main.size()));
      }
      writePlot(shown, shownOptions, plot);
      System.err.println("accuracy: plot written to " + plot);
    }
    List<MathOptions> defaults = new ArrayList<>();
    main.forEach(r -> defaults.add(MathOptions.DEFAULT));
    boolean allOk = main.stream().allMatch(AccuracyRunner.Result::ok);
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("protocol", cfg.protocol());
      out.put("parties", cfg.parties());
      out.put("field_bits", cfg.fieldBits());
      out.put("fraction_bits", cfg.fractionBits());
      out.put("tolerance", "1e-4 + 1e-3*|exact|");
      out.put("all_ok", allOk);
      out.put("functions", rows(main, defaults));
      out.put("alternatives", rows(alt, altOptions));
      System.out.println(Json.write(out));
    } else {
      print("default methods", main, defaults);
      System.out.println();
      print("alternatives", alt, altOptions);
    }
    return allOk ? 0 : 1;
  }

  private AccuracyRunner.Result run(LocalCluster c, MathCatalog.Function fn) {
    long t0 = System.nanoTime();
    AccuracyRunner.Result r =
        AccuracyRunner.run(c, fn, points, seed * 1_000_003L + fn.name().hashCode());
    System.err.printf(
        "  %-10s %s (%.0f ms)%n",
        fn.name(), r.ok() ? "ok" : "NOT ok", (System.nanoTime() - t0) / 1e6);
    return r;
  }

  private static MathCatalog.Function find(String name) {
    return MathCatalog.all().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<Map<String, Object>> rows(
      List<AccuracyRunner.Result> rs, List<MathOptions> opts) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < rs.size(); i++) {
      AccuracyRunner.Result r = rs.get(i);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", r.function().name());
      m.put("method", r.function().method(opts.get(i)));
      m.put("lo", r.lo());
      m.put("hi", r.hi());
      m.put("points", r.points());
      m.put("max_abs_err", r.maxAbsErr());
      m.put("max_rel_err", r.maxRelErr());
      m.put("mean_abs_err", r.meanAbsErr());
      m.put("max_err_over_tol", r.maxErrOverTol());
      m.put("rounds", r.rounds());
      m.put("bytes_per_element", r.bytesPerElement());
      m.put("ok", r.ok());
      out.add(m);
    }
    return out;
  }

  private static void print(String title, List<AccuracyRunner.Result> rs, List<MathOptions> opts) {
    System.out.println(title + ":");
    System.out.printf(
        "%-10s %-22s %11s %11s %6s %10s %10s %10s %8s %6s %9s %s%n",
        "function",
        "method",
        "lo",
        "hi",
        "points",
        "max_abs",
        "max_rel",
        "mean_abs",
        "err/tol",
        "rounds",
        "bytes/el",
        "ok");
    for (int i = 0; i < rs.size(); i++) {
      AccuracyRunner.Result r = rs.get(i);
      System.out.printf(
          "%-10s %-22s %11.4g %11.4g %6d %10.3e %10.3e %10.3e %8.4f %6d %9.1f %s%n",
          r.function().name(),
          r.function().method(opts.get(i)),
          r.lo(),
          r.hi(),
          r.points(),
          r.maxAbsErr(),
          r.maxRelErr(),
          r.meanAbsErr(),
          r.maxErrOverTol(),
          r.rounds(),
          r.bytesPerElement(),
          r.ok() ? "ok" : "NOT ok");
    }
  }

  /** One scatter of (got − exact)/tolerance against the input per function, in a grid. */
  private static void writePlot(List<AccuracyRunner.Result> rs, List<MathOptions> opts, String file)
      throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<Chart<?, ?>> charts = new ArrayList<>();
    for (int k = 0; k < rs.size(); k++) {
      AccuracyRunner.Result r = rs.get(k);
      boolean isDefault = opts.get(k).equals(MathOptions.DEFAULT);
      int n = r.points();
      double[] x = new double[n];
      double[] y = new double[n];
      boolean positive = true;
      for (int i = 0; i < n; i++) {
        x[i] = r.reported(i);
        y[i] = (r.got()[i] - r.exact()[i]) / MathCatalog.tolerance(r.exact()[i]);
        positive &= x[i] > 0;
      }
      String input = r.function().name().equals("divide") ? "|denominator|" : "x";
      XYChart chart =
          new XYChartBuilder()
              .width(420)
              .height(300)
              .title(
                  String.format(
                      "%s%s (%s): max err/tol %.3g",
                      isDefault ? "" : "alternative ",
                      r.function().name(),
                      r.function().method(opts.get(k)),
                      r.maxErrOverTol()))
              .xAxisTitle(input)
              .yAxisTitle("(got - exact) / tol")
              .build();
      chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      chart.getStyler().setLegendVisible(false);
      chart.getStyler().setMarkerSize(2);
      chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(11f));
      if (isDefault) {
        chart.getStyler().setYAxisMin(-1.05);
        chart.getStyler().setYAxisMax(1.05);
      }
      if (positive && r.hi() / r.lo() > 100) {
        chart.getStyler().setXAxisLogarithmic(true);
      }
      chart.addSeries("error", x, y).setMarker(SeriesMarkers.CIRCLE);
      charts.add(chart);
    }
    int cols = charts.size() % 3 == 0 ? 3 : charts.size() % 4 == 0 ? 4 : 1;
    int rows = charts.size() / cols;
    String base = file.toLowerCase().endsWith(".png") ? file.substring(0, file.length() - 4) : file;
    BitmapEncoder.saveBitmap(charts, rows, cols, base, BitmapEncoder.BitmapFormat.PNG);
  }
}
