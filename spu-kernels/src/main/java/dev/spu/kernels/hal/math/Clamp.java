package dev.spu.kernels.hal.math;

import dev.spu.mpc.Share;

/**
 * Range folding with one batched comparison: the thresholds' sign bits come from one {@code msbA}
 * call and one {@code bitToA} call, and the result needs a single product of x with an integer
 * combination of the bits (no truncation). ABY3: 7 + 1 + 1 rounds.
 */
final class Clamp {
  private Clamp() {}

  /** x clamped to [lo, hi] (encodings at x's fraction bits): lo·t1 + x·(t2 − t1) + hi·(1 − t2). */
  static Share clamp(Fx fx, Share x, long lo, long hi) {
    Share[] lt = fx.bitsToA(fx.msb(fx.addC(x, -lo), fx.addC(x, -hi))); // [x < lo], [x < hi]
    Share inside = fx.mul(x, fx.sub(lt[1], lt[0]));
    Share below = fx.mulC(lt[0], lo);
    Share above = fx.mulC(fx.rsubC(1, lt[1]), hi);
    return fx.add(inside, fx.add(below, above));
  }

  /**
   * {min(|x|, bound), [x &lt; 0]} with the sign as arithmetic 0/1. With t1 = [x &lt; −b], t2 = [x
   * &lt; 0], t3 = [x &lt; b]: min(|x|, b) = b·(1 − t3 + t1) + x·(t1 + t3 − 2·t2).
   */
  static Share[] absClamped(Fx fx, Share x, long bound) {
    Share[] t = fx.bitsToA(fx.msb(fx.addC(x, bound), x, fx.addC(x, -bound)));
    Share coef = fx.sub(fx.add(t[0], t[2]), fx.mulC(t[1], 2));
    Share inside = fx.mul(x, coef);
    Share outside = fx.mulC(fx.add(fx.rsubC(1, t[2]), t[0]), bound);
    return new Share[] {fx.add(inside, outside), t[1]};
  }
}
