package io.dmagent.scomo;

import java.time.Duration;

/**
 * Holds an operation that changes bundles until the session that asked for it has ended: the
 * protocol or transport bundle may be the one changed, and the session in flight ends cleanly on
 * the code it started with.
 */
final class SessionGate {
  private static final long POLL_MS = 100;

  private final Services services;
  private final Duration longest;

  SessionGate(Services services, Duration longest) {
    this.services = services;
    this.longest = longest;
  }

  void awaitEnd(String serverId) throws InterruptedException {
    if (serverId.isEmpty()) {
      return;
    }
    long until = System.nanoTime() + longest.toNanos();
    while (System.nanoTime() < until
        && services.sessions().map(s -> s.inSession(serverId)).orElse(false)) {
      Thread.sleep(POLL_MS);
    }
  }
}
