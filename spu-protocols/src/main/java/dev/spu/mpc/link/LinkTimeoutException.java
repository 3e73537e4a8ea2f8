package dev.spu.mpc.link;

/** A receive that waited the link's whole timeout without the expected message arriving. */
public class LinkTimeoutException extends LinkException {
  public LinkTimeoutException(String message) {
    super(message);
  }
}
