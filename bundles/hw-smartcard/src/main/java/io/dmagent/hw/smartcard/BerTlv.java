package io.dmagent.hw.smartcard;

import java.util.ArrayList;
import java.util.List;

/**
 * A bounded, total BER-TLV parser for card data (ISO 7816-4 and the DER of PKCS#15): tags of up to
 * three bytes, definite lengths of up to three length bytes, no indefinite length. Any object that
 * does not fit in its parent, and more objects than a card file plausibly holds, make the whole
 * parse fail with a {@link CardDataException}; it never reads outside the given range.
 */
final class BerTlv {
  /** More data objects than this in one list is not a PKCS#15 file but garbage (or an attack). */
  static final int MAX_OBJECTS = 1024;

  private BerTlv() {}

  static List<Tlv> parse(byte[] data) throws CardDataException {
    return parse(data, 0, data.length);
  }

  /** The data objects in {@code data[offset, offset + length)}, trailing 00/FF padding skipped. */
  static List<Tlv> parse(byte[] data, int offset, int length) throws CardDataException {
    if (offset < 0 || length < 0 || offset + length > data.length) {
      throw new CardDataException("data object range outside its data");
    }
    List<Tlv> objects = new ArrayList<>();
    int end = offset + length;
    int at = offset;
    while (at < end) {
      int first = data[at] & 0xFF;
      if (first == 0x00 || first == 0xFF) {
        // ISO 7816-4 5.2.2: '00' and 'FF' between or after objects are padding (erased EF space).
        at++;
        continue;
      }
      if (objects.size() == MAX_OBJECTS) {
        throw new CardDataException("more than " + MAX_OBJECTS + " data objects in one list");
      }
      at = parseOne(data, at, end, objects);
    }
    return objects;
  }

  private static int parseOne(byte[] data, int at, int end, List<Tlv> objects)
      throws CardDataException {
    int tag = data[at++] & 0xFF;
    if ((tag & 0x1F) == 0x1F) {
      int more = 0;
      do {
        if (at >= end || ++more > 2) {
          throw new CardDataException("truncated or over-long tag");
        }
        tag = (tag << 8) | (data[at] & 0xFF);
      } while ((data[at++] & 0x80) != 0);
    }
    if (at >= end) {
      throw new CardDataException(String.format("data object %X has no length", tag));
    }
    int length = data[at++] & 0xFF;
    if (length == 0x80) {
      throw new CardDataException(String.format("data object %X: indefinite length", tag));
    }
    if (length > 0x80) {
      int bytes = length & 0x7F;
      if (bytes > 3 || at + bytes > end) {
        throw new CardDataException(String.format("data object %X: bad length field", tag));
      }
      length = 0;
      for (int i = 0; i < bytes; i++) {
        length = (length << 8) | (data[at++] & 0xFF);
      }
    }
    if (length > end - at) {
      throw new CardDataException(
          String.format("data object %X: %d bytes announced, %d left", tag, length, end - at));
    }
    objects.add(new Tlv(tag, data, at, length));
    return at + length;
  }

  /** The first object with {@code tag} in a list, or null. */
  static Tlv find(List<Tlv> objects, int tag) {
    for (Tlv object : objects) {
      if (object.tag() == tag) {
        return object;
      }
    }
    return null;
  }
}
