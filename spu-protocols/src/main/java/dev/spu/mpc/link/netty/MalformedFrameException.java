package dev.spu.mpc.link.netty;

/** Bytes on a connection that are not a valid frame; the connection is closed. */
public class MalformedFrameException extends RuntimeException {
  public MalformedFrameException(String message) {
    super(message);
  }
}
