package io.dmagent.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sessionless reports POSTed to the JDK's HTTP server on loopback: 2xx is the acknowledgement. */
class HttpReportChannelTest {
  private static final byte[] ENVELOPE =
      "x-syncml-hmac: algorithm=MD5, username=\"gw42\", mac=abc\r\nx-dm-timestamp: 1\r\n\r\n<SyncML/>"
          .getBytes(StandardCharsets.US_ASCII);
  private HttpServer server;
  private final AtomicInteger status = new AtomicInteger(204);
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  /**
   * Waits as long as a loaded machine may need for the server's thread to answer: with a short read
   * timeout, a 204 or a 503 came too late under load and failed as a timeout instead.
   */
  private final HttpReportChannel channel = channel(Duration.ofSeconds(30));

  /** For the server that never answers: its timeout is what the test is about, so it is short. */
  private final HttpReportChannel impatient = channel(Duration.ofMillis(500));

  private static HttpReportChannel channel(Duration readTimeout) {
    return new HttpReportChannel(
        new HttpTransport(Duration.ofSeconds(30), readTimeout, 65536, "test"));
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/dm/reports",
        exchange -> {
          contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
          bodies.add(exchange.getRequestBody().readAllBytes());
          if (status.get() == 0) {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          exchange.sendResponseHeaders(Math.max(status.get(), 200), -1);
          exchange.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private URI address() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/dm/reports");
  }

  @Test
  void posts_the_envelope_with_the_dm_message_type_and_returns_on_2xx() throws IOException {
    channel.deliver(address(), "application/vnd.syncml.dm+xml", ENVELOPE);

    assertThat(contentTypes).containsExactly("application/vnd.syncml.dm+xml");
    assertThat(bodies).singleElement().isEqualTo(ENVELOPE);
  }

  @Test
  void any_other_status_is_not_an_acknowledgement() {
    status.set(503);

    assertThatThrownBy(() -> channel.deliver(address(), "application/vnd.syncml.dm+xml", ENVELOPE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("503");
  }

  @Test
  void no_answer_in_time_is_not_an_acknowledgement() {
    status.set(0);

    assertThatThrownBy(
            () -> impatient.deliver(address(), "application/vnd.syncml.dm+wbxml", ENVELOPE))
        .isInstanceOf(IOException.class);
  }

  @Test
  void carries_http_and_https() {
    assertThat(channel.schemes()).containsExactlyInAnyOrder("http", "https");
  }
}
