package io.dmagent.api.bootstrap;

import java.util.Arrays;
import java.util.Objects;

/**
 * One bootstrap message as a source got it: the source, its content type with the parameters that
 * carry its security ({@code application/vnd.syncml.dm+wbxml; SEC=0; MAC=4f2a...} or {@code
 * application/vnd.wap.connectivity-wbxml; SEC=1; MAC=...}), the body, where it came from (a file
 * name, a reader and card, a URL, a peer address: for log lines and for telling one card from
 * another, it proves nothing), and whether the channel itself authenticated its sender (a TLS
 * server checked against the trust store, a card in a local reader).
 */
public record BootstrapMessage(
    BootstrapSource source,
    String contentType,
    byte[] body,
    String origin,
    boolean channelAuthenticated) {

  public BootstrapMessage {
    Objects.requireNonNull(source);
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
    return o instanceof BootstrapMessage m
        && m.source == source
        && m.contentType.equals(contentType)
        && Arrays.equals(m.body, body)
        && m.origin.equals(origin)
        && m.channelAuthenticated == channelAuthenticated;
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, contentType, Arrays.hashCode(body), origin, channelAuthenticated);
  }

  @Override
  public String toString() {
    return "BootstrapMessage[" + source + ", " + contentType + ", " + body.length + " bytes]";
  }
}
