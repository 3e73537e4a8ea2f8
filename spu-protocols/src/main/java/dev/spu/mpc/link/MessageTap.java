package dev.spu.mpc.link;

/**
 * An observer of every message an in-memory network carries ({@link InMemoryNetwork#addTap}), for
 * privacy tests and audits: it sees exactly what an eavesdropper on every link would see. Test and
 * debugging use only (a tap holds secret-shared material if it keeps payloads).
 *
 * <p>Called on the sender's thread just before the message is delivered; implementations must be
 * thread-safe, fast, and must not modify {@code payload} (copy it to keep it).
 */
@FunctionalInterface
public interface MessageTap {
  /** One message {@code from → to} (endpoint numbers, see {@link Endpoints}) under {@code tag}. */
  void onMessage(int from, int to, long tag, long[] payload);
}
