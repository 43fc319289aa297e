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

  /**
   * Runs {@code task} once the clock reads {@code when} or later, never before: a condition held
   * for a while asks to be looked at when the hold ends and would see it not ended yet if the timer
   * came early (a delay cut to whole milliseconds, the executor's clock not the engine's). A timer
   * that finds the clock not there yet waits for the rest.
   */
  @Override
  public Timer at(Instant when, Runnable task) {
    PendingTimer timer = new PendingTimer(when, task);
    timer.arm();
    return timer;
  }

  /** One timer, armed again while the clock has not reached its instant. */
  private final class PendingTimer implements Timer {
    private final Instant when;
    private final Runnable task;
    private volatile ScheduledFuture<?> future;
    private volatile boolean cancelled;

    PendingTimer(Instant when, Runnable task) {
      this.when = when;
      this.task = task;
    }

    void arm() {
      long delay = Math.max(0, Duration.between(clock.instant(), when).toNanos());
      try {
        future = executor.schedule(this::fire, delay, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException stopping) {
        // Deactivated: nothing runs any more.
      }
    }

    private void fire() {
      if (cancelled) {
        return;
      }
      if (clock.instant().isBefore(when)) {
        arm();
        return;
      }
      task.run();
    }

    @Override
    public void cancel() {
      cancelled = true;
      ScheduledFuture<?> f = future;
      if (f != null) {
        f.cancel(false);
      }
    }
  }

  void shutdown() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }
}
