package dev.spu.mpc.link;

/** A send or receive on a closed link, or a receive from a peer that has closed. */
public class LinkClosedException extends LinkException {
  public LinkClosedException(String message) {
    super(message);
  }
}
