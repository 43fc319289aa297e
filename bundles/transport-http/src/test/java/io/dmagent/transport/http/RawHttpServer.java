package io.dmagent.transport.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP peer whose answers a test scripts byte for byte, to show how the binding copes
 * with servers that misbehave. Each accepted connection is served on its own thread until the
 * script closes it or the test ends.
 */
final class RawHttpServer implements AutoCloseable {
  /** What to do with the n-th request (counted over all connections, from 0). */
  interface Script {
    /** The raw bytes to answer with; null closes the connection without answering. */
    byte[] answer(int index, String requestHead, byte[] body);
  }

  private final ServerSocket socket;
  private final Script script;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final List<String> heads = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  RawHttpServer(Script script) throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.script = script;
    this.acceptor = new Thread(this::acceptLoop, "raw-http-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static byte[] response(String status, String headers, String body) {
    return ("HTTP/1.1 " + status + "\r\n" + headers + "\r\n" + body)
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
  }

  int connections() {
    return connections.get();
  }

  List<String> requestHeads() {
    return heads;
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        open.add(s);
        connections.incrementAndGet();
        Thread t = new Thread(() -> serve(s), "raw-http-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      while (true) {
        String head = readHead(in);
        if (head == null) {
          return;
        }
        heads.add(head);
        byte[] body = in.readNBytes(contentLength(head));
        byte[] answer = script.answer(requests.getAndIncrement(), head, body);
        if (answer == null) {
          return;
        }
        out.write(answer);
        out.flush();
      }
    } catch (IOException e) {
      // The client went away: nothing to serve.
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    for (int c; (c = in.read()) >= 0; ) {
      head.write(c);
      state = (c == '\r' || c == '\n') ? state + 1 : 0;
      if (state == 4) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        return Integer.parseInt(line.substring(15).trim());
      }
    }
    return 0;
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
