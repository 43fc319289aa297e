package io.dmagent.api.session;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened in one management session: with whom, its SessionID, how many server commands ran
 * (each command of an Atomic or Sequence counted), how many packages the server sent, how it ended
 * and why, and how long it took.
 */
public record SessionReport(
    String serverId,
    String sessionId,
    int commands,
    int serverPackages,
    SessionOutcome outcome,
    Optional<String> reason,
    Duration duration) {
  public SessionReport {
    Objects.requireNonNull(serverId);
    Objects.requireNonNull(sessionId);
    Objects.requireNonNull(outcome);
    Objects.requireNonNull(reason);
    Objects.requireNonNull(duration);
  }

  /**
   * One line for a log or a console: {@code session 1A2 with srv1 ended: completed, 5 commands}.
   */
  public String summary() {
    return "session "
        + sessionId
        + " with "
        + serverId
        + " ended: "
        + outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
        + ", "
        + commands
        + (commands == 1 ? " command, " : " commands, ")
        + serverPackages
        + (serverPackages == 1 ? " server package" : " server packages")
        + ", "
        + duration.toMillis()
        + " ms"
        + reason.map(r -> " (" + r + ")").orElse("");
  }
}
