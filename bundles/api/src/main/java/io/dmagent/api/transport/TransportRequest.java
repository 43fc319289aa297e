package io.dmagent.api.transport;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * One DM message on its way to the server: where to (the account's address or the last RespURI),
 * its bytes, its media type and extra headers of the binding (e.g. {@code x-syncml-hmac}).
 */
public record TransportRequest(
    URI target, byte[] body, DmMediaType mediaType, Map<String, String> headers) {
  public TransportRequest {
    Objects.requireNonNull(target);
    body = body.clone();
    Objects.requireNonNull(mediaType);
    headers = Map.copyOf(headers);
  }

  public static TransportRequest of(URI target, byte[] body, DmMediaType mediaType) {
    return new TransportRequest(target, body, mediaType, Map.of());
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** Never the body: it may hold credentials. */
  @Override
  public String toString() {
    return "TransportRequest[" + target + ", " + mediaType + ", " + body.length + " bytes]";
  }
}
