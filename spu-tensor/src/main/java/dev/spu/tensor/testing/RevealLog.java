package dev.spu.tensor.testing;

import dev.spu.tensor.Device;
import dev.spu.tensor.SecretTensor;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * Who received which value on one device: every {@link SecretTensor#reveal()} (to all compute
 * parties and the caller) and {@link SecretTensor#revealTo} (to one named reader), in order; never
 * the values themselves. {@link SpuExtension} attaches one to every device it creates; {@link
 * #attach} does it for any other device. The AssertJ checks {@code wasRevealedOnlyTo} and {@code
 * revealedOnlyTo} read it. The assertions' own reads of values are not logged.
 */
public final class RevealLog {
  private static final Map<Device, RevealLog> LOGS =
      Collections.synchronizedMap(new WeakHashMap<>());
  private static final ThreadLocal<Boolean> SILENT = ThreadLocal.withInitial(() -> false);

  /** One reveal: the tensor (weakly held; null once collected) and the reader (null: everyone). */
  public record Reveal(WeakReference<SecretTensor> tensor, String reader, String type) {
    public boolean toAllParties() {
      return reader == null;
    }

    /** True if this reveal was of exactly {@code t} (the same handle object). */
    public boolean isOf(SecretTensor t) {
      return tensor.get() == t;
    }

    @Override
    public String toString() {
      return type + " to " + (reader == null ? "all compute parties (reveal)" : reader);
    }
  }

  private final List<Reveal> reveals = Collections.synchronizedList(new ArrayList<>());

  private RevealLog() {}

  /** The log of {@code device}, attaching one first if it has none; only later reveals appear. */
  public static RevealLog attach(Device device) {
    synchronized (LOGS) {
      RevealLog log = LOGS.get(device);
      if (log == null) {
        RevealLog created = new RevealLog();
        device.addRevealListener(
            (t, reader) -> {
              if (!SILENT.get()) {
                created.reveals.add(
                    new Reveal(new WeakReference<>(t), reader, String.valueOf(t.type())));
              }
            });
        LOGS.put(device, created);
        log = created;
      }
      return log;
    }
  }

  /** The log attached to {@code device}, if any. */
  public static Optional<RevealLog> of(Device device) {
    return Optional.ofNullable(LOGS.get(device));
  }

  /** Every reveal so far, in order. */
  public List<Reveal> reveals() {
    synchronized (reveals) {
      return List.copyOf(reveals);
    }
  }

  /** The reveals of exactly {@code t}. */
  public List<Reveal> revealsOf(SecretTensor t) {
    List<Reveal> out = new ArrayList<>();
    for (Reveal r : reveals()) {
      if (r.isOf(t)) {
        out.add(r);
      }
    }
    return out;
  }

  /** Runs {@code read} without logging its reveals (the assertions' own reads of values). */
  static <T> T silently(Supplier<T> read) {
    boolean before = SILENT.get();
    SILENT.set(true);
    try {
      return read.get();
    } finally {
      SILENT.set(before);
    }
  }
}
