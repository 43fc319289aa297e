package io.dmagent.pushwap;

import io.dmagent.api.log.WireText;
import java.nio.charset.StandardCharsets;

/**
 * Reads WSP encodings (WAP-230 section 8.4) from a part of a datagram and never beyond it: every
 * read checks the end first and fails with a reason instead.
 */
final class WspReader {
  /** The end-of-string octet of a WSP text string. */
  private static final int NUL = 0x00;

  /** A Length-quote: a uintvar length follows. */
  static final int LENGTH_QUOTE = 31;

  private final byte[] bytes;
  private final String part;
  private int position;
  private final int end;

  /**
   * @param part what is being read, for the reason of a failure ("the headers")
   */
  WspReader(byte[] bytes, int from, int end, String part) {
    this.bytes = bytes;
    this.position = from;
    this.end = end;
    this.part = part;
  }

  int position() {
    return position;
  }

  int remaining() {
    return end - position;
  }

  int peek() throws MalformedPushException {
    need(1);
    return bytes[position] & 0xFF;
  }

  int octet() throws MalformedPushException {
    int b = peek();
    position++;
    return b;
  }

  /** A uintvar: at most five octets of seven bits, the high bit set on all but the last. */
  long uintvar() throws MalformedPushException {
    long value = 0;
    for (int i = 0; i < 5; i++) {
      if (remaining() < 1) {
        throw new MalformedPushException("a uintvar is cut short in " + part);
      }
      int b = octet();
      value = (value << 7) | (b & 0x7F);
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new MalformedPushException("a uintvar is longer than five octets in " + part);
  }

  /** A Value-length: a Short-length (0 to 30) or a Length-quote and a uintvar. */
  int valueLength() throws MalformedPushException {
    int b = octet();
    long length = b == LENGTH_QUOTE ? uintvar() : b;
    if (b > LENGTH_QUOTE || length > remaining()) {
      throw new MalformedPushException(
          "a value length of " + length + " goes beyond " + part + " (" + remaining() + " left)");
    }
    return (int) length;
  }

  /** A text string up to its end-of-string octet, which must lie within this part. */
  String text() throws MalformedPushException {
    for (int i = position; i < end; i++) {
      if ((bytes[i] & 0xFF) == NUL) {
        String text = new String(bytes, position, i - position, StandardCharsets.ISO_8859_1);
        position = i + 1;
        return text;
      }
    }
    String start =
        new String(bytes, position, Math.min(remaining(), 40), StandardCharsets.ISO_8859_1);
    throw new MalformedPushException(
        "the text " + WireText.quote(start, 40) + " has no end within " + part);
  }

  /** An Integer-value: a Short-integer or a Long-integer of at most four octets. */
  long integer() throws MalformedPushException {
    int b = octet();
    if (b >= 0x80) {
      return b & 0x7F;
    }
    if (b < 1 || b > 4) {
      throw new MalformedPushException(
          "an integer of " + b + " octets in " + part + " (one to four expected)");
    }
    need(b);
    long value = 0;
    for (int i = 0; i < b; i++) {
      value = (value << 8) | octet();
    }
    return value;
  }

  /** A reader of the next {@code length} octets, which this one skips. */
  WspReader slice(int length, String what) throws MalformedPushException {
    need(length);
    WspReader slice = new WspReader(bytes, position, position + length, what);
    position += length;
    return slice;
  }

  /**
   * Skips one header value by its first octet (WAP-230 8.4.1.2): a short length, a quoted length, a
   * text string or a one-octet short integer.
   */
  void skipValue() throws MalformedPushException {
    int b = peek();
    if (b <= LENGTH_QUOTE) {
      int length = valueLength(); // read first: it moves the position
      position += length;
    } else if (b < 0x80) {
      text();
    } else {
      position++;
    }
  }

  private void need(int count) throws MalformedPushException {
    if (count > remaining()) {
      throw new MalformedPushException(
          part + " are cut short: " + count + " octet(s) needed, " + remaining() + " left");
    }
  }
}
