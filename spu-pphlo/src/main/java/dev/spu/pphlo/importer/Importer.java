package dev.spu.pphlo.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The secondary frontend: StableHLO text (what JAX, TensorFlow and PyTorch/XLA export; MLIR pretty
 * or generic form) and XLA HLO text ({@code HloModule ... ENTRY ...}) become PPHLO {@link
 * dev.spu.pphlo.Module}s, with a visibility per argument given by the caller (secret by default).
 * Imported programs go through the same passes and kernels as traced ones.
 *
 * <p>Lowering in brief (details in the module README): calls are inlined; {@code while} loops are
 * unrolled (their trip count must be fixed at import time); {@code if}/{@code case} pick their
 * branch when the predicate is known at import time and otherwise run every branch and select; ±inf
 * is accepted only as a max/min identity or a pad value; unsupported ops, attributes and element
 * types are errors naming the op, its line and what is supported.
 */
public final class Importer {
  private Importer() {}

  /** Imports StableHLO (or MHLO) text. */
  public static ImportResult stableHlo(String text, ImportOptions options) {
    return guarded(() -> new Converter(MlirParser.parse(text), options).run());
  }

  /** Imports XLA HLO text. */
  public static ImportResult hlo(String text, ImportOptions options) {
    return guarded(() -> new Converter(HloParser.parse(text), options).run());
  }

  /** Every failure is an {@link ImportException}; anything else would be a bug here. */
  private static ImportResult guarded(java.util.function.Supplier<ImportResult> work) {
    try {
      return work.get();
    } catch (ImportException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw new ImportException(
          0, "internal error while importing (a bug in the importer; please report it): " + e, e);
    }
  }

  /** Imports either format, recognised by its content ({@code HloModule} starts HLO text). */
  public static ImportResult text(String text, ImportOptions options) {
    return looksLikeHlo(text) ? hlo(text, options) : stableHlo(text, options);
  }

  /** Imports a file: {@code .mlir} is StableHLO, {@code .hlo} HLO, anything else by content. */
  public static ImportResult file(Path file, ImportOptions options) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".mlir") || name.endsWith(".stablehlo")) {
      return stableHlo(text, options);
    }
    if (name.endsWith(".hlo")) {
      return hlo(text, options);
    }
    return text(text, options);
  }

  /** True when the text starts (after comments and blank lines) with {@code HloModule}. */
  public static boolean looksLikeHlo(String text) {
    Cursor c = new Cursor(text);
    c.skipWs();
    return c.lookingAtWord("HloModule");
  }
}
