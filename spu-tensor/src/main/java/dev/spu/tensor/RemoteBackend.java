package dev.spu.tensor;

import dev.spu.kernels.runtime.node.RemoteCluster;
import dev.spu.mpc.link.CommStats;
import dev.spu.pphlo.Function;
import dev.spu.pphlo.TensorType;
import java.util.List;

/**
 * The backend of {@link Spu#connect}: the compute parties are node processes, driven through a
 * {@link RemoteCluster}. Values live in the nodes' per-session tables under the device's handles;
 * this process holds only handles, the owners' plaintext inputs (shared here before they leave) and
 * revealed results.
 */
final class RemoteBackend implements Backend {
  private final ClusterConfig config;
  private final RemoteCluster cluster;

  RemoteBackend(ClusterConfig config) {
    this.config = config;
    this.cluster = RemoteCluster.connect(config.file(), config.driverOptions());
  }

  @Override
  public void input(long handle, TensorType type, long[] ring) {
    cluster.input(handle, type, ring);
  }

  @Override
  public void publicValue(long handle, TensorType type, long[] ring) {
    cluster.publicValue(handle, type, ring);
  }

  @Override
  public void run(Function f, long[] args, long[] results) {
    cluster.run(f, args, results);
  }

  @Override
  public long[] open(long handle, TensorType type) {
    return cluster.open(handle, type);
  }

  @Override
  public long[] revealTo(long handle, TensorType type) {
    return cluster.revealTo(handle, type);
  }

  @Override
  public void free(long handle) {
    cluster.free(handle);
  }

  @Override
  public int liveHandles() {
    return cluster.liveHandles();
  }

  @Override
  public RawStats rawStats() {
    List<CommStats.Counters> s = cluster.partyTotals();
    long[] bytes = new long[s.size()];
    long[] rounds = new long[s.size()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = s.get(i).bytes();
      rounds[i] = s.get(i).rounds();
    }
    return new RawStats(bytes, rounds, cluster.driverStats().total().bytes());
  }

  @Override
  public int parties() {
    return cluster.parties();
  }

  @Override
  public int fractionBits() {
    return cluster.config().fractionBits();
  }

  @Override
  public String protocol() {
    return cluster.config().protocol();
  }

  @Override
  public String securityModel() {
    return cluster.securityModel();
  }

  /** The cluster session (wire statistics for tools). */
  RemoteCluster cluster() {
    return cluster;
  }

  ClusterConfig config() {
    return config;
  }

  @Override
  public void close() {
    cluster.close();
  }
}
