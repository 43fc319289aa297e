package io.dmagent.api.transport;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The server's answer: the binding's status (HTTP status for HTTP), its content type, headers
 * (names matched without regard to case) and body.
 */
public final class TransportResponse {
  private final int status;
  private final String contentType;
  private final Map<String, String> headers;
  private final byte[] body;

  public TransportResponse(
      int status, String contentType, Map<String, String> headers, byte[] body) {
    this.status = status;
    this.contentType = contentType;
    TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(headers);
    this.headers = h;
    this.body = Objects.requireNonNull(body).clone();
  }

  public int status() {
    return status;
  }

  /** The media type, if the server sent a DM or SyncML one. */
  public Optional<DmMediaType> mediaType() {
    return DmMediaType.fromContentType(contentType);
  }

  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)))
        .or(() -> Optional.ofNullable(headers.get(name)));
  }

  public byte[] body() {
    return body.clone();
  }

  @Override
  public String toString() {
    return "TransportResponse[" + status + ", " + contentType + ", " + body.length + " bytes]";
  }
}
