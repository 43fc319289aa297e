package io.dmagent.protocol;

import io.dmagent.api.account.Account;
import io.dmagent.api.log.WireText;
import io.dmagent.api.session.ManagementSessions;
import io.dmagent.api.session.SessionOutcome;
import io.dmagent.api.session.SessionReport;
import io.dmagent.api.session.SessionRequest;
import io.dmagent.protocol.outbox.AlertOutbox;
import io.dmagent.protocol.outbox.QueuedAlert;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs the sessions other bundles ask for on a pool it owns: one at a time per server (a request
 * while one is queued or running joins it, except a server-initiated one while a session runs: the
 * server asked after that session began, so one more waits and follows it), each attempt that
 * failed on the transport or ended because authentication gave up (the server kept refusing our
 * credentials) tried again, as a new session, after an exponential back-off, up to the configured
 * number of attempts. Every ended session is logged in one line ({@link SessionReport#summary()})
 * and told to the listeners. When a completed session left alerts in the outbox that it never saw
 * (queued after its last package), another session follows to deliver them.
 */
public final class SessionManager implements ManagementSessions, AutoCloseable {
  private final Function<String, Optional<Account>> accounts;
  private final SessionEngine engine;
  private final AlertOutbox outbox;
  private final ScheduledExecutorService pool;
  private final Supplier<Collection<Listener>> listeners;
  private final Consumer<String> log;
  private final Map<String, Job> jobs = new HashMap<>();

  /** At most one session per server waiting for the running one to end. */
  private final Map<String, Job> waiting = new HashMap<>();

  private boolean closed;

  /** One session asked for, from its first attempt to its report. */
  private static final class Job {
    final SessionRequest request;
    final CompletableFuture<SessionReport> done = new CompletableFuture<>();

    Job(SessionRequest request) {
      this.request = request;
    }
  }

  public SessionManager(
      Function<String, Optional<Account>> accounts,
      SessionEngine engine,
      AlertOutbox outbox,
      ScheduledExecutorService pool,
      Supplier<Collection<Listener>> listeners,
      Consumer<String> log) {
    this.accounts = accounts;
    this.engine = engine;
    this.outbox = outbox;
    this.pool = pool;
    this.listeners = listeners;
    this.log = log;
  }

  @Override
  public CompletionStage<SessionReport> start(SessionRequest request) {
    synchronized (jobs) {
      if (closed) {
        return CompletableFuture.failedFuture(
            new IllegalStateException("the session engine is stopping"));
      }
      Job running = jobs.get(request.serverId());
      if (running != null) {
        return behind(running, request);
      }
      if (accounts.apply(request.serverId()).isEmpty()) {
        return CompletableFuture.failedFuture(
            new IllegalArgumentException("no DM account for server " + request.serverId()));
      }
      Job job = new Job(request);
      jobs.put(request.serverId(), job);
      submit(() -> attempt(job, 1), Duration.ZERO, job);
      return job.done;
    }
  }

  /**
   * A request while {@code running} runs: joins the one already waiting, else a server-initiated
   * one waits (it asks for a session the running one may not serve), else it joins the running one.
   */
  private CompletionStage<SessionReport> behind(Job running, SessionRequest request) {
    Job next = waiting.get(request.serverId());
    if (next != null) {
      return next.done;
    }
    if (!request.isServerInitiated()) {
      return running.done;
    }
    Job queued = new Job(request);
    waiting.put(request.serverId(), queued);
    log.accept(
        "server-initiated session with "
            + request.serverId()
            + " queued behind the running one"
            + reason(request));
    return queued.done;
  }

  private static String reason(SessionRequest request) {
    return request
        .connectReason()
        .map(r -> " (connect reason " + WireText.quote(r) + ")")
        .orElse("");
  }

  @Override
  public boolean inSession(String serverId) {
    synchronized (jobs) {
      return jobs.containsKey(serverId);
    }
  }

  private void attempt(Job job, int attempt) {
    String serverId = job.request.serverId();
    Optional<Account> account = accounts.apply(serverId);
    if (account.isEmpty()) {
      finish(job, null, new IllegalArgumentException("no DM account for server " + serverId));
      return;
    }
    SessionResult result = engine.attempt(account.get(), job.request);
    int attempts = engine.settings().attempts();
    if (result.retryable() && attempt < attempts && !isClosed()) {
      Duration wait = engine.settings().backoff(attempt + 1);
      log.accept(
          "session with "
              + serverId
              + " failed ("
              + result.report().reason().orElse("no reason")
              + "); attempt "
              + (attempt + 1)
              + " of "
              + attempts
              + " in "
              + wait.toSeconds()
              + " s");
      submit(() -> attempt(job, attempt + 1), wait, job);
      return;
    }
    finish(job, result, null);
  }

  private void finish(Job job, SessionResult result, Throwable failure) {
    synchronized (jobs) {
      if (jobs.remove(job.request.serverId(), job)) {
        promoteWaiting(job.request.serverId());
      }
    }
    if (failure != null) {
      String why = failure instanceof Error ? failure.toString() : failure.getMessage();
      log.accept("session with " + job.request.serverId() + " not run: " + why);
      job.done.completeExceptionally(failure);
      return;
    }
    SessionReport report = result.report();
    log.accept(report.summary() + reason(job.request));
    for (Listener l : listeners.get()) {
      try {
        l.sessionEnded(report);
      } catch (RuntimeException e) {
        log.accept("session listener failed: " + e);
      }
    }
    job.done.complete(report);
    if (report.outcome() == SessionOutcome.COMPLETED && unseenAlerts(report.serverId(), result)) {
      start(SessionRequest.clientInitiated(report.serverId()));
    }
  }

  /** Starts the session waiting for {@code serverId}, if any; called holding {@code jobs}. */
  private void promoteWaiting(String serverId) {
    Job next = waiting.remove(serverId);
    if (next != null && !closed) {
      jobs.put(serverId, next);
      submit(() -> attempt(next, 1), Duration.ZERO, next);
    } else if (next != null) {
      next.done.completeExceptionally(new IllegalStateException("the session engine stopped"));
    }
  }

  /** Whether alerts for the server wait that the session never offered (queued too late). */
  private boolean unseenAlerts(String serverId, SessionResult result) {
    try {
      return outbox.pendingFor(serverId).stream()
          .map(QueuedAlert::id)
          .anyMatch(id -> !result.offeredAlerts().contains(id));
    } catch (IOException e) {
      return false;
    }
  }

  private void submit(Runnable task, Duration delay, Job job) {
    try {
      pool.schedule(
          () -> {
            try {
              task.run();
            } catch (RuntimeException | Error e) {
              // An Error too: kept in the pool's future, it would leave the job running for ever
              // and every later request for the server would join it.
              finish(job, null, e);
            }
          },
          delay.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      finish(job, null, new IllegalStateException("the session engine is stopping"));
    }
  }

  private boolean isClosed() {
    synchronized (jobs) {
      return closed;
    }
  }

  /**
   * Stops the pool: sessions in flight are interrupted (their exchanges given up, any Atomic rolled
   * back by the tree) and every request still waiting completes exceptionally.
   */
  @Override
  public void close() {
    Collection<Job> pending;
    synchronized (jobs) {
      closed = true;
      pending = new java.util.ArrayList<>(jobs.values());
      pending.addAll(waiting.values());
      jobs.clear();
      waiting.clear();
    }
    pool.shutdownNow();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Job j : pending) {
      j.done.completeExceptionally(new IllegalStateException("the session engine stopped"));
    }
  }
}
