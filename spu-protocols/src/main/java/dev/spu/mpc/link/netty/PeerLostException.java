package dev.spu.mpc.link.netty;

import dev.spu.mpc.link.LinkClosedException;

/**
 * The connection to a peer ended without its goodbye (the process died, the network failed, or it
 * sent a malformed frame); the message names the peer and its address.
 */
public class PeerLostException extends LinkClosedException {
  public PeerLostException(String message) {
    super(message);
  }
}
