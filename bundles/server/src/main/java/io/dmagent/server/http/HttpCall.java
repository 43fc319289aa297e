package io.dmagent.server.http;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One HTTP request as the endpoint read it: method, path (with query), headers and body. */
public record HttpCall(String method, String target, Map<String, String> headers, byte[] body) {
  public HttpCall {
    Objects.requireNonNull(method);
    Objects.requireNonNull(target);
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body);
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
    return "HttpCall[" + method + " " + path() + ", " + body.length + " bytes]";
  }
}
