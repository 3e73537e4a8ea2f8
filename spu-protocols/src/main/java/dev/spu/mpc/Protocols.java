package dev.spu.mpc;

import dev.spu.mpc.aby3.Aby3Factory;
import dev.spu.mpc.ref2k.Ref2kFactory;
import dev.spu.mpc.semi2k.Semi2kFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The protocols this build knows, in one explicit list (no classpath scanning, no reflection). */
public final class Protocols {
  private Protocols() {}

  private static final Map<String, ProtocolFactory> ALL = new LinkedHashMap<>();

  static {
    register(new Ref2kFactory());
    register(new Semi2kFactory());
    register(new Aby3Factory());
  }

  private static void register(ProtocolFactory f) {
    ALL.put(f.name(), f);
  }

  /**
   * The factory named {@code name}.
   *
   * @throws IllegalArgumentException listing the known names if there is none
   */
  public static ProtocolFactory get(String name) {
    ProtocolFactory f = name == null ? null : ALL.get(name.toLowerCase(java.util.Locale.ROOT));
    if (f == null) {
      throw new IllegalArgumentException(
          "unknown protocol '" + name + "'; known protocols: " + names());
    }
    return f;
  }

  /** The known protocol names, in registration order. */
  public static List<String> names() {
    return Collections.unmodifiableList(new ArrayList<>(ALL.keySet()));
  }
}
