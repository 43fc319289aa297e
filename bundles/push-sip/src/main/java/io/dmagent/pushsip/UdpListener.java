package io.dmagent.pushsip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.function.Consumer;

/**
 * The UDP side: one thread reads datagrams of at most the configured size (one byte more, to see an
 * oversize one) and sends each answer back to the datagram's source, the address that sent it.
 */
final class UdpListener implements AutoCloseable {
  private static final int MAX_DATAGRAM = 65_507;
  private static final int RECEIVE_BUFFER = 1 << 20;

  private final DatagramSocket socket;
  private final DatagramRequests requests;
  private final int bufferSize;
  private final Consumer<String> log;
  private final Thread thread;

  UdpListener(
      InetSocketAddress address,
      DatagramRequests requests,
      int maxMessageSize,
      Consumer<String> log)
      throws SocketException {
    this.socket = new DatagramSocket(address);
    // Room for about 0.1 s of a 10,000 a second flood while this thread waits for a core: the
    // default (about 200 KB, some 200 datagrams) drops pushes after 20 ms. The kernel caps it.
    socket.setReceiveBufferSize(RECEIVE_BUFFER);
    this.requests = requests;
    this.bufferSize = Math.min(maxMessageSize, MAX_DATAGRAM) + 1;
    this.log = log;
    this.thread = new Thread(this::serve, "dm-push-sip-udp-" + port());
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  String endpoint() {
    return "udp://" + socket.getLocalAddress().getHostAddress() + ":" + port();
  }

  private void serve() {
    byte[] buffer = new byte[bufferSize];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
        String origin = "udp:" + packet.getAddress().getHostAddress() + ":" + packet.getPort();
        byte[] answer = requests.answer(buffer, packet.getLength(), origin).orElse(null);
        if (answer != null) {
          socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
        }
      } catch (IOException e) {
        if (!socket.isClosed()) {
          log.accept("SIP over UDP: " + e.getMessage());
        }
      }
    }
  }

  /** Closes the socket (the port is free at once) and waits for the thread to end. */
  @Override
  public void close() throws InterruptedException {
    socket.close();
    thread.join(5_000);
  }
}
