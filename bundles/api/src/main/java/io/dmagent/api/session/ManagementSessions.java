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
   * Starts a session, or joins the one already queued with that server. A client-initiated request
   * also joins the one running; a server-initiated request (after a notification) while a session
   * with that server runs is queued and starts when it ends, since the server asked after that
   * session had begun (at most one waits per server; later ones join it). The stage completes with
   * the report when the session ends, whatever the outcome; exceptionally only when no such account
   * exists or the engine is stopping.
   */
  CompletionStage<SessionReport> start(SessionRequest request);

  /** True while a session with {@code serverId} is running. */
  boolean inSession(String serverId);

  /** Services that want to hear of every ended session (console, tests) register this. */
  @org.osgi.annotation.versioning.ConsumerType
  interface Listener {
    void sessionEnded(SessionReport report);
  }
}
