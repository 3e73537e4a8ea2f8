package dev.spu.mpc.link;

/** A failed, closed or timed-out link; the message names the endpoints involved, never payloads. */
public class LinkException extends RuntimeException {
  public LinkException(String message) {
    super(message);
  }

  public LinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
