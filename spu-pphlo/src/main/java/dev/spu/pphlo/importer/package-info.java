/**
 * The secondary frontend: StableHLO text (MLIR pretty or generic form, as JAX, TensorFlow and
 * PyTorch/XLA export it) and XLA HLO text become PPHLO modules ({@link
 * dev.spu.pphlo.importer.Importer}).
 *
 * <p>Pipeline: a parser ({@code MlirParser} or {@code HloParser}) builds one shared AST with
 * StableHLO op and attribute names; the {@code Converter} lowers it op by op through the table
 * {@code StableHloOps}, inlining calls, unrolling loops whose trip count is known at import time,
 * folding public values known at import ({@code Known}) and selecting between branches whose
 * predicate is not known. The result is verified. Every refusal is an {@link
 * dev.spu.pphlo.importer.ImportException} naming the line, the op and what is supported.
 *
 * <p>Threading: stateless entry points; each import uses its own parser and converter.
 */
package dev.spu.pphlo.importer;
