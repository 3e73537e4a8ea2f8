package dev.spu.samples;

import picocli.CommandLine.Command;

/** Benchmarks: {@code bench ops} (primitives, measured against theory). */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks of the MPC primitives.",
    subcommands = {BenchOpsCommand.class})
public final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
