package io.dmagent.api.log;

/**
 * A value from outside the agent (a DevId, a node name, a header, a file's line) made fit for one
 * log line.
 *
 * <p>Every control character (C0, DEL, C1, and the Unicode line and paragraph separators) becomes a
 * visible escape ({@code \n}, {@code \r}, {@code \t}, {@code \u001b}), so a value can never start a
 * forged log line or move the terminal's cursor; a backslash is doubled so an escape in the log is
 * never ambiguous; a lone surrogate is shown as {@code \ud800}; and the value is cut to a length
 * with the number of characters left out, so one refusal cannot write a megabyte. Every bundle logs
 * wire values through this class and nothing else.
 */
public final class WireText {

  /** The longest part of a value that reaches a log line by default. */
  public static final int DEFAULT_MAX = 120;

  private WireText() {}

  /**
   * The value in single quotes, escaped and cut to {@link #DEFAULT_MAX} characters; {@code null} as
   * is.
   */
  public static String quote(CharSequence value) {
    return quote(value, DEFAULT_MAX);
  }

  /** The value in single quotes, escaped and cut to {@code max} characters of the original. */
  public static String quote(CharSequence value, int max) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(value.length(), max) + 16).append('\'');
    append(value, max, out);
    return out.append('\'').toString();
  }

  /** The value escaped and cut as {@link #quote(CharSequence, int)} does, without quotes. */
  public static String escape(CharSequence value, int max) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(value.length(), max) + 16);
    append(value, max, out);
    return out.toString();
  }

  private static void append(CharSequence value, int max, StringBuilder out) {
    int limit = Math.min(value.length(), Math.max(0, max));
    for (int i = 0; i < limit; i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < limit
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        out.append(c).append(value.charAt(++i));
      } else {
        appendChar(c, out);
      }
    }
    if (value.length() > limit) {
      out.append("...(+").append(value.length() - limit).append(" chars)");
    }
  }

  private static void appendChar(char c, StringBuilder out) {
    switch (c) {
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case '\\' -> out.append("\\\\");
      default -> {
        if (needsEscape(c)) {
          out.append(String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
    }
  }

  private static boolean needsEscape(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == '\u2028'
        || c == '\u2029'
        || Character.isSurrogate(c);
  }
}
