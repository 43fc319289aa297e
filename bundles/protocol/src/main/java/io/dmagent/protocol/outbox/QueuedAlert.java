package io.dmagent.protocol.outbox;

import io.dmagent.api.session.GenericAlert;
import java.util.Objects;
import java.util.Optional;

/**
 * An alert waiting in the outbox: its identifier, the server it is for (any server when empty), the
 * alert, and the Alert code it travels under (1226 Generic Alert, 1224 Client Event).
 */
public record QueuedAlert(String id, Optional<String> serverId, GenericAlert alert, int alertCode) {
  public static final int GENERIC_ALERT = 1226;
  public static final int CLIENT_EVENT = 1224;

  public QueuedAlert {
    Objects.requireNonNull(id);
    Objects.requireNonNull(serverId);
    Objects.requireNonNull(alert);
    if (alertCode != GENERIC_ALERT && alertCode != CLIENT_EVENT) {
      throw new IllegalArgumentException("an outbox alert is a 1226 or a 1224, not " + alertCode);
    }
  }

  /** A Generic Alert (1226). */
  public QueuedAlert(String id, Optional<String> serverId, GenericAlert alert) {
    this(id, serverId, alert, GENERIC_ALERT);
  }

  /** Whether a session with {@code server} should deliver this alert. */
  public boolean isFor(String server) {
    return serverId.map(server::equals).orElse(true);
  }
}
