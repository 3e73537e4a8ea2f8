package dev.spu.tensor;

import dev.spu.mpc.link.netty.TransportStats;
import java.util.List;
import java.util.Optional;

/**
 * What a cluster device's session has put on the wire so far, summed over the compute parties and
 * the driver: the link payload (the same bytes {@link Device#stats()} counts, plus offline dealer
 * traffic), the frame headers, the control messages (commands and replies) and the bytes written to
 * the sockets, which add TLS records and handshakes. Cumulative: subtract two snapshots to measure
 * a job.
 */
public record ClusterStats(
    long payloadBytes, long framingBytes, long controlBytes, long wireBytes) {
  /** The statistics of a device made by {@link Spu#connect}; empty for a simulated device. */
  public static Optional<ClusterStats> of(Device device) {
    if (!(device.backend() instanceof RemoteBackend rb)) {
      return Optional.empty();
    }
    List<TransportStats> all = rb.cluster().transportStats();
    TransportStats sum = TransportStats.ZERO;
    for (TransportStats t : all) {
      sum = sum.plus(t);
    }
    return Optional.of(
        new ClusterStats(
            sum.payloadBytes(), sum.framingBytes(), sum.controlBytes(), sum.wireBytesSent()));
  }

  public ClusterStats minus(ClusterStats o) {
    return new ClusterStats(
        payloadBytes - o.payloadBytes,
        framingBytes - o.framingBytes,
        controlBytes - o.controlBytes,
        wireBytes - o.wireBytes);
  }
}
