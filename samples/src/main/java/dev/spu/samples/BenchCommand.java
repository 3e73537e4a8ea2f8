package dev.spu.samples;

import picocli.CommandLine.Command;

/**
 * Benchmarks: {@code bench ops} (primitives, measured against theory) and {@code bench jmh} (JMH
 * micro-benchmarks of the ring kernels and primitives).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks of the MPC primitives.",
    subcommands = {BenchOpsCommand.class, BenchJmhCommand.class})
public final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
