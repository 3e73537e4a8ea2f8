package dev.spu.pphlo;

/**
 * Malformed or ill-typed PPHLO text. The message starts with {@code line L, column C:} (both
 * 1-based) and says what was expected, e.g. {@code line 3, column 17: expected ')' but found ','}.
 */
public class ParseException extends RuntimeException {
  private final int line;
  private final int column;
  private final String reason;

  public ParseException(int line, int column, String reason) {
    super("line " + line + ", column " + column + ": " + reason);
    this.line = line;
    this.column = column;
    this.reason = reason;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  /** The message without the position prefix. */
  public String reason() {
    return reason;
  }
}
