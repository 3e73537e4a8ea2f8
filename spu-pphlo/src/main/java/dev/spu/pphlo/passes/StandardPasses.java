package dev.spu.pphlo.passes;

import java.util.List;

/**
 * The standard passes, one line each, in the standard order: CSE first (one value per expression,
 * so the patterns see shared predicates and operands), then the paper's five rewrites, then DCE.
 */
final class StandardPasses {
  private StandardPasses() {}

  static final List<Pass> ALL =
      List.of(
          new CommonSubexpressionElimination(),
          new MixedTypeFusion(),
          new MixedVisibilityReorder(),
          new InverseSqrt(),
          new MaxPoolRewrite(),
          new SelectPredicateReuse(),
          new DeadCodeElimination());
}
