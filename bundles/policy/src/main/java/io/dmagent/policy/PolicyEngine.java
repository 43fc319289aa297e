package io.dmagent.policy;

import io.dmagent.api.log.WireText;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeChange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Runs the stored policies (Device-03): reads each again when a server changes it, evaluates its
 * trigger when a node it watches changes or when the time it names comes, runs its actions in order
 * when the trigger starts to hold, records and reports every execution. Everything happens on the
 * scheduler's one thread; listeners and the MO only hand work to it.
 */
final class PolicyEngine {
  private final PolicyReader reader;
  private final Compiler compiler;
  private final ResultBook book;
  private final Reporter reporter;

  /** How long after an MO service came its graft is first looked for again. */
  static final Duration GRAFT_SETTLE = Duration.ofSeconds(1);

  /**
   * How long a graft that did not come yet is looked for, at doubling intervals while a policy
   * waits for a node. Beyond it, the next node added anywhere still resumes a waiting policy.
   */
  static final Duration GRAFT_PATIENCE = Duration.ofMinutes(2);

  private final Scheduler scheduler;
  private final Clock clock;
  private final Throttle throttle;
  private final Consumer<String> info;
  private final Consumer<String> warn;

  private final Map<NodeUri, Running> policies = new HashMap<>();
  private final WatchIndex watchers = new WatchIndex();

  /** Who downloaded a policy whose Owner leaf is not written yet (told by the MO's beforeWrite). */
  private final Map<NodeUri, Principal> downloaders = new ConcurrentHashMap<>();

  /** How often a policy may run before it counts as re-triggering itself. */
  record Throttle(int executions, Duration window) {}

  PolicyEngine(
      PolicyReader reader,
      Compiler compiler,
      ResultBook book,
      Reporter reporter,
      Scheduler scheduler,
      Clock clock,
      Throttle throttle,
      Consumer<String> info,
      Consumer<String> warn) {
    this.reader = reader;
    this.compiler = compiler;
    this.book = book;
    this.reporter = reporter;
    this.scheduler = scheduler;
    this.clock = clock;
    this.throttle = throttle;
    this.info = info;
    this.warn = warn;
  }

  /** Resumes every stored policy, as the tree keeps them across restarts. */
  void start() {
    scheduler.execute(
        guarded(
            () -> {
              for (String name : reader.policyNames()) {
                reload(NodeUri.of(Layout.POLICIES + "/" + name), false);
              }
              if (!policies.isEmpty()) {
                info.accept(policies.size() + " management policies resumed");
              }
            }));
  }

  /** Ends every timer; the scheduler is shut down by its owner. */
  void stop() {
    scheduler.execute(
        () -> {
          policies.values().forEach(Running::cancelTimer);
          policies.clear();
        });
  }

  /** The server (or device) that is adding {@code policy}: its owner once committed. */
  void downloading(NodeUri policy, Principal principal) {
    downloaders.put(policy, principal);
  }

  /** The owner of a stored policy: its Owner leaf, or who is downloading it now. */
  Optional<Principal> owner(PolicyDefinition def) {
    if (def.owner().isPresent()) {
      String id = def.owner().get();
      return Optional.of(id.isEmpty() ? Principal.device() : Principal.server(id));
    }
    return Optional.ofNullable(downloaders.get(def.uri()));
  }

  // ---- events

  void treeChanged(List<TreeChange> changes) {
    scheduler.execute(guarded(() -> apply(changes)));
  }

  /**
   * A fault of the engine is one log line; the thread and the other policies go on. Errors too: the
   * scheduler would keep one in its task's future, where no one sees it, and the policy would stop
   * without a word.
   */
  private Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        warn.accept("policy engine fault: " + e + where(e));
      }
    };
  }

  /** The frame a fault came from: a log line a maintainer can act on without a stack trace. */
  private static String where(Throwable e) {
    StackTraceElement[] frames = e.getStackTrace();
    return frames.length == 0 ? "" : " at " + frames[0];
  }

  /** A type or a management object came: policies waiting for one try again. */
  void providersChanged() {
    scheduler.execute(guarded(this::lookAgain));
  }

  private void lookAgain() {
    for (NodeUri uri : new ArrayList<>(policies.keySet())) {
      Running r = policies.get(uri);
      if (!r.waitingFor.isEmpty()) {
        reload(uri, true);
      } else if (r.compiled != null) {
        evaluate(r); // a watched node may have gone with its MO
      }
    }
  }

  /**
   * The management object at {@code root} went away. The tree withdraws its subtree on its own
   * service callback, which may come after this one, so the policies that watch a node at or below
   * {@code root} wait for it now, inactive for a missing node, without looking at the tree.
   */
  void withdrawn(NodeUri root) {
    scheduler.execute(
        guarded(
            () -> {
              for (Running r : new ArrayList<>(policies.values())) {
                if (r.compiled != null && watchesBelow(r.compiled, root)) {
                  r.cancelTimer();
                  watchers.remove(r);
                  r.compiled = null;
                  r.waitingFor = "node";
                  status(
                      r,
                      null,
                      Result.MISSING_NODE,
                      "condition: " + root + " withdrawn with its management object");
                }
              }
            }));
  }

  /**
   * A management object came: the policies waiting for a node look again now and a moment later,
   * since the tree grafts it on its own service callback, which may come after this one (a graft of
   * stored nodes tells no listener). On a loaded machine that can be seconds later: while a policy
   * still waits for a node, it looks again after twice as long each time, up to {@link
   * #GRAFT_PATIENCE}.
   */
  void arrived() {
    providersChanged();
    lookAgainAfter(GRAFT_SETTLE);
  }

  private void lookAgainAfter(Duration delay) {
    scheduler.at(
        clock.instant().plus(delay),
        guarded(
            () -> {
              lookAgain();
              Duration next = delay.multipliedBy(2);
              if (next.compareTo(GRAFT_PATIENCE) <= 0 && waitingForNode()) {
                lookAgainAfter(next);
              }
            }));
  }

  private boolean waitingForNode() {
    return policies.values().stream().anyMatch(r -> r.waitingFor.startsWith("node"));
  }

  private static boolean watchesBelow(CompiledPolicy compiled, NodeUri root) {
    return compiled.trigger().watchedNodes().stream().anyMatch(root::isAncestorOrSelfOf);
  }

  /** A type went away: the policies that use it wait for it, inactive. */
  void typeRemoved(String type) {
    scheduler.execute(
        guarded(
            () -> {
              for (NodeUri uri : new ArrayList<>(policies.keySet())) {
                if (policies.get(uri).definition.uses(type)) {
                  reload(uri, false);
                }
              }
            }));
  }

  private void apply(List<TreeChange> changes) {
    Set<NodeUri> reload = new LinkedHashSet<>();
    Set<Running> evaluate = new LinkedHashSet<>();
    boolean added = false;
    for (TreeChange c : changes) {
      Optional<NodeUri> p = Layout.policyOf(c.uri());
      if (p.isPresent()) {
        if (!Layout.isBookkeeping(Layout.relative(p.get(), c.uri()))) {
          reload.add(p.get());
        }
        continue;
      }
      added |= c.kind() == TreeChange.Kind.ADDED || c.kind() == TreeChange.Kind.RENAMED;
      evaluate.addAll(watchers.watching(c.uri(), c.kind() != TreeChange.Kind.REPLACED));
    }
    for (NodeUri uri : reload) {
      reload(uri, true);
    }
    if (added) {
      for (NodeUri uri : new ArrayList<>(policies.keySet())) {
        if (policies.get(uri).waitingFor.startsWith("node")) {
          reload(uri, true);
        }
      }
    }
    for (Running r : evaluate) {
      if (policies.get(r.definition.uri()) == r && !reload.contains(r.definition.uri())) {
        evaluate(r);
      }
    }
  }

  // ---- lifecycle of one policy

  /**
   * Reads a policy again and runs it if it is Active and whole. {@code changed}: a server changed
   * it now, so a trigger that already holds acts; on resume it only primes.
   */
  private void reload(NodeUri uri, boolean changed) {
    Running old = policies.remove(uri);
    if (old != null) {
      old.cancelTimer();
      watchers.remove(old);
    }
    Optional<PolicyDefinition> read = reader.read(uri);
    if (read.isEmpty()) {
      downloaders.remove(uri);
      if (old != null) {
        info.accept("policy " + uri + " removed");
      }
      return;
    }
    PolicyDefinition def = read.get();
    Running r = new Running(def);
    policies.put(uri, r);
    Optional<Principal> owner = owner(def);
    if (owner.isEmpty()) {
      status(r, old, Result.REFUSED, "no owner recorded for the policy");
      return;
    }
    if (def.owner().isEmpty()) {
      book.set(uri, Layout.OWNER, owner.get().isDevice() ? "" : owner.get().serverId());
      book.switches(uri);
      book.grantOwner(uri, owner.get());
      downloaders.remove(uri);
    }
    if (!def.wantsActive()) {
      r.lastStatus = "inactive";
      book.set(uri, Layout.STATUS, "inactive");
      if (old != null && old.compiled != null) {
        info.accept("policy " + uri + " deactivated");
      }
      return;
    }
    try {
      r.compiled = compiler.compile(def, owner.get());
    } catch (MissingType e) {
      r.waitingFor = "type " + e.type();
      status(r, old, Result.MISSING_TYPE, e.getMessage());
      return;
    } catch (DmException e) {
      if (e.status() == StatusCode.NOT_FOUND) {
        r.waitingFor = "node";
        status(r, old, Result.MISSING_NODE, e.getMessage());
      } else {
        status(r, old, Result.REFUSED, e.getMessage());
      }
      return;
    }
    watchers.add(r, r.compiled.trigger().watchedNodes());
    r.lastStatus = "active";
    book.set(uri, Layout.STATUS, "active");
    if (old == null || old.compiled == null) {
      info.accept("policy " + uri + " active, owned by " + r.compiled.context().owner());
    }
    if (changed) {
      evaluate(r);
    } else {
      Instant looked = clock.instant();
      r.lastOutcome = holdsQuietly(r);
      schedule(r, looked);
    }
  }

  /**
   * A policy that cannot run says why, once per reason: Status, a result, a log line. The same
   * reason again (a reload that changes nothing about it) is not recorded twice.
   */
  private void status(Running r, Running old, String outcome, String detail) {
    String status = outcome.equals(Result.REFUSED) ? "refused: " + detail : outcome + ": " + detail;
    boolean repeated = status.equals(old != null ? old.lastStatus : r.lastStatus);
    r.lastStatus = status;
    book.set(r.definition.uri(), Layout.STATUS, status);
    if (!repeated) {
      warn.accept("policy " + r.definition.uri() + " " + status);
      book.record(r.definition.uri(), new Result(clock.instant(), outcome, detail));
    }
  }

  // ---- evaluation

  private void evaluate(Running r) {
    if (r.compiled == null) {
      return;
    }
    Instant looked = clock.instant();
    boolean holds;
    try {
      holds = holds(r.compiled);
    } catch (DmException e) {
      r.cancelTimer();
      watchers.remove(r);
      CompiledPolicy lost = r.compiled;
      r.compiled = null;
      r.waitingFor = e.status() == StatusCode.NOT_FOUND ? "node" : "";
      status(
          r,
          null,
          e.status() == StatusCode.NOT_FOUND ? Result.MISSING_NODE : Result.FAILED,
          "condition: " + e.getMessage());
      if (r.waitingFor.isEmpty()) {
        r.compiled = lost; // a failed evaluation is recorded; the next event tries again
        watchers.add(r, lost.trigger().watchedNodes());
      }
      return;
    }
    if (!r.lastStatus.equals("active") && r.throttledUntil == null) {
      r.lastStatus = "active";
      book.set(r.definition.uri(), Layout.STATUS, "active");
    }
    if (holds && !r.lastOutcome) {
      execute(r);
    } else {
      r.lastOutcome = holds;
    }
    schedule(r, looked);
  }

  private boolean holdsQuietly(Running r) {
    try {
      return holds(r.compiled);
    } catch (DmException e) {
      return false;
    }
  }

  /**
   * Whether the trigger holds. A condition that throws (an extension type's bug) fails its own
   * policy's evaluation like a failed read; the other policies of the same change still run.
   */
  private static boolean holds(CompiledPolicy p) throws DmException {
    try {
      return p.trigger().holds(p.context());
    } catch (RuntimeException | LinkageError e) {
      throw new DmException(StatusCode.COMMAND_FAILED, "the condition threw " + e);
    }
  }

  /**
   * Arms the timer for the trigger's next change after {@code looked}, the instant before its
   * conditions were read: a change the conditions did not see yet (a hold ending, a window opening
   * while they were read) is always ahead of it, never lost between two readings of the clock.
   */
  private void schedule(Running r, Instant looked) {
    r.cancelTimer();
    if (r.compiled == null) {
      return;
    }
    Optional<Instant> next = r.compiled.trigger().nextTimeChange(looked);
    if (r.throttledUntil != null && r.throttledUntil.isAfter(looked)) {
      next = Optional.of(next.filter(n -> n.isBefore(r.throttledUntil)).orElse(r.throttledUntil));
    }
    next.ifPresent(
        at ->
            r.timer =
                scheduler.at(
                    at,
                    guarded(
                        () -> {
                          if (policies.get(r.definition.uri()) == r) {
                            evaluate(r);
                          }
                        })));
  }

  // ---- execution

  private void execute(Running r) {
    Instant now = clock.instant();
    if (throttled(r, now)) {
      r.lastOutcome = false; // acts when the window has passed, if the trigger still holds
      return;
    }
    CompiledPolicy p = r.compiled;
    List<String> lines = new ArrayList<>();
    boolean failed = false;
    for (CompiledPolicy.Step step : p.steps()) {
      if (failed && p.stopOnFailure()) {
        lines.add(step.name() + ": not run (OnFailure stop)");
        continue;
      }
      try {
        lines.add(step.name() + ": " + step.action().run(p.context()));
      } catch (DmException e) {
        failed = true;
        lines.add(step.name() + ": failed " + e.getMessage());
      } catch (RuntimeException | LinkageError e) {
        failed = true;
        lines.add(step.name() + ": failed " + e.getClass().getSimpleName());
        warn.accept("policy " + p.uri() + " action " + step.name() + " threw " + e);
      }
    }
    Result result = new Result(now, failed ? Result.FAILED : Result.DONE, String.join("\n", lines));
    book.record(p.uri(), result);
    reporter.report(p, result);
    info.accept(
        "policy "
            + p.uri()
            + " ran: "
            + result.outcome()
            + " ("
            + WireText.escape(lines.toString(), 300)
            + ")");
    // Evaluated again: a trigger that was a moment (a change, a tick) is over, a level still holds.
    r.lastOutcome = holdsQuietly(r);
  }

  /** Whether {@code r} ran too often in the window: it waits, recorded and logged once. */
  private boolean throttled(Running r, Instant now) {
    if (r.throttledUntil != null && now.isBefore(r.throttledUntil)) {
      return true;
    }
    if (r.throttledUntil != null) {
      r.throttledUntil = null;
      book.set(r.definition.uri(), Layout.STATUS, "active");
    }
    while (!r.executions.isEmpty()
        && !r.executions.peekFirst().isAfter(now.minus(throttle.window()))) {
      r.executions.pollFirst();
    }
    if (r.executions.size() < throttle.executions()) {
      r.executions.addLast(now);
      return false;
    }
    r.throttledUntil = r.executions.peekFirst().plus(throttle.window());
    String detail =
        "ran "
            + r.executions.size()
            + " times within "
            + throttle.window().toSeconds()
            + " s: its actions set its own trigger off again; suspended until "
            + r.throttledUntil;
    book.set(r.definition.uri(), Layout.STATUS, "throttled until " + r.throttledUntil);
    Result result = new Result(now, Result.THROTTLED, detail);
    book.record(r.definition.uri(), result);
    reporter.report(r.compiled, result);
    if (!r.throttleLogged) {
      r.throttleLogged = true;
      warn.accept("policy " + r.definition.uri() + " throttled: " + detail);
    }
    return true;
  }
}
