package dev.spu.samples;

import dev.spu.pphlo.passes.PassPipeline;
import dev.spu.tensor.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The optimizer-pass options every compiling command shares ({@code @Mixin PassOptions}): {@code
 * --passes all|none|NAME,...}, {@code --no-pass NAME} (repeatable) and {@code --dump-ir DIR}. Only
 * the pass pipeline depends on them; apply them with {@link #applyTo(Device)} before the first jit
 * call.
 */
public final class PassOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--passes",
      paramLabel = "all|none|NAME,...",
      defaultValue = "all",
      description =
          "Optimizer passes (run in the standard order): all, none, or a comma-separated list of"
              + " cse, mixed-type-fusion, mixed-visibility-reorder, rsqrt, max-pool, select-reuse,"
              + " dce. Default: ${DEFAULT-VALUE}.")
  String passes = "all";

  @Option(
      names = "--no-pass",
      paramLabel = "NAME",
      description = "Switch off one pass (repeatable), e.g. --passes all --no-pass max-pool.")
  List<String> noPass = new ArrayList<>();

  @Option(
      names = "--dump-ir",
      paramLabel = "DIR",
      description =
          "Write each compiled program's PPHLO before and after every pass under DIR"
              + " (DIR/module-NNN/KK-<pass>.{before,after}.pphlo, stats.txt).")
  Path dumpIr;

  /** The selected pipeline; a bad pass name is a usage error naming the known passes. */
  public PassPipeline pipeline() {
    try {
      PassPipeline p = PassPipeline.parse(passes);
      if (!noPass.isEmpty()) {
        p = p.without(noPass.toArray(new String[0]));
      }
      return dumpIr == null ? p : p.dumpingTo(dumpIr);
    } catch (IllegalArgumentException e) {
      if (mixee != null) {
        throw new ParameterException(mixee.commandLine(), e.getMessage(), e);
      }
      throw e;
    }
  }

  /** Makes {@code device} compile its jit programs with the selected passes. */
  public Device applyTo(Device device) {
    device.setPasses(pipeline());
    return device;
  }

  /** The enabled passes, comma-separated ({@code none} if none), for reports. */
  public String describe() {
    return pipeline().toString();
  }
}
