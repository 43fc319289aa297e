package io.dmagent.server.bootstrap;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One DM-profile bootstrap message: the WBXML body, its SEC scheme (ProvBoot number) and its MAC
 * (HMAC-SHA1 over the body with the key of that scheme; empty when the message is not signed).
 */
public record BootstrapMessage(byte[] body, int sec, byte[] mac) {
  public static final String MIME = "application/vnd.syncml.dm+wbxml";

  public BootstrapMessage {
    body = body.clone();
    mac = mac.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public byte[] mac() {
    return mac.clone();
  }

  public boolean signed() {
    return mac.length > 0;
  }

  /** The MAC as 40 hexadecimal characters, as the content type carries it. */
  public String macHex() {
    return HexFormat.of().withUpperCase().formatHex(mac);
  }

  /** {@code application/vnd.syncml.dm+wbxml; SEC=1; MAC=...}. */
  public String signedContentType() {
    if (!signed()) {
      throw new IllegalStateException("the message is not signed");
    }
    return MIME + "; SEC=" + sec + "; MAC=" + macHex();
  }

  /** A strong ETag: the body's hash, so an unchanged message is recognised by the device. */
  public String etag() {
    try {
      byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is in every JDK", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BootstrapMessage m
        && Arrays.equals(m.body, body)
        && m.sec == sec
        && Arrays.equals(m.mac, mac);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(body), sec, Arrays.hashCode(mac));
  }

  @Override
  public String toString() {
    return "BootstrapMessage[" + body.length + " bytes, SEC=" + sec + "]";
  }
}
