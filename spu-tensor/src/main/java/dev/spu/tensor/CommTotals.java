package dev.spu.tensor;

/**
 * Communication of a device over a window, as the links measured it.
 *
 * @param bytes payload bytes sent, summed over the compute parties and the driver (input sharing
 *     and reveals included)
 * @param bytesPerParty the maximum over compute parties of payload bytes sent
 * @param rounds sequential communication rounds on the critical path (Lamport clock advance)
 */
public record CommTotals(long bytes, long bytesPerParty, long rounds) {
  public static final CommTotals ZERO = new CommTotals(0, 0, 0);
}
