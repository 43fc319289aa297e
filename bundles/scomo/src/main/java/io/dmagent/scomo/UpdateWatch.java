package io.dmagent.scomo;

import io.dmagent.api.session.SessionOutcome;
import io.dmagent.api.session.SessionReport;
import io.dmagent.api.session.SessionRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Decides the fate of an applied update: confirmed by the first session with its server that starts
 * after it and completes, rolled back when none did by the deadline or when the agent stopped while
 * the update was being applied. Runs on SCOMO's worker thread.
 */
final class UpdateWatch {
  private final SafeUpdate updates;
  private final PendingStore store;
  private final Services services;
  private final Reporter reporter;
  private final ScheduledExecutorService worker;
  private final Clock clock;
  private final Consumer<String> warn;
  private final Runnable changed;

  private Instant appliedAt = Instant.MIN;
  private ScheduledFuture<?> deadline;

  UpdateWatch(
      SafeUpdate updates,
      PendingStore store,
      Services services,
      Reporter reporter,
      ScheduledExecutorService worker,
      Clock clock,
      Consumer<String> warn,
      Runnable changed) {
    this.updates = updates;
    this.store = store;
    this.services = services;
    this.reporter = reporter;
    this.worker = worker;
    this.clock = clock;
    this.warn = warn;
    this.changed = changed;
  }

  /** An update was just applied: asks for a session and arms the deadline. */
  void watch(PendingUpdate pending) {
    appliedAt = clock.instant();
    arm(pending);
    askForSession(pending);
  }

  /** At start: finishes what a restart interrupted. */
  void recover() {
    Optional<PendingUpdate> pending = read();
    if (pending.isEmpty()) {
      return;
    }
    PendingUpdate p = pending.get();
    appliedAt = clock.instant();
    if (p.phase() == PendingUpdate.Phase.APPLYING) {
      rollBack(p, "the agent stopped while the update was being applied");
    } else {
      arm(p);
      askForSession(p);
    }
  }

  /** The session service came (back): an update that waits for a session asks for one. */
  void sessionsAvailable() {
    read()
        .filter(p -> p.phase() == PendingUpdate.Phase.AWAITING_SESSION)
        .ifPresent(this::askForSession);
  }

  void sessionEnded(SessionReport report) {
    Optional<PendingUpdate> pending = read();
    if (pending.isEmpty()
        || pending.get().phase() != PendingUpdate.Phase.AWAITING_SESSION
        || !pending.get().serverId().equals(report.serverId())
        || report.outcome() != SessionOutcome.COMPLETED) {
      return;
    }
    Instant started = clock.instant().minus(report.duration());
    if (started.isBefore(appliedAt)) {
      return; // it ran, at least in part, before the update
    }
    PendingUpdate p = pending.get();
    cancelDeadline();
    try {
      updates.confirm(p);
    } catch (IOException e) {
      warn.accept("cannot forget the confirmed update of " + p.component() + ": " + e.getMessage());
    }
    reporter.report(
        new Report(
            p.serverId(), p.correlator(), p.source(), ResultCode.SUCCESSFUL, p.component(), ""));
  }

  private void arm(PendingUpdate p) {
    cancelDeadline();
    long delay = Math.max(0, Duration.between(clock.instant(), p.deadline()).toMillis());
    deadline = worker.schedule(() -> expire(p), delay, TimeUnit.MILLISECONDS);
  }

  private void expire(PendingUpdate armed) {
    Optional<PendingUpdate> pending = read();
    if (pending.isEmpty() || !pending.get().equals(armed)) {
      return;
    }
    rollBack(
        armed,
        "no session with "
            + armed.serverId()
            + " completed within the confirmation time after the update");
  }

  private void rollBack(PendingUpdate p, String why) {
    cancelDeadline();
    String reason = why + "; the previous version is back";
    try {
      List<String> problems = updates.rollBack(p);
      if (!problems.isEmpty()) {
        reason = why + "; rolling back failed for " + String.join("; ", problems);
      }
    } catch (IOException e) {
      reason = why + "; rolling back failed: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    changed.run();
    reporter.report(
        new Report(
            p.serverId(),
            p.correlator(),
            p.source(),
            ResultCode.INSTALL_FAILED,
            p.component(),
            reason));
  }

  private void askForSession(PendingUpdate p) {
    services.sessions().ifPresent(s -> s.start(SessionRequest.clientInitiated(p.serverId())));
  }

  private void cancelDeadline() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }

  private Optional<PendingUpdate> read() {
    try {
      return store.read();
    } catch (IOException | RuntimeException e) {
      warn.accept("cannot read the pending SCOMO update: " + e);
      return Optional.empty();
    }
  }
}
