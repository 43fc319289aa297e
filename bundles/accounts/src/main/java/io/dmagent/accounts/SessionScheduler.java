package io.dmagent.accounts;

import io.dmagent.api.session.ManagementSessions;
import io.dmagent.api.session.SessionRequest;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Asks for client-initiated sessions with one server on a timer: once after a delay at start,
 * and/or every interval. The pool is its own and ends with {@link #close()}.
 */
public final class SessionScheduler implements AutoCloseable {
  private final ManagementSessions sessions;
  private final ScheduledExecutorService timer;
  private final Consumer<String> log;

  public SessionScheduler(
      ManagementSessions sessions, ScheduledExecutorService timer, Consumer<String> log) {
    this.sessions = sessions;
    this.timer = timer;
    this.log = log;
  }

  public void once(String serverId, Duration delay) {
    timer.schedule(() -> ask(serverId), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  public void every(String serverId, Duration interval) {
    timer.scheduleWithFixedDelay(
        () -> ask(serverId), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Never throws: a periodic task that threw would never run again (the executor keeps the fault in
   * a future no one reads), and the gateway would stop polling without a word.
   */
  private void ask(String serverId) {
    try {
      sessions
          .start(SessionRequest.clientInitiated(serverId))
          .exceptionally(
              e -> {
                log.accept("no session with " + serverId + ": " + e.getMessage());
                return null;
              });
    } catch (RuntimeException | Error e) {
      log.accept("no session with " + serverId + ": " + e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
