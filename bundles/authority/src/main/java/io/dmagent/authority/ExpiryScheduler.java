package io.dmagent.authority;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends temporary delegations when their time comes: once at start (what expired while the agent was
 * down), then at the earliest end in force, and at least hourly in case the clock jumps. Owns one
 * thread, which {@link #close()} ends.
 */
final class ExpiryScheduler implements AutoCloseable {
  private static final Duration LONGEST_WAIT = Duration.ofHours(1);
  private static final Duration RETRY = Duration.ofSeconds(5);

  private final Delegations delegations;
  private final Clock clock;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "dmagent-delegation-expiry"));
  private ScheduledFuture<?> pending;

  ExpiryScheduler(Delegations delegations, Clock clock) {
    this.delegations = delegations;
    this.clock = clock;
  }

  /** Checks now, and plans the next check from the delegations in force. */
  synchronized void reschedule() {
    if (pending != null) {
      pending.cancel(false);
    }
    if (!executor.isShutdown()) {
      pending = executor.schedule(this::run, 0, TimeUnit.MILLISECONDS);
    }
  }

  private void run() {
    boolean postponed = delegations.expireDue() < 0;
    Optional<Instant> next = delegations.nextExpiry();
    Duration wait =
        postponed
            ? RETRY
            : next.map(n -> Duration.between(clock.instant(), n))
                .filter(d -> d.compareTo(LONGEST_WAIT) < 0)
                .orElse(LONGEST_WAIT);
    synchronized (this) {
      if (!executor.isShutdown()) {
        pending =
            executor.schedule(this::run, Math.max(0, wait.toMillis()) + 1, TimeUnit.MILLISECONDS);
      }
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
