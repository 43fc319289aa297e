package io.dmagent.codec.description;

/** XML's notion of white space and of legal characters (XML 1.0, productions S and Char). */
public final class XmlChars {
  private XmlChars() {}

  public static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /** Whether the text is empty or XML white space only (indentation between elements). */
  public static boolean isBlank(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isWhitespace(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Strips XML white space at both ends. Used for names and identifiers, which pretty-printed
   * documents may indent; never for values.
   */
  public static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isWhitespace(s.charAt(start))) {
      start++;
    }
    while (end > start && isWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /** Removes all XML white space, as Base64 text may be wrapped over lines. */
  public static String withoutWhitespace(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      if (!isWhitespace(s.charAt(i))) {
        b.append(s.charAt(i));
      }
    }
    return b.toString();
  }

  /** Whether every code point may appear in an XML 1.0 document, escaped or not. */
  public static boolean isLegal(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0xD800) {
        continue; // the common case, checked first: this runs over every text of every message
      }
      if (c < 0x20) {
        if (c != 0x9 && c != 0xA && c != 0xD) {
          return false;
        }
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
        return false;
      }
    }
    return true;
  }

  /**
   * Character data as our writers put it into XML: {@code & < >} as entities and CR as {@code
   * &#13;} (a parser would turn a raw CR into LF); nothing else is touched.
   */
  public static void escape(CharSequence text, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '\r' -> out.append("&#13;");
        default -> out.append(c);
      }
    }
  }

  /** An attribute value in double quotes: as {@link #escape}, and {@code "} as well. */
  public static void escapeAttribute(CharSequence text, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        out.append("&quot;");
      } else {
        escape(text.subSequence(i, i + 1), out);
      }
    }
  }
}
