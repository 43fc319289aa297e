package io.dmagent.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.transport.ChannelSecurity;
import io.dmagent.api.transport.DmMediaType;
import io.dmagent.api.transport.TransportException;
import io.dmagent.api.transport.TransportException.Kind;
import io.dmagent.api.transport.TransportRequest;
import io.dmagent.api.transport.TransportResponse;
import io.dmagent.api.transport.TransportSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HttpTransportTest {
  private static final HttpLimits LIMITS =
      new HttpLimits(Duration.ofSeconds(5), Duration.ofSeconds(5), 64 * 1024, "DM Agent test");
  private final HttpTransport transport = new HttpTransport(LIMITS);

  private static byte[] ok(String contentType, String body) {
    return RawHttpServer.response(
        "200 OK",
        "Content-Type: " + contentType + "\r\nContent-Length: " + body.length() + "\r\n",
        body);
  }

  private static TransportRequest post(URI target, String body) {
    return TransportRequest.of(target, body.getBytes(StandardCharsets.UTF_8), DmMediaType.DM_XML);
  }

  @Test
  void posts_the_message_with_the_dm_headers_and_returns_the_answer() throws Exception {
    try (RawHttpServer server =
            new RawHttpServer(
                (i, head, body) ->
                    ok(
                        "application/vnd.syncml.dm+wbxml",
                        "answer:" + new String(body, StandardCharsets.UTF_8)));
        TransportSession session =
            transport.open(server.uri("/dm?dev=1"), ChannelSecurity.plaintext())) {
      TransportResponse response =
          session.exchange(
              new TransportRequest(
                  server.uri("/dm?dev=1"),
                  "<SyncML/>".getBytes(StandardCharsets.UTF_8),
                  DmMediaType.DM_XML,
                  Map.of("x-syncml-hmac", "algorithm=MD5, username=\"gw\", mac=abc")));

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.mediaType()).contains(DmMediaType.DM_WBXML);
      assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("answer:<SyncML/>");
      String head = server.requestHeads().get(0);
      assertThat(head)
          .startsWith("POST /dm?dev=1 HTTP/1.1\r\n")
          .contains("Content-Type: application/vnd.syncml.dm+xml\r\n")
          .contains("Content-Length: 9\r\n")
          .contains("Accept: application/vnd.syncml.dm+wbxml, application/vnd.syncml.dm+xml")
          .contains("Cache-Control: no-store, no-transform, private\r\n")
          .contains("Accept-Charset: utf-8\r\n")
          .contains("x-syncml-hmac: algorithm=MD5, username=\"gw\", mac=abc\r\n")
          .contains("Host: 127.0.0.1:");
    }
  }

  @Test
  void one_connection_carries_a_whole_session() throws Exception {
    try (RawHttpServer server =
            new RawHttpServer((i, head, body) -> ok("application/vnd.syncml.dm+xml", "pkg" + i));
        HttpSession session =
            (HttpSession) transport.open(server.uri("/"), ChannelSecurity.plaintext())) {
      for (int i = 0; i < 4; i++) {
        assertThat(
                new String(
                    session.exchange(post(server.uri("/"), "m" + i)).body(),
                    StandardCharsets.UTF_8))
            .isEqualTo("pkg" + i);
      }

      assertThat(session.connectionsOpened()).isEqualTo(1);
      assertThat(server.connections()).isEqualTo(1);
    }
  }

  @Test
  void the_next_session_with_the_same_server_starts_on_the_connection_the_last_one_left()
      throws Exception {
    try (RawHttpServer server =
        new RawHttpServer((i, head, body) -> ok("application/vnd.syncml.dm+xml", "pkg" + i))) {
      for (int s = 0; s < 3; s++) {
        try (TransportSession session =
            transport.open(server.uri("/"), ChannelSecurity.plaintext())) {
          session.exchange(post(server.uri("/"), "s" + s));
        }
      }

      assertThat(server.connections()).isEqualTo(1);
      assertThat(server.requestHeads()).hasSize(3);
      assertThat(transport.idleConnections()).isEqualTo(1);
    }
  }

  @Test
  void a_kept_connection_the_server_closed_between_sessions_is_replaced_transparently()
      throws Exception {
    // The server answers the first request and drops the connection at the second, unannounced.
    try (RawHttpServer server =
        new RawHttpServer(
            (i, head, body) -> i == 1 ? null : ok("application/vnd.syncml.dm+xml", "r" + i))) {
      try (TransportSession first = transport.open(server.uri("/"), ChannelSecurity.plaintext())) {
        first.exchange(post(server.uri("/"), "1"));
      }
      try (HttpSession second =
          (HttpSession) transport.open(server.uri("/"), ChannelSecurity.plaintext())) {
        TransportResponse answer = second.exchange(post(server.uri("/"), "2"));

        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("r2");
        assertThat(second.connectionsOpened()).isEqualTo(1);
        assertThat(server.connections()).isEqualTo(2);
      }
    }
  }

  @Test
  void with_keep_idle_zero_every_session_opens_its_own_connection() throws Exception {
    HttpTransport closing =
        new HttpTransport(
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            64 * 1024,
            "t",
            Duration.ZERO,
            TlsSettings.jdkDefaults(),
            line -> {});
    try (RawHttpServer server =
        new RawHttpServer((i, head, body) -> ok("application/vnd.syncml.dm+xml", "pkg" + i))) {
      for (int s = 0; s < 2; s++) {
        try (TransportSession session =
            closing.open(server.uri("/"), ChannelSecurity.plaintext())) {
          session.exchange(post(server.uri("/"), "s" + s));
        }
      }

      assertThat(server.connections()).isEqualTo(2);
      assertThat(closing.idleConnections()).isZero();
    }
  }

  @Test
  void closing_the_binding_closes_the_kept_connections() throws Exception {
    HttpTransport binding = new HttpTransport(LIMITS);
    try (RawHttpServer server =
        new RawHttpServer((i, head, body) -> ok("application/vnd.syncml.dm+xml", "pkg" + i))) {
      try (TransportSession session = binding.open(server.uri("/"), ChannelSecurity.plaintext())) {
        session.exchange(post(server.uri("/"), "s"));
      }
      assertThat(binding.idleConnections()).isEqualTo(1);

      binding.close();

      assertThat(binding.idleConnections()).isZero();
    }
  }

  @Test
  void a_session_closed_while_its_answer_is_awaited_closes_the_connection_instead_of_keeping_it()
      throws Exception {
    // The session engine closes a session whose exchange timed out while a thread still waits
    // for the answer: that connection is mid-exchange and must never carry the next session.
    CountDownLatch release = new CountDownLatch(1);
    try (RawHttpServer server =
        new RawHttpServer(
            (i, head, body) -> {
              if (i == 0) {
                awaitQuietly(release);
                return ok("application/vnd.syncml.dm+xml", "late");
              }
              return ok("application/vnd.syncml.dm+xml", "r" + i);
            })) {
      TransportSession abandoned = transport.open(server.uri("/"), ChannelSecurity.plaintext());
      CompletableFuture<TransportResponse> waiting =
          CompletableFuture.supplyAsync(() -> exchangeUnchecked(abandoned, server.uri("/"), "a"));
      awaitRequests(server, 1);

      abandoned.close();
      release.countDown();

      assertThat(transport.idleConnections()).isZero();
      assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(UncheckedIOException.class);
      try (TransportSession next = transport.open(server.uri("/"), ChannelSecurity.plaintext())) {
        TransportResponse answer = next.exchange(post(server.uri("/"), "b"));
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("r1");
      }
      assertThat(server.connections()).isEqualTo(2);
    }
  }

  @Test
  void a_session_closed_while_its_answer_is_awaited_on_a_kept_connection_sends_nothing_more()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (RawHttpServer server =
        new RawHttpServer(
            (i, head, body) -> {
              if (i == 1) {
                awaitQuietly(release);
                return null;
              }
              return ok("application/vnd.syncml.dm+xml", "r" + i);
            })) {
      try (TransportSession first = transport.open(server.uri("/"), ChannelSecurity.plaintext())) {
        first.exchange(post(server.uri("/"), "1"));
      }
      TransportSession abandoned = transport.open(server.uri("/"), ChannelSecurity.plaintext());
      CompletableFuture<TransportResponse> waiting =
          CompletableFuture.supplyAsync(() -> exchangeUnchecked(abandoned, server.uri("/"), "2"));
      awaitRequests(server, 2);

      abandoned.close();
      release.countDown();

      assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(UncheckedIOException.class);
      // Not sent again on a new connection once its session is closed.
      assertThat(server.connections()).isEqualTo(1);
      assertThat(server.requestHeads()).hasSize(2);
      assertThat(transport.idleConnections()).isZero();
    }
  }

  private static TransportResponse exchangeUnchecked(
      TransportSession session, URI target, String body) {
    try {
      return session.exchange(post(target, body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void awaitRequests(RawHttpServer server, int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (server.requestHeads().size() < count) {
      assertThat(System.nanoTime()).as("requests seen by the server").isLessThan(deadline);
      sleepQuietly(5);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void a_resp_uri_on_another_server_gets_its_own_connection() throws Exception {
    try (RawHttpServer first =
            new RawHttpServer((i, head, body) -> ok("application/vnd.syncml.dm+xml", "first"));
        RawHttpServer second =
            new RawHttpServer((i, head, body) -> ok("application/vnd.syncml.dm+xml", "second"));
        TransportSession session = transport.open(first.uri("/"), ChannelSecurity.plaintext())) {
      session.exchange(post(first.uri("/"), "1"));
      TransportResponse answer = session.exchange(post(second.uri("/session/42"), "2"));

      assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("second");
      assertThat(second.requestHeads().get(0)).startsWith("POST /session/42 HTTP/1.1");
    }
  }

  @Test
  void a_kept_alive_connection_the_server_dropped_is_replaced_once() throws Exception {
    // The server answers once per connection and then closes it without telling the client.
    try (RawHttpServer server =
            new RawHttpServer(
                (i, head, body) ->
                    i % 2 == 0 ? ok("application/vnd.syncml.dm+xml", "r" + i) : null);
        HttpSession session =
            (HttpSession) transport.open(server.uri("/"), ChannelSecurity.plaintext())) {
      session.exchange(post(server.uri("/"), "1"));
      TransportResponse second = session.exchange(post(server.uri("/"), "2"));

      assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("r2");
      assertThat(session.connectionsOpened()).isEqualTo(2);
    }
  }

  @Test
  void reads_a_chunked_answer() throws Exception {
    byte[] chunked =
        RawHttpServer.response(
            "200 OK",
            "Content-Type: application/vnd.syncml.dm+xml\r\nTransfer-Encoding: chunked\r\n",
            "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n");
    try (RawHttpServer server = new RawHttpServer((i, head, body) -> chunked);
        TransportSession session = transport.open(server.uri("/"), ChannelSecurity.plaintext())) {
      assertThat(
              new String(
                  session.exchange(post(server.uri("/"), "x")).body(), StandardCharsets.UTF_8))
          .isEqualTo("hello, world");
    }
  }

  @Test
  void an_answer_over_the_limit_is_refused_before_it_is_read() throws Exception {
    byte[] huge =
        RawHttpServer.response(
            "200 OK", "Content-Length: 104857600\r\n", "only a few bytes follow");
    try (RawHttpServer server = new RawHttpServer((i, head, body) -> huge);
        TransportSession session = transport.open(server.uri("/"), ChannelSecurity.plaintext())) {
      assertThatThrownBy(() -> session.exchange(post(server.uri("/"), "x")))
          .isInstanceOfSatisfying(
              TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE))
          .hasMessageContaining("104857600");
    }
  }

  @Test
  void a_chunked_answer_over_the_limit_is_refused() throws Exception {
    byte[] huge =
        RawHttpServer.response("200 OK", "Transfer-Encoding: chunked\r\n", "fffffff\r\nabc");
    try (RawHttpServer server = new RawHttpServer((i, head, body) -> huge);
        TransportSession session = transport.open(server.uri("/"), ChannelSecurity.plaintext())) {
      assertThatThrownBy(() -> session.exchange(post(server.uri("/"), "x")))
          .isInstanceOfSatisfying(
              TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE));
    }
  }

  @Test
  void a_silent_server_times_out() throws Exception {
    HttpTransport impatient =
        new HttpTransport(new HttpLimits(Duration.ofSeconds(5), Duration.ofMillis(200), 1024, "t"));
    try (RawHttpServer server =
            new RawHttpServer(
                (i, head, body) -> {
                  sleepQuietly(2_000);
                  return null;
                });
        TransportSession session = impatient.open(server.uri("/"), ChannelSecurity.plaintext())) {
      assertThatThrownBy(() -> session.exchange(post(server.uri("/"), "x")))
          .isInstanceOfSatisfying(
              TransportException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
                assertThat(e.isRetryable()).isTrue();
              });
    }
  }

  @Test
  void a_closed_port_is_a_retryable_connect_failure() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + port + "/dm");
    try (TransportSession session = transport.open(nowhere, ChannelSecurity.plaintext())) {
      assertThatThrownBy(() -> session.exchange(post(nowhere, "x")))
          .isInstanceOfSatisfying(
              TransportException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.CONNECT);
                assertThat(e.isRetryable()).isTrue();
              });
    }
  }

  @Test
  void garbage_instead_of_http_is_a_protocol_error() throws Exception {
    try (RawHttpServer server =
            new RawHttpServer(
                (i, head, body) ->
                    "SSH-2.0-OpenSSH_9.2\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        TransportSession session = transport.open(server.uri("/"), ChannelSecurity.plaintext())) {
      assertThatThrownBy(() -> session.exchange(post(server.uri("/"), "x")))
          .isInstanceOfSatisfying(
              TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PROTOCOL))
          .hasMessageContaining("not an HTTP status line");
    }
  }

  @Test
  void an_account_that_demands_tls_is_never_sent_over_plain_http() {
    assertThatThrownBy(
            () -> transport.open(URI.create("http://dm.example.net/dm"), ChannelSecurity.tls()))
        .isInstanceOfSatisfying(
            TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SECURITY))
        .hasMessageContaining("plain http");
  }

  @Test
  void other_schemes_are_not_http() {
    assertThatThrownBy(
            () -> transport.open(URI.create("obex://device"), ChannelSecurity.plaintext()))
        .isInstanceOfSatisfying(
            TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED));
  }

  @ParameterizedTest
  @EnumSource(
      value = DmMediaType.class,
      names = {"DM_XML", "DM_WBXML"})
  void the_content_type_names_the_encoding_of_the_body(DmMediaType type) throws Exception {
    try (RawHttpServer server =
            new RawHttpServer((i, head, body) -> ok(type.mimeType(), "answer"));
        TransportSession session = transport.open(server.uri("/"), ChannelSecurity.plaintext())) {
      session.exchange(TransportRequest.of(server.uri("/"), new byte[] {2, 0, 0, 0x6a}, type));

      assertThat(server.requestHeads().get(0))
          .contains("\r\nContent-Type: " + type.mimeType() + "\r\n")
          .contains("\r\nContent-Length: 4\r\n");
    }
  }

  @Test
  void every_message_names_the_agent_and_accepts_both_dm_encodings() throws Exception {
    try (RawHttpServer server =
            new RawHttpServer((i, head, body) -> ok("application/vnd.syncml.dm+xml", "a"));
        TransportSession session = transport.open(server.uri("/"), ChannelSecurity.plaintext())) {
      session.exchange(post(server.uri("/"), "1"));
      session.exchange(post(server.uri("/"), "2"));

      assertThat(server.requestHeads())
          .hasSize(2)
          .allSatisfy(
              head ->
                  assertThat(head)
                      .contains("\r\nUser-Agent: DM Agent test\r\n")
                      .contains(
                          "\r\nAccept: application/vnd.syncml.dm+wbxml,"
                              + " application/vnd.syncml.dm+xml,")
                      .contains("\r\nAccept-Charset: utf-8\r\n")
                      .contains("\r\nCache-Control: no-store, no-transform, private\r\n")
                      .doesNotContain("Expect:"));
    }
  }

  @Test
  void a_resp_uri_on_the_same_server_keeps_the_connection_and_posts_to_its_path() throws Exception {
    try (RawHttpServer server =
            new RawHttpServer((i, head, body) -> ok("application/vnd.syncml.dm+xml", "r" + i));
        HttpSession session =
            (HttpSession) transport.open(server.uri("/dm"), ChannelSecurity.plaintext())) {
      session.exchange(post(server.uri("/dm"), "pkg1"));
      session.exchange(post(server.uri("/dm/s/7f3a?x=1"), "pkg3"));

      assertThat(server.requestHeads().get(1)).startsWith("POST /dm/s/7f3a?x=1 HTTP/1.1\r\n");
      assertThat(session.connectionsOpened()).isEqualTo(1);
      assertThat(server.connections()).isEqualTo(1);
    }
  }

  @Test
  void a_server_that_closes_after_answering_gets_a_new_connection_for_the_next_message()
      throws Exception {
    byte[] closing =
        RawHttpServer.response(
            "200 OK",
            "Content-Type: application/vnd.syncml.dm+xml\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n",
            "ok");
    try (RawHttpServer server =
            new RawHttpServer(
                (i, head, body) ->
                    i == 0 ? closing : ok("application/vnd.syncml.dm+xml", "again"));
        HttpSession session =
            (HttpSession) transport.open(server.uri("/"), ChannelSecurity.plaintext())) {
      session.exchange(post(server.uri("/"), "1"));
      TransportResponse second = session.exchange(post(server.uri("/"), "2"));

      assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("again");
      assertThat(session.connectionsOpened()).isEqualTo(2);
    }
  }

  @Test
  void an_http_error_status_is_handed_to_the_session_engine_with_its_body() throws Exception {
    byte[] error =
        RawHttpServer.response(
            "503 Service Unavailable", "Content-Type: text/plain\r\nContent-Length: 4\r\n", "busy");
    try (RawHttpServer server = new RawHttpServer((i, head, body) -> error);
        TransportSession session = transport.open(server.uri("/"), ChannelSecurity.plaintext())) {
      TransportResponse response = session.exchange(post(server.uri("/"), "x"));

      assertThat(response.status()).isEqualTo(503);
      assertThat(response.mediaType()).isEmpty();
      assertThat(response.contentType()).contains("text/plain");
    }
  }

  @Test
  void timeouts_size_limit_and_user_agent_come_from_the_configuration() throws Exception {
    HttpTransport configured =
        new HttpTransport(config(200, 2048, "Gateway/2 DM Agent"), line -> {});
    // The answering server gets as long as a loaded machine needs: with 200 ms, its big answer
    // came too late under load and failed as a timeout instead of as too large.
    HttpTransport patient =
        new HttpTransport(config(30_000, 2048, "Gateway/2 DM Agent"), line -> {});
    byte[] big = RawHttpServer.response("200 OK", "Content-Length: 4096\r\n", "x".repeat(4096));
    try (RawHttpServer silent =
            new RawHttpServer(
                (i, head, body) -> {
                  sleepQuietly(2_000);
                  return null;
                });
        RawHttpServer bigAnswers = new RawHttpServer((i, head, body) -> big);
        TransportSession toSilent = configured.open(silent.uri("/"), ChannelSecurity.plaintext());
        TransportSession toBig = patient.open(bigAnswers.uri("/"), ChannelSecurity.plaintext())) {
      assertThatThrownBy(() -> toSilent.exchange(post(silent.uri("/"), "x")))
          .isInstanceOfSatisfying(
              TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
      assertThatThrownBy(() -> toBig.exchange(post(bigAnswers.uri("/"), "x")))
          .isInstanceOfSatisfying(
              TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE));
      assertThat(bigAnswers.requestHeads().get(0)).contains("User-Agent: Gateway/2 DM Agent\r\n");
    }
  }

  @Test
  void connections_are_opened_with_tcp_nodelay() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket socket =
            PlainConnector.openTcp("127.0.0.1", listener.getLocalPort(), Duration.ofSeconds(5))) {
      assertThat(socket.getTcpNoDelay()).isTrue();
    }
  }

  private static HttpTransportConfig config(int readTimeoutMillis, int maxBytes, String agent) {
    return new HttpTransportConfig() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return HttpTransportConfig.class;
      }

      @Override
      public int connectTimeoutMillis() {
        return 5_000;
      }

      @Override
      public int readTimeoutMillis() {
        return readTimeoutMillis;
      }

      @Override
      public int maxResponseBytes() {
        return maxBytes;
      }

      @Override
      public String userAgent() {
        return agent;
      }

      @Override
      public int keepIdleSeconds() {
        return 30;
      }

      @Override
      public String trustStore() {
        return "";
      }

      @Override
      public String trustStoreType() {
        return "PKCS12";
      }

      @Override
      public String trustStorePassword() {
        return "";
      }

      @Override
      public String keyStore() {
        return "";
      }

      @Override
      public String keyStoreType() {
        return "PKCS12";
      }

      @Override
      public String keyStorePassword() {
        return "";
      }

      @Override
      public String pskIdentity() {
        return "";
      }

      @Override
      public String pskKey() {
        return "";
      }
    };
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
