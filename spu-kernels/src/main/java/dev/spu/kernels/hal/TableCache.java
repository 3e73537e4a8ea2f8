package dev.spu.kernels.hal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A process-wide LRU cache of public index tables (im2col and window tables), keyed by shapes and
 * attributes. The tables are derived from public program data only, so the parties of a simulated
 * session share one copy: the first party to ask builds it while the others wait for it. Bounded by
 * entry count and total table size (in ints) so long runs with many shapes stay in memory.
 */
final class TableCache {
  /** A cached value and its size in ints (for the bound). */
  interface Sized {
    long ints();
  }

  private static final int MAX_ENTRIES = 64;
  private static final long MAX_INTS = 96L << 20; // 384 MB of int tables

  private static final LinkedHashMap<Object, Sized> MAP = new LinkedHashMap<>(16, 0.75f, true);
  private static long total;

  private TableCache() {}

  @SuppressWarnings("unchecked")
  static synchronized <T extends Sized> T get(Object key, Supplier<T> build) {
    Sized v = MAP.get(key);
    if (v == null) {
      v = build.get();
      MAP.put(key, v);
      total += v.ints();
      evict(key);
    }
    return (T) v;
  }

  private static void evict(Object keep) {
    Iterator<Map.Entry<Object, Sized>> it = MAP.entrySet().iterator();
    while ((MAP.size() > MAX_ENTRIES || total > MAX_INTS) && it.hasNext()) {
      Map.Entry<Object, Sized> e = it.next();
      if (e.getKey().equals(keep)) {
        continue;
      }
      total -= e.getValue().ints();
      it.remove();
    }
  }

  /** Number of cached tables (tests). */
  static synchronized int size() {
    return MAP.size();
  }
}
