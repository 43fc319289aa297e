package io.dmagent.server.push;

import io.dmagent.api.log.WireText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLSocketFactory;

/**
 * The HTTP push binding: {@code POST} of the payload to the device's push URL with its MIME type as
 * {@code Content-Type}; the answer is the device's status and its {@code X-DM-Push-Reason}.
 * HTTP/1.1 on one connection that is closed afterwards; https through the JVM's trust store.
 */
public final class HttpPushSender implements PushSender {
  private final Duration timeout;

  public HttpPushSender(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public String send(PushAddress to, String devId, PushPayload payload) throws IOException {
    boolean tls = to.transport().equals("https");
    int port = to.port() >= 0 ? to.port() : tls ? 443 : 80;
    try (Socket socket = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket()) {
      socket.connect(new InetSocketAddress(to.host(), port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(request(to, port, payload));
      out.flush();
      return answer(new BoundedReader(socket.getInputStream()));
    }
  }

  /** The request's exact bytes. */
  static byte[] request(PushAddress to, int port, PushPayload payload) {
    String path =
        to.uri().getRawPath() == null || to.uri().getRawPath().isEmpty()
            ? "/"
            : to.uri().getRawPath();
    if (to.uri().getRawQuery() != null) {
      path += "?" + to.uri().getRawQuery();
    }
    byte[] body = payload.body();
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\n"
            + "Host: "
            + to.uri().getHost()
            + ":"
            + port
            + "\r\n"
            + "Content-Type: "
            + payload.type().mimeType()
            + "\r\n"
            + "Content-Length: "
            + body.length
            + "\r\n"
            + "Connection: close\r\n"
            + "\r\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static String answer(BoundedReader in) throws IOException {
    String status = in.line();
    if (status == null || !status.startsWith("HTTP/1.")) {
      throw new IOException("no HTTP answer: " + WireText.quote(String.valueOf(status), 100));
    }
    String reason = "";
    for (String line = in.line(); line != null && !line.isEmpty(); line = in.line()) {
      int colon = line.indexOf(':');
      if (colon > 0
          && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("x-dm-push-reason")) {
        reason = line.substring(colon + 1).trim();
      }
    }
    return "HTTP "
        + WireText.quote(status.substring(status.indexOf(' ') + 1), 100)
        + (reason.isEmpty() ? "" : ", reason " + WireText.quote(reason, 200));
  }
}
