package dev.spu.pphlo;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An operation's attribute dictionary, immutable, keys sorted (as MLIR prints them). Values are one
 * of: {@link Long} ({@code 3 : i64}), {@link Double} ({@code 1.5 : f64}), {@link String} ({@code
 * "add"}), {@link Boolean}, {@code long[]} ({@code array<i64: 1, 2>}), {@link DType} (a type
 * attribute, {@code i32}) or {@link DenseElements} ({@code dense<...> : tensor<...>}).
 */
public final class Attributes {
  public static final Attributes EMPTY = new Attributes(new TreeMap<>());

  private final Map<String, Object> map;

  private Attributes(Map<String, Object> map) {
    this.map = map;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static Attributes of(String k, Object v) {
    return builder().put(k, v).build();
  }

  public static Attributes of(String k1, Object v1, String k2, Object v2) {
    return builder().put(k1, v1).put(k2, v2).build();
  }

  public boolean has(String key) {
    return map.containsKey(key);
  }

  public Map<String, Object> asMap() {
    return Collections.unmodifiableMap(map);
  }

  public boolean isEmpty() {
    return map.isEmpty();
  }

  public long getLong(String key) {
    return (Long) require(key, Long.class);
  }

  public double getDouble(String key) {
    return (Double) require(key, Double.class);
  }

  public String getString(String key) {
    return (String) require(key, String.class);
  }

  public boolean getBool(String key) {
    return (Boolean) require(key, Boolean.class);
  }

  public long[] getLongs(String key) {
    return ((long[]) require(key, long[].class)).clone();
  }

  /** An i64 array attribute as int indices. */
  public int[] getInts(String key) {
    long[] l = getLongs(key);
    int[] out = new int[l.length];
    for (int i = 0; i < l.length; i++) {
      if (l[i] != (int) l[i]) {
        throw new TypeException(
            "attribute '" + key + "' element " + i + " (" + l[i] + ") does not fit an int");
      }
      out[i] = (int) l[i];
    }
    return out;
  }

  public DType getDType(String key) {
    return (DType) require(key, DType.class);
  }

  public DenseElements getDense(String key) {
    return (DenseElements) require(key, DenseElements.class);
  }

  private Object require(String key, Class<?> type) {
    Object v = map.get(key);
    if (v == null) {
      throw new TypeException("missing attribute '" + key + "'");
    }
    if (!type.isInstance(v)) {
      throw new TypeException(
          "attribute '"
              + key
              + "' is "
              + v.getClass().getSimpleName()
              + ", expected "
              + type.getSimpleName());
    }
    return v;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Attributes a) || a.map.size() != map.size()) {
      return false;
    }
    for (Map.Entry<String, Object> e : map.entrySet()) {
      Object other = a.map.get(e.getKey());
      if (!Arrays.deepEquals(new Object[] {e.getValue()}, new Object[] {other})) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (Map.Entry<String, Object> e : map.entrySet()) {
      h += e.getKey().hashCode() ^ Arrays.deepHashCode(new Object[] {e.getValue()});
    }
    return h;
  }

  /** Builds an attribute dictionary; int arrays are stored as {@code long[]}. */
  public static final class Builder {
    private final Map<String, Object> map = new LinkedHashMap<>();

    public Builder put(String key, Object value) {
      Object v = value;
      if (v instanceof Integer i) {
        v = i.longValue();
      } else if (v instanceof int[] ia) {
        v = Arrays.stream(ia).asLongStream().toArray();
      } else if (v instanceof Float f) {
        v = f.doubleValue();
      } else if (v instanceof long[] la) {
        v = la.clone();
      }
      if (!(v instanceof Long
          || v instanceof Double
          || v instanceof String
          || v instanceof Boolean
          || v instanceof long[]
          || v instanceof DType
          || v instanceof DenseElements)) {
        throw new IllegalArgumentException(
            "unsupported attribute value for '" + key + "': " + value);
      }
      map.put(key, v);
      return this;
    }

    public Attributes build() {
      return map.isEmpty() ? EMPTY : new Attributes(new TreeMap<>(map));
    }
  }
}
