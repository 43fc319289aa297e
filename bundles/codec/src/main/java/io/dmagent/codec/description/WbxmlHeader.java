package io.dmagent.codec.description;

import io.dmagent.api.tree.DmException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The WBXML document header: version, public identifier, charset and string table.
 *
 * <p>Reading is {@link WbxmlMarkup}'s. Writing is ours because kxml2 writes public id 0x01
 * ("unknown") and version 1.3. DM DDF has no registered numeric public id (libwbxml and the DM
 * specifications agree), so we write the textual form: public id 0 followed by the string table
 * index of {@value #FPI}, WBXML version 1.2 and charset UTF-8, as libwbxml does.
 */
final class WbxmlHeader {
  static final String FPI = "-//OMA//DTD-DM-DDF 1.2//EN";
  static final int VERSION_1_2 = 0x02;
  static final int UTF_8 = 106;

  private WbxmlHeader() {}

  /**
   * Prefixes our header to kxml2's output without its header, which is the string table (length and
   * bytes) followed by the body. The public id goes at the end of the string table, so the body's
   * string references stay valid.
   */
  static byte[] write(byte[] tableAndBody) throws DmException {
    Bytes in = new Bytes(tableAndBody);
    int tableLength = in.mbUint();
    byte[] fpi = (FPI + '\0').getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream out = new ByteArrayOutputStream(tableAndBody.length + fpi.length + 8);
    out.write(VERSION_1_2);
    out.write(0);
    writeMbUint(out, tableLength);
    writeMbUint(out, UTF_8);
    writeMbUint(out, tableLength + fpi.length);
    out.write(tableAndBody, in.position(), tableLength);
    out.write(fpi, 0, fpi.length);
    out.write(
        tableAndBody,
        in.position() + tableLength,
        tableAndBody.length - in.position() - tableLength);
    return out.toByteArray();
  }

  static void writeMbUint(ByteArrayOutputStream out, int value) {
    int shift = 28;
    while (shift > 0 && (value >>> shift) == 0) {
      shift -= 7;
    }
    for (; shift > 0; shift -= 7) {
      out.write(0x80 | ((value >>> shift) & 0x7F));
    }
    out.write(value & 0x7F);
  }

  /** A bounds-checked cursor over the header bytes. */
  static final class Bytes {
    private final byte[] data;
    private int position;

    Bytes(byte[] data) {
      this.data = data;
    }

    int next() throws DmException {
      if (position >= data.length) {
        throw Refusals.malformed("WBXML document ends inside its header");
      }
      return data[position++] & 0xFF;
    }

    /** A WBXML mb_u_int32: at most 5 bytes, 7 bits each, most significant first. */
    int mbUint() throws DmException {
      long value = 0;
      for (int i = 0; i < 5; i++) {
        int b = next();
        value = (value << 7) | (b & 0x7F);
        if ((b & 0x80) == 0) {
          if (value > Integer.MAX_VALUE) {
            throw Refusals.malformed("WBXML integer out of range");
          }
          return (int) value;
        }
      }
      throw Refusals.malformed("WBXML integer longer than 5 bytes");
    }

    int position() {
      return position;
    }

    int remaining() {
      return data.length - position;
    }
  }
}
