package io.dmagent.server.delegation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The sending side of the server-to-server delegation exchange: POSTs a sealed grant to the peer's
 * desk and reads back the peer's DM address.
 *
 * <p>The JDK's HTTP client is made at the first delegation, not with the server: it starts a
 * selector thread at once, which costs start-up time, and a JVM stopping with it parked in {@code
 * epoll_wait} took ~300 ms longer to exit. Most servers never delegate.
 */
public final class DelegationCourier {
  private HttpClient http; // guarded by this

  private synchronized HttpClient http() {
    if (http == null) {
      http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10))
              .build();
    }
    return http;
  }

  /**
   * Hands {@code sealed} to the desk at {@code desk}; returns the delegate's DM address for a grant
   * (empty answer for a revocation).
   *
   * @throws IOException when the peer cannot be reached or refuses (its status in the message)
   */
  public String send(URI desk, String sealed) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(desk)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(sealed, StandardCharsets.UTF_8))
            .build();
    HttpResponse<String> answer;
    try {
      answer = http().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while delegating to " + desk, e);
    }
    if (answer.statusCode() != 200) {
      throw new IOException(
          "peer " + desk + " refused the delegation: HTTP " + answer.statusCode());
    }
    return DelegationDesk.field(answer.body(), "address").orElse("");
  }
}
