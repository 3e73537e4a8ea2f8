package dev.spu.mpc.semi2k;

import static dev.spu.mpc.semi2k.Correlations.*;

import dev.spu.mpc.PartyContext;
import dev.spu.mpc.Prg;
import dev.spu.mpc.Ring;
import dev.spu.mpc.link.Link;
import dev.spu.mpc.link.LinkClosedException;
import dev.spu.mpc.link.LinkTimeoutException;
import java.util.HashSet;
import java.util.Set;

/**
 * The SEMI2K dealer: a trusted third party outside the compute parties. At set-up it sends party i
 * a fresh seed_i; then it serves party 0's requests in order, each time expanding every party's
 * pieces from the seeds and replying with party 0's correction only. It never sees data: requests
 * carry only a kind, a nonce and sizes. It refuses a nonce it has served before (a reused op id
 * would otherwise reuse a triple).
 */
final class Semi2kDealer implements Runnable {
  private final PartyContext ctx;
  private final int n;
  private final Set<Long> served = new HashSet<>();
  private Prg[] prgs;

  Semi2kDealer(PartyContext ctx) {
    this.ctx = ctx;
    this.n = ctx.parties();
  }

  @Override
  public void run() {
    Link link = ctx.link();
    ctx.beginOp(0, "setup");
    long tag = ctx.nextTag();
    prgs = new Prg[n];
    for (int i = 0; i < n; i++) {
      byte[] seed = Prg.seedFor(ctx, "semi2k-dealer-seed-" + i);
      prgs[i] = new Prg(seed);
      link.send(i, tag, Prg.toLongs(seed));
    }
    link.setScope("dealer");
    for (long seq = 0; ; seq++) {
      long reqTag = REQUEST_TAG_BASE | seq;
      long[] req;
      while (true) {
        try {
          req = link.recv(0, reqTag);
          break;
        } catch (LinkTimeoutException idle) {
          // No request yet: the dealer serves until the session closes.
        } catch (LinkClosedException closed) {
          return;
        }
      }
      long[] reply = served.add(req[1]) ? serve(req) : new long[0];
      link.send(0, reqTag, reply);
    }
  }

  private long[] serve(long[] req) {
    long kind = req[0];
    long nonce = req[1];
    if (kind == MUL || kind == AND) {
      return triple(kind == AND, nonce, (int) req[2]);
    }
    if (kind == MATMUL) {
      return matmulTriple(nonce, (int) req[2], (int) req[3], (int) req[4]);
    }
    if (kind == TRUNC) {
      return truncMask(nonce, (int) req[2], (int) req[3]);
    }
    if (kind == B2A) {
      return b2aMask(nonce, (int) req[2]);
    }
    if (kind == BIT) {
      return randomBit(nonce, (int) req[2]);
    }
    throw new IllegalStateException("semi2k dealer: unknown request kind " + kind);
  }

  private long[] triple(boolean bool, long nonce, int len) {
    long[] a = new long[len];
    long[] b = new long[len];
    long[] c = new long[len];
    for (int i = 0; i < n; i++) {
      long[] ai = stream(prgs[i], nonce, S_A, len);
      long[] bi = stream(prgs[i], nonce, S_B, len);
      combine(bool, a, ai);
      combine(bool, b, bi);
      if (i > 0) {
        combine(bool, c, stream(prgs[i], nonce, S_C, len));
      }
    }
    long[] c0 = new long[len];
    for (int j = 0; j < len; j++) {
      c0[j] = bool ? (a[j] & b[j]) ^ c[j] : a[j] * b[j] - c[j];
    }
    return c0;
  }

  private static void combine(boolean bool, long[] acc, long[] x) {
    if (bool) {
      Ring.xorInPlace(acc, x);
    } else {
      Ring.addInPlace(acc, x);
    }
  }

  private long[] matmulTriple(long nonce, int m, int k, int p) {
    long[] a = new long[m * k];
    long[] b = new long[k * p];
    long[] c = new long[m * p];
    for (int i = 0; i < n; i++) {
      Ring.addInPlace(a, stream(prgs[i], nonce, S_A, m * k));
      Ring.addInPlace(b, stream(prgs[i], nonce, S_B, k * p));
      if (i > 0) {
        Ring.addInPlace(c, stream(prgs[i], nonce, S_C, m * p));
      }
    }
    return Ring.sub(Ring.matmul(a, b, m, k, p), c);
  }

  /** Mask r, its top bit and (r mod 2^63) >> f: party 0's arithmetic shares of the last two. */
  private long[] truncMask(long nonce, int len, int f) {
    long[] r = new long[len];
    long[] msb = new long[len];
    long[] hi = new long[len];
    for (int i = 0; i < n; i++) {
      Ring.addInPlace(r, stream(prgs[i], nonce, S_R, len));
      if (i > 0) {
        Ring.addInPlace(msb, stream(prgs[i], nonce, S_MSB, len));
        Ring.addInPlace(hi, stream(prgs[i], nonce, S_HI, len));
      }
    }
    long[] out = new long[2 * len];
    for (int j = 0; j < len; j++) {
      out[j] = (r[j] >>> 63) - msb[j];
      out[len + j] = ((r[j] & Long.MAX_VALUE) >>> f) - hi[j];
    }
    return out;
  }

  /** Mask r shared in the boolean domain; party 0's arithmetic shares of its 64 bits. */
  private long[] b2aMask(long nonce, int len) {
    long[] r = new long[len];
    long[] bits = new long[64 * len];
    for (int i = 0; i < n; i++) {
      Ring.xorInPlace(r, stream(prgs[i], nonce, S_R, len));
      if (i > 0) {
        Ring.addInPlace(bits, stream(prgs[i], nonce, S_BITS, 64 * len));
      }
    }
    long[] out = new long[64 * len];
    for (int j = 0; j < len; j++) {
      for (int t = 0; t < 64; t++) {
        out[64 * j + t] = ((r[j] >>> t) & 1L) - bits[64 * j + t];
      }
    }
    return out;
  }

  /** A random bit shared in both domains: party 0's arithmetic share. */
  private long[] randomBit(long nonce, int len) {
    long[] r = new long[len];
    long[] a = new long[len];
    for (int i = 0; i < n; i++) {
      Ring.xorInPlace(r, bits(prgs[i], nonce, len));
      if (i > 0) {
        Ring.addInPlace(a, stream(prgs[i], nonce, S_A, len));
      }
    }
    return Ring.sub(r, a);
  }
}
