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
 *
 * {@link #connect} gives the same device API over separate node processes.
 */
public final class Spu {
  private Spu() {}

  /** A device simulating {@code cfg.parties()} compute parties as threads in this JVM. */
  public static Device simulate(SimConfig cfg) {
    SimBackend b = new SimBackend(cfg.toRuntime(), cfg.wan());
    String net = cfg.wan().isNone() ? "" : ", " + cfg.wan();
    return new Device(b, "sim(" + cfg.protocol() + ", " + cfg.parties() + " parties" + net + ")");
  }

  /**
   * A device whose compute parties are the node processes of a cluster ({@code ./spu node}); the
   * same API as {@link #simulate}, so user code does not change. Data owners share their inputs in
   * this process and send each node only its share; reveals gather shares only here. Keeps trying
   * to reach the nodes for the connect timeout (30 s by default), then fails naming the unreachable
   * ones; it never falls back to simulation.
   *
   * @throws dev.spu.mpc.link.LinkException if nodes cannot be reached
   * @throws dev.spu.kernels.runtime.node.ClusterSessionException if a node refuses the session
   */
  public static Device connect(ClusterConfig cfg) {
    RemoteBackend b = new RemoteBackend(cfg);
    return new Device(
        b,
        "cluster("
            + cfg.protocol()
            + ", "
            + cfg.parties()
            + " parties, "
            + cfg.transport()
            + " "
            + String.join(" ", cfg.addresses())
            + ")");
  }
}
