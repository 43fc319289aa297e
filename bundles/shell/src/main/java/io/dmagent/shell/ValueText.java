package io.dmagent.shell;

import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeValue;
import java.util.Base64;

/**
 * How a leaf value reads on the console: text as it is, binary values (Format bin or b64) as
 * Base64. {@link #full} is the whole value for {@code dm:get}; {@link #oneLine} a short, single
 * line for {@code dm:tree} and listings.
 */
final class ValueText {
  static final int ONE_LINE_MAX = 64;

  private ValueText() {}

  static boolean isBinary(NodeFormat format) {
    return format == NodeFormat.BIN || format == NodeFormat.B64;
  }

  /** The whole value; a binary one in Base64 with a note saying so on the next line. */
  static String full(NodeValue value) {
    if (isBinary(value.format())) {
      return Base64.getEncoder().encodeToString(value.data())
          + "\n("
          + value.format()
          + ", "
          + value.size()
          + " bytes, shown in Base64)";
    }
    return value.text();
  }

  /**
   * At most {@link #ONE_LINE_MAX} characters on one line: control characters escaped, a longer
   * value cut with {@code ...} and its size, a binary value in Base64 marked {@code (bin)}.
   */
  static String oneLine(NodeValue value) {
    if (isBinary(value.format())) {
      String b64 = Base64.getEncoder().encodeToString(value.data());
      return cut(b64, value.size()) + " (" + value.format() + ")";
    }
    return cut(escaped(value.text()), value.size());
  }

  private static String cut(String s, int size) {
    if (s.length() <= ONE_LINE_MAX) {
      return s;
    }
    return s.substring(0, ONE_LINE_MAX) + "... (" + size + " bytes)";
  }

  private static String escaped(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
