package dev.spu.mpc.aby3;

import dev.spu.mpc.PartyContext;
import dev.spu.mpc.Protocol;
import dev.spu.mpc.Ring;
import dev.spu.mpc.Share;
import dev.spu.mpc.Share.Kind;
import dev.spu.mpc.link.Link;
import java.util.HashMap;
import java.util.Map;

/**
 * ABY3 (Mohassel and Rindal, CCS 2018), semi-honest with an honest majority of three parties.
 *
 * <p>Sharing: x = x0 + x1 + x2 over Z_2^64 (arithmetic) or x0 ⊕ x1 ⊕ x2 (boolean, 64 bits per
 * word); party i holds {@code parts = (x_i, x_{i+1})} (indices mod 3). Replicated component j is
 * known to parties j−1 and j, exactly the holders of PRSS key {@code k_j} (see {@link Prss}).
 *
 * <p>Every interactive primitive draws its message tags from {@link PartyContext#nextTag()} the
 * same number of times on every party (also where a party sends nothing), and uses the tag of its
 * first round as the PRSS nonce with a distinct stream id per draw, so randomness is a function of
 * program position only. Costs per party are in {@link Aby3Cost} and are checked against the link's
 * measurement by the tests.
 *
 * <p>The non-linear primitives (truncation, bit decomposition, msb, B2A, bit injection) are
 * explained where they are implemented.
 */
final class Aby3Protocol implements Protocol {
  private final PartyContext ctx;
  private final Link link;
  private final int self;
  private final int prev;
  private final int next;
  private final Prss prss;
  private final Map<Integer, OwnerSeeds> ownerSeeds = new HashMap<>();

  Aby3Protocol(PartyContext ctx, Prss prss) {
    this.ctx = ctx;
    this.link = ctx.link();
    this.self = ctx.self();
    this.prev = prev(self);
    this.next = next(self);
    this.prss = prss;
  }

  static int next(int i) {
    return (i + 1) % 3;
  }

  static int prev(int i) {
    return (i + 2) % 3;
  }

  @Override
  public String name() {
    return "aby3";
  }

  @Override
  public PartyContext context() {
    return ctx;
  }

  // ---- checks and small helpers ----

  private static void expect(String op, Share s, Kind kind) {
    if (s.kind() != kind) {
      throw new IllegalArgumentException(
          op + ": expected a " + kind + " share, got " + s + " (convert with a2b/b2a first)");
    }
    if (s.numParts() != 2) {
      throw new IllegalArgumentException(
          op + ": " + s + " has " + s.numParts() + " parts; not an aby3 share (needs 2)");
    }
  }

  private static void sameSize(String op, Share a, Share b) {
    if (a.size() != b.size()) {
      throw new IllegalArgumentException(
          op + ": operands have different element counts " + a.size() + " and " + b.size());
    }
  }

  private static void publicSize(String op, Share a, long[] p) {
    if (a.size() != p.length) {
      throw new IllegalArgumentException(
          op + ": share has " + a.size() + " elements but the public operand has " + p.length);
    }
  }

  private long[] recv(int from, long tag, int expected, String op) {
    long[] m = link.recv(from, tag);
    if (m.length != expected) {
      throw new IllegalStateException(
          op
              + ": party "
              + from
              + " sent "
              + m.length
              + " words, expected "
              + expected
              + " (are all parties running the same program?)");
    }
    return m;
  }

  private static Share arith(long[] a, long[] b) {
    return new Share(Kind.ARITH, a, b);
  }

  private static Share bool(long[] a, long[] b) {
    return new Share(Kind.BOOL, a, b);
  }

  /** Sends z_i to party i−1 and receives z_{i+1} from party i+1: 3-of-3 to replicated. */
  private Share reshare(Kind kind, long[] z, long tag, String op) {
    link.send(prev, tag, z);
    long[] zn = recv(next, tag, z.length, op);
    return new Share(kind, z, zn);
  }

  // ---- input and output ----

  /**
   * Input from an outside endpoint (see {@link Aby3Owner}): P0 derives (x0, x1) from the owner's
   * seeds, P1 and P2 receive x2 and derive x1 resp. x0. The first input from an owner first
   * receives that owner's seeds under the op's first tag; later inputs draw one tag.
   */
  @Override
  public Share input(int owner, int n) {
    if (owner >= 0 && owner < 3) {
      throw new IllegalArgumentException(
          "input: owner must be an endpoint outside the compute parties (the driver), got party "
              + owner);
    }
    if (n < 0) {
      throw new IllegalArgumentException("input: negative element count " + n);
    }
    OwnerSeeds seeds = ownerSeeds.get(owner);
    if (seeds == null) {
      seeds = OwnerSeeds.receive(ctx, owner);
      ownerSeeds.put(owner, seeds);
    }
    long tag = ctx.nextTag();
    switch (self) {
      case 0:
        recv(owner, tag, 0, "input"); // empty: keeps the round clocks of the parties in step
        return arith(seeds.a().next(tag, 0, n), seeds.b().next(tag, 0, n));
      case 1:
        return arith(seeds.b().next(tag, 0, n), recv(owner, tag, n, "input"));
      default:
        return arith(recv(owner, tag, n, "input"), seeds.a().next(tag, 0, n));
    }
  }

  @Override
  public Share fromPublic(Kind kind, long[] p) {
    long[] zero = new long[p.length];
    switch (self) {
      case 0:
        return new Share(kind, p.clone(), zero);
      case 1:
        return new Share(kind, zero, new long[p.length]);
      default:
        return new Share(kind, zero, p.clone());
    }
  }

  /** Party i sends x_i to party i+1, which lacks it: one round, 8n bytes per party. */
  @Override
  public long[] open(Share a) {
    expect("open", a, a.kind());
    long tag = ctx.nextTag();
    link.send(next, tag, a.part(0));
    long[] missing = recv(prev, tag, a.size(), "open");
    return combine(a, missing);
  }

  private static long[] combine(Share a, long[] missing) {
    long[] x0 = a.part(0);
    long[] x1 = a.part(1);
    long[] r = new long[x0.length];
    if (a.isArith()) {
      for (int i = 0; i < r.length; i++) {
        r[i] = x0[i] + x1[i] + missing[i];
      }
    } else {
      for (int i = 0; i < r.length; i++) {
        r[i] = x0[i] ^ x1[i] ^ missing[i];
      }
    }
    return r;
  }

  /**
   * To a compute party e: party e−1 sends it x_{e−1}, the component it lacks (8n bytes, one party).
   * To an outside endpoint: every party i sends x_i (8n bytes each).
   */
  @Override
  public long[] openTo(Share a, int endpoint) {
    expect("openTo", a, a.kind());
    if (endpoint < 0) {
      throw new IllegalArgumentException("openTo: invalid endpoint " + endpoint);
    }
    long tag = ctx.nextTag();
    if (endpoint >= 3) {
      link.send(endpoint, tag, a.part(0));
      return null;
    }
    if (self == prev(endpoint)) {
      link.send(endpoint, tag, a.part(0));
    }
    if (self == endpoint) {
      return combine(a, recv(prev, tag, a.size(), "openTo"));
    }
    return null;
  }

  // ---- arithmetic: local ----

  @Override
  public Share negA(Share a) {
    expect("negA", a, Kind.ARITH);
    return arith(Ring.neg(a.part(0)), Ring.neg(a.part(1)));
  }

  @Override
  public Share addAA(Share a, Share b) {
    expect("addAA", a, Kind.ARITH);
    expect("addAA", b, Kind.ARITH);
    sameSize("addAA", a, b);
    return arith(Ring.add(a.part(0), b.part(0)), Ring.add(a.part(1), b.part(1)));
  }

  /** Adds p to component 0, held by parties 0 (first part) and 2 (second part). */
  @Override
  public Share addAP(Share a, long[] p) {
    expect("addAP", a, Kind.ARITH);
    publicSize("addAP", a, p);
    switch (self) {
      case 0:
        return arith(Ring.add(a.part(0), p), a.part(1).clone());
      case 1:
        return arith(a.part(0).clone(), a.part(1).clone());
      default:
        return arith(a.part(0).clone(), Ring.add(a.part(1), p));
    }
  }

  @Override
  public Share mulAP(Share a, long[] p) {
    expect("mulAP", a, Kind.ARITH);
    publicSize("mulAP", a, p);
    return arith(Ring.mul(a.part(0), p), Ring.mul(a.part(1), p));
  }

  @Override
  public Share matmulAP(Share a, long[] p, int m, int k, int n) {
    expect("matmulAP", a, Kind.ARITH);
    Ring.checkMatmul("matmulAP", a.part(0), p, m, k, n);
    return arith(Ring.matmul(a.part(0), p, m, k, n), Ring.matmul(a.part(1), p, m, k, n));
  }

  @Override
  public Share matmulPA(long[] p, Share b, int m, int k, int n) {
    expect("matmulPA", b, Kind.ARITH);
    Ring.checkMatmul("matmulPA", p, b.part(0), m, k, n);
    return arith(Ring.matmul(p, b.part(0), m, k, n), Ring.matmul(p, b.part(1), m, k, n));
  }

  // ---- arithmetic: products ----

  /**
   * z_i = x_i·y_i + x_i·y_{i+1} + x_{i+1}·y_i + α_i is a 3-of-3 sharing of xy; sending z_i to party
   * i−1 makes it replicated again. One round, 8n bytes per party.
   */
  @Override
  public Share mulAA(Share a, Share b) {
    expect("mulAA", a, Kind.ARITH);
    expect("mulAA", b, Kind.ARITH);
    sameSize("mulAA", a, b);
    long tag = ctx.nextTag();
    int n = a.size();
    long[] z = prss.zeroA(tag, 0, n);
    long[] x0 = a.part(0);
    long[] x1 = a.part(1);
    long[] y0 = b.part(0);
    long[] y1 = b.part(1);
    for (int i = 0; i < n; i++) {
      z[i] += x0[i] * (y0[i] + y1[i]) + x1[i] * y0[i];
    }
    return reshare(Kind.ARITH, z, tag, "mulAA");
  }

  /**
   * The same as {@link #mulAA} with matrix products: z_i = X_i·(Y_i + Y_{i+1}) + X_{i+1}·Y_i + α_i
   * (two local ring products instead of three). One round, 8mn bytes per party.
   */
  @Override
  public Share matmulAA(Share a, Share b, int m, int k, int n) {
    expect("matmulAA", a, Kind.ARITH);
    expect("matmulAA", b, Kind.ARITH);
    Ring.checkMatmul("matmulAA", a.part(0), b.part(0), m, k, n);
    long tag = ctx.nextTag();
    long[] y0 = b.part(0);
    long[] z = prss.zeroA(tag, 0, m * n);
    Ring.matmulAdd(z, a.part(0), Ring.add(y0, b.part(1)), m, k, n);
    Ring.matmulAdd(z, a.part(1), y0, m, k, n);
    return reshare(Kind.ARITH, z, tag, "matmulAA");
  }

  // ---- truncation ----

  /**
   * Probabilistic truncation that never wraps for x ∈ [−2^62, 2^62); the result is ⌊x/2^f⌋ or one
   * more, the latter with probability (x mod 2^f)/2^f (stochastic rounding: unbiased). Party 2 is
   * the helper.
   *
   * <p>Let x' = x + 2^62 ∈ [0, 2^63) and r = r⁰ + r¹ a uniform mask (r⁰ from k0, known to P0 and
   * P2; r¹ from k2, known to P1 and P2). P0 and P1 open c = x' + r between themselves (additive
   * pieces x0 + x1 + 2^62 + r⁰ and x2 + r¹). Because x' < 2^63, the sum x' + r wrapped mod 2^64
   * exactly when r's top bit is 1 and c's top bit is 0, so with T = r ⋙ f and Z = r_63·2^(64−f): (c
   * ⋙ f) − T + (1 − c_63)·Z = ⌊x'/2^f⌋ + [c mod 2^f < r mod 2^f]. P2 knows r, hence T and Z, and
   * hands additive shares to P0 and P1 (T⁰, Z¹ from the keys; T¹ sent to P1, Z⁰ sent to P0). P0 and
   * P1 then hold additive shares of the result and reshare to replicated form: y0 from k0, y2 from
   * k2, and both learn y1 from one exchange.
   *
   * <p>Round 1: P0↔P1 masked pieces of c (8n each), P2→P1 T¹ and P2→P0 Z⁰ (8n each). Round 2: P0↔P1
   * masked pieces of y1 (8n each). Every party sends 16n bytes; 2 rounds. Each message is masked by
   * a PRSS value its receiver does not know, so a single party's view is independent of x.
   */
  @Override
  public Share truncA(Share a, int bits) {
    expect("truncA", a, Kind.ARITH);
    if (bits < 0 || bits > 62) {
      throw new IllegalArgumentException(
          "truncA: shift must be in 0..62 for the wrap-free range |x| < 2^62, got " + bits);
    }
    if (bits == 0) {
      return arith(a.part(0).clone(), a.part(1).clone());
    }
    final int f = bits;
    long t1 = ctx.nextTag();
    long t2 = ctx.nextTag();
    int n = a.size();
    final long offset = 1L << 62;
    final long offsetShifted = 1L << (62 - f);
    switch (self) {
      case 2:
        {
          long[] r = prss.key(0, t1, STREAM_R, n);
          long[] r1 = prss.key(2, t1, STREAM_R, n);
          long[] tShare0 = prss.key(0, t1, STREAM_T, n);
          long[] zShare1 = prss.key(2, t1, STREAM_Z, n);
          long[] toP1 = new long[n];
          long[] toP0 = new long[n];
          for (int i = 0; i < n; i++) {
            long rv = r[i] + r1[i];
            toP1[i] = (rv >>> f) - tShare0[i];
            toP0[i] = ((rv >>> 63) << (64 - f)) - zShare1[i];
          }
          link.send(1, t1, toP1);
          link.send(0, t1, toP0);
          return arith(prss.key(2, t1, STREAM_Y, n), prss.key(0, t1, STREAM_Y, n));
        }
      case 0:
        {
          long[] r0 = prss.key(0, t1, STREAM_R, n);
          long[] e0 = new long[n];
          long[] x0 = a.part(0);
          long[] x1 = a.part(1);
          for (int i = 0; i < n; i++) {
            e0[i] = x0[i] + x1[i] + offset + r0[i];
          }
          link.send(1, t1, e0);
          long[] e1 = recv(1, t1, n, "truncA");
          long[] z0 = recv(2, t1, n, "truncA");
          long[] tShare0 = prss.key(0, t1, STREAM_T, n);
          long[] y0 = prss.key(0, t1, STREAM_Y, n);
          long[] m0 = new long[n];
          for (int i = 0; i < n; i++) {
            long c = e0[i] + e1[i];
            long q = (c >>> f) - offsetShifted - tShare0[i] + (c < 0 ? 0 : z0[i]);
            m0[i] = q - y0[i];
          }
          link.send(1, t2, m0);
          long[] m1 = recv(1, t2, n, "truncA");
          for (int i = 0; i < n; i++) {
            m1[i] += m0[i];
          }
          return arith(y0, m1);
        }
      default:
        {
          long[] r1 = prss.key(2, t1, STREAM_R, n);
          long[] e1 = new long[n];
          long[] x2 = a.part(1);
          for (int i = 0; i < n; i++) {
            e1[i] = x2[i] + r1[i];
          }
          link.send(0, t1, e1);
          long[] e0 = recv(0, t1, n, "truncA");
          long[] tShare1 = recv(2, t1, n, "truncA");
          long[] zShare1 = prss.key(2, t1, STREAM_Z, n);
          long[] y2 = prss.key(2, t1, STREAM_Y, n);
          long[] m1 = new long[n];
          for (int i = 0; i < n; i++) {
            long c = e0[i] + e1[i];
            long q = -tShare1[i] + (c < 0 ? 0 : zShare1[i]);
            m1[i] = q - y2[i];
          }
          link.send(0, t2, m1);
          long[] m0 = recv(0, t2, n, "truncA");
          for (int i = 0; i < n; i++) {
            m0[i] += m1[i];
          }
          return arith(m0, y2);
        }
    }
  }

  private static final int STREAM_R = 0;
  private static final int STREAM_T = 1;
  private static final int STREAM_Z = 2;
  private static final int STREAM_Y = 3;

  // ---- boolean: local ----

  @Override
  public Share xorBB(Share a, Share b) {
    expect("xorBB", a, Kind.BOOL);
    expect("xorBB", b, Kind.BOOL);
    sameSize("xorBB", a, b);
    return bool(Ring.xor(a.part(0), b.part(0)), Ring.xor(a.part(1), b.part(1)));
  }

  /** Xors p into component 0, held by parties 0 (first part) and 2 (second part). */
  @Override
  public Share xorBP(Share a, long[] p) {
    expect("xorBP", a, Kind.BOOL);
    publicSize("xorBP", a, p);
    switch (self) {
      case 0:
        return bool(Ring.xor(a.part(0), p), a.part(1).clone());
      case 1:
        return bool(a.part(0).clone(), a.part(1).clone());
      default:
        return bool(a.part(0).clone(), Ring.xor(a.part(1), p));
    }
  }

  @Override
  public Share andBP(Share a, long[] p) {
    expect("andBP", a, Kind.BOOL);
    publicSize("andBP", a, p);
    return bool(Ring.and(a.part(0), p), Ring.and(a.part(1), p));
  }

  @Override
  public Share lshiftB(Share a, int bits) {
    expect("lshiftB", a, Kind.BOOL);
    return bool(Ring.shl(a.part(0), bits), Ring.shl(a.part(1), bits));
  }

  @Override
  public Share rshiftB(Share a, int bits) {
    expect("rshiftB", a, Kind.BOOL);
    return bool(Ring.shr(a.part(0), bits), Ring.shr(a.part(1), bits));
  }

  // ---- boolean: AND ----

  /** The 3-of-3 xor sharing z_i of a ∧ b (no message); {@code nonce} must be fresh. */
  private long[] andLocal(long[] a0, long[] a1, long[] b0, long[] b1, long nonce) {
    int n = a0.length;
    long[] z = prss.zeroB(nonce, 0, n);
    for (int i = 0; i < n; i++) {
      z[i] ^= (a0[i] & (b0[i] ^ b1[i])) ^ (a1[i] & b0[i]);
    }
    return z;
  }

  /** a ∧ b on raw replicated components: one round, one message of a0.length words. */
  private Share and(long[] a0, long[] a1, long[] b0, long[] b1, String op) {
    long tag = ctx.nextTag();
    return reshare(Kind.BOOL, andLocal(a0, a1, b0, b1, tag), tag, op);
  }

  /** One round, 8n bytes per party. */
  @Override
  public Share andBB(Share a, Share b) {
    expect("andBB", a, Kind.BOOL);
    expect("andBB", b, Kind.BOOL);
    sameSize("andBB", a, b);
    return and(a.part(0), a.part(1), b.part(0), b.part(1), "andBB");
  }

  // ---- conversions ----

  /**
   * Bit decomposition. x = s + x2 with s = x0 + x1 known to P0 and x2 known to P1 and P2. One round
   * ({@link #firstLayer}) gives boolean sharings of s, the propagate bits P = s ⊕ x2 and the
   * generate bits G = s ∧ x2; a Kogge–Stone prefix (six AND rounds, spans 1..32) turns G into the
   * carries, and x = P ⊕ (carries ≪ 1). Seven rounds; bytes in {@link Aby3Cost#a2b}.
   */
  @Override
  public Share a2b(Share a) {
    expect("a2b", a, Kind.ARITH);
    int n = a.size();
    long[][] first = firstLayer(sumOwnedByP0(a), degenerateX2(a), false);
    long[][] pg = {first[0].clone(), first[1].clone(), first[2], first[3]};
    for (int d = 1; d < 64; d <<= 1) {
      ksLevel(pg, d, d < 32, "a2b");
    }
    long[] r0 = first[0];
    long[] r1 = first[1];
    for (int i = 0; i < n; i++) {
      r0[i] ^= pg[2][i] << 1;
      r1[i] ^= pg[3][i] << 1;
    }
    return bool(r0, r1);
  }

  /**
   * One Kogge–Stone level in one AND round, in place on {@code pg = {P_i, P_{i+1}, G_i, G_{i+1}}}:
   * G ← G ⊕ (P ∧ (G ≪ d)) and, if {@code withP}, P ← P ∧ (P ≪ d) (one message of 2n words, else n).
   */
  private void ksLevel(long[][] pg, int d, boolean withP, String op) {
    long tag = ctx.nextTag();
    long[] z = ksLocal(pg, d, withP, tag);
    link.send(prev, tag, z);
    long[] zn = recv(next, tag, z.length, op);
    int n = pg[0].length;
    for (int i = 0; i < n; i++) {
      pg[2][i] ^= z[i];
      pg[3][i] ^= zn[i];
    }
    if (withP) {
      System.arraycopy(z, n, pg[0], 0, n);
      System.arraycopy(zn, n, pg[1], 0, n);
    }
  }

  /** The 3-of-3 AND outputs of a Kogge–Stone level (see {@link #ksLevel}), no message. */
  private long[] ksLocal(long[][] pg, int d, boolean withP, long nonce) {
    long[] q0 = pg[0];
    long[] q1 = pg[1];
    long[] g0 = pg[2];
    long[] g1 = pg[3];
    int n = q0.length;
    long[] z = prss.zeroB(nonce, 0, withP ? 2 * n : n);
    for (int i = 0; i < n; i++) {
      long s0 = g0[i] << d;
      long s1 = g1[i] << d;
      z[i] ^= (q0[i] & (s0 ^ s1)) ^ (q1[i] & s0);
    }
    if (withP) {
      for (int i = 0; i < n; i++) {
        long s0 = q0[i] << d;
        long s1 = q1[i] << d;
        z[n + i] ^= (q0[i] & (s0 ^ s1)) ^ (q1[i] & s0);
      }
    }
    return z;
  }

  /** P0's s = x0 + x1 (other parties: null). */
  private long[] sumOwnedByP0(Share a) {
    return self == 0 ? Ring.add(a.part(0), a.part(1)) : null;
  }

  /** The boolean replicated sharing (0, 0, x2) of the arithmetic component x2. */
  private long[][] degenerateX2(Share a) {
    int n = a.size();
    switch (self) {
      case 0:
        return new long[][] {new long[n], new long[n]};
      case 1:
        return new long[][] {new long[n], a.part(1)};
      default:
        return new long[][] {a.part(0), new long[n]};
    }
  }

  /**
   * One round: from s known to P0 and a boolean sharing X, the boolean sharings of s (σ), of P = X
   * ⊕ s and of G = X ∧ s. Returns this party's {P_i, P_{i+1}, G_i, G_{i+1}}.
   *
   * <p>σ0 = F(k0), σ1 = F(k1), σ2 = s ⊕ σ0 ⊕ σ1 (P0 sends σ2 to P1 and P2). G = s∧(X0⊕X1) ⊕
   * (σ0⊕σ1⊕σ2)∧X2: P0 knows the first term; P2 knows σ0∧X2 and P1 knows σ1∧X2 before the round,
   * both know σ2∧X2 after it. G's components: γ0 = F(k0), γ1 = ν ⊕ μ ⊕ s∧(X0⊕X1) (ν from k0, μ from
   * k1; P0 sends γ1 to P1), γ2 = m1 ⊕ m2 ⊕ σ2∧X2 where P1 sends m1 = σ1∧X2 ⊕ μ to P2 and P2 sends
   * m2 = σ0∧X2 ⊕ γ0 ⊕ ν to P1. Each message is masked by a key its receiver lacks. When X = (0, 0,
   * X2) ({@code generalX = false}), ν = 0 and γ1 = μ needs no message.
   *
   * <p>Bytes: P0 16n (24n if general), P1 and P2 8n.
   */
  private long[][] firstLayer(long[] s, long[][] x, boolean generalX) {
    long tag = ctx.nextTag();
    int n = x[0].length;
    switch (self) {
      case 0:
        {
          long[] sig0 = prss.key(0, tag, 0, n);
          long[] sig1 = prss.key(1, tag, 0, n);
          long[] gam0 = prss.key(0, tag, 1, n);
          long[] mu = prss.key(1, tag, 1, n);
          long[] sig2 = new long[n];
          for (int i = 0; i < n; i++) {
            sig2[i] = s[i] ^ sig0[i] ^ sig1[i];
          }
          long[] gam1;
          if (generalX) {
            long[] nu = prss.key(0, tag, 2, n);
            gam1 = new long[n];
            for (int i = 0; i < n; i++) {
              gam1[i] = nu[i] ^ mu[i] ^ (s[i] & (x[0][i] ^ x[1][i]));
            }
            link.send(1, tag, BitStreams.cat(sig2, gam1));
          } else {
            gam1 = mu;
            link.send(1, tag, sig2);
          }
          link.send(2, tag, sig2);
          return new long[][] {Ring.xor(x[0], sig0), Ring.xor(x[1], sig1), gam0, gam1};
        }
      case 1:
        {
          long[] x2 = x[1];
          long[] sig1 = prss.key(1, tag, 0, n);
          long[] mu = prss.key(1, tag, 1, n);
          long[] m1 = new long[n];
          for (int i = 0; i < n; i++) {
            m1[i] = (sig1[i] & x2[i]) ^ mu[i];
          }
          link.send(2, tag, m1);
          long[] fromP0 = recv(0, tag, generalX ? 2 * n : n, "a2b/b2a first layer");
          long[] m2 = recv(2, tag, n, "a2b/b2a first layer");
          long[] sig2 = generalX ? BitStreams.slice(fromP0, 0, n) : fromP0;
          long[] gam1 = generalX ? BitStreams.slice(fromP0, n, n) : mu;
          long[] gam2 = new long[n];
          for (int i = 0; i < n; i++) {
            gam2[i] = m1[i] ^ m2[i] ^ (sig2[i] & x2[i]);
          }
          return new long[][] {Ring.xor(x[0], sig1), Ring.xor(x2, sig2), gam1, gam2};
        }
      default:
        {
          long[] x2 = x[0];
          long[] sig0 = prss.key(0, tag, 0, n);
          long[] gam0 = prss.key(0, tag, 1, n);
          long[] m2 = new long[n];
          if (generalX) {
            long[] nu = prss.key(0, tag, 2, n);
            for (int i = 0; i < n; i++) {
              m2[i] = (sig0[i] & x2[i]) ^ gam0[i] ^ nu[i];
            }
          } else {
            for (int i = 0; i < n; i++) {
              m2[i] = (sig0[i] & x2[i]) ^ gam0[i];
            }
          }
          link.send(1, tag, m2);
          long[] sig2 = recv(0, tag, n, "a2b/b2a first layer");
          long[] m1 = recv(1, tag, n, "a2b/b2a first layer");
          long[] gam2 = new long[n];
          for (int i = 0; i < n; i++) {
            gam2[i] = m1[i] ^ m2[i] ^ (sig2[i] & x2[i]);
          }
          return new long[][] {Ring.xor(x2, sig2), Ring.xor(x[1], sig0), gam2, gam0};
        }
    }
  }

  /**
   * The sign bit only: the carry into bit 63 of s + x2, by a reduction tree over (G ≪ 1, P ≪ 1)
   * that halves the bits per element each level and packs the survivors of several elements into
   * one word, so each level's AND message shrinks. First layer + six tree levels = 7 rounds.
   */
  @Override
  public Share msbA(Share a) {
    expect("msbA", a, Kind.ARITH);
    int n = a.size();
    long[][] first = firstLayer(sumOwnedByP0(a), degenerateX2(a), false);
    long[] top0 = Ring.shr(first[0], 63);
    long[] top1 = Ring.shr(first[1], 63);
    // Position 0 of the shifted pair is (G = 0, P = 0); the total generate over 64 positions
    // is then the carry into bit 63.
    long[] g0 = Ring.shl(first[2], 1);
    long[] g1 = Ring.shl(first[3], 1);
    long[] p0 = Ring.shl(first[0], 1);
    long[] p1 = Ring.shl(first[1], 1);
    for (int w = 64; w >= 2; w >>= 1) {
      long[] hiG0 = BitStreams.half(g0, n, w, true);
      long[] hiG1 = BitStreams.half(g1, n, w, true);
      long[] loG0 = BitStreams.half(g0, n, w, false);
      long[] loG1 = BitStreams.half(g1, n, w, false);
      long[] hiP0 = BitStreams.half(p0, n, w, true);
      long[] hiP1 = BitStreams.half(p1, n, w, true);
      if (w > 2) {
        long[] loP0 = BitStreams.half(p0, n, w, false);
        long[] loP1 = BitStreams.half(p1, n, w, false);
        int len = hiG0.length;
        Share r =
            and(
                BitStreams.cat(hiP0, hiP0),
                BitStreams.cat(hiP1, hiP1),
                BitStreams.cat(loG0, loP0),
                BitStreams.cat(loG1, loP1),
                "msbA");
        g0 = Ring.xor(hiG0, BitStreams.slice(r.part(0), 0, len));
        g1 = Ring.xor(hiG1, BitStreams.slice(r.part(1), 0, len));
        p0 = BitStreams.slice(r.part(0), len, len);
        p1 = BitStreams.slice(r.part(1), len, len);
      } else {
        Share r = and(hiP0, hiP1, loG0, loG1, "msbA");
        g0 = Ring.xor(hiG0, r.part(0));
        g1 = Ring.xor(hiG1, r.part(1));
      }
    }
    long[] c0 = BitStreams.unpackBits(g0, n);
    long[] c1 = BitStreams.unpackBits(g1, n);
    for (int i = 0; i < n; i++) {
      c0[i] ^= top0[i];
      c1[i] ^= top1[i];
    }
    return bool(c0, c1);
  }

  /**
   * Boolean to arithmetic. The result's components y0 = F(k0) and y1 = F(k1) are random; y2 = x −
   * y0 − y1 is computed in the boolean domain as x + s with s = −y0 − y1 known to P0 (first layer
   * with a general X, then Kogge–Stone), and opened to P1 and P2 only. The last prefix level is not
   * reshared: its 3-of-3 output goes straight into the opening (P0 sends its piece to P1 and P2, P1
   * and P2 swap theirs). Seven rounds; bytes in {@link Aby3Cost#b2a}.
   */
  @Override
  public Share b2a(Share b) {
    expect("b2a", b, Kind.BOOL);
    int n = b.size();
    long nonceY = ctx.nextTag();
    long[] y0 = prss.holds(0) ? prss.key(0, nonceY, 0, n) : null;
    long[] y1 = prss.holds(1) ? prss.key(1, nonceY, 0, n) : null;
    long[] s = null;
    if (self == 0) {
      s = new long[n];
      for (int i = 0; i < n; i++) {
        s[i] = -y0[i] - y1[i];
      }
    }
    long[][] first = firstLayer(s, new long[][] {b.part(0), b.part(1)}, true);
    long[][] pg = {first[0].clone(), first[1].clone(), first[2], first[3]};
    for (int d = 1; d < 32; d <<= 1) {
      ksLevel(pg, d, true, "b2a");
    }
    long tag = ctx.nextTag();
    long[] z = ksLocal(pg, 32, false, tag);
    long[] p0 = first[0];
    long[] g0 = pg[2];
    // This party's 3-of-3 piece of y2 = P ⊕ (carries ≪ 1).
    long[] w = new long[n];
    for (int i = 0; i < n; i++) {
      w[i] = p0[i] ^ ((g0[i] ^ z[i]) << 1);
    }
    switch (self) {
      case 0:
        link.send(1, tag, w);
        link.send(2, tag, w);
        return arith(y0, y1);
      case 1:
        {
          link.send(2, tag, w);
          long[] w0 = recv(0, tag, n, "b2a");
          long[] w2 = recv(2, tag, n, "b2a");
          for (int i = 0; i < n; i++) {
            w[i] ^= w0[i] ^ w2[i];
          }
          return arith(y1, w);
        }
      default:
        {
          link.send(1, tag, w);
          long[] w0 = recv(0, tag, n, "b2a");
          long[] w1 = recv(1, tag, n, "b2a");
          for (int i = 0; i < n; i++) {
            w[i] ^= w0[i] ^ w1[i];
          }
          return arith(w, y0);
        }
    }
  }

  /**
   * One bit (bit 0) to arithmetic, in one round. b = a ⊕ c with a = b0 ⊕ b1 known to P0 and c = b2
   * known to P1 and P2, so b = c + (1 − 2c)·a. P0 shares a as σ0 = F(k0), σ1 = F(k1), σ2 = a − σ0 −
   * σ1 (sent to P1 and P2); the result's components are τ0 = F(k0), τ1 = F(k1) and τ2 = m1 + m2 +
   * (1 − 2c)σ2 + c, where P1 sends m1 = (1 − 2c)σ1 − τ1 to P2 and P2 sends m2 = (1 − 2c)σ0 − τ0 to
   * P1. Bytes: P0 16n, P1 and P2 8n.
   */
  @Override
  public Share bitToA(Share b) {
    expect("bitToA", b, Kind.BOOL);
    int n = b.size();
    long tag = ctx.nextTag();
    switch (self) {
      case 0:
        {
          long[] sig0 = prss.key(0, tag, 0, n);
          long[] sig1 = prss.key(1, tag, 0, n);
          long[] sig2 = new long[n];
          long[] b0 = b.part(0);
          long[] b1 = b.part(1);
          for (int i = 0; i < n; i++) {
            sig2[i] = ((b0[i] ^ b1[i]) & 1L) - sig0[i] - sig1[i];
          }
          link.send(1, tag, sig2);
          link.send(2, tag, sig2);
          return arith(prss.key(0, tag, 1, n), prss.key(1, tag, 1, n));
        }
      case 1:
        {
          long[] c = b.part(1);
          long[] sig1 = prss.key(1, tag, 0, n);
          long[] tau1 = prss.key(1, tag, 1, n);
          long[] m1 = new long[n];
          for (int i = 0; i < n; i++) {
            m1[i] = (1 - 2 * (c[i] & 1L)) * sig1[i] - tau1[i];
          }
          link.send(2, tag, m1);
          long[] sig2 = recv(0, tag, n, "bitToA");
          long[] m2 = recv(2, tag, n, "bitToA");
          return arith(tau1, injectTail(c, sig2, m1, m2));
        }
      default:
        {
          long[] c = b.part(0);
          long[] sig0 = prss.key(0, tag, 0, n);
          long[] tau0 = prss.key(0, tag, 1, n);
          long[] m2 = new long[n];
          for (int i = 0; i < n; i++) {
            m2[i] = (1 - 2 * (c[i] & 1L)) * sig0[i] - tau0[i];
          }
          link.send(1, tag, m2);
          long[] sig2 = recv(0, tag, n, "bitToA");
          long[] m1 = recv(1, tag, n, "bitToA");
          return arith(injectTail(c, sig2, m1, m2), tau0);
        }
    }
  }

  /** τ2 = m1 + m2 + (1 − 2c)σ2 + c. */
  private static long[] injectTail(long[] c, long[] sig2, long[] m1, long[] m2) {
    long[] t = new long[c.length];
    for (int i = 0; i < t.length; i++) {
      long ci = c[i] & 1L;
      t[i] = m1[i] + m2[i] + (1 - 2 * ci) * sig2[i] + ci;
    }
    return t;
  }
}
