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
    };
  }
}
