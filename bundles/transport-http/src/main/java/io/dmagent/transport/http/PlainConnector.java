package io.dmagent.transport.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

/** Plain TCP, for accounts that chose plaintext explicitly (and for tests on loopback). */
final class PlainConnector implements Connector {
  @Override
  public Channel connect(URI server, Duration timeout) throws IOException {
    return new SocketChannel(openTcp(server.getHost(), port(server, defaultPort()), timeout));
  }

  @Override
  public int defaultPort() {
    return 80;
  }

  static Socket openTcp(String host, int port, Duration timeout) throws IOException {
    Socket socket = new Socket();
    try {
      // Without TCP_NODELAY every POST waits ~40 ms for the delayed ACK of the previous segment
      // (Nagle); under TLS each record is a segment of its own, so this matters even more there.
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), Math.toIntExact(timeout.toMillis()));
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  static int port(URI server, int defaultPort) {
    return server.getPort() > 0 ? server.getPort() : defaultPort;
  }

  /** host:port as log lines name a peer. */
  static String peer(URI server, int defaultPort) {
    return server.getHost() + ":" + port(server, defaultPort);
  }
}
