package io.dmagent.policy;

import io.dmagent.api.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The engine's thread for tests: work runs at once on the caller's thread, one task at a time;
 * timed work runs when the test moves the clock past its instant.
 */
final class ManualScheduler implements Scheduler {
  private final MutableClock clock;
  private final List<Entry> timers = new ArrayList<>();

  private static final class Entry {
    final Instant when;
    final Runnable task;
    boolean cancelled;

    Entry(Instant when, Runnable task) {
      this.when = when;
      this.task = task;
    }
  }

  ManualScheduler(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void execute(Runnable task) {
    task.run();
  }

  @Override
  public synchronized Timer at(Instant when, Runnable task) {
    Entry e = new Entry(when, task);
    timers.add(e);
    return () -> {
      synchronized (ManualScheduler.this) {
        e.cancelled = true;
      }
    };
  }

  /** Moves the clock by {@code d}, running each timer that comes due at its instant. */
  synchronized void advance(Duration d) {
    Instant end = clock.instant().plus(d);
    while (true) {
      timers.removeIf(t -> t.cancelled);
      Entry next =
          timers.stream()
              .filter(t -> !t.when.isAfter(end))
              .min(Comparator.comparing(t -> t.when))
              .orElse(null);
      if (next == null) {
        break;
      }
      timers.remove(next);
      if (next.when.isAfter(clock.instant())) {
        clock.advance(Duration.between(clock.instant(), next.when));
      }
      next.task.run();
    }
    clock.advance(Duration.between(clock.instant(), end));
  }

  synchronized long pendingTimers() {
    timers.removeIf(t -> t.cancelled);
    return timers.size();
  }
}
