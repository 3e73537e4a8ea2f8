package dev.spu.tensor.testing;

import dev.spu.tensor.CommTotals;
import dev.spu.tensor.Device;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link Device}: its communication (since it was created or {@link
 * Device#resetStats()}), its reveals (from its {@link RevealLog}) and what its links carried (from
 * its {@link MessageLog}).
 */
public final class DeviceAssert extends AbstractAssert<DeviceAssert, Device> {
  DeviceAssert(Device actual) {
    super(actual, DeviceAssert.class);
  }

  /** Payload bytes sent by all endpoints (parties and data owners) are at most {@code n}. */
  public DeviceAssert sentAtMostBytes(long n) {
    isNotNull();
    CommTotals s = actual.stats();
    if (s.bytes() > n) {
      failWithMessage(
          "Expecting %s to have sent at most %,d bytes, but it sent %,d (max %,d per party, %d"
              + " rounds)",
          actual, n, s.bytes(), s.bytesPerParty(), s.rounds());
    }
    return this;
  }

  public DeviceAssert sentAtLeastBytes(long n) {
    isNotNull();
    CommTotals s = actual.stats();
    if (s.bytes() < n) {
      failWithMessage(
          "Expecting %s to have sent at least %,d bytes, but it sent %,d", actual, n, s.bytes());
    }
    return this;
  }

  /** Communication rounds on the critical path are at most {@code n}. */
  public DeviceAssert usedAtMostRounds(long n) {
    isNotNull();
    CommTotals s = actual.stats();
    if (s.rounds() > n) {
      failWithMessage(
          "Expecting %s to have used at most %d rounds, but it used %d", actual, n, s.rounds());
    }
    return this;
  }

  /** Every reveal so far went to one of these named readers (none to all parties). */
  public DeviceAssert revealedOnlyTo(String... readers) {
    isNotNull();
    List<String> allowed = List.of(readers);
    for (RevealLog.Reveal r : reveals().reveals()) {
      if (r.toAllParties() || !allowed.contains(r.reader())) {
        failWithMessage(
            "Expecting %s to have revealed values only to %s, but it revealed a %s",
            actual, String.join(", ", readers), r);
      }
    }
    return this;
  }

  /** Nothing was revealed to anyone. */
  public DeviceAssert revealedNothing() {
    isNotNull();
    List<RevealLog.Reveal> rs = reveals().reveals();
    if (!rs.isEmpty()) {
      failWithMessage("Expecting %s to have revealed nothing, but it revealed %s", actual, rs);
    }
    return this;
  }

  /**
   * No message on any link (to or from any party, owner or dealer) carried any of {@code values} in
   * plaintext: neither its fixed-point encoding nor, for integers, the integer itself.
   */
  public DeviceAssert neverCarriedInPlaintext(double... values) {
    isNotNull();
    MessageLog log = messages();
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      for (MessageLog.Sighting s : log.find(log.plaintextWords(values[i]))) {
        if (seen.size() < 5) {
          seen.add("value #" + i + " in " + s);
        }
      }
    }
    if (!seen.isEmpty()) {
      failWithMessage(
          "Expecting the links of %s never to carry the given %d value(s) in plaintext, but they"
              + " did (the values themselves are not printed):%n  %s",
          actual, values.length, String.join(System.lineSeparator() + "  ", seen));
    }
    return this;
  }

  private RevealLog reveals() {
    return RevealLog.of(actual)
        .orElseThrow(
            () ->
                new AssertionError(
                    "reveals of "
                        + actual
                        + " are not recorded: get the device from @SpuTest / SpuExtension, or"
                        + " call RevealLog.attach(device) first"));
  }

  private MessageLog messages() {
    return MessageLog.of(actual)
        .orElseThrow(
            () ->
                new AssertionError(
                    "messages of "
                        + actual
                        + " are not recorded: declare a MessageLog parameter in the @SpuTest, or"
                        + " call MessageLog.attach(device) first"));
  }
}
