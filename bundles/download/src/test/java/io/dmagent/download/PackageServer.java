package io.dmagent.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP server on loopback serving one package with an ETag and byte ranges, which can drop
 * the connection part-way, stall, answer an error status, or change the package between requests.
 */
final class PackageServer implements AutoCloseable {
  static {
    // The JDK's server leaves Nagle on: every exchange would stall ~40 ms (DEPENDENCIES.md).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private volatile byte[] content;
  private volatile String etag = "\"v1\"";
  private final AtomicInteger dropsLeft = new AtomicInteger();
  private volatile long dropAfter = -1;
  private volatile int status = 200;
  private final CountDownLatch stall = new CountDownLatch(1);
  private volatile long stallAfter = -1;
  final List<String> ranges = new CopyOnWriteArrayList<>();
  final List<String> ifRanges = new CopyOnWriteArrayList<>();

  PackageServer(byte[] content) throws IOException {
    this(content, null);
  }

  /** Over HTTPS with {@code tls}'s certificate when it is not null. */
  PackageServer(byte[] content, SSLContext tls) throws IOException {
    this.content = content;
    InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (tls == null) {
      server = HttpServer.create(any, 0);
    } else {
      HttpsServer https = HttpsServer.create(any, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
    }
    server.createContext("/pkg", this::serve);
    server.setExecutor(pool);
    server.start();
  }

  URI uri() {
    return URI.create(
        (server instanceof HttpsServer ? "https" : "http")
            + "://127.0.0.1:"
            + server.getAddress().getPort()
            + "/pkg/dmagent-fumo.jar");
  }

  /** The next {@code times} answers stop after {@code bytes} bytes of the body. */
  PackageServer dropAfter(long bytes, int times) {
    dropAfter = bytes;
    dropsLeft.set(times);
    return this;
  }

  /** Answers stop sending at byte {@code bytes} of the package until {@link #close()}. */
  PackageServer stallAfter(long bytes) {
    stallAfter = bytes;
    return this;
  }

  PackageServer status(int status) {
    this.status = status;
    return this;
  }

  /** A new version of the package under a new ETag. */
  PackageServer replace(byte[] newContent) {
    content = newContent;
    etag = "\"v" + System.nanoTime() + "\"";
    return this;
  }

  int requests() {
    return ranges.size();
  }

  private void serve(HttpExchange exchange) throws IOException {
    String range = exchange.getRequestHeaders().getFirst("Range");
    String ifRange = exchange.getRequestHeaders().getFirst("If-Range");
    ranges.add(String.valueOf(range));
    ifRanges.add(String.valueOf(ifRange));
    if (status != 200) {
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
      return;
    }
    byte[] body = content;
    long start = 0;
    Matcher m = range == null ? null : RANGE.matcher(range);
    exchange.getResponseHeaders().set("ETag", etag);
    if (m != null && m.matches() && (ifRange == null || ifRange.equals(etag))) {
      start = Long.parseLong(m.group(1));
      if (start >= body.length) {
        exchange.getResponseHeaders().set("Content-Range", "bytes */" + body.length);
        exchange.sendResponseHeaders(416, -1);
        exchange.close();
        return;
      }
      exchange
          .getResponseHeaders()
          .set("Content-Range", "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
      exchange.sendResponseHeaders(206, body.length - start);
    } else {
      exchange.sendResponseHeaders(200, body.length);
    }
    send(exchange, body, (int) start);
  }

  private void send(HttpExchange exchange, byte[] body, int start) throws IOException {
    OutputStream out = exchange.getResponseBody();
    int end = body.length;
    boolean drop = dropAfter >= 0 && dropsLeft.getAndDecrement() > 0;
    if (drop) {
      end = (int) Math.min(end, start + dropAfter);
    }
    if (stallAfter >= 0) {
      end = (int) Math.min(end, Math.max(start, stallAfter));
    }
    for (int i = start; i < end; i += 8192) {
      out.write(body, i, Math.min(8192, end - i));
    }
    out.flush();
    if (stallAfter >= 0) {
      awaitQuietly();
    }
    if (drop || stallAfter >= 0) {
      // Closing the exchange short of the announced length makes the server drop the connection.
      throw new IOException("connection dropped on purpose");
    }
    out.close();
  }

  private void awaitQuietly() {
    try {
      stall.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stall.countDown();
    server.stop(0);
    pool.shutdownNow();
  }
}
