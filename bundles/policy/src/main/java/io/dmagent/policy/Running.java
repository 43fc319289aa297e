package io.dmagent.policy;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** What the engine knows of one stored policy between evaluations (its thread only). */
final class Running {
  final PolicyDefinition definition;
  CompiledPolicy compiled;
  boolean lastOutcome;
  Scheduler.Timer timer;
  final Deque<Instant> executions = new ArrayDeque<>();
  Instant throttledUntil;
  boolean throttleLogged;

  /** Why it waits: a type or a node that is missing; empty when it runs or is inactive. */
  String waitingFor = "";

  /** The Status last written for a policy that does not run. */
  String lastStatus = "";

  Running(PolicyDefinition definition) {
    this.definition = definition;
  }

  void cancelTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }
}
