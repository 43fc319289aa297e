package io.dmagent.api.session;

import java.util.Objects;
import java.util.Optional;

/**
 * Asks for a management session with the server of DMAcc account {@code serverId}: client-initiated
 * (Alert 1201) or, after a notification, server-initiated (Alert 1200) with the session id the
 * notification carried.
 */
public record SessionRequest(String serverId, Optional<String> notifiedSessionId) {
  public SessionRequest {
    if (serverId == null || serverId.isEmpty()) {
      throw new IllegalArgumentException("a session needs a ServerID");
    }
    Objects.requireNonNull(notifiedSessionId);
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
