package dev.spu.pphlo.importer;

import java.util.ArrayList;
import java.util.List;

/** Reads attribute values of the {@link Ast} in their several spellings. */
final class Attrs {
  private Attrs() {}

  /** An integer from {@code 3 : i64}, a one-element dense or array, or a boolean. */
  static long integer(Object v) {
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Integer i) {
      return i;
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    long[] a = longArray(v);
    if (a.length == 1) {
      return a[0];
    }
    throw new IllegalArgumentException("expected an integer, got " + describe(v));
  }

  /**
   * Integers from {@code array<i64: ...>}, {@code dense<...>} (splats expanded), {@code [..]} lists
   * (nested lists flattened row-major, booleans as 0/1) or a single integer.
   */
  static long[] longArray(Object v) {
    if (v instanceof long[] a) {
      return a.clone();
    }
    if (v instanceof Known k) {
      if (k.isFloat()) {
        throw new IllegalArgumentException("expected integers, got a floating-point constant");
      }
      return k.longs();
    }
    if (v instanceof List<?> l) {
      List<Long> out = new ArrayList<>();
      flatten(l, out);
      long[] a = new long[out.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = out.get(i);
      }
      return a;
    }
    if (v instanceof Long || v instanceof Boolean || v instanceof Integer) {
      return new long[] {integer(v)};
    }
    throw new IllegalArgumentException("expected a list of integers, got " + describe(v));
  }

  private static void flatten(List<?> l, List<Long> out) {
    for (Object o : l) {
      if (o instanceof List<?> inner) {
        flatten(inner, out);
      } else {
        out.add(integer(o));
      }
    }
  }

  static int[] intArray(Object v) {
    long[] l = longArray(v);
    int[] out = new int[l.length];
    for (int i = 0; i < l.length; i++) {
      if (l[i] != (int) l[i]) {
        throw new IllegalArgumentException(l[i] + " does not fit an int");
      }
      out[i] = (int) l[i];
    }
    return out;
  }

  static String describe(Object v) {
    if (v == null) {
      return "nothing";
    }
    if (v instanceof long[] a) {
      return java.util.Arrays.toString(a);
    }
    return v.toString();
  }
}
