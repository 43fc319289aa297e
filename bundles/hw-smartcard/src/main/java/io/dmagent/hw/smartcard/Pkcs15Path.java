package io.dmagent.hw.smartcard;

import java.util.HexFormat;
import java.util.List;

/**
 * A PKCS#15 {@code Path}: {@code SEQUENCE { efidOrPath OCTET STRING, index INTEGER OPTIONAL, length
 * [0] INTEGER OPTIONAL }}. A path starting with 3F00 is absolute (from the MF); any other is
 * relative to the PKCS#15 application's DF. Index and length, when present, name a part of the
 * file.
 */
record Pkcs15Path(byte[] path, int index, int length) {
  static final int WHOLE_FILE = -1;
  private static final int MAX_PATH_BYTES = 16;

  static Pkcs15Path parse(Tlv sequence) throws CardDataException {
    if (sequence.tag() != 0x30) {
      throw new CardDataException(String.format("a Path is a SEQUENCE, not %X", sequence.tag()));
    }
    List<Tlv> fields = sequence.children();
    if (fields.isEmpty() || fields.get(0).tag() != 0x04) {
      throw new CardDataException("a Path without its OCTET STRING");
    }
    byte[] path = fields.get(0).value();
    if (path.length < 2 || path.length > MAX_PATH_BYTES || path.length % 2 != 0) {
      throw new CardDataException("a Path of " + path.length + " bytes");
    }
    Tlv index = BerTlv.find(fields, 0x02);
    Tlv length = BerTlv.find(fields, 0x80);
    if ((index == null) != (length == null)) {
      throw new CardDataException("a Path with an index and no length, or the reverse");
    }
    if (index == null) {
      return new Pkcs15Path(path, 0, WHOLE_FILE);
    }
    return new Pkcs15Path(path, index.unsignedValue(), length.unsignedValue());
  }

  boolean absolute() {
    return (path[0] & 0xFF) == 0x3F && path[1] == 0x00;
  }

  /** The path as SELECT by path from the MF wants it: without the leading 3F00. */
  byte[] fromMf() throws CardDataException {
    if (path.length == 2) {
      throw new CardDataException("the Path names the MF itself");
    }
    return java.util.Arrays.copyOfRange(path, 2, path.length);
  }

  @Override
  public String toString() {
    return HexFormat.of().withUpperCase().formatHex(path)
        + (length == WHOLE_FILE ? "" : " [" + index + "+" + length + "]");
  }
}
