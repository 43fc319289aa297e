package io.dmagent.notification;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One decoded package #0, either layout: the header fields, what the options said (DM 1.3 only) and
 * the two byte ranges the digest check needs: the digest as sent and the bytes it covers.
 */
record Notification(
    int version,
    UiMode uiMode,
    boolean serverInitiated,
    int sessionId,
    String serverId,
    List<String> requestedMos,
    Optional<String> connectReason,
    Optional<Instant> expiry,
    byte[] digest,
    byte[] covered) {
  Notification {
    Objects.requireNonNull(uiMode);
    Objects.requireNonNull(serverId);
    requestedMos = List.copyOf(requestedMos);
    Objects.requireNonNull(connectReason);
    Objects.requireNonNull(expiry);
    digest = digest.clone();
    covered = covered.clone();
  }

  /** The session id as package 1's SessionID: upper-case hex without leading zeros (§4.3). */
  String sessionIdHex() {
    return Integer.toHexString(sessionId).toUpperCase(java.util.Locale.ROOT);
  }

  @Override
  public byte[] digest() {
    return digest.clone();
  }

  @Override
  public byte[] covered() {
    return covered.clone();
  }

  @Override
  public String toString() {
    return "Notification[v" + version + ", " + uiMode + ", session " + sessionIdHex() + "]";
  }
}
