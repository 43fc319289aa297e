package io.dmagent.server.push;

import io.dmagent.api.log.WireText;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SIP push binding (RFC 3261): a {@code MESSAGE sip:<DevId>@<host>:<port>} request whose body
 * is the payload, over UDP (retransmitted at T1 = 500 ms doubling, as a non-INVITE transaction) or
 * TCP; the answer is the first final response (1xx are skipped).
 */
public final class SipPushSender implements PushSender {
  private static final int T1_MILLIS = 500;
  private static final int MAX_DATAGRAM = 65_507;

  private final String serverId;
  private final Duration timeout;
  private final SecureRandom random = new SecureRandom();

  public SipPushSender(String serverId, Duration timeout) {
    this.serverId = serverId;
    this.timeout = timeout;
  }

  @Override
  public String send(PushAddress to, String devId, PushPayload payload) throws IOException {
    return to.transport().equals("tcp") ? tcp(to, devId, payload) : udp(to, devId, payload);
  }

  private String udp(PushAddress to, String devId, PushPayload payload) throws IOException {
    InetSocketAddress peer = new InetSocketAddress(to.host(), to.port());
    try (DatagramSocket socket = new DatagramSocket()) {
      // Connected: the local address is the one the route to the device uses, right for Via.
      socket.connect(peer);
      String callId = token();
      String via = socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
      byte[] request = request(to, devId, payload, "UDP", via, callId);
      if (request.length > MAX_DATAGRAM) {
        throw new IOException("SIP request of " + request.length + " bytes fits no datagram");
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      int wait = T1_MILLIS;
      byte[] buffer = new byte[MAX_DATAGRAM];
      socket.send(new DatagramPacket(request, request.length, peer));
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          throw new IOException(
              "no SIP answer from " + to + " within " + timeout.toMillis() + " ms");
        }
        socket.setSoTimeout((int) Math.min(wait, left));
        DatagramPacket in = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(in);
        } catch (SocketTimeoutException e) {
          socket.send(new DatagramPacket(request, request.length, peer));
          wait = Math.min(wait * 2, 4000);
          continue;
        }
        String status =
            finalStatus(new ByteArrayInputStream(in.getData(), 0, in.getLength()), callId);
        if (status != null) {
          return status;
        }
      }
    }
  }

  private String tcp(PushAddress to, String devId, PushPayload payload) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(to.host(), to.port()), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      String callId = token();
      String via = socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
      socket.getOutputStream().write(request(to, devId, payload, "TCP", via, callId));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      while (true) {
        String status = finalStatus(in, callId);
        if (status != null) {
          return status;
        }
      }
    }
  }

  /** The request's exact bytes. */
  byte[] request(
      PushAddress to,
      String devId,
      PushPayload payload,
      String transport,
      String via,
      String callId) {
    String target = "sip:" + userPart(devId) + "@" + to.uri().getAuthority();
    byte[] body = payload.body();
    String head =
        "MESSAGE "
            + target
            + " SIP/2.0\r\n"
            + "Via: SIP/2.0/"
            + transport
            + " "
            + via
            + ";branch=z9hG4bK"
            + token()
            + ";rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:"
            + userPart(serverId)
            + "@"
            + via
            + ">;tag="
            + token()
            + "\r\n"
            + "To: <"
            + target
            + ">\r\n"
            + "Call-ID: "
            + callId
            + "\r\n"
            + "CSeq: 1 MESSAGE\r\n"
            + "Content-Type: "
            + payload.type().mimeType()
            + "\r\n"
            + "Content-Length: "
            + body.length
            + "\r\n\r\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(body);
    return out.toByteArray();
  }

  /**
   * The response's status as {@code SIP <code> <reason>} when it is final and of this transaction;
   * null for a provisional one or another's (its body is skipped).
   */
  private static String finalStatus(InputStream stream, String callId) throws IOException {
    BoundedReader in = new BoundedReader(stream);
    String status = in.line();
    if (status == null) {
      throw new IOException("SIP peer closed the connection without an answer");
    }
    if (!status.startsWith("SIP/2.0 ")) {
      throw new IOException("not a SIP response: " + WireText.quote(status, 100));
    }
    String[] parts = status.split(" ", 3);
    int code;
    try {
      code = Integer.parseInt(parts[1]);
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      throw new IOException("SIP status line without a code: " + WireText.quote(status, 100));
    }
    boolean ours = false;
    int length = 0;
    String retryAfter = "";
    for (String line = in.line(); line != null && !line.isEmpty(); line = in.line()) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      switch (name) {
        case "call-id", "i" -> ours = value.equals(callId);
        case "content-length", "l" -> length = Math.max(0, Integer.parseInt(value));
        case "retry-after" -> retryAfter = value;
        default -> {}
      }
    }
    stream.skipNBytes(Math.min(length, BoundedReader.MAX_HEAD));
    if (!ours || code < 200) {
      return null;
    }
    return "SIP "
        + code
        + (parts.length > 2 ? " " + WireText.quote(parts[2], 100) : "")
        + (retryAfter.isEmpty() ? "" : ", Retry-After " + WireText.quote(retryAfter, 40));
  }

  /** RFC 3261 user part: unreserved and user-unreserved characters, the rest %-escaped. */
  static String userPart(String value) {
    StringBuilder s = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-_.!~*'()&=+$,;?/".indexOf(c) >= 0) {
        s.append(c);
      } else {
        s.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
      }
    }
    return s.toString();
  }

  private String token() {
    byte[] b = new byte[8];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
