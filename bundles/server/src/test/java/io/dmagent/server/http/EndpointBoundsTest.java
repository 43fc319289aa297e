package io.dmagent.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.log.RefusalLog;
import io.dmagent.server.tls.DemoCertificates;
import io.dmagent.server.tls.ServerTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint's bounds against raw loopback sockets: a client that dribbles bytes is cut off by
 * the head deadline however often it sends, one address cannot take every worker, a TLS port
 * refuses in TLS, and the bodies held at once are bounded.
 */
class EndpointBoundsTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new ArrayList<>();
  private HttpEndpoint endpoint;

  @TempDir Path dir;

  private HttpEndpoint start(EndpointLimits limits, ServerChannels channels) throws IOException {
    endpoint =
        new HttpEndpoint(
            new InetSocketAddress(LOOPBACK, 0),
            limits,
            channels,
            call -> new HttpAnswer(200, "text/plain", "ok".getBytes(StandardCharsets.UTF_8)),
            warnings::add,
            RefusalLog.standard(warnings::add, Clock.systemUTC()));
    return endpoint;
  }

  private static EndpointLimits limits() {
    return EndpointLimits.defaults(64 * 1024).withIdle(Duration.ofSeconds(20));
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    if (endpoint != null) {
      endpoint.close();
    }
  }

  /** A connection from {@code from} (any 127.x.y.z address reaches the loopback on Linux). */
  private Socket connect(String from) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
    s.connect(new InetSocketAddress(LOOPBACK, endpoint.port()));
    s.setSoTimeout(5_000);
    sockets.add(s);
    return s;
  }

  private static void send(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private static String readAll(Socket s) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    InputStream in = s.getInputStream();
    byte[] buffer = new byte[1024];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        got.write(buffer, 0, n);
        if (got.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
          break;
        }
      }
    } catch (SocketTimeoutException e) {
      // What came is what there is.
    }
    return got.toString(StandardCharsets.ISO_8859_1);
  }

  private static String post(String body) {
    return "POST /dm HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
  }

  /**
   * Waits for a warning: the server writes it after it has closed the socket, so the client may see
   * the close first.
   */
  private void awaitWarning(String part) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (warnings.stream().noneMatch(w -> w.contains(part)) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(warnings).anyMatch(w -> w.contains(part));
  }

  /** Sends one byte every 200 ms until the server closes; how long that took. */
  private static Duration dribbleUntilClosed(Socket s, Duration atMost) throws Exception {
    long start = System.nanoTime();
    s.setSoTimeout(200);
    while (System.nanoTime() - start < atMost.toNanos()) {
      try {
        send(s, "X");
        if (s.getInputStream().read() < 0) {
          break;
        }
      } catch (SocketTimeoutException e) {
        continue; // still open: dribble on
      } catch (IOException e) {
        break; // reset: closed
      }
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Test
  void a_client_dribbling_its_request_head_is_cut_off_at_the_head_deadline() throws Exception {
    start(limits().withHeadDeadline(Duration.ofSeconds(1)), ServerChannels.plain());
    Socket slow = connect("127.0.0.1");
    send(slow, "POST /dm HTTP/1.1\r\nX-Slow: ");

    Duration held = dribbleUntilClosed(slow, Duration.ofSeconds(8));

    assertThat(held).isBetween(Duration.ofMillis(800), Duration.ofSeconds(4));
    awaitWarning("127.0.0.1 closed: the request head not complete in time");
  }

  @Test
  void a_kept_alive_connection_dribbling_its_next_head_is_cut_off_too() throws Exception {
    start(limits().withHeadDeadline(Duration.ofSeconds(1)), ServerChannels.plain());
    Socket s = connect("127.0.0.1");
    send(s, post("one"));
    assertThat(readAll(s)).startsWith("HTTP/1.1 200 ");
    send(s, "POST /dm HTTP/1.1\r\nX-Slow: ");

    assertThat(dribbleUntilClosed(s, Duration.ofSeconds(8))).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void a_kept_alive_connection_idle_past_its_limit_is_closed_without_a_log_line() throws Exception {
    start(limits().withIdle(Duration.ofMillis(500)), ServerChannels.plain());
    Socket s = connect("127.0.0.1");
    send(s, post("one"));

    String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    assertThat(all).startsWith("HTTP/1.1 200 ").endsWith("\r\n\r\nok");
    assertThat(warnings).isEmpty();
  }

  @Test
  void one_address_gets_its_share_of_connections_and_others_are_still_served() throws Exception {
    start(limits().withMaxPerAddress(2), ServerChannels.plain());
    connect("127.0.0.2");
    connect("127.0.0.2");
    Thread.sleep(200);

    Socket third = connect("127.0.0.2");
    String refused = readAll(third);
    Socket other = connect("127.0.0.1");
    send(other, post("hello"));

    assertThat(refused).startsWith("HTTP/1.1 503 ").contains("Retry-After: ");
    assertThat(readAll(other)).startsWith("HTTP/1.1 200 ");
    assertThat(warnings)
        .anyMatch(
            w -> w.equals("connection from 127.0.0.2 refused: more than 2 connections from it"));
  }

  @Test
  void a_tls_port_refuses_with_a_tls_alert_not_plaintext() throws Exception {
    char[] password = "changeit".toCharArray();
    Path store = dir.resolve("server.p12");
    DemoCertificates.ensure(store, dir.resolve("ca.p12"), password);
    start(
        limits().withMaxConnections(1),
        ServerTls.https(ServerTls.load(store, "PKCS12", password), password));
    connect("127.0.0.1"); // takes the only worker, sitting in its handshake
    Thread.sleep(200);

    Socket raw = connect("127.0.0.1");
    byte[] alert = raw.getInputStream().readNBytes(7);
    SSLSocket tls =
        (SSLSocket)
            SSLContext.getDefault().getSocketFactory().createSocket(LOOPBACK, endpoint.port());
    sockets.add(tls);
    tls.setSoTimeout(5_000);

    assertThat(alert).containsExactly(0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x50);
    assertThatThrownBy(tls::startHandshake)
        .isInstanceOf(SSLException.class)
        .hasMessageContaining("internal_error");
  }

  @Test
  void bodies_held_at_once_are_bounded_and_the_excess_waits_then_gets_503() throws Exception {
    start(limits().withMaxBuffered(128 * 1024), ServerChannels.plain());
    String bigHead = "POST /dm HTTP/1.1\r\nHost: x\r\nContent-Length: 65536\r\n\r\n";
    Socket a = connect("127.0.0.1");
    Socket b = connect("127.0.0.1");
    send(a, bigHead + "partial");
    send(b, bigHead + "partial");
    Thread.sleep(300);

    Socket c = connect("127.0.0.1");
    send(c, bigHead);
    String third = readAll(c);
    a.close();
    Socket d = connect("127.0.0.1");
    send(d, post("small"));

    assertThat(third).startsWith("HTTP/1.1 503 ");
    assertThat(readAll(d)).startsWith("HTTP/1.1 200 ");
  }
}
