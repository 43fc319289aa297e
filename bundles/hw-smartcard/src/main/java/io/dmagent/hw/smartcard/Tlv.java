package io.dmagent.hw.smartcard;

import java.util.Arrays;
import java.util.List;

/**
 * One BER-TLV data object of card data: its tag (the tag bytes as one number, e.g. {@code 0xA7},
 * {@code 0x5F2D}) and its value, a view on the bytes it was parsed from.
 */
record Tlv(int tag, byte[] source, int valueOffset, int valueLength) {

  /** Bit 6 of the first tag byte: the value is itself a list of data objects. */
  boolean constructed() {
    int first = tag;
    while (first > 0xFF) {
      first >>>= 8;
    }
    return (first & 0x20) != 0;
  }

  byte[] value() {
    return Arrays.copyOfRange(source, valueOffset, valueOffset + valueLength);
  }

  /** The data objects inside a constructed one. */
  List<Tlv> children() throws CardDataException {
    if (!constructed()) {
      throw new CardDataException(String.format("data object %X is not constructed", tag));
    }
    return BerTlv.parse(source, valueOffset, valueLength);
  }

  /** The value as an unsigned big-endian number (INTEGER, offsets, sizes up to 4 bytes). */
  int unsignedValue() throws CardDataException {
    if (valueLength < 1 || valueLength > 4) {
      throw new CardDataException(
          String.format("data object %X holds %d bytes, not a number", tag, valueLength));
    }
    long number = 0;
    for (int i = 0; i < valueLength; i++) {
      number = (number << 8) | (source[valueOffset + i] & 0xFF);
    }
    if (number > Integer.MAX_VALUE) {
      throw new CardDataException(String.format("data object %X: number too large", tag));
    }
    return (int) number;
  }
}
