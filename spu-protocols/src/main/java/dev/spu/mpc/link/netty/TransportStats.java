package dev.spu.mpc.link.netty;

/**
 * What a network link put on the wire, beside the payload counters of {@link
 * dev.spu.mpc.link.CommStats} (which are identical to the in-memory link's).
 *
 * @param payloadBytes ring payload of all DATA frames sent (online and offline)
 * @param framingBytes DATA frame headers sent ({@link FrameCodec#DATA_OVERHEAD} per message)
 * @param controlBytes control frames sent (the node service's commands and replies)
 * @param wireBytesSent bytes written to the sockets: all of the above plus TLS records and
 *     handshakes
 * @param wireBytesReceived bytes read from the sockets
 */
public record TransportStats(
    long payloadBytes,
    long framingBytes,
    long controlBytes,
    long wireBytesSent,
    long wireBytesReceived) {
  public static final TransportStats ZERO = new TransportStats(0, 0, 0, 0, 0);

  public TransportStats plus(TransportStats o) {
    return new TransportStats(
        payloadBytes + o.payloadBytes,
        framingBytes + o.framingBytes,
        controlBytes + o.controlBytes,
        wireBytesSent + o.wireBytesSent,
        wireBytesReceived + o.wireBytesReceived);
  }

  public TransportStats minus(TransportStats o) {
    return new TransportStats(
        payloadBytes - o.payloadBytes,
        framingBytes - o.framingBytes,
        controlBytes - o.controlBytes,
        wireBytesSent - o.wireBytesSent,
        wireBytesReceived - o.wireBytesReceived);
  }
}
