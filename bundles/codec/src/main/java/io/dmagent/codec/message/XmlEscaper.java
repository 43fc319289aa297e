package io.dmagent.codec.message;

/**
 * Character data as this codec writes it into XML: {@code & < >} as entities and CR as {@code
 * &#13;} (a parser would turn a raw CR into LF); nothing else is touched, so the UTF-8 length of
 * the result is known without writing it.
 */
final class XmlEscaper {
  private XmlEscaper() {}

  static void escape(CharSequence text, StringBuilder out) {
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

  /** An attribute value in double quotes. */
  static void escapeAttribute(CharSequence text, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        out.append("&quot;");
      } else {
        escape(String.valueOf(c), out);
      }
    }
  }

  /**
   * Whether every code point may appear in an XML 1.0 document, escaped or not (production Char):
   * text that fails this cannot travel in XML at all.
   */
  static boolean isLegal(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 ? c != 0x9 && c != 0xA && c != 0xD : c == 0xFFFE || c == 0xFFFF) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
