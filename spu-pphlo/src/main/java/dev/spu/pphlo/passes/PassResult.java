package dev.spu.pphlo.passes;

import dev.spu.pphlo.Function;

/**
 * The output of one {@link Pass} on one function.
 *
 * @param function the rewritten function (the input itself when nothing was rewritten)
 * @param rewrites how many ops of the input the pass replaced
 */
public record PassResult(Function function, int rewrites) {
  public static PassResult unchanged(Function f) {
    return new PassResult(f, 0);
  }
}
