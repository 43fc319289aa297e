package io.dmagent.pushsip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The binding's two listeners on free loopback ports, with a receiver and a log to look at. */
final class Binding implements AutoCloseable {
  static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

  final RecordingReceiver receiver = new RecordingReceiver();
  final List<String> log = new CopyOnWriteArrayList<>();
  final UdpListener udp;
  final TcpListener tcp;

  Binding(int maxMessageSize, int maxConnections, int idleTimeoutMillis) throws IOException {
    SipRequestHandler handler = new SipRequestHandler(receiver, 7, log::add);
    this.udp =
        new UdpListener(
            LOOPBACK,
            new DatagramRequests(handler, maxMessageSize, log::add),
            maxMessageSize,
            log::add);
    this.tcp =
        new TcpListener(
            LOOPBACK,
            socket ->
                new TcpConnection(socket, handler, maxMessageSize, idleTimeoutMillis, log::add),
            maxConnections,
            log::add);
  }

  Binding() throws IOException {
    this(65_507, 4, 2_000);
  }

  /** Sends one datagram; the answer, or null when none came within two seconds. */
  String udp(byte[] request) throws IOException {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      socket.setSoTimeout(2_000);
      socket.send(
          new DatagramPacket(
              request, request.length, InetAddress.getLoopbackAddress(), udp.port()));
      DatagramPacket answer = new DatagramPacket(new byte[4096], 4096);
      try {
        socket.receive(answer);
      } catch (java.net.SocketTimeoutException none) {
        return null;
      }
      return new String(answer.getData(), 0, answer.getLength(), StandardCharsets.ISO_8859_1);
    }
  }

  Socket connect() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), tcp.port());
    socket.setSoTimeout(5_000);
    return socket;
  }

  /** Reads one response (head up to CRLFCRLF; the binding's answers have no body). */
  static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      out.write(b);
      byte[] got = out.toByteArray();
      int n = got.length;
      if (n >= 4
          && got[n - 4] == '\r'
          && got[n - 3] == '\n'
          && got[n - 2] == '\r'
          && got[n - 1] == '\n') {
        return out.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return out.size() == 0 ? null : out.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws InterruptedException {
    udp.close();
    tcp.close();
  }
}
