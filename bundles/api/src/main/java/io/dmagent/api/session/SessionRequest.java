package io.dmagent.api.session;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks for a management session with the server of DMAcc account {@code serverId}: client-initiated
 * (Alert 1201) or, after a notification, server-initiated (Alert 1200) with the session id the
 * notification carried. A DM 1.3 notification may also name MOs the server wants in package 1
 * ({@code requestedMos}: MO identifiers such as {@code urn:oma:mo:oma-dm-devinfo:1.0}, each sent as
 * a Replace of its instances' leaves, as DevInfo is) and the reason it connects ({@code
 * connectReason}, for the log and the user).
 */
public record SessionRequest(
    String serverId,
    Optional<String> notifiedSessionId,
    List<String> requestedMos,
    Optional<String> connectReason) {
  public SessionRequest {
    if (serverId == null || serverId.isEmpty()) {
      throw new IllegalArgumentException("a session needs a ServerID");
    }
    Objects.requireNonNull(notifiedSessionId);
    requestedMos = List.copyOf(requestedMos);
    Objects.requireNonNull(connectReason);
  }

  /** A request without requested MOs or a connect reason. */
  public SessionRequest(String serverId, Optional<String> notifiedSessionId) {
    this(serverId, notifiedSessionId, List.of(), Optional.empty());
  }

  public static SessionRequest clientInitiated(String serverId) {
    return new SessionRequest(serverId, Optional.empty());
  }

  public static SessionRequest serverInitiated(String serverId, String sessionId) {
    return new SessionRequest(serverId, Optional.of(sessionId));
  }

  public boolean isServerInitiated() {
    return notifiedSessionId.isPresent();
  }
}
