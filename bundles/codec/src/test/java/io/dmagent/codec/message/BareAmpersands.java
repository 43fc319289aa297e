package io.dmagent.codec.message;

import java.io.ByteArrayOutputStream;

/**
 * Repairs a {@code &} that starts no reference into {@code &amp;}, as the message reader takes it
 * (see {@link XmlReader}), for oracles that are strict. CDATA sections and comments are left as
 * they are, since a {@code &} is legal there.
 */
final class BareAmpersands {
  private static final byte[] AMP = {'a', 'm', 'p', ';'};

  private BareAmpersands() {}

  /** The message with every bare {@code &} escaped; the same array when there was none. */
  static byte[] repair(byte[] xml) {
    ByteArrayOutputStream out = null;
    int copied = 0;
    int i = 0;
    while (i < xml.length) {
      if (startsWith(xml, i, "<![CDATA[")) {
        i = after(xml, i, "]]>");
      } else if (startsWith(xml, i, "<!--")) {
        i = after(xml, i, "-->");
      } else if (xml[i] == '&' && !isReference(xml, i + 1)) {
        if (out == null) {
          out = new ByteArrayOutputStream(xml.length + 64);
        }
        out.write(xml, copied, i + 1 - copied);
        out.writeBytes(AMP);
        copied = ++i;
      } else {
        i++;
      }
    }
    if (out == null) {
      return xml;
    }
    out.write(xml, copied, xml.length - copied);
    return out.toByteArray();
  }

  /** {@code name;}, {@code #digits;} or {@code #xhex;} at {@code i}. */
  private static boolean isReference(byte[] xml, int i) {
    int j = i;
    if (j < xml.length && xml[j] == '#') {
      j++;
      boolean hex = j < xml.length && xml[j] == 'x';
      if (hex) {
        j++;
      }
      int digits = j;
      while (j < xml.length && (isDigit(xml[j]) || (hex && isHexLetter(xml[j])))) {
        j++;
      }
      return j > digits && j < xml.length && xml[j] == ';';
    }
    if (j >= xml.length || !(isLetter(xml[j]) || xml[j] == '_')) {
      return false;
    }
    while (j < xml.length
        && (isLetter(xml[j])
            || isDigit(xml[j])
            || xml[j] == '_'
            || xml[j] == '-'
            || xml[j] == '.')) {
      j++;
    }
    return j < xml.length && xml[j] == ';';
  }

  private static boolean isLetter(byte b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static boolean isHexLetter(byte b) {
    return (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
  }

  private static boolean startsWith(byte[] xml, int i, String s) {
    if (i + s.length() > xml.length) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (xml[i + k] != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static int after(byte[] xml, int i, String end) {
    for (int j = i; j < xml.length; j++) {
      if (startsWith(xml, j, end)) {
        return j + end.length();
      }
    }
    return xml.length;
  }
}
