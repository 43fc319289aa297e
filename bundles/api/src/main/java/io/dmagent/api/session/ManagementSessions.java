package io.dmagent.api.session;

import java.util.concurrent.CompletionStage;

/**
 * Runs management sessions with the DM servers of the DMAcc accounts, one at a time per server.
 * Registered by the protocol bundle; notification, the console, the policy engine and the alert
 * outbox ask it for sessions.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ManagementSessions {

  /**
   * Starts a session, or joins the one already running or queued with that server. The stage
   * completes with the report when the session ends, whatever the outcome; exceptionally only when
   * no such account exists or the engine is stopping.
   */
  CompletionStage<SessionReport> start(SessionRequest request);

  /** Services that want to hear of every ended session (console, tests) register this. */
  @org.osgi.annotation.versioning.ConsumerType
  interface Listener {
    void sessionEnded(SessionReport report);
  }
}
