package io.dmagent.tree;

import java.nio.charset.StandardCharsets;

/**
 * Java's modified UTF-8 (as {@link java.io.DataOutput#writeUTF}: U+0000 and supplementary halves
 * encoded like other chars), the form stored records have always used. Decoding ASCII, what nearly
 * every name, type and ACL is, takes a fast path without a char loop.
 */
final class ModifiedUtf8 {
  private ModifiedUtf8() {}

  static int length(String s) {
    int n = s.length();
    int bytes = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || c == 0) {
        bytes += c >= 0x800 ? 2 : 1;
      }
    }
    return bytes;
  }

  /** Writes {@code s} at {@code at}; returns the offset after it. */
  static int encode(String s, byte[] out, int at) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c != 0 && c < 0x80) {
        out[at++] = (byte) c;
      } else if (c < 0x800) {
        out[at++] = (byte) (0xC0 | c >> 6);
        out[at++] = (byte) (0x80 | c & 0x3F);
      } else {
        out[at++] = (byte) (0xE0 | c >> 12);
        out[at++] = (byte) (0x80 | c >> 6 & 0x3F);
        out[at++] = (byte) (0x80 | c & 0x3F);
      }
    }
    return at;
  }

  static String decode(byte[] in, int from, int length) {
    if (length == 0) {
      return "";
    }
    int end = from + length;
    boolean ascii = true;
    for (int i = from; i < end && ascii; i++) {
      ascii = in[i] > 0;
    }
    if (ascii) {
      return new String(in, from, length, StandardCharsets.ISO_8859_1);
    }
    char[] chars = new char[length];
    int n = 0;
    for (int i = from; i < end; ) {
      int b = in[i++] & 0xFF;
      if (b < 0x80) {
        chars[n++] = (char) b;
      } else if ((b & 0xE0) == 0xC0) {
        chars[n++] = (char) ((b & 0x1F) << 6 | continuation(in, i++, end));
      } else if ((b & 0xF0) == 0xE0) {
        int c1 = continuation(in, i++, end);
        chars[n++] = (char) ((b & 0x0F) << 12 | c1 << 6 | continuation(in, i++, end));
      } else {
        throw new IllegalStateException("malformed modified UTF-8 in a stored record");
      }
    }
    return new String(chars, 0, n);
  }

  private static int continuation(byte[] in, int i, int end) {
    if (i >= end || (in[i] & 0xC0) != 0x80) {
      throw new IllegalStateException("malformed modified UTF-8 in a stored record");
    }
    return in[i] & 0x3F;
  }
}
