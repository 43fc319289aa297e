package io.dmagent.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** What the endpoint sends back: an HTTP status, a Content-Type and a body. */
public record HttpAnswer(int status, String contentType, byte[] body) {
  public HttpAnswer {
    Objects.requireNonNull(contentType);
    Objects.requireNonNull(body);
  }

  /** A plain-text refusal; the text names the problem, never the request's content. */
  public static HttpAnswer text(int status, String text) {
    return new HttpAnswer(
        status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
