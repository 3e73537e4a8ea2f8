package dev.spu.trace;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A cache of traced programs by key (an input {@link Signature}, or an op key plus a signature for
 * eager ops), least recently used entries evicted beyond a bound. Tracing happens at most once per
 * key while the entry stays cached. Thread-safe.
 */
public final class TraceCache<K, V> {
  private final int maxEntries;
  private final Map<K, V> map;
  private long traces;
  private long hits;

  /** A cache holding at most {@code maxEntries} programs. */
  public TraceCache(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be >= 1, got " + maxEntries);
    }
    this.maxEntries = maxEntries;
    this.map =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > TraceCache.this.maxEntries;
          }
        };
  }

  /** The cached program for {@code key}, tracing it with {@code trace} on a miss. */
  public synchronized V get(K key, Function<K, V> trace) {
    V v = map.get(key);
    if (v != null) {
      hits++;
      return v;
    }
    // Trace outside computeIfAbsent: tracing may recurse into other caches.
    v = trace.apply(key);
    traces++;
    map.put(key, v);
    return v;
  }

  public synchronized int size() {
    return map.size();
  }

  /** How many times a program was traced (misses). */
  public synchronized long traceCount() {
    return traces;
  }

  public synchronized long hitCount() {
    return hits;
  }

  public synchronized void clear() {
    map.clear();
  }
}
