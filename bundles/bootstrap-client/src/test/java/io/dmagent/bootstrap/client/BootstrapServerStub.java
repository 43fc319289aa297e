package io.dmagent.bootstrap.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP(S) server on the loopback playing a DM Bootstrap Server: it answers GETs from a queue
 * of scripted answers (the last one repeats) and records each request's URI and If-None-Match.
 */
final class BootstrapServerStub implements AutoCloseable {
  /** One scripted answer; an empty ETag sends none. */
  record Answer(int status, byte[] body, String contentType, Optional<String> etag) {
    static Answer of(int status) {
      return new Answer(status, new byte[0], "text/plain", Optional.empty());
    }

    static Answer message(byte[] body, Optional<String> etag) {
      return new Answer(200, body, "application/vnd.syncml.dm+wbxml", etag);
    }
  }

  /** What the server was asked. */
  record Request(URI uri, Optional<String> ifNoneMatch) {}

  private final HttpServer server;
  private final ConcurrentLinkedDeque<Answer> answers = new ConcurrentLinkedDeque<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();

  private BootstrapServerStub(HttpServer server) {
    this.server = server;
    server.createContext("/", this::handle);
    server.start();
  }

  static BootstrapServerStub https(KeyStore keys) throws Exception {
    KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    f.init(keys, TestPki.PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(f.getKeyManagers(), null, null);
    HttpsServer s =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.setHttpsConfigurator(new HttpsConfigurator(context));
    return new BootstrapServerStub(s);
  }

  static BootstrapServerStub http() throws Exception {
    return new BootstrapServerStub(
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
  }

  BootstrapServerStub answer(Answer... next) {
    answers.addAll(List.of(next));
    return this;
  }

  URI url(String scheme) {
    return URI.create(scheme + "://localhost:" + server.getAddress().getPort() + "/bootstrap");
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.add(
        new Request(
            exchange.getRequestURI(),
            Optional.ofNullable(exchange.getRequestHeaders().getFirst("If-None-Match"))));
    Answer a = answers.size() > 1 ? answers.poll() : answers.peek();
    if (a == null) {
      a = Answer.of(404);
    }
    if (a.etag().isPresent()
        && a.etag().get().equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
      exchange.sendResponseHeaders(304, -1);
      exchange.close();
      return;
    }
    exchange.getResponseHeaders().add("Content-Type", a.contentType());
    a.etag().ifPresent(e -> exchange.getResponseHeaders().add("ETag", e));
    exchange.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(a.body());
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
