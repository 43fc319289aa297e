package io.dmagent.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What the endpoint sends back: an HTTP status, a Content-Type, a body and extra headers (the
 * server's {@code x-syncml-hmac}).
 */
public record HttpAnswer(
    int status, String contentType, byte[] body, java.util.Map<String, String> headers) {
  public HttpAnswer {
    Objects.requireNonNull(contentType);
    Objects.requireNonNull(body);
    headers = java.util.Map.copyOf(headers);
  }

  public HttpAnswer(int status, String contentType, byte[] body) {
    this(status, contentType, body, java.util.Map.of());
  }

  /** A plain-text refusal; the text names the problem, never the request's content. */
  public static HttpAnswer text(int status, String text) {
    return new HttpAnswer(
        status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
