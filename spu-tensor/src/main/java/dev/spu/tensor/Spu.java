package dev.spu.tensor;

/**
 * Entry point of the user API: creates devices.
 *
 * <pre>{@code
 * try (Device spu = Spu.simulate(SimConfig.of("aby3", 3))) {
 *   SecretTensor x = spu.input("alice", new double[] {1, 2, 3});
 *   SecretTensor y = spu.input("bob", new double[] {3, 2, 1});
 *   double[] z = x.mul(y).sum().revealDoubles();
 * }
 * }</pre>
 */
public final class Spu {
  private Spu() {}

  /** A device simulating {@code cfg.parties()} compute parties as threads in this JVM. */
  public static Device simulate(SimConfig cfg) {
    SimBackend b = new SimBackend(cfg.toRuntime());
    return new Device(b, "sim(" + cfg.protocol() + ", " + cfg.parties() + " parties)");
  }
}
