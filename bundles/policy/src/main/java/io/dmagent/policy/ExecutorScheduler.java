package io.dmagent.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The engine's thread in the agent: one daemon thread, ended when the component deactivates. */
final class ExecutorScheduler implements Scheduler {
  private final ScheduledExecutorService executor;
  private final Clock clock;

  ExecutorScheduler(Clock clock) {
    this.clock = clock;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "dm-policy");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void execute(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException stopping) {
      // Deactivated: nothing runs any more.
    }
  }

  @Override
  public Timer at(Instant when, Runnable task) {
    long delay = Math.max(0, Duration.between(clock.instant(), when).toMillis());
    try {
      ScheduledFuture<?> f = executor.schedule(task, delay, TimeUnit.MILLISECONDS);
      return () -> f.cancel(false);
    } catch (RejectedExecutionException stopping) {
      return () -> {};
    }
  }

  void shutdown() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }
}
