package dev.spu.tensor.testing;

import dev.spu.kernels.hal.FixedPoint;
import dev.spu.mpc.link.Endpoints;
import dev.spu.mpc.link.MessageTap;
import dev.spu.tensor.Device;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Every message between the endpoints of a simulated device, as an eavesdropper on every link sees
 * it: compute parties {@code 0..N-1}, the driver {@code N} (which plays the data owners and the
 * named readers) and the dealer {@code N+1}. Declaring a {@code MessageLog} parameter in a {@link
 * SpuTest} attaches one; {@link #attach} does it for any simulated device. Only later messages are
 * recorded. Test use only: it keeps copies of share material in memory.
 */
public final class MessageLog {
  private static final Map<Device, MessageLog> LOGS =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** One message {@code from → to} under {@code tag}. */
  public record Message(int from, int to, long tag, long[] payload) {}

  /** Where a word was seen: message index, word position and the two endpoints' names. */
  public record Sighting(int message, int position, String from, String to) {
    @Override
    public String toString() {
      return "message #" + message + " word " + position + " (" + from + " → " + to + ")";
    }
  }

  private final int parties;
  private final int fractionBits;
  private final List<Message> messages = Collections.synchronizedList(new ArrayList<>());

  private MessageLog(int parties, int fractionBits) {
    this.parties = parties;
    this.fractionBits = fractionBits;
  }

  /** The log of {@code device}, attaching one first if it has none. */
  public static MessageLog attach(Device device) {
    synchronized (LOGS) {
      MessageLog log = LOGS.get(device);
      if (log == null) {
        MessageLog created = new MessageLog(device.parties(), device.fractionBits());
        MessageTap tap =
            (from, to, tag, payload) ->
                created.messages.add(new Message(from, to, tag, payload.clone()));
        device.addMessageTap(tap);
        LOGS.put(device, created);
        log = created;
      }
      return log;
    }
  }

  /** The log attached to {@code device}, if any. */
  public static Optional<MessageLog> of(Device device) {
    return Optional.ofNullable(LOGS.get(device));
  }

  /** Number of compute parties (endpoints below it are compute parties). */
  public int parties() {
    return parties;
  }

  /** The driver's endpoint number (data owners and readers act through it). */
  public int driver() {
    return Endpoints.driver(parties);
  }

  /** e.g. {@code party 1}, {@code driver}, {@code dealer}. */
  public String endpointName(int endpoint) {
    return Endpoints.name(endpoint, parties);
  }

  /** Every message so far, in send order. */
  public List<Message> messages() {
    synchronized (messages) {
      return List.copyOf(messages);
    }
  }

  /** Forgets the messages so far (e.g. to look at one phase of a story alone). */
  public void clear() {
    messages.clear();
  }

  /** Payload bytes of the messages so far. */
  public long bytes() {
    long b = 0;
    for (Message m : messages()) {
      b += 8L * m.payload().length;
    }
    return b;
  }

  /** The messages received by compute parties (what the parties could learn from). */
  public List<Message> toComputeParties() {
    List<Message> out = new ArrayList<>();
    for (Message m : messages()) {
      if (m.to() < parties) {
        out.add(m);
      }
    }
    return out;
  }

  /** Every place a payload word equals one of {@code words}. */
  public List<Sighting> find(long... words) {
    List<Sighting> out = new ArrayList<>();
    List<Message> all = messages();
    for (int i = 0; i < all.size(); i++) {
      long[] p = all.get(i).payload();
      for (int j = 0; j < p.length; j++) {
        for (long w : words) {
          if (p[j] == w) {
            out.add(
                new Sighting(i, j, endpointName(all.get(i).from()), endpointName(all.get(i).to())));
          }
        }
      }
    }
    return out;
  }

  /**
   * The ring words that would be {@code value} in plaintext on this device: its fixed-point
   * encoding {@code round(value·2^f)}, and the integer itself if {@code value} is integral.
   */
  public long[] plaintextWords(double value) {
    long fixed = FixedPoint.encode(new double[] {value}, fractionBits)[0];
    if (value == Math.rint(value) && Math.abs(value) < 0x1p62) {
      return new long[] {fixed, (long) value};
    }
    return new long[] {fixed};
  }
}
