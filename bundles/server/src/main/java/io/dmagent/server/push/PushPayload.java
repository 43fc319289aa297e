package io.dmagent.server.push;

import io.dmagent.api.push.PushContentType;
import java.util.Objects;

/** What a push carries: a package #0 or a sessionless envelope, and its content type. */
public record PushPayload(PushContentType type, byte[] body) {
  public PushPayload {
    Objects.requireNonNull(type);
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public String toString() {
    return type.mimeType() + ", " + body.length + " bytes";
  }
}
