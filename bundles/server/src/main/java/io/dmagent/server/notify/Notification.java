package io.dmagent.server.notify;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one package #0 says, before it is encoded: the fields of both layouts. DM 1.2 carries the
 * header and {@code vendor} bytes; DM 1.3 carries the header and the options (requested MOs by
 * registry index, connect reason, preferred bearer, vendor info, expiry).
 *
 * @param version the version field (12 or 13; 11 for the DM 1.2 text's example)
 * @param sessionId 0 to 0xFFFF: the device's SessionID of the session it starts
 * @param vendor DM 1.2 only: the bytes after the server identifier
 */
public record Notification(
    int version,
    UiMode uiMode,
    boolean serverInitiated,
    int sessionId,
    String serverId,
    byte[] vendor,
    List<Integer> requestedMos,
    Optional<String> connectReason,
    Optional<Integer> preferredBearer,
    Optional<String> vendorInfo,
    Optional<Instant> expiry) {
  public Notification {
    if (version < 0 || version > 0x3FF) {
      throw new IllegalArgumentException("version is 10 bits: " + version);
    }
    if (sessionId < 0 || sessionId > 0xFFFF) {
      throw new IllegalArgumentException("session id is 16 bits: " + sessionId);
    }
    Objects.requireNonNull(uiMode);
    Objects.requireNonNull(serverId);
    vendor = vendor.clone();
    requestedMos = List.copyOf(requestedMos);
    Objects.requireNonNull(connectReason);
    Objects.requireNonNull(preferredBearer);
    Objects.requireNonNull(vendorInfo);
    Objects.requireNonNull(expiry);
  }

  /** A server-initiated notification with no options and no vendor bytes. */
  public static Notification of(int version, UiMode uiMode, int sessionId, String serverId) {
    return new Notification(
        version,
        uiMode,
        true,
        sessionId,
        serverId,
        new byte[0],
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  @Override
  public byte[] vendor() {
    return vendor.clone();
  }

  public Notification withVendor(byte[] value) {
    return new Notification(
        version,
        uiMode,
        serverInitiated,
        sessionId,
        serverId,
        value,
        requestedMos,
        connectReason,
        preferredBearer,
        vendorInfo,
        expiry);
  }

  public Notification withServerInitiated(boolean value) {
    return new Notification(
        version,
        uiMode,
        value,
        sessionId,
        serverId,
        vendor,
        requestedMos,
        connectReason,
        preferredBearer,
        vendorInfo,
        expiry);
  }

  /** DM 1.3: the MOs (registry indexes) the device puts into package 1. */
  public Notification withRequestedMos(List<Integer> value) {
    return new Notification(
        version,
        uiMode,
        serverInitiated,
        sessionId,
        serverId,
        vendor,
        value,
        connectReason,
        preferredBearer,
        vendorInfo,
        expiry);
  }

  public Notification withConnectReason(Optional<String> value) {
    return new Notification(
        version,
        uiMode,
        serverInitiated,
        sessionId,
        serverId,
        vendor,
        requestedMos,
        value,
        preferredBearer,
        vendorInfo,
        expiry);
  }

  public Notification withExpiry(Optional<Instant> value) {
    return new Notification(
        version,
        uiMode,
        serverInitiated,
        sessionId,
        serverId,
        vendor,
        requestedMos,
        connectReason,
        preferredBearer,
        vendorInfo,
        value);
  }

  @Override
  public String toString() {
    return "Notification[version "
        + version
        + ", "
        + uiMode
        + ", session "
        + Integer.toHexString(sessionId).toUpperCase(java.util.Locale.ROOT)
        + ", "
        + serverId
        + "]";
  }
}
