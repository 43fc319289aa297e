package io.dmagent.protocol;

import io.dmagent.api.session.SessionReport;
import java.util.Objects;
import java.util.Set;

/**
 * A session's report, whether trying again later makes sense (the transport failed in a way that
 * may pass, or authentication gave up), and which outbox alerts it sent.
 */
record SessionResult(SessionReport report, boolean retryable, Set<String> offeredAlerts) {
  SessionResult {
    Objects.requireNonNull(report);
    offeredAlerts = Set.copyOf(offeredAlerts);
  }
}
