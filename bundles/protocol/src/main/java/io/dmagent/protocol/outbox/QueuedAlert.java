package io.dmagent.protocol.outbox;

import io.dmagent.api.session.GenericAlert;
import java.util.Objects;
import java.util.Optional;

/**
 * An alert waiting in the outbox: its identifier, the server it is for (any server when empty) and
 * the alert.
 */
public record QueuedAlert(String id, Optional<String> serverId, GenericAlert alert) {
  public QueuedAlert {
    Objects.requireNonNull(id);
    Objects.requireNonNull(serverId);
    Objects.requireNonNull(alert);
  }

  /** Whether a session with {@code server} should deliver this alert. */
  public boolean isFor(String server) {
    return serverId.map(server::equals).orElse(true);
  }
}
