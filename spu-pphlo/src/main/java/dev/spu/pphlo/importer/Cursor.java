package dev.spu.pphlo.importer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A position in source text with line/column bookkeeping and the lexical pieces both parsers share:
 * whitespace and comments ({@code //} to the end of the line; {@code /* ... *}{@code /} too),
 * identifiers, numbers, quoted strings and balanced brackets. Errors are {@link ImportException}s
 * at the current position.
 */
final class Cursor {
  final String text;
  private final int end;
  private final int[] lineStarts;
  int pos;

  Cursor(String text, int end) {
    this.text = text;
    this.end = end;
    int n = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        n++;
      }
    }
    lineStarts = new int[n];
    int k = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lineStarts[k++] = i + 1;
      }
    }
  }

  Cursor(String text) {
    this(text, text.length());
  }

  int line(int at) {
    int i = Arrays.binarySearch(lineStarts, at);
    return (i >= 0 ? i : -i - 2) + 1;
  }

  int line() {
    return line(pos);
  }

  int column(int at) {
    return at - lineStarts[line(at) - 1] + 1;
  }

  // ------------------------------------------------------------------ whitespace

  void skipWs() {
    while (pos < end) {
      char ch = text.charAt(pos);
      if (Character.isWhitespace(ch)) {
        pos++;
      } else if (ch == '/' && pos + 1 < end && text.charAt(pos + 1) == '/') {
        while (pos < end && text.charAt(pos) != '\n') {
          pos++;
        }
      } else if (ch == '/' && pos + 1 < end && text.charAt(pos + 1) == '*') {
        int close = text.indexOf("*/", pos + 2);
        pos = close < 0 || close >= end ? end : close + 2;
      } else {
        return;
      }
    }
  }

  boolean atEnd() {
    skipWs();
    return pos >= end;
  }

  /** The next character after whitespace, or 0 at the end. */
  char peek() {
    skipWs();
    return pos < end ? text.charAt(pos) : 0;
  }

  char peekAt(int offset) {
    int p = pos + offset;
    return p < end ? text.charAt(p) : 0;
  }

  boolean lookingAt(String tok) {
    skipWs();
    return text.startsWith(tok, pos) && pos + tok.length() <= end;
  }

  boolean tryConsume(String tok) {
    if (lookingAt(tok)) {
      pos += tok.length();
      return true;
    }
    return false;
  }

  void expect(String tok) {
    if (!tryConsume(tok)) {
      throw expected("'" + tok + "'");
    }
  }

  /** The keyword {@code w} followed by a non-identifier character. */
  boolean lookingAtWord(String w) {
    skipWs();
    if (!text.startsWith(w, pos)) {
      return false;
    }
    int after = pos + w.length();
    return after >= end || !isIdChar(text.charAt(after));
  }

  boolean tryWord(String w) {
    if (lookingAtWord(w)) {
      pos += w.length();
      return true;
    }
    return false;
  }

  void expectWord(String w) {
    if (!tryWord(w)) {
      throw expected("'" + w + "'");
    }
  }

  // ------------------------------------------------------------------ tokens

  static boolean isIdStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  static boolean isIdChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$' || c == '-';
  }

  /** A bare identifier {@code [A-Za-z_][A-Za-z0-9_.$-]*}. */
  String identifier(String what) {
    skipWs();
    if (pos >= end || !isIdStart(text.charAt(pos))) {
      throw expected(what);
    }
    int s = pos;
    while (pos < end && isIdChar(text.charAt(pos))) {
      pos++;
    }
    // A trailing '-' belongs to '->' (e.g. "f32[]->f32[]"), not to the name.
    while (pos > s + 1 && text.charAt(pos - 1) == '-') {
      pos--;
    }
    return text.substring(s, pos);
  }

  /** A suffix id after % or @ or ^: letters, digits and {@code _ . $ -}. */
  String suffixId(String what) {
    skipWs();
    int s = pos;
    while (pos < end && (isIdChar(text.charAt(pos)))) {
      pos++;
    }
    if (s == pos) {
      throw expected(what);
    }
    return text.substring(s, pos);
  }

  boolean peekIsDigit() {
    skipWs();
    return pos < end && Character.isDigit(text.charAt(pos));
  }

  /**
   * A numeric literal as written: optional sign, decimal with fraction/exponent, or hex {@code
   * 0x...}; also {@code inf}, {@code -inf}, {@code nan} (HLO).
   */
  String numberLiteral() {
    skipWs();
    int s = pos;
    if (pos < end && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) {
      pos++;
    }
    if (text.startsWith("inf", pos) || text.startsWith("nan", pos)) {
      pos += 3;
      return text.substring(s, pos);
    }
    if (text.startsWith("0x", pos) || text.startsWith("0X", pos)) {
      pos += 2;
      while (pos < end && Character.digit(text.charAt(pos), 16) >= 0) {
        pos++;
      }
      return text.substring(s, pos);
    }
    int digits = pos;
    while (pos < end && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    if (pos < end && text.charAt(pos) == '.') {
      pos++;
      while (pos < end && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
    }
    if (pos > digits && pos < end && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      int save = pos;
      pos++;
      if (pos < end && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) {
        pos++;
      }
      if (pos < end && Character.isDigit(text.charAt(pos))) {
        while (pos < end && Character.isDigit(text.charAt(pos))) {
          pos++;
        }
      } else {
        pos = save;
      }
    }
    if (pos == digits) {
      pos = s;
      throw expected("a number");
    }
    return text.substring(s, pos);
  }

  long integer(String what) {
    skipWs();
    int at = pos;
    String lit;
    try {
      lit = numberLiteral();
    } catch (ImportException e) {
      throw expected(what);
    }
    return parseLong(lit, at);
  }

  long parseLong(String lit, int at) {
    try {
      String s = lit;
      boolean neg = s.startsWith("-");
      if (neg || s.startsWith("+")) {
        s = s.substring(1);
      }
      long v;
      if (s.startsWith("0x") || s.startsWith("0X")) {
        v = Long.parseUnsignedLong(s.substring(2), 16);
      } else {
        v = new java.math.BigInteger(s).longValue(); // ui64 beyond 2^63 wraps
      }
      return neg ? -v : v;
    } catch (NumberFormatException e) {
      throw errorAt(at, "expected an integer but found '" + lit + "'");
    }
  }

  /** A double-quoted string with MLIR escapes ({@code \"}, {@code \\}, {@code \n}, {@code \XX}). */
  String string() {
    skipWs();
    if (pos >= end || text.charAt(pos) != '"') {
      throw expected("a string");
    }
    int start = pos++;
    // Fast path (hex blobs of large constants): no escape before the closing quote.
    int close = pos;
    while (close < end && text.charAt(close) != '"' && text.charAt(close) != '\\') {
      close++;
    }
    if (close < end && text.charAt(close) == '"') {
      String s = text.substring(pos, close);
      pos = close + 1;
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      if (pos >= end) {
        throw errorAt(start, "unterminated string");
      }
      char ch = text.charAt(pos++);
      if (ch == '"') {
        break;
      }
      if (ch == '\\' && pos < end) {
        char e = text.charAt(pos++);
        switch (e) {
          case '"', '\\', '\'' -> out.write(e);
          case 'n' -> out.write('\n');
          case 't' -> out.write('\t');
          default -> {
            if (pos < end
                && Character.digit(e, 16) >= 0
                && Character.digit(text.charAt(pos), 16) >= 0) {
              out.write(Integer.parseInt("" + e + text.charAt(pos++), 16));
            } else {
              out.write('\\');
              out.write(e);
            }
          }
        }
      } else {
        byte[] b = String.valueOf(ch).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Skips a balanced group starting at the current {@code open} character and returns the text
   * inside it (strings and nested ()[]{}<> respected).
   */
  String balanced() {
    skipWs();
    int start = pos;
    char open = text.charAt(pos);
    char close =
        switch (open) {
          case '(' -> ')';
          case '[' -> ']';
          case '{' -> '}';
          case '<' -> '>';
          default -> throw expected("'(', '[', '{' or '<'");
        };
    int depth = 0;
    while (pos < end) {
      char ch = text.charAt(pos);
      if (ch == '"') {
        string();
        continue;
      }
      if (ch == '-' && pos + 1 < end && text.charAt(pos + 1) == '>') {
        pos += 2; // '->' inside <...> is not a closing bracket
        continue;
      }
      if (ch == open) {
        depth++;
      } else if (ch == close) {
        depth--;
        if (depth == 0) {
          pos++;
          return text.substring(start + 1, pos - 1);
        }
      }
      pos++;
    }
    throw errorAt(start, "unbalanced '" + open + "'");
  }

  // ------------------------------------------------------------------ errors

  ImportException expected(String what) {
    skipWs();
    return errorAt(pos, "expected " + what + " but found " + describeNext());
  }

  String describeNext() {
    if (pos >= end) {
      return "end of input";
    }
    int e = pos;
    while (e < end && e < pos + 24 && !Character.isWhitespace(text.charAt(e))) {
      e++;
    }
    if (e == pos) {
      e = pos + 1;
    }
    return "'" + text.substring(pos, e) + "'";
  }

  ImportException errorAt(int at, String reason) {
    return new ImportException(line(at), column(at), reason);
  }

  ImportException errorAtLine(int at, String reason) {
    return new ImportException(line(at), reason);
  }
}
