package io.dmagent.codec.description;

/** XML's notion of white space and of legal characters (XML 1.0, productions S and Char). */
final class XmlChars {
  private XmlChars() {}

  static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /** Whether the text is empty or XML white space only (indentation between elements). */
  static boolean isBlank(CharSequence s) {
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
  static String trim(String s) {
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
  static String withoutWhitespace(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      if (!isWhitespace(s.charAt(i))) {
        b.append(s.charAt(i));
      }
    }
    return b.toString();
  }

  /** Whether every code point may appear in an XML 1.0 document, escaped or not. */
  static boolean isLegal(String s) {
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
}
