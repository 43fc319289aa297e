package io.dmagent.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.session.ManagementSessions;
import io.dmagent.api.session.SessionReport;
import io.dmagent.api.session.SessionRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Polling on a timer: a request the session service could not take is one log line, and the next
 * poll still comes (a periodic task that threw would never run again, without a word).
 */
class SessionSchedulerTest {
  private final List<String> log = new CopyOnWriteArrayList<>();
  private SessionScheduler scheduler;

  @AfterEach
  void stop() {
    if (scheduler != null) {
      scheduler.close();
    }
  }

  /** Session service whose first requests throw, as a service failing in its own code would. */
  private static final class Faulty implements ManagementSessions {
    final AtomicInteger asked = new AtomicInteger();
    final CountDownLatch afterFaults = new CountDownLatch(2);
    private final Throwable fault;

    Faulty(Throwable fault) {
      this.fault = fault;
    }

    @Override
    public CompletionStage<SessionReport> start(SessionRequest request) {
      if (asked.incrementAndGet() <= 2) {
        if (fault instanceof Error e) {
          throw e;
        }
        throw (RuntimeException) fault;
      }
      afterFaults.countDown();
      return new CompletableFuture<>();
    }

    @Override
    public boolean inSession(String serverId) {
      return false;
    }
  }

  @Test
  void a_poll_the_session_service_threw_on_is_logged_and_the_next_polls_still_come()
      throws Exception {
    Faulty sessions = new Faulty(new IllegalStateException("the session engine is stopping"));
    scheduler =
        new SessionScheduler(sessions, Executors.newSingleThreadScheduledExecutor(), log::add);

    scheduler.every("srv1", Duration.ofMillis(20));

    assertThat(sessions.afterFaults.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(log)
        .filteredOn(l -> l.startsWith("no session with srv1: "))
        .hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void an_error_in_a_poll_does_not_end_the_polling_either() throws Exception {
    Faulty sessions = new Faulty(new NoClassDefFoundError("io/dmagent/Gone"));
    scheduler =
        new SessionScheduler(sessions, Executors.newSingleThreadScheduledExecutor(), log::add);

    scheduler.every("srv1", Duration.ofMillis(20));

    assertThat(sessions.afterFaults.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(log).anyMatch(l -> l.contains("java.lang.NoClassDefFoundError: io/dmagent/Gone"));
  }
}
