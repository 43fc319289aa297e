package io.dmagent.api.push;

import java.util.Objects;

/**
 * One push as a binding received it: which binding ({@code http}, {@code sip}, {@code wap}, {@code
 * mqtt}), the content type it declared (a MIME type; a WSP code is turned into its MIME type by the
 * binding), the body, and where it came from (a peer address or a topic, for log lines only: it
 * proves nothing).
 */
public record PushMessage(String binding, String contentType, byte[] body, String origin) {
  public PushMessage {
    if (binding == null || binding.isEmpty()) {
      throw new IllegalArgumentException("a push needs the name of its binding");
    }
    Objects.requireNonNull(contentType);
    body = body.clone();
    Objects.requireNonNull(origin);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body's length, without copying it. */
  public int length() {
    return body.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PushMessage m
        && m.binding.equals(binding)
        && m.contentType.equals(contentType)
        && java.util.Arrays.equals(m.body, body)
        && m.origin.equals(origin);
  }

  @Override
  public int hashCode() {
    return Objects.hash(binding, contentType, java.util.Arrays.hashCode(body), origin);
  }

  @Override
  public String toString() {
    return "PushMessage[" + binding + ", " + contentType + ", " + body.length + " bytes]";
  }
}
