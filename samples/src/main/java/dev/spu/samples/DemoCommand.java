package dev.spu.samples;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * The main job: for now the millionaires' problem under ABY3; private training takes over later.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Runs the most complete private job available (3-party ABY3 simulation).")
public final class DemoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    ProtocolOptions options = new ProtocolOptions();
    options.protocol = "aby3";
    System.err.println(
        "spu demo: the millionaires' problem, 3 parties, ABY3 (secret sharing over Z_2^64)");
    MillionairesCommand.print(
        MillionairesCommand.run(options, new long[] {3, 7, 1, 9}, new long[] {5, 2, 8, 9}));
    return 0;
  }
}
