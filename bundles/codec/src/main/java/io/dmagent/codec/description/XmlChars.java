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
  public static boolean isLegal(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      boolean legal =
          cp == 0x9
              || cp == 0xA
              || cp == 0xD
              || (cp >= 0x20 && cp <= 0xD7FF)
              || (cp >= 0xE000 && cp <= 0xFFFD)
              || cp >= 0x10000;
      if (!legal) {
        return false;
      }
      i += Character.charCount(cp);
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
