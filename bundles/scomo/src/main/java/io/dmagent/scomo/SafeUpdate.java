package io.dmagent.scomo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * Installs or updates the bundles of a package so that it can be undone: the jar each bundle ran
 * before is kept and the change is written down ({@link PendingStore}) before the framework is
 * touched. A bundle that does not install, resolve or start undoes the whole change at once;
 * otherwise the change waits for {@link #confirm} (a session completed with the server) or {@link
 * #rollBack} (none did in time).
 */
final class SafeUpdate {
  static final String LOCATION_PREFIX = "scomo:";

  private final Deployer deployer;
  private final JarKeeper jars;
  private final PendingStore store;
  private final Clock clock;
  private final Consumer<String> log;

  SafeUpdate(
      Deployer deployer, JarKeeper jars, PendingStore store, Clock clock, Consumer<String> log) {
    this.deployer = deployer;
    this.jars = jars;
    this.store = store;
    this.clock = clock;
    this.log = log;
  }

  /** Who asked for a change, and how long the agent has to complete a session after it. */
  record Request(
      String serverId, Optional<String> correlator, String source, Duration confirmWithin) {}

  /**
   * Applies {@code pkg} from {@code file}; its bundles are started when {@code activate}, or when
   * they ran before.
   *
   * @return the change, awaiting a session
   * @throws OperationFailure when it could not be applied; nothing changed then
   */
  PendingUpdate apply(ComponentPackage pkg, Path file, boolean activate, Request request)
      throws OperationFailure, IOException, InterruptedException {
    Optional<PendingUpdate> waiting = store.read();
    if (waiting.isPresent()) {
      throw new OperationFailure(
          ResultCode.INSTALL_FAILED,
          "the update of " + waiting.get().component() + " awaits a session; one at a time");
    }
    List<PendingUpdate.Change> changes = new ArrayList<>();
    for (ComponentPackage.Member m : pkg.bundles()) {
      changes.add(plan(m, activate));
    }
    PendingUpdate pending =
        new PendingUpdate(
            pkg.id(),
            changes,
            request.serverId(),
            request.correlator(),
            request.source(),
            clock.instant().plus(request.confirmWithin()),
            PendingUpdate.Phase.APPLYING);
    store.write(pending);
    try {
      List<Bundle> changed = change(pkg, file);
      List<Bundle> unresolved = deployer.refreshAndResolve(changed);
      if (!unresolved.isEmpty()) {
        throw new OperationFailure(
            ResultCode.INSTALL_FAILED,
            names(unresolved)
                + " does not resolve (a package or capability it requires is missing)");
      }
      start(pending, changed, activate);
      for (ComponentPackage.Member m : pkg.bundles()) {
        try (InputStream in = ComponentPackage.open(file, m)) {
          jars.keepInstalled(m.symbolicName(), in);
        }
      }
    } catch (OperationFailure e) {
      rollBack(pending);
      throw e;
    } catch (IOException | RuntimeException e) {
      rollBack(pending);
      throw new OperationFailure(ResultCode.INSTALL_FAILED, e.toString(), e);
    }
    PendingUpdate awaiting = pending.awaiting(clock.instant().plus(request.confirmWithin()));
    store.write(awaiting);
    return awaiting;
  }

  private PendingUpdate.Change plan(ComponentPackage.Member m, boolean activate)
      throws OperationFailure, IOException {
    if (m.symbolicName().equals(deployer.self())) {
      throw new OperationFailure(
          ResultCode.INSTALL_FAILED, "SCOMO does not update itself; the agent's FUMO does");
    }
    Optional<Bundle> existing = deployer.find(m.symbolicName());
    if (existing.isEmpty()) {
      return new PendingUpdate.Change(
          m.symbolicName(), LOCATION_PREFIX + m.symbolicName(), Optional.empty(), activate);
    }
    Bundle b = existing.get();
    if (b.getBundleId() == 0) {
      throw new OperationFailure(ResultCode.INSTALL_FAILED, "the framework is updated by FUMO");
    }
    Optional<Path> previous = jars.keepPrevious(b);
    if (previous.isEmpty()) {
      throw new OperationFailure(
          ResultCode.INSTALL_FAILED,
          "the jar "
              + m.symbolicName()
              + " runs now cannot be found (location "
              + b.getLocation()
              + "): no update without a way back");
    }
    return new PendingUpdate.Change(
        m.symbolicName(), b.getLocation(), previous, b.getState() == Bundle.ACTIVE);
  }

  private List<Bundle> change(ComponentPackage pkg, Path file)
      throws OperationFailure, IOException {
    List<Bundle> changed = new ArrayList<>();
    for (ComponentPackage.Member m : pkg.bundles()) {
      try (InputStream in = ComponentPackage.open(file, m)) {
        Optional<Bundle> existing = deployer.find(m.symbolicName());
        if (existing.isPresent()) {
          // Stopped first: an update would restart it itself, and a failure to start must be told
          // apart from a failure to install.
          deployer.stop(existing.get());
          deployer.update(existing.get(), in);
          changed.add(existing.get());
        } else {
          changed.add(deployer.install(LOCATION_PREFIX + m.symbolicName(), in));
        }
      } catch (BundleException e) {
        throw new OperationFailure(
            ResultCode.INSTALL_FAILED,
            m.symbolicName() + " cannot be installed: " + e.getMessage());
      }
    }
    return changed;
  }

  private void start(PendingUpdate pending, List<Bundle> changed, boolean activate)
      throws OperationFailure {
    for (int i = 0; i < changed.size(); i++) {
      Bundle b = changed.get(i);
      if (!activate && !pending.changes().get(i).wasActive()) {
        continue;
      }
      try {
        deployer.start(b);
      } catch (BundleException | IllegalStateException e) {
        throw new OperationFailure(
            ResultCode.INSTALL_FAILED,
            b.getSymbolicName()
                + " "
                + b.getVersion()
                + " failed to start: "
                + e.getMessage()
                + (e.getCause() != null ? " " + e.getCause().getMessage() : ""));
      }
    }
  }

  /** The server completed a session after the change: the previous versions are let go. */
  void confirm(PendingUpdate pending) throws IOException {
    for (PendingUpdate.Change c : pending.changes()) {
      if (c.previousJar().isPresent()) {
        jars.discard(c.previousJar().get());
      }
    }
    store.clear();
    log.accept(
        "update of " + pending.component() + " confirmed by a session with " + pending.serverId());
  }

  /**
   * Puts every bundle of {@code pending} back as it was (updated back to its previous jar, or
   * uninstalled when the change installed it) and forgets the change.
   *
   * @return what could not be put back, empty when all was
   */
  List<String> rollBack(PendingUpdate pending) throws InterruptedException, IOException {
    List<String> problems = undo(pending);
    store.clear();
    return problems;
  }

  private List<String> undo(PendingUpdate pending) throws InterruptedException, IOException {
    List<String> problems = new ArrayList<>();
    List<Bundle> touched = new ArrayList<>();
    List<PendingUpdate.Change> changes = new ArrayList<>(pending.changes());
    java.util.Collections.reverse(changes);
    for (PendingUpdate.Change c : changes) {
      Optional<Bundle> b = deployer.byLocation(c.location());
      try {
        if (c.previousJar().isPresent()) {
          if (b.isPresent()) {
            try (InputStream in = Files.newInputStream(c.previousJar().get())) {
              deployer.update(b.get(), in);
            }
            touched.add(b.get());
          }
          jars.restoreInstalled(c.symbolicName(), c.previousJar().get());
        } else {
          if (b.isPresent()) {
            deployer.uninstall(b.get());
            touched.add(b.get());
          }
          jars.forgetInstalled(c.symbolicName());
        }
      } catch (BundleException | IllegalStateException | IOException e) {
        problems.add(c.symbolicName() + ": " + e.getMessage());
      }
    }
    deployer.refreshAndResolve(touched);
    for (PendingUpdate.Change c : pending.changes()) {
      Optional<Bundle> b = deployer.byLocation(c.location());
      if (c.wasActive() && c.previousJar().isPresent() && b.isPresent()) {
        try {
          deployer.start(b.get());
        } catch (BundleException | IllegalStateException e) {
          problems.add(c.symbolicName() + " does not start again: " + e.getMessage());
        }
      }
    }
    for (PendingUpdate.Change c : pending.changes()) {
      if (c.previousJar().isPresent()) {
        jars.discard(c.previousJar().get());
      }
    }
    return problems;
  }

  private static String names(List<Bundle> bundles) {
    return String.join(
        ", ", bundles.stream().map(b -> b.getSymbolicName() + " " + b.getVersion()).toList());
  }
}
