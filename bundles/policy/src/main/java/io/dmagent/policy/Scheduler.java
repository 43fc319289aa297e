package io.dmagent.policy;

import java.time.Instant;

/**
 * The engine's one thread: runs every evaluation in order, now or at an instant. The agent's is an
 * executor the component owns; tests drive one by hand with a MutableClock.
 */
interface Scheduler {
  /** A scheduled run that can be called off. */
  interface Timer {
    void cancel();
  }

  void execute(Runnable task);

  Timer at(Instant when, Runnable task);
}
