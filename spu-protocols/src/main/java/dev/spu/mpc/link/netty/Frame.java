package dev.spu.mpc.link.netty;

import java.util.Arrays;

/**
 * The frames of the wire protocol. Every frame is length-prefixed ({@code int32} big-endian length
 * of what follows) and starts with a one-byte type; see {@link FrameCodec} for the layouts.
 */
public sealed interface Frame {
  /** The first frame on a connection: who the dialer claims to be and for which session. */
  record Hello(byte[] sessionId, int endpoint, int parties) implements Frame {
    public Hello {
      if (sessionId.length != FrameCodec.SESSION_ID_BYTES) {
        throw new IllegalArgumentException(
            "a session id has " + FrameCodec.SESSION_ID_BYTES + " bytes, got " + sessionId.length);
      }
      sessionId = sessionId.clone();
    }

    @Override
    public byte[] sessionId() {
      return sessionId.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Hello h
          && Arrays.equals(sessionId, h.sessionId)
          && endpoint == h.endpoint
          && parties == h.parties;
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(sessionId) * 31 + endpoint * 7 + parties;
    }

    @Override
    public String toString() {
      return "Hello[endpoint=" + endpoint + ", parties=" + parties + "]";
    }
  }

  /** The listener's answer to an accepted {@link Hello}: its own endpoint. */
  record Accept(int endpoint) implements Frame {}

  /** The listener refuses the connection (identity mismatch, unknown session, ...). */
  record Refused(String reason) implements Frame {}

  /** One link message: deterministic tag, the sender's Lamport clock and the ring payload. */
  record Data(long tag, long clock, long[] payload) implements Frame {
    @Override
    public String toString() {
      return "Data[tag=" + tag + ", clock=" + clock + ", longs=" + payload.length + "]";
    }
  }

  /** An opaque message of the layer above (the node service's commands and replies). */
  record Control(byte[] body) implements Frame {
    @Override
    public String toString() {
      return "Control[" + body.length + " bytes]";
    }
  }

  /** The sender ends its session normally; the connection closes after it. */
  record Goodbye() implements Frame {}

  /** The sender's session failed; the reason names the cause (never data). */
  record Abort(String reason) implements Frame {}
}
