package dev.spu.kernels.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spu.kernels.runtime.LocalCluster;
import dev.spu.kernels.runtime.RuntimeConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The check: 10,000 secret points per function under ABY3 and SEMI2K (slow profile). */
@Tag("slow")
class MathAccuracySlowTest {
  @ParameterizedTest
  @CsvSource({"aby3, 3", "semi2k, 2", "semi2k, 3"})
  void tenThousandPointsPerFunction(String protocol, int parties) {
    try (LocalCluster c = new LocalCluster(RuntimeConfig.defaults(protocol, parties))) {
      for (MathCatalog.Function fn : MathCatalog.all()) {
        AccuracyRunner.Result r = AccuracyRunner.run(c, fn, 10_000, 7 + fn.name().hashCode());
        assertThat(r.maxErrOverTol()).as(fn.name() + " on " + protocol).isLessThanOrEqualTo(1.0);
      }
    }
  }
}
