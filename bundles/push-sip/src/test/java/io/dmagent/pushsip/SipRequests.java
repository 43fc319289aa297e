package io.dmagent.pushsip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** SIP requests as a server would send them, built byte by byte. */
final class SipRequests {
  static final String NOTIFICATION = "application/vnd.syncml.notification";

  private SipRequests() {}

  /** A package #0 look-alike: NUL bytes, high bytes and a CRLFCRLF inside the body. */
  static byte[] binaryBody() {
    byte[] body = new byte[64];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) (i * 37);
    }
    body[10] = '\r';
    body[11] = '\n';
    body[12] = '\r';
    body[13] = '\n';
    return body;
  }

  static String head(String method, String extra) {
    return method
        + " sip:IMEI:493005100592800@127.0.0.1:5060 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK776asdhds\r\n"
        + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKnashds8\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:dmserver@example.com>;tag=49583\r\n"
        + "To: <sip:IMEI:493005100592800@127.0.0.1>\r\n"
        + "Call-ID: a84b4c76e66710@dmserver\r\n"
        + "CSeq: 314159 "
        + method
        + "\r\n"
        + extra;
  }

  /** A request with a body, its Content-Type and a true Content-Length. */
  static byte[] withBody(String method, String contentType, byte[] body, String extra) {
    return join(
        head(
            method,
            extra
                + "Content-Type: "
                + contentType
                + "\r\nContent-Length: "
                + body.length
                + "\r\n\r\n"),
        body);
  }

  static byte[] message(byte[] body) {
    return withBody("MESSAGE", NOTIFICATION, body, "");
  }

  static byte[] bare(String method) {
    return ascii(head(method, "Content-Length: 0\r\n\r\n"));
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] join(String head, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ascii(head));
    out.writeBytes(body);
    return out.toByteArray();
  }
}
