package io.dmagent.server.push;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;

/**
 * The WAP push binding: a connectionless WSP push PDU in one UDP datagram (WDP over UDP, no UDH):
 * {@code TID 0x06 headers-length content-type X-WAP-Application-Id body}, the content type as its
 * well-known short integer and the application id {@code 0xAF 0x87} (syncml.dm). WAP push has no
 * answer.
 */
public final class WapPushSender implements PushSender {
  private static final int PUSH_PDU = 0x06;
  private static final int APPLICATION_ID = 0xAF;
  private static final int SYNCML_DM = 0x87;
  private static final int MAX_DATAGRAM = 65_507;

  private final SecureRandom random = new SecureRandom();

  @Override
  public String send(PushAddress to, String devId, PushPayload payload) throws IOException {
    return sendPdu(to, pdu(random.nextInt(256), payload));
  }

  /**
   * Pushes {@code body} with a content type given as its encoded WSP value (e.g. the general form
   * with the SEC and MAC parameters of a signed bootstrap).
   */
  public String send(PushAddress to, byte[] contentTypeValue, byte[] body) throws IOException {
    return sendPdu(to, pdu(random.nextInt(256), contentTypeValue, body));
  }

  private static String sendPdu(PushAddress to, byte[] pdu) throws IOException {
    if (pdu.length > MAX_DATAGRAM) {
      throw new IOException("WSP push of " + pdu.length + " bytes fits no datagram");
    }
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.send(new DatagramPacket(pdu, pdu.length, new InetSocketAddress(to.host(), to.port())));
    }
    return "WSP push of " + pdu.length + " bytes sent (WAP push has no answer)";
  }

  /** The PDU's exact bytes. */
  static byte[] pdu(int tid, PushPayload payload) {
    return pdu(tid, new byte[] {(byte) (0x80 | payload.type().wspCode())}, payload.body());
  }

  /** The PDU's exact bytes for a content type already encoded as a WSP value. */
  static byte[] pdu(int tid, byte[] contentTypeValue, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tid);
    out.write(PUSH_PDU);
    // the content type and the application id header (2 bytes)
    out.writeBytes(uintvar(contentTypeValue.length + 2));
    out.writeBytes(contentTypeValue);
    out.write(APPLICATION_ID);
    out.write(SYNCML_DM);
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** WSP uintvar: 7 bits a byte, most significant first, the high bit set on all but the last. */
  public static byte[] uintvar(int value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int shift = 28;
    while (shift > 0 && (value >>> shift) == 0) {
      shift -= 7;
    }
    for (; shift > 0; shift -= 7) {
      out.write(0x80 | ((value >>> shift) & 0x7F));
    }
    out.write(value & 0x7F);
    return out.toByteArray();
  }
}
