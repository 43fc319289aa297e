package io.dmagent.pushsip;

import static io.dmagent.pushsip.SipRequests.ascii;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.push.PushMessage;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pushes over TCP connections: Content-Length framing, several requests, every read bounded. */
class SipPushOverTcpTest {
  private Binding binding;

  @BeforeEach
  void listen() throws Exception {
    binding = new Binding();
  }

  @AfterEach
  void stop() throws Exception {
    binding.close();
  }

  @Test
  void several_requests_on_one_connection_are_answered_in_order() throws Exception {
    byte[] first = SipRequests.binaryBody();
    byte[] second = {0, 0, 13, 10, 13, 10};
    try (Socket socket = binding.connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(ascii("\r\n\r\n")); // a keep-alive first
      out.write(SipRequests.message(first));
      out.write(SipRequests.bare("OPTIONS"));
      out.write(SipRequests.message(second));
      out.flush();
      InputStream in = socket.getInputStream();

      assertThat(Binding.readAnswer(in)).startsWith("SIP/2.0 202 Accepted\r\n");
      assertThat(Binding.readAnswer(in)).startsWith("SIP/2.0 200 OK\r\n");
      assertThat(Binding.readAnswer(in)).startsWith("SIP/2.0 202 Accepted\r\n");
    }
    assertThat(binding.receiver.received)
        .extracting(PushMessage::body)
        .containsExactly(first, second);
    assertThat(binding.receiver.received.get(0).origin()).startsWith("tcp:127.0.0.1:");
  }

  @Test
  void a_request_split_across_many_writes_is_read_whole() throws Exception {
    byte[] request = SipRequests.message(SipRequests.binaryBody());
    try (Socket socket = binding.connect()) {
      socket.setTcpNoDelay(true);
      for (byte b : request) {
        socket.getOutputStream().write(b);
        socket.getOutputStream().flush();
      }

      assertThat(Binding.readAnswer(socket.getInputStream())).startsWith("SIP/2.0 202 Accepted");
    }
    assertThat(binding.receiver.received.get(0).body()).isEqualTo(SipRequests.binaryBody());
  }

  @Test
  void a_request_without_content_length_is_answered_400_and_the_connection_closed()
      throws Exception {
    try (Socket socket = binding.connect()) {
      socket
          .getOutputStream()
          .write(
              ascii(
                  SipRequests.head(
                      "MESSAGE", "Content-Type: " + SipRequests.NOTIFICATION + "\r\n\r\nabc")));
      InputStream in = socket.getInputStream();

      assertThat(Binding.readAnswer(in)).startsWith("SIP/2.0 400 Bad Request\r\n");
      assertThat(in.read()).isEqualTo(-1);
    }
    assertThat(binding.receiver.received).isEmpty();
    assertThat(binding.log).singleElement().asString().contains("without Content-Length");
  }

  @Test
  void a_negative_content_length_is_answered_400() throws Exception {
    assertThat(
            exchange(
                SipRequests.head(
                    "MESSAGE",
                    "Content-Type: "
                        + SipRequests.NOTIFICATION
                        + "\r\nContent-Length: -1\r\n\r\n")))
        .startsWith("SIP/2.0 400 Bad Request\r\n");
    assertThat(binding.receiver.received).isEmpty();
  }

  @Test
  void a_body_over_the_receivers_limit_is_answered_413_without_being_read() throws Exception {
    binding.receiver.maxMessageSize = 100;

    String answer =
        exchange(
            SipRequests.head(
                "MESSAGE",
                "Content-Type: "
                    + SipRequests.NOTIFICATION
                    + "\r\nContent-Length: 999999999\r\n\r\n"));

    assertThat(answer).startsWith("SIP/2.0 413 Request Entity Too Large\r\n");
    assertThat(binding.receiver.received).isEmpty();
  }

  @Test
  void a_content_length_that_lies_reaches_nothing_and_the_listener_serves_on() throws Exception {
    try (Socket socket = binding.connect()) {
      byte[] request = SipRequests.message(SipRequests.binaryBody());
      socket.getOutputStream().write(request, 0, request.length - 10);
      socket.shutdownOutput();

      assertThat(ended(socket)).isTrue();
    }
    assertThat(binding.receiver.received).isEmpty();
    assertThat(awaitLog("but the connection closed after 54 body bytes")).isTrue();

    assertThat(
            exchange(
                new String(
                    SipRequests.bare("OPTIONS"), java.nio.charset.StandardCharsets.ISO_8859_1)))
        .startsWith("SIP/2.0 200 OK");
  }

  @Test
  void headers_beyond_the_bound_are_answered_513_and_the_connection_closed() throws Exception {
    try (Socket socket = binding.connect()) {
      socket
          .getOutputStream()
          .write(ascii(SipRequests.head("MESSAGE", "X-Pad: " + "a".repeat(100_000) + "\r\n\r\n")));
      InputStream in = socket.getInputStream();

      assertThat(Binding.readAnswer(in)).startsWith("SIP/2.0 513 Message Too Large\r\n");
    }
    assertThat(binding.receiver.received).isEmpty();
  }

  @Test
  void garbage_is_dropped_with_the_connection() throws Exception {
    try (Socket socket = binding.connect()) {
      socket.getOutputStream().write(ascii("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));

      assertThat(ended(socket)).isTrue();
    }
    assertThat(awaitLog("dropped")).isTrue();
  }

  @Test
  void a_silent_connection_is_closed_after_the_idle_timeout() throws Exception {
    binding.close();
    binding = new Binding(65_507, 4, 300);
    try (Socket socket = binding.connect()) {
      long start = System.nanoTime();

      assertThat(ended(socket)).isTrue();
      assertThat(System.nanoTime() - start).isLessThan(4_000_000_000L);
    }
  }

  @Test
  void a_request_trickling_slower_than_the_timeout_is_cut_off() throws Exception {
    binding.close();
    binding = new Binding(65_507, 4, 300);
    try (Socket socket = binding.connect()) {
      OutputStream out = socket.getOutputStream();
      boolean closed = false;
      for (int i = 0; i < 40 && !closed; i++) {
        try {
          out.write('M');
          out.flush();
          Thread.sleep(100);
        } catch (java.io.IOException reset) {
          closed = true;
        }
      }
      socket.setSoTimeout(2_000);
      assertThat(closed || socket.getInputStream().read() == -1).isTrue();
    } catch (java.net.SocketException reset) {
      // closed by the binding while we wrote: what the test wants
    }
    assertThat(awaitLog("slower than the idle timeout")).isTrue();
  }

  @Test
  void connections_beyond_the_cap_are_closed_at_once() throws Exception {
    try (Socket a = binding.connect();
        Socket b = binding.connect();
        Socket c = binding.connect();
        Socket d = binding.connect()) {
      // four held open: the cap
      assertThat(awaitOpen(a, b, c, d)).isTrue();
      try (Socket fifth = binding.connect()) {
        assertThat(ended(fifth)).isTrue();
      }
      assertThat(awaitLog("all connections in use")).isTrue();
    }
  }

  @Test
  void closing_frees_the_port_and_ends_open_connections() throws Exception {
    int port = binding.tcp.port();
    try (Socket open = binding.connect()) {
      binding.close();

      assertThat(ended(open)).isTrue();
      try (ServerSocket again = new ServerSocket()) {
        again.setReuseAddress(true);
        again.bind(new java.net.InetSocketAddress("127.0.0.1", port));
        assertThat(again.getLocalPort()).isEqualTo(port);
      }
    }
  }

  /**
   * True when the connection is over: closed (end of stream) or reset (a connection still in the
   * backlog when the server socket closed is reset, not closed).
   */
  private static boolean ended(Socket socket) throws java.io.IOException {
    try {
      return socket.getInputStream().read() == -1;
    } catch (java.net.SocketException reset) {
      return true;
    }
  }

  private String exchange(String request) throws Exception {
    try (Socket socket = binding.connect()) {
      socket.getOutputStream().write(ascii(request));
      return Binding.readAnswer(socket.getInputStream());
    }
  }

  /** The connections are each answered by the binding: an OPTIONS on each gets its 200. */
  private static boolean awaitOpen(Socket... sockets) throws Exception {
    for (Socket s : sockets) {
      s.getOutputStream().write(SipRequests.bare("OPTIONS"));
      if (!String.valueOf(Binding.readAnswer(s.getInputStream())).startsWith("SIP/2.0 200")) {
        return false;
      }
    }
    return true;
  }

  private boolean awaitLog(String part) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (binding.log.stream().anyMatch(line -> line.contains(part))) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }
}
