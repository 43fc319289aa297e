package io.dmagent.scomo;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Holds an operation that changes bundles until the session that asked for it has ended: the
 * protocol or transport bundle may be the one changed, and the session in flight ends cleanly on
 * the code it started with.
 */
final class SessionGate {
  private static final long POLL_MS = 100;

  private final Services services;
  private final Duration longest;
  private final BooleanSupplier stopping;

  SessionGate(Services services, Duration longest, BooleanSupplier stopping) {
    this.services = services;
    this.longest = longest;
    this.stopping = stopping;
  }

  /**
   * @throws InterruptedException when SCOMO stops meanwhile: the operation is dropped
   */
  void awaitEnd(String serverId) throws InterruptedException {
    if (serverId.isEmpty()) {
      return;
    }
    long until = System.nanoTime() + longest.toNanos();
    while (System.nanoTime() < until
        && services.sessions().map(s -> s.inSession(serverId)).orElse(false)) {
      if (stopping.getAsBoolean()) {
        throw new InterruptedException("SCOMO is stopping");
      }
      Thread.sleep(POLL_MS);
    }
  }
}
