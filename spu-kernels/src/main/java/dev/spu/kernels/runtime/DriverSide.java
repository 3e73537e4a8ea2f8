package dev.spu.kernels.runtime;

import dev.spu.mpc.OwnerSide;
import dev.spu.mpc.PartyContext;
import dev.spu.mpc.Share;
import dev.spu.pphlo.DType;
import dev.spu.pphlo.TensorType;

/**
 * The driver endpoint's side of a session: it secret-shares the data owners' inputs and
 * reconstructs values revealed to it, each under the op id the parties use for the matching {@link
 * PartyRuntime#input} / {@link PartyRuntime#revealTo}. Values are ring encodings; the caller
 * encodes floats with {@link dev.spu.kernels.hal.FixedPoint} and decodes results.
 *
 * <p>Threading: one thread (the driver's).
 */
public final class DriverSide {
  private final RuntimeConfig cfg;
  private final OwnerSide owner;
  private final PartyContext ctx;

  public DriverSide(RuntimeConfig cfg, OwnerSide owner, PartyContext ctx) {
    this.cfg = cfg;
    this.owner = owner;
    this.ctx = ctx;
  }

  public RuntimeConfig config() {
    return cfg;
  }

  /** Shares {@code ring} (one element per tensor element) with the compute parties. */
  public void input(long opId, TensorType type, long[] ring) {
    if (ring.length != type.numElements()) {
      throw new IllegalArgumentException(
          "input: "
              + ring.length
              + " elements given for "
              + type
              + " ("
              + type.numElements()
              + ")");
    }
    ctx.beginOp(opId, "input");
    owner.input(ring);
  }

  /** Reconstructs a value the parties reveal to the driver (ring data; i1 as 0/1). */
  public long[] reveal(long opId, TensorType type) {
    ctx.beginOp(opId, "reveal");
    // Party 0's header says how the value is shared (see PartyRuntime#revealTo).
    long[] header = ctx.link().recv(0, ctx.nextTag());
    Share.Kind kind = header.length == 1 && header[0] == 1 ? Share.Kind.BOOL : Share.Kind.ARITH;
    long[] r = owner.reveal(kind, type.numElements());
    if (type.dtype() == DType.I1) {
      for (int i = 0; i < r.length; i++) {
        r[i] &= 1L;
      }
    }
    return r;
  }
}
