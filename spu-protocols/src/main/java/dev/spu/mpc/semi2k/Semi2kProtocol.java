package dev.spu.mpc.semi2k;

import static dev.spu.mpc.semi2k.Correlations.*;

import dev.spu.mpc.BooleanCircuits;
import dev.spu.mpc.PartyContext;
import dev.spu.mpc.Prg;
import dev.spu.mpc.Ring;
import dev.spu.mpc.Share;
import dev.spu.mpc.Share.Kind;
import dev.spu.mpc.SinglePartProtocol;
import dev.spu.mpc.link.Endpoints;
import dev.spu.mpc.link.Link;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SEMI2K, one compute party: additive n-of-n shares over Z_2^64 ({@code parts = {x_i}}, x = Σ x_i;
 * boolean shares xor). Linear ops are local (public constants are added by party 0 only); mul,
 * matmul and and use dealer triples (Beaver: open e = x − a, f = y − b in one round); truncation is
 * the wrap-free probabilistic truncation with a dealer mask (one round); a2b/msb add the N shares
 * in a boolean circuit (carry-save layers, then a Kogge–Stone adder); b2a and bitToA open x ⊕ r for
 * a dealer mask r known in both domains (one round).
 *
 * <p>Costs per party (N parties, n elements, bytes sent): open 8n(N−1), mul and and 16n(N−1),
 * matmul 8(mk+kn)(N−1), trunc 8n(N−1), b2a 8n(N−1), bitToA 8⌈n/64⌉(N−1), all one round; a2b and msb
 * 16n(N−1)(G + 12) in L + 7 rounds, where the carry-save layers reduce N numbers to two in L layers
 * of G groups in total ({@link BooleanCircuits#csaSchedule}).
 */
final class Semi2kProtocol extends SinglePartProtocol {
  /** Elements per b2a tile: bounds the 64 arithmetic bit shares per element held at once. */
  static final int B2A_TILE = 4096;

  private final Link link;
  private final int n;
  private final int self;
  private final int dealer;
  private final Prg prg;
  private long dealerSeq;

  Semi2kProtocol(PartyContext ctx) {
    super(ctx);
    this.link = ctx.link();
    this.n = ctx.parties();
    this.self = ctx.self();
    this.dealer = Endpoints.dealer(n);
    // Set-up: receive this party's seed from the dealer (offline traffic, op id 0).
    ctx.beginOp(0, "setup");
    long[] seed = link.recv(dealer, ctx.nextTag());
    this.prg = Prg.of(seed);
  }

  @Override
  public String name() {
    return "semi2k";
  }

  /** Parts add up (or xor) to the value: a public constant enters on party 0 only. */
  @Override
  protected boolean holdsPublic() {
    return self == 0;
  }

  // ---- plumbing ----

  /**
   * Sends {@code mine} to every other party under {@code tag} and returns the sum (or xor) of all
   * parties' vectors: one round, 8·len·(N−1) bytes.
   */
  private long[] exchange(long tag, long[] mine, boolean xor) {
    for (int j = 0; j < n; j++) {
      if (j != self) {
        link.send(j, tag, mine);
      }
    }
    long[] acc = mine.clone();
    for (int j = 0; j < n; j++) {
      if (j != self) {
        long[] theirs = link.recv(j, tag);
        if (theirs.length != acc.length) {
          throw new IllegalStateException(
              "semi2k: party "
                  + j
                  + " sent "
                  + theirs.length
                  + " elements, expected "
                  + acc.length
                  + " (parties are running different programs)");
        }
        if (xor) {
          Ring.xorInPlace(acc, theirs);
        } else {
          Ring.addInPlace(acc, theirs);
        }
      }
    }
    return acc;
  }

  /** Party 0 only: the dealer's correction for a correlation (offline traffic). */
  private long[] fromDealer(long kind, long nonce, long... dims) {
    long tag = REQUEST_TAG_BASE | dealerSeq++;
    long[] req = new long[2 + dims.length];
    req[0] = kind;
    req[1] = nonce;
    System.arraycopy(dims, 0, req, 2, dims.length);
    link.send(dealer, tag, req);
    long[] reply = link.recv(dealer, tag);
    if (reply.length == 0) {
      throw new IllegalStateException(
          "semi2k dealer refused a "
              + kindName(kind)
              + ": its nonce (op "
              + ctx.currentOp()
              + ") was used before; op ids must be unique within a session");
    }
    return reply;
  }

  // ---- input and output ----

  @Override
  public long[] open(Share a) {
    if (a.size() == 0) {
      return new long[0];
    }
    return exchange(ctx.nextTag(), v(a), !a.isArith());
  }

  @Override
  public long[] openTo(Share a, int endpoint) {
    long tag = ctx.nextTag();
    if (endpoint == self) {
      long[] acc = v(a).clone();
      for (int j = 0; j < n; j++) {
        if (j != self) {
          long[] theirs = link.recv(j, tag);
          if (a.isArith()) {
            Ring.addInPlace(acc, theirs);
          } else {
            Ring.xorInPlace(acc, theirs);
          }
        }
      }
      return acc;
    }
    link.send(endpoint, tag, v(a));
    return null;
  }

  // ---- arithmetic ----

  @Override
  public Share mulAA(Share a, Share b) {
    expect("mulAA", a, Kind.ARITH);
    expect("mulAA", b, Kind.ARITH);
    Ring.checkSameLength("mulAA", v(a), v(b));
    return arith(beaver(v(a), v(b), false));
  }

  @Override
  public Share andBB(Share a, Share b) {
    expect("andBB", a, Kind.BOOL);
    expect("andBB", b, Kind.BOOL);
    Ring.checkSameLength("andBB", v(a), v(b));
    return bool(beaver(v(a), v(b), true));
  }

  /**
   * Element-wise product (ring) or AND (bits) with a dealer triple: one round, every party sends
   * (e_i, f_i) = (x_i − a_i, y_i − b_i) (or xor) to every other party.
   */
  private long[] beaver(long[] x, long[] y, boolean bits) {
    int len = x.length;
    if (len == 0) {
      return new long[0];
    }
    long tag = ctx.nextTag();
    long[] a = stream(prg, tag, S_A, len);
    long[] b = stream(prg, tag, S_B, len);
    long[] c = self == 0 ? fromDealer(bits ? AND : MUL, tag, len) : stream(prg, tag, S_C, len);
    long[] ef = new long[2 * len];
    for (int i = 0; i < len; i++) {
      ef[i] = bits ? x[i] ^ a[i] : x[i] - a[i];
      ef[len + i] = bits ? y[i] ^ b[i] : y[i] - b[i];
    }
    long[] open = exchange(tag, ef, bits);
    long[] z = c;
    if (bits) {
      for (int i = 0; i < len; i++) {
        long e = open[i];
        long f = open[len + i];
        z[i] ^= (e & b[i]) ^ (f & a[i]) ^ (self == 0 ? e & f : 0L);
      }
    } else {
      for (int i = 0; i < len; i++) {
        long e = open[i];
        long f = open[len + i];
        z[i] += e * b[i] + f * a[i] + (self == 0 ? e * f : 0L);
      }
    }
    return z;
  }

  @Override
  public Share matmulAA(Share a, Share b, int m, int k, int p) {
    expect("matmulAA", a, Kind.ARITH);
    expect("matmulAA", b, Kind.ARITH);
    Ring.checkMatmul("matmulAA", v(a), v(b), m, k, p);
    if ((long) m * p == 0) {
      return arith(new long[m * p]);
    }
    long tag = ctx.nextTag();
    int mk = m * k;
    int kp = k * p;
    long[] ta = stream(prg, tag, S_A, mk);
    long[] tb = stream(prg, tag, S_B, kp);
    long[] tc = self == 0 ? fromDealer(MATMUL, tag, m, k, p) : stream(prg, tag, S_C, m * p);
    long[] ef = new long[mk + kp];
    long[] x = v(a);
    long[] y = v(b);
    for (int i = 0; i < mk; i++) {
      ef[i] = x[i] - ta[i];
    }
    for (int i = 0; i < kp; i++) {
      ef[mk + i] = y[i] - tb[i];
    }
    long[] open = exchange(tag, ef, false);
    long[] e = Arrays.copyOfRange(open, 0, mk);
    long[] f = Arrays.copyOfRange(open, mk, mk + kp);
    // z = c + e·b + a·f (+ e·f on party 0), as e·(b [+ f]) + a·f: two local products.
    long[] z = tc;
    Ring.matmulAdd(z, e, self == 0 ? Ring.add(tb, f) : tb, m, k, p);
    Ring.matmulAdd(z, ta, f, m, k, p);
    return arith(z);
  }

  /**
   * Wrap-free probabilistic truncation (after Escudero et al., CRYPTO 2020, §5.1). With y = x +
   * 2^62 (so 0 ≤ y < 2^63 for |x| < 2^62) and a dealer mask r = r_top·2^63 + r_low shared with its
   * top bit and r_low >> f, the parties open c = y + r (uniform, reveals nothing). Since y + r_low
   * < 2^64 never wraps, its bit 63 is v = c_top ⊕ r_top and y = (c mod 2^63) + v·2^63 − r_low, so
   * (c mod 2^63) >> f + v·2^(63−f) − (r_low >> f) − 2^(62−f) is x >> f or x >> f + 1. One round,
   * 8n(N−1) bytes; exact to 1 ulp for every |x| < 2^62, no wrap.
   */
  @Override
  public Share truncA(Share a, int bits) {
    expect("truncA", a, Kind.ARITH);
    if (bits < 0 || bits > 62) {
      throw new IllegalArgumentException("truncA: shift by " + bits + " bits, must be in 0..62");
    }
    int len = a.size();
    if (bits == 0 || len == 0) {
      return arith(v(a).clone());
    }
    long tag = ctx.nextTag();
    long[] r = stream(prg, tag, S_R, len);
    long[] msb;
    long[] hi;
    if (self == 0) {
      long[] corr = fromDealer(TRUNC, tag, len, bits);
      msb = Arrays.copyOfRange(corr, 0, len);
      hi = Arrays.copyOfRange(corr, len, 2 * len);
    } else {
      msb = stream(prg, tag, S_MSB, len);
      hi = stream(prg, tag, S_HI, len);
    }
    long[] x = v(a);
    long[] masked = new long[len];
    long offset = self == 0 ? 1L << 62 : 0L;
    for (int i = 0; i < len; i++) {
      masked[i] = x[i] + offset + r[i];
    }
    long[] c = exchange(tag, masked, false);
    long[] z = new long[len];
    long back = 1L << (62 - bits);
    for (int i = 0; i < len; i++) {
      long top = c[i] >>> 63;
      // v = top ⊕ r_top = top + r_top − 2·top·r_top, on shares of r_top.
      long vShare = (self == 0 ? top : 0L) + msb[i] - 2 * top * msb[i];
      long pub = self == 0 ? ((c[i] & Long.MAX_VALUE) >>> bits) - back : 0L;
      z[i] = pub + (vShare << (63 - bits)) - hi[i];
    }
    return arith(z);
  }

  @Override
  public Share msbA(Share a) {
    expect("msbA", a, Kind.ARITH);
    int len = a.size();
    if (len == 0) {
      return bool(new long[0]);
    }
    return bool(v(BooleanCircuits.msbOfSum(this, degenerate(v(a)))));
  }

  // ---- conversions ----

  @Override
  public Share a2b(Share a) {
    expect("a2b", a, Kind.ARITH);
    return bool(addShares(v(a)));
  }

  /**
   * A boolean sharing of Σ_i x_i from this party's x_i: each x_i is a boolean sharing by itself
   * (held by party i, zero elsewhere); carry-save layers reduce the N numbers to two, then a
   * Kogge–Stone adder adds them.
   */
  private long[] addShares(long[] mine) {
    int len = mine.length;
    if (len == 0) {
      return new long[0];
    }
    return v(BooleanCircuits.sum(this, degenerate(mine)));
  }

  /** Party j's additive share as a boolean sharing held by j alone, for every j. */
  private List<Share> degenerate(long[] mine) {
    List<Share> vals = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      vals.add(bool(j == self ? mine.clone() : new long[mine.length]));
    }
    return vals;
  }

  /**
   * Opens m = x ⊕ r for a dealer mask r known as boolean shares and as arithmetic shares of each of
   * its bits, then x = Σ_t 2^t·(m_t + (1 − 2m_t)·r_t) locally. One round, 8n(N−1) bytes. The bit
   * shares are 64 per element, so long vectors are processed in tiles (one dealer request each).
   */
  @Override
  public Share b2a(Share b) {
    expect("b2a", b, Kind.BOOL);
    int len = b.size();
    if (len == 0) {
      return arith(new long[0]);
    }
    long openTag = ctx.nextTag();
    int tiles = (len + B2A_TILE - 1) / B2A_TILE;
    long[] tileTags = new long[tiles];
    long[] masked = v(b).clone();
    for (int t = 0; t < tiles; t++) {
      tileTags[t] = ctx.nextTag();
      int off = t * B2A_TILE;
      int m = Math.min(B2A_TILE, len - off);
      long[] r = stream(prg, tileTags[t], S_R, m);
      for (int i = 0; i < m; i++) {
        masked[off + i] ^= r[i];
      }
    }
    long[] open = exchange(openTag, masked, true);
    long[] z = new long[len];
    for (int t = 0; t < tiles; t++) {
      int off = t * B2A_TILE;
      int m = Math.min(B2A_TILE, len - off);
      long[] rbits =
          self == 0 ? fromDealer(B2A, tileTags[t], m) : stream(prg, tileTags[t], S_BITS, 64 * m);
      for (int i = 0; i < m; i++) {
        long mv = open[off + i];
        long acc = self == 0 ? mv : 0L;
        int base = 64 * i;
        for (int bit = 0; bit < 64; bit++) {
          long rb = rbits[base + bit];
          acc += (((mv >>> bit) & 1L) == 0 ? rb : -rb) << bit;
        }
        z[off + i] = acc;
      }
    }
    return arith(z);
  }

  /**
   * Opens m = b ⊕ r (bit 0, packed 64 per word) for a dealer random bit r shared in both domains; x
   * = m + (1 − 2m)·r. One round, 8⌈n/64⌉(N−1) bytes.
   */
  @Override
  public Share bitToA(Share b) {
    expect("bitToA", b, Kind.BOOL);
    int len = b.size();
    if (len == 0) {
      return arith(new long[0]);
    }
    long tag = ctx.nextTag();
    long[] rb = bits(prg, tag, len);
    long[] ra = self == 0 ? fromDealer(BIT, tag, len) : stream(prg, tag, S_A, len);
    long[] x = v(b);
    long[] packed = new long[(len + 63) / 64];
    for (int i = 0; i < len; i++) {
      packed[i >>> 6] |= ((x[i] ^ rb[i]) & 1L) << (i & 63);
    }
    long[] open = exchange(tag, packed, true);
    long[] z = new long[len];
    for (int i = 0; i < len; i++) {
      long m = (open[i >>> 6] >>> (i & 63)) & 1L;
      z[i] = (self == 0 ? m : 0L) + (m == 0 ? ra[i] : -ra[i]);
    }
    return arith(z);
  }

  // ---- boolean ----

}
