package io.dmagent.transport.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;

/** A channel that is a socket: plain TCP or a JSSE TLS socket. */
final class SocketChannel implements Channel {
  private final Socket socket;
  private final Optional<String> refusalHint;

  SocketChannel(Socket socket) {
    this(socket, Optional.empty());
  }

  SocketChannel(Socket socket, Optional<String> refusalHint) {
    this.socket = socket;
    this.refusalHint = refusalHint;
  }

  @Override
  public Optional<String> refusalHint() {
    return refusalHint;
  }

  @Override
  public InputStream in() throws IOException {
    return socket.getInputStream();
  }

  @Override
  public OutputStream out() throws IOException {
    return socket.getOutputStream();
  }

  @Override
  public void readTimeout(Duration timeout) throws IOException {
    socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
