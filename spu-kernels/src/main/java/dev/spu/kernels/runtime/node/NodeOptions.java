package dev.spu.kernels.runtime.node;

import dev.spu.mpc.link.WanProfile;
import java.util.function.Consumer;

/**
 * How a node runs.
 *
 * @param insecure plain TCP instead of mutual TLS (development only)
 * @param wan network emulation for this node's outgoing messages, unless the driver asks for its
 *     own in the session
 * @param allowFixedSeed accept a driver's fixed randomness seed (reproducible tests only: it makes
 *     shares predictable); refused by default
 * @param log one-line notices (sessions, refused connections); never data
 */
public record NodeOptions(
    boolean insecure, WanProfile wan, boolean allowFixedSeed, Consumer<String> log) {
  public NodeOptions {
    wan = wan == null ? WanProfile.NONE : wan;
    log = log == null ? s -> {} : log;
  }

  /** TLS, no emulation, secure randomness only, notices to stderr. */
  public static NodeOptions defaults() {
    return new NodeOptions(
        false, WanProfile.NONE, false, s -> System.err.println("spu node: " + s));
  }

  public NodeOptions withInsecure(boolean b) {
    return new NodeOptions(b, wan, allowFixedSeed, log);
  }

  public NodeOptions withWan(WanProfile w) {
    return new NodeOptions(insecure, w, allowFixedSeed, log);
  }

  public NodeOptions withAllowFixedSeed(boolean b) {
    return new NodeOptions(insecure, wan, b, log);
  }

  public NodeOptions withLog(Consumer<String> l) {
    return new NodeOptions(insecure, wan, allowFixedSeed, l);
  }
}
