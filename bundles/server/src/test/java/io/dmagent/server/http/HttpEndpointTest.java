package io.dmagent.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.log.RefusalLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server's HTTP layer against raw loopback sockets: what a client sends byte for byte. */
class HttpEndpointTest {
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final List<HttpCall> calls = new CopyOnWriteArrayList<>();
  private HttpEndpoint endpoint;

  private HttpEndpoint start(int maxBody) throws IOException {
    return start(
        EndpointLimits.defaults(maxBody).withIdle(Duration.ofSeconds(5)).withMaxConnections(4),
        ServerChannels.plain());
  }

  private HttpEndpoint start(EndpointLimits limits, ServerChannels channels) throws IOException {
    endpoint =
        new HttpEndpoint(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            limits,
            channels,
            call -> {
              calls.add(call);
              if (call.path().equals("/boom")) {
                throw new IllegalStateException("handler bug");
              }
              return new HttpAnswer(
                  200,
                  "application/vnd.syncml.dm+xml",
                  ("echo:" + new String(call.body(), StandardCharsets.UTF_8))
                      .getBytes(StandardCharsets.UTF_8));
            },
            warnings::add,
            RefusalLog.standard(warnings::add, java.time.Clock.systemUTC()));
    return endpoint;
  }

  @AfterEach
  void stop() {
    if (endpoint != null) {
      endpoint.close();
    }
  }

  private Socket connect() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), endpoint.port());
    s.setSoTimeout(5_000);
    return s;
  }

  private static String post(String path, String body, String extraHeaders) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/vnd.syncml.dm+xml\r\n"
        + "Content-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n"
        + extraHeaders
        + "\r\n"
        + body;
  }

  /** Reads one response: head and Content-Length body. */
  private static String response(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    for (int c; state < 4 && (c = in.read()) >= 0; ) {
      head.write(c);
      state = (c == '\r' || c == '\n') ? state + 1 : 0;
    }
    String h = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : h.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    return h + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static void send(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Test
  void answers_a_post_with_content_length_and_no_cache_headers() throws Exception {
    start(1024);
    try (Socket s = connect()) {
      send(s, post("/dm?x=1", "<SyncML/>", ""));
      String answer = response(s.getInputStream());

      assertThat(answer)
          .startsWith("HTTP/1.1 200 OK\r\n")
          .contains("Content-Type: application/vnd.syncml.dm+xml\r\n")
          .contains("Content-Length: 14\r\n")
          .contains("Cache-Control: no-store, no-transform, private\r\n")
          .doesNotContain("Connection: close")
          .endsWith("echo:<SyncML/>");
      assertThat(calls.get(0).path()).isEqualTo("/dm");
      assertThat(calls.get(0).target()).isEqualTo("/dm?x=1");
      assertThat(calls.get(0).header("content-type")).contains("application/vnd.syncml.dm+xml");
    }
  }

  @Test
  void a_kept_alive_connection_carries_several_messages() throws Exception {
    start(1024);
    try (Socket s = connect()) {
      for (int i = 0; i < 3; i++) {
        send(s, post("/dm", "m" + i, ""));
        assertThat(response(s.getInputStream())).endsWith("echo:m" + i);
      }
    }
    assertThat(calls).hasSize(3);
  }

  @Test
  void connection_close_is_honoured() throws Exception {
    start(1024);
    try (Socket s = connect()) {
      send(s, post("/dm", "bye", "Connection: close\r\n"));
      assertThat(response(s.getInputStream())).contains("Connection: close\r\n");
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void expect_100_continue_is_answered_before_the_body_is_read() throws Exception {
    start(1024);
    try (Socket s = connect()) {
      String head =
          "POST /dm HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n";
      send(s, head);
      assertThat(new String(s.getInputStream().readNBytes(25), StandardCharsets.ISO_8859_1))
          .isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
      send(s, "ok");
      assertThat(response(s.getInputStream())).endsWith("echo:ok");
    }
  }

  @Test
  void a_body_over_the_limit_is_refused_unread_with_413() throws Exception {
    start(16);
    try (Socket s = connect()) {
      send(
          s,
          "POST /dm HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\nonly a little follows");
      assertThat(response(s.getInputStream())).startsWith("HTTP/1.1 413 ").contains("exceeds 16");
    }
    assertThat(calls).isEmpty();
    assertThat(warnings).anyMatch(w -> w.contains("refused") && w.contains("104857600"));
  }

  @Test
  void a_chunked_body_gets_411() throws Exception {
    start(1024);
    try (Socket s = connect()) {
      send(
          s,
          "POST /dm HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n");
      assertThat(response(s.getInputStream())).startsWith("HTTP/1.1 411 ");
    }
    assertThat(calls).isEmpty();
  }

  @Test
  void garbage_and_endless_header_lines_are_refused_and_the_server_keeps_serving()
      throws Exception {
    start(1024);
    try (Socket s = connect()) {
      send(s, "\u0016\u0003\u0001 not http at all\r\n\r\n");
      assertThat(response(s.getInputStream())).startsWith("HTTP/1.1 400 ");
    }
    try (Socket s = connect()) {
      send(s, "POST /dm HTTP/1.1\r\nX-Long: " + "a".repeat(9000) + "\r\n\r\n");
      assertThat(response(s.getInputStream())).startsWith("HTTP/1.1 431 ");
    }
    try (Socket s = connect()) {
      StringBuilder many = new StringBuilder("POST /dm HTTP/1.1\r\n");
      for (int i = 0; i < 150; i++) {
        many.append("X-").append(i).append(": v\r\n");
      }
      send(s, many + "\r\n");
      assertThat(response(s.getInputStream())).startsWith("HTTP/1.1 431 ");
    }
    try (Socket s = connect()) {
      send(s, post("/dm", "still here", ""));
      assertThat(response(s.getInputStream())).endsWith("echo:still here");
    }
    assertThat(warnings).hasSize(3);
  }

  @Test
  void a_failing_handler_gives_500_and_a_log_line_not_a_dead_server() throws Exception {
    start(1024);
    try (Socket s = connect()) {
      send(s, post("/boom", "x", ""));
      assertThat(response(s.getInputStream())).startsWith("HTTP/1.1 500 ");
      send(s, post("/dm", "y", ""));
      assertThat(response(s.getInputStream())).endsWith("echo:y");
    }
    assertThat(warnings).anyMatch(w -> w.contains("handler bug"));
  }

  @Test
  void a_client_that_hangs_up_mid_body_costs_nothing_but_a_log_line() throws Exception {
    start(1024);
    try (Socket s = connect()) {
      send(s, "POST /dm HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nshort");
      s.shutdownOutput();
      assertThat(response(s.getInputStream())).startsWith("HTTP/1.1 400 ");
    }
    assertThat(calls).isEmpty();
  }
}
