package dev.spu.pphlo.importer;

/**
 * A program that cannot be imported: malformed text, an unsupported op, type or attribute, or a
 * construct the importer cannot lower (a loop whose trip count is unknown at import time, an elided
 * constant, a NaN constant, ...). The message starts with {@code line L:} (or {@code line L, column
 * C:} for syntax errors; 1-based, in the imported text) and names the source op and what is
 * supported. Messages carry no tensor values except public constant elements.
 */
public class ImportException extends RuntimeException {
  private final int line;
  private final String reason;

  public ImportException(int line, String reason) {
    super(prefix(line, 0) + reason);
    this.line = line;
    this.reason = reason;
  }

  public ImportException(int line, int column, String reason) {
    super(prefix(line, column) + reason);
    this.line = line;
    this.reason = reason;
  }

  ImportException(int line, String reason, Throwable cause) {
    this(line, reason);
    initCause(cause);
  }

  private static String prefix(int line, int column) {
    if (line <= 0) {
      return "";
    }
    return column > 0 ? "line " + line + ", column " + column + ": " : "line " + line + ": ";
  }

  /** The 1-based line in the imported text, or 0 when the error has no single place. */
  public int line() {
    return line;
  }

  /** The message without the position prefix. */
  public String reason() {
    return reason;
  }
}
