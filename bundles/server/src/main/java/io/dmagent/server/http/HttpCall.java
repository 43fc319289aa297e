package io.dmagent.server.http;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request as the endpoint read it: method, path (with query), headers, body, and the
 * client's address (for per-client bounds and log summaries; never for trust).
 */
public record HttpCall(
    String method, String target, Map<String, String> headers, byte[] body, String client) {
  public HttpCall {
    Objects.requireNonNull(method);
    Objects.requireNonNull(target);
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body);
    Objects.requireNonNull(client);
  }

  /** A request whose client address is not known (tests, calls made in the JVM). */
  public HttpCall(String method, String target, Map<String, String> headers, byte[] body) {
    this(method, target, headers, body, "unknown");
  }

  /** A header by its name in lower case. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The path without the query. */
  public String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  @Override
  public String toString() {
    return "HttpCall["
        + method
        + " "
        + io.dmagent.api.log.WireText.quote(path())
        + ", "
        + body.length
        + " bytes from "
        + client
        + "]";
  }
}
