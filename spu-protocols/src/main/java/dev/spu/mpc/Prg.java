package dev.spu.mpc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A pseudo-random generator: AES-128 in counter mode keyed by a 128-bit seed. The output is a
 * function of (seed, nonce, stream, position) only, so two holders of a seed derive equal streams
 * for a message tag whatever order they ask in. The counter block is {@code nonce (64 bits) ||
 * stream·2^40 + block index}, so each (nonce, stream) pair gives up to 2^41 longs.
 *
 * <p>Not thread-safe: one instance per thread (it keeps one {@link Cipher}).
 */
public final class Prg {
  /** Seed length in bytes. */
  public static final int SEED_BYTES = 16;

  private static final int CHUNK_LONGS = 8192;
  private static final SecureRandom SECURE = new SecureRandom();

  private final SecretKeySpec key;
  private final Cipher cipher;
  private final byte[] zeros = new byte[CHUNK_LONGS * 8];
  private final byte[] buf = new byte[CHUNK_LONGS * 8];
  private final LongBuffer view =
      ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
  private final byte[] iv = new byte[16];

  public Prg(byte[] seed) {
    if (seed == null || seed.length != SEED_BYTES) {
      throw new IllegalArgumentException("a PRG seed has " + SEED_BYTES + " bytes");
    }
    key = new SecretKeySpec(seed.clone(), "AES");
    try {
      cipher = Cipher.getInstance("AES/CTR/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CTR is not available in this JVM", e);
    }
  }

  /** A seed given as two longs (how seeds travel over a link). */
  public static Prg of(long[] seedLongs) {
    return new Prg(toBytes(seedLongs));
  }

  /** Fills {@code out} with the stream (nonce, 0). */
  public void fill(long nonce, long[] out) {
    fill(nonce, 0, out, 0, out.length);
  }

  /** Fills {@code out} with the stream (nonce, stream). */
  public void fill(long nonce, int stream, long[] out) {
    fill(nonce, stream, out, 0, out.length);
  }

  /** A new array holding the first n longs of the stream (nonce, stream). */
  public long[] next(long nonce, int stream, int n) {
    long[] out = new long[n];
    fill(nonce, stream, out, 0, n);
    return out;
  }

  /** Fills out[off, off+len) with the first len longs of the stream (nonce, stream). */
  public void fill(long nonce, int stream, long[] out, int off, int len) {
    if (stream < 0 || stream >= (1 << 23)) {
      throw new IllegalArgumentException("PRG stream id out of range: " + stream);
    }
    long counter = (long) stream << 40;
    for (int i = 0; i < 8; i++) {
      iv[i] = (byte) (nonce >>> (56 - 8 * i));
      iv[8 + i] = (byte) (counter >>> (56 - 8 * i));
    }
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
      int done = 0;
      while (done < len) {
        int m = Math.min(CHUNK_LONGS, len - done);
        cipher.update(zeros, 0, m * 8, buf, 0);
        view.get(0, out, off + done, m);
        done += m;
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CTR failed", e);
    }
  }

  /** A fresh seed from {@link SecureRandom}. */
  public static byte[] secureSeed() {
    byte[] s = new byte[SEED_BYTES];
    SECURE.nextBytes(s);
    return s;
  }

  /**
   * The seed an endpoint uses for {@code purpose}: secure randomness unless the context carries an
   * explicit fixed seed (tests and debugging only), in which case it is derived from (fixed seed,
   * endpoint, purpose) so that endpoints and purposes still get distinct streams.
   */
  public static byte[] seedFor(PartyContext ctx, String purpose) {
    byte[] fixed = ctx.fixedSeed();
    if (fixed == null) {
      return secureSeed();
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(fixed);
      sha.update(ByteBuffer.allocate(4).putInt(ctx.self()).array());
      sha.update(purpose.getBytes(StandardCharsets.UTF_8));
      byte[] d = sha.digest();
      byte[] s = new byte[SEED_BYTES];
      System.arraycopy(d, 0, s, 0, SEED_BYTES);
      return s;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  public static long[] toLongs(byte[] seed) {
    ByteBuffer b = ByteBuffer.wrap(seed).order(ByteOrder.LITTLE_ENDIAN);
    return new long[] {b.getLong(0), b.getLong(8)};
  }

  public static byte[] toBytes(long[] seed) {
    if (seed.length != 2) {
      throw new IllegalArgumentException("a PRG seed travels as 2 longs, got " + seed.length);
    }
    return ByteBuffer.allocate(SEED_BYTES)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(seed[0])
        .putLong(seed[1])
        .array();
  }
}
