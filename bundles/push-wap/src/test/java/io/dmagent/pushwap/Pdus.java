package io.dmagent.pushwap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** WSP push PDUs and notifications built byte by byte, as the specification lays them out. */
final class Pdus {
  private Pdus() {}

  /**
   * The DM 1.2 notification of the example in protocol-wire.md section 4.5: a 16-octet digest, then
   * version 11, UI mode 1, initiator 0, session 0x1234, and the 18-octet server id.
   */
  static byte[] specNotification() {
    return concat(
        hex("8f3b701e832e41da5798d45a300ac28e"),
        hex("02D0000000123412"),
        "com.mgmtsrv.manage".getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The example's WSP part without the SMS user data header: TID 01, push 06, headers length 03,
   * content type C4 (0x44, DM 1.2 notification), X-WAP-Application-Id AF 87 (syncml.dm).
   */
  static byte[] specPdu() {
    return concat(hex("010603C4AF87"), specNotification());
  }

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  static byte[] text(String s) {
    return concat(s.getBytes(StandardCharsets.ISO_8859_1), new byte[] {0});
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /**
   * A push PDU with these headers (content type first) and body; the length a one-octet uintvar.
   */
  static byte[] pdu(byte[] headers, byte[] body) {
    return concat(new byte[] {0x2A, 0x06, (byte) headers.length}, headers, body);
  }
}
