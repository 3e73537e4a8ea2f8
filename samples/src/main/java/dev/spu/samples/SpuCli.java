package dev.spu.samples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code spu} command line. Logs and progress go to stderr; {@code --json} output is the last
 * stdout line.
 */
@Command(
    name = "spu",
    mixinStandardHelpOptions = true,
    version = "spu 0.1.0",
    description = "Privacy-preserving machine learning on the JVM (SPU re-created in Java).",
    subcommands = {
      AccuracyCommand.class,
      DemoCommand.class,
      TrainCommand.class,
      CompileCommand.class,
      MillionairesCommand.class,
      BenchCommand.class,
      CertsCommand.class,
      NodeCommand.class,
      MatmulCommand.class,
      InferCommand.class,
      ImportCommand.class,
      RunCommand.class
    })
public final class SpuCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    int code =
        new CommandLine(new SpuCli()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    System.exit(code);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
