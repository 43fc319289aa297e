package io.dmagent.server.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small HTTP/1.1 server for DM messages: POST with a Content-Length body, kept-alive connections,
 * TCP_NODELAY on every socket, every length a client controls bounded. Written here rather than
 * taken from the JDK ({@code com.sun.net.httpserver} leaves Nagle on unless a JVM-wide property is
 * set, and is not exported by Felix's system bundle) or from Jetty (a dozen bundles for one POST).
 * One thread a connection, from a bounded pool; a connection beyond the pool gets 503.
 */
public final class HttpEndpoint implements AutoCloseable {
  static final int MAX_LINE = 8 * 1024;
  static final int MAX_HEADERS = 100;

  private final ServerSocket listener;
  private final Function<HttpCall, HttpAnswer> handler;
  private final ServerChannels channels;
  private final Consumer<String> warn;
  private final int maxBody;
  private final int idleMillis;
  private final ThreadPoolExecutor workers;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;

  /**
   * Binds and starts accepting.
   *
   * @param maxBody the largest request body read; a larger one is answered 413 unread
   * @param idleMillis how long a kept-alive connection may sit idle before it is closed
   * @param maxConnections connections served at once
   */
  public HttpEndpoint(
      InetSocketAddress bind,
      int maxBody,
      int idleMillis,
      int maxConnections,
      Function<HttpCall, HttpAnswer> handler,
      Consumer<String> warn)
      throws IOException {
    this(bind, maxBody, idleMillis, maxConnections, ServerChannels.plain(), handler, warn);
  }

  /** Binds and starts accepting connections that speak {@code channels} (TLS, TLS-PSK). */
  public HttpEndpoint(
      InetSocketAddress bind,
      int maxBody,
      int idleMillis,
      int maxConnections,
      ServerChannels channels,
      Function<HttpCall, HttpAnswer> handler,
      Consumer<String> warn)
      throws IOException {
    this.handler = handler;
    this.channels = channels;
    this.warn = warn;
    this.maxBody = maxBody;
    this.idleMillis = idleMillis;
    this.listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(bind, 128);
    AtomicInteger n = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            0,
            maxConnections,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "dm-server-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.acceptor = new Thread(this::acceptLoop, "dm-server-accept-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The port bound (useful when 0 asked for any free one). */
  public int port() {
    return listener.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        if (!closed) {
          warn.accept("HTTP endpoint stopped accepting: " + e.getMessage());
        }
        return;
      }
      try {
        socket.setTcpNoDelay(true);
        open.add(socket);
        workers.execute(() -> serve(socket));
      } catch (RejectedExecutionException | IOException e) {
        refuseBusy(socket);
      }
    }
  }

  private void refuseBusy(Socket socket) {
    try (socket) {
      writeAnswer(
          new BufferedOutputStream(socket.getOutputStream()),
          HttpAnswer.text(503, "too many connections"),
          false);
    } catch (IOException ignored) {
      // The client is gone already.
    } finally {
      open.remove(socket);
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setSoTimeout(idleMillis);
      ServerChannels.Streams streams;
      try {
        streams = channels.open(socket);
      } catch (IOException e) {
        if (!closed) {
          warn.accept(
              "TLS handshake with "
                  + socket.getInetAddress().getHostAddress()
                  + " failed: "
                  + channels.failure(e));
          lingerForTheAlert(socket);
        }
        return;
      }
      InputStream in = new BufferedInputStream(streams.in());
      OutputStream out = new BufferedOutputStream(streams.out());
      while (!closed) {
        Request request;
        try {
          request = readRequest(in, out);
        } catch (BadRequest e) {
          warn.accept(
              "HTTP request from "
                  + socket.getInetAddress().getHostAddress()
                  + " refused: "
                  + e.getMessage());
          writeAnswer(out, HttpAnswer.text(e.status, e.getMessage()), false);
          return;
        }
        if (request == null) {
          return;
        }
        HttpAnswer answer;
        try {
          answer = handler.apply(request.call);
        } catch (RuntimeException e) {
          warn.accept("HTTP request " + request.call + " failed: " + e);
          answer = HttpAnswer.text(500, "internal error");
        }
        writeAnswer(out, answer, request.keepAlive);
        if (!request.keepAlive) {
          return;
        }
      }
    } catch (SocketTimeoutException | SocketException e) {
      // Idle keep-alive connection timed out, or the client closed it: nothing to report.
    } catch (IOException e) {
      if (!closed) {
        warn.accept("HTTP connection failed: " + e.getMessage());
      }
    } finally {
      open.remove(socket);
    }
  }

  /**
   * After a failed handshake the alert is on its way to the client; closing at once while the
   * client still writes its flight would reset the connection and lose the alert, leaving the
   * client a bare "broken pipe" instead of the reason.
   */
  private static void lingerForTheAlert(Socket socket) {
    try {
      socket.shutdownOutput();
      socket.setSoTimeout(1_000);
      socket.getInputStream().skip(64 * 1024);
    } catch (IOException ignored) {
      // The client is gone: nothing to wait for.
    }
  }

  private record Request(HttpCall call, boolean keepAlive) {}

  private static final class BadRequest extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;

    BadRequest(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  /** One request, or null when the client closed the connection between requests. */
  private Request readRequest(InputStream in, OutputStream out) throws IOException {
    String requestLine = readLine(in);
    if (requestLine == null) {
      return null;
    }
    String[] parts = requestLine.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      throw new BadRequest(400, "not an HTTP/1.x request line");
    }
    Map<String, String> headers = new HashMap<>();
    for (int count = 0; ; count++) {
      String line = readLine(in);
      if (line == null) {
        throw new BadRequest(400, "connection closed inside the header");
      }
      if (line.isEmpty()) {
        break;
      }
      if (count >= MAX_HEADERS) {
        throw new BadRequest(431, "more than " + MAX_HEADERS + " header lines");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new BadRequest(400, "malformed header line");
      }
      headers.merge(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim(),
          (a, b) -> a + ", " + b);
    }
    if (headers.containsKey("transfer-encoding")) {
      throw new BadRequest(411, "a DM message needs a Content-Length");
    }
    long length;
    try {
      length = Long.parseLong(headers.getOrDefault("content-length", "0"));
    } catch (NumberFormatException e) {
      throw new BadRequest(400, "bad Content-Length");
    }
    if (length < 0) {
      throw new BadRequest(400, "bad Content-Length");
    }
    if (length > maxBody) {
      throw new BadRequest(413, "message of " + length + " bytes exceeds " + maxBody);
    }
    if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
    byte[] body = in.readNBytes((int) length);
    if (body.length < length) {
      throw new BadRequest(400, "connection closed after " + body.length + " of " + length);
    }
    boolean http10 = parts[2].equals("HTTP/1.0");
    String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
    boolean keepAlive =
        !connection.contains("close") && (!http10 || connection.contains("keep-alive"));
    return new Request(new HttpCall(parts[0], parts[1], headers, body), keepAlive);
  }

  private static void writeAnswer(OutputStream out, HttpAnswer answer, boolean keepAlive)
      throws IOException {
    StringBuilder head = new StringBuilder(200);
    head.append("HTTP/1.1 ")
        .append(answer.status())
        .append(' ')
        .append(reason(answer.status()))
        .append("\r\n");
    head.append("Content-Type: ").append(answer.contentType()).append("\r\n");
    head.append("Content-Length: ").append(answer.body().length).append("\r\n");
    // DM messages are never to be cached or rewritten by a proxy (WBXML would break).
    head.append("Cache-Control: no-store, no-transform, private\r\n");
    answer.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    if (answer.status() == 405) {
      head.append("Allow: POST\r\n");
    }
    head.append(keepAlive ? "" : "Connection: close\r\n").append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(answer.body());
    out.flush();
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 411 -> "Length Required";
      case 413 -> "Payload Too Large";
      case 415 -> "Unsupported Media Type";
      case 431 -> "Request Header Fields Too Large";
      case 503 -> "Service Unavailable";
      default -> status >= 500 ? "Server Error" : "Status";
    };
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder(64);
    for (int c; (c = in.read()) >= 0; ) {
      if (c == '\n') {
        int len = line.length();
        return len > 0 && line.charAt(len - 1) == '\r'
            ? line.substring(0, len - 1)
            : line.toString();
      }
      if (line.length() >= MAX_LINE) {
        throw new BadRequest(431, "header line longer than " + MAX_LINE);
      }
      line.append((char) c);
    }
    if (line.length() == 0) {
      return null;
    }
    throw new BadRequest(400, "connection closed inside a header line");
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException ignored) {
      // Closing a listener that failed is all there is to do.
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException ignored) {
        // Already gone.
      }
    }
    workers.shutdownNow();
    try {
      acceptor.join(2_000);
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
