package dev.spu.pphlo.passes;

import dev.spu.pphlo.Function;

/**
 * One optimizer pass over PPHLO: a pattern, its rewrite and the MPC cost it saves (paper §3.5).
 *
 * <p>Contract:
 *
 * <ul>
 *   <li><b>Stateless and thread-safe</b>: one instance is shared by every pipeline; all state lives
 *       in the {@link #run} call.
 *   <li><b>One job</b>: a pass rewrites one pattern (plus the ops its rewrite leaves without a use,
 *       so that switching it on alone never costs more than before). Everything else in the
 *       function is kept as it is, in order.
 *   <li><b>Semantics</b>: the output computes the same results as the input, up to the stated
 *       fixed-point error of the rewrite (see each pass), and is well typed ({@link
 *       dev.spu.pphlo.Verifier} accepts it). Argument and result types never change.
 *   <li><b>Report</b>: {@link PassResult#rewrites()} counts the ops the pass replaced (0: the
 *       output is the input function itself).
 * </ul>
 */
public interface Pass {
  /** The short name used by {@code --passes} and {@code --no-pass} (e.g. {@code "rsqrt"}). */
  String name();

  /** One line: the pattern, the rewrite and why it is cheaper under MPC. */
  String summary();

  PassResult run(Function function);
}
