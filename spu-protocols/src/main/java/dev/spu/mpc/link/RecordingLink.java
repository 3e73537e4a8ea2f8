package dev.spu.mpc.link;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A link that keeps a copy of every payload it receives (the endpoint's network view) and sends, in
 * order, for privacy tests. Test and debugging use only (it holds secret material in memory).
 */
public final class RecordingLink implements Link {
  /** One recorded message: {@code from → to} under {@code tag}. */
  public record Entry(int from, int to, long tag, long[] data) {}

  private final Link inner;
  private final List<long[]> received = Collections.synchronizedList(new ArrayList<>());
  private final List<Entry> log = Collections.synchronizedList(new ArrayList<>());

  public RecordingLink(Link inner) {
    this.inner = inner;
  }

  /** The payloads received so far (copies), in receive order. */
  public List<long[]> received() {
    synchronized (received) {
      return new ArrayList<>(received);
    }
  }

  /** Every message sent or received so far, in order. */
  public List<Entry> log() {
    synchronized (log) {
      return new ArrayList<>(log);
    }
  }

  @Override
  public int self() {
    return inner.self();
  }

  @Override
  public int parties() {
    return inner.parties();
  }

  @Override
  public void send(int to, long tag, long[] data) {
    inner.send(to, tag, data);
    log.add(new Entry(inner.self(), to, tag, data.clone()));
  }

  @Override
  public long[] recv(int from, long tag) {
    long[] m = inner.recv(from, tag);
    received.add(m.clone());
    log.add(new Entry(from, inner.self(), tag, m.clone()));
    return m;
  }

  @Override
  public void setScope(String label) {
    inner.setScope(label);
  }

  @Override
  public CommStats stats() {
    return inner.stats();
  }

  @Override
  public void close() {
    inner.close();
  }
}
