package io.dmagent.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * What the endpoint speaks over each accepted TCP connection: plain bytes, JSSE TLS, or TLS-PSK.
 * The handshake runs on the connection's worker thread, never on the acceptor.
 */
public interface ServerChannels {
  /** The streams of the connection after a successful handshake. */
  record Streams(InputStream in, OutputStream out) {}

  /** Sets up the channel; an IOException means the handshake failed and nothing was read. */
  Streams open(Socket tcp) throws IOException;

  /** The URI scheme devices reach this channel with: http or https. */
  String scheme();

  /** The one reason an operator should read for a failed {@link #open}. */
  default String failure(IOException e) {
    return String.valueOf(e.getMessage());
  }

  /**
   * What a connection the server will not serve (too many connections, from its address or in all)
   * is sent before it is closed, in the protocol the port speaks: an HTTP 503 on a plain port, a
   * fatal TLS alert ({@code internal_error}, sent in the clear before any handshake as TLS allows)
   * on a TLS port, where a client reading plaintext would see only a broken handshake.
   */
  default byte[] refusal() {
    // A TLS record: alert (21), record version TLS 1.2, length 2, fatal (2), internal_error (80).
    return new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x50};
  }

  /** Plain HTTP. */
  static ServerChannels plain() {
    return new ServerChannels() {
      @Override
      public Streams open(Socket tcp) throws IOException {
        return new Streams(tcp.getInputStream(), tcp.getOutputStream());
      }

      @Override
      public String scheme() {
        return "http";
      }

      @Override
      public byte[] refusal() {
        String body = "too many connections\n";
        return ("HTTP/1.1 503 Service Unavailable\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: "
                + body.length()
                + "\r\nRetry-After: 10\r\nConnection: close\r\n\r\n"
                + body)
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      }
    };
  }
}
