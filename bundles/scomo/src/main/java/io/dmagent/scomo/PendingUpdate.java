package io.dmagent.scomo;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An update applied but not yet confirmed: what each bundle was before it (its previous jar, or
 * none when the update installed it), who asked, and until when a session with that server must
 * complete. While {@link Phase#APPLYING}, the bundles are being changed: a restart in that phase
 * rolls back at once.
 */
record PendingUpdate(
    String component,
    List<Change> changes,
    String serverId,
    Optional<String> correlator,
    String source,
    Instant deadline,
    Phase phase) {

  enum Phase {
    APPLYING,
    AWAITING_SESSION
  }

  /** One bundle the update changes. */
  record Change(
      String symbolicName, String location, Optional<Path> previousJar, boolean wasActive) {
    Change {
      Objects.requireNonNull(symbolicName);
      Objects.requireNonNull(location);
      Objects.requireNonNull(previousJar);
    }
  }

  PendingUpdate {
    Objects.requireNonNull(component);
    changes = List.copyOf(changes);
    Objects.requireNonNull(serverId);
    Objects.requireNonNull(correlator);
    Objects.requireNonNull(source);
    Objects.requireNonNull(deadline);
    Objects.requireNonNull(phase);
  }

  PendingUpdate awaiting(Instant newDeadline) {
    return new PendingUpdate(
        component, changes, serverId, correlator, source, newDeadline, Phase.AWAITING_SESSION);
  }
}
