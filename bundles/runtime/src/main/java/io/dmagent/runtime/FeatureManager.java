package io.dmagent.runtime;

import io.dmagent.api.feature.FeatureChange;
import io.dmagent.api.feature.FeatureListener;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Installs, starts and removes the bundles of the configured features, and tells the launcher when
 * the gateway is up (a service with {@code dmagent.ready=true} that counts the components that
 * work). A feature change is applied as a whole or not at all: {@link FeatureSetCheck} refuses a
 * set that names an unknown feature, is empty, drops the boot bundles or cannot reach a DM server;
 * a bundle that cannot be installed or resolved rolls the change back. A refusal is one ERROR line
 * and the running set stays. The boot bundles (framework services, this runtime, the console) are
 * never uninstalled. Changes at run time come from the console ({@link FeatureCommands}) or other
 * bundles ({@link FeatureService}), with the same checks; the {@code FeatureListener} services are
 * told after each change of the running set. Work runs on a thread of this component, which ends
 * when the component does.
 */
@Component(
    service = FeatureManager.class,
    immediate = true,
    configurationPid = RuntimeConfig.PID,
    configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RuntimeConfig.class)
public final class FeatureManager {
  /** Property of the service that says the configured features are installed and started. */
  public static final String READY = "dmagent.ready";

  /** Properties of the ready service: the component census ({@link ComponentCensus}). */
  public static final String COMPONENTS_ACTIVE = "dmagent.components.active";

  public static final String COMPONENTS_TOTAL = "dmagent.components.total";
  public static final String COMPONENTS_NOT_ACTIVE = "dmagent.components.notActive";

  /** The feature the launcher installs before this runtime runs. */
  public static final String BOOT_FEATURE = "dm-framework";

  static final String CONFIG_FILE = "config/" + RuntimeConfig.PID + ".cfg";

  private static final String MVN = "mvn:";

  /** How long the census waits for components that are not active yet to become so. */
  private static final long SETTLE_MS = 3_000;

  private final BundleContext context;
  private final AgentLayout layout;
  private final ServiceComponentRuntime scr;
  private final Logger log;
  private final AppliedFeatures applied;
  private final FeatureRepositories repositories;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "dmagent-features"));

  /** The names of the running set; changed only by the worker thread. */
  private volatile List<String> running = List.of();

  /** What the configuration asks for, retried by {@link #refreshRepositories()} while refused. */
  private volatile List<String> configured;

  private volatile boolean allowNoTransport;

  /**
   * The configured set was refused and is not running; changed only by the worker thread. A set
   * changed from the console is not this: a refresh leaves it alone.
   */
  private volatile boolean configuredRefused;

  private ServiceRegistration<Object> ready;

  private final List<FeatureListener> listeners = new CopyOnWriteArrayList<>();

  /**
   * @param gate not used here, but required: configurations must be checked before the features'
   *     components receive them
   */
  @Activate
  public FeatureManager(
      BundleContext context,
      RuntimeConfig config,
      @Reference ConfigurationGate gate,
      @Reference ServiceComponentRuntime scr,
      @Reference(service = LoggerFactory.class) Logger log) {
    this.context = context;
    this.layout = AgentLayout.of(context);
    this.scr = scr;
    this.log = log;
    this.applied = new AppliedFeatures(layout.data().resolve("runtime").resolve("features"));
    this.repositories =
        new FeatureRepositories(
            layout.descriptor(), layout.system(), layout.repositories(), log::error);
    List<String> configured = names(config);
    boolean allowNoTransport = config.allowNoTransport();
    this.configured = configured;
    this.allowNoTransport = allowNoTransport;
    worker.execute(() -> startUp(configured, allowNoTransport));
  }

  /**
   * Feature names; a .cfg file gives one comma-separated string where a .config file gives an
   * array.
   */
  static List<String> names(RuntimeConfig config) {
    List<String> out = new ArrayList<>();
    for (String entry : config.features()) {
      for (String name : entry.split(",")) {
        if (!name.isBlank() && !out.contains(name.trim())) {
          out.add(name.trim());
        }
      }
    }
    return out;
  }

  @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
  void addListener(FeatureListener listener) {
    listeners.add(listener);
  }

  void removeListener(FeatureListener listener) {
    listeners.remove(listener);
  }

  @Modified
  void modified(RuntimeConfig config) {
    List<String> configured = names(config);
    boolean allowNoTransport = config.allowNoTransport();
    this.configured = configured;
    this.allowNoTransport = allowNoTransport;
    worker.execute(() -> configure(configured, allowNoTransport));
  }

  @Deactivate
  void stop() throws InterruptedException {
    worker.shutdownNow();
    worker.awaitTermination(10, TimeUnit.SECONDS);
    if (ready != null) {
      try {
        ready.unregister();
      } catch (IllegalStateException alreadyGone) {
        // The framework unregisters it itself when this bundle stops.
      }
    }
  }

  /** Names of the features this gateway runs now. */
  public List<String> activeFeatures() {
    return running;
  }

  /** Every feature the descriptor and the feature repositories dropped beside it declare. */
  public Collection<Feature> availableFeatures() throws IOException {
    return repository().features();
  }

  /**
   * Reads the feature repositories again (a vendor dropped one into {@code features/}) and, when
   * the configured set was refused (it named a feature no repository declared yet), applies it, as
   * a whole or not at all.
   *
   * @return the repositories read and what changed, for the operator
   */
  public String refreshRepositories() throws InterruptedException {
    return onWorkerText(
        () -> {
          StringBuilder out = new StringBuilder("feature repositories: ");
          List<String> read = new ArrayList<>();
          repositories.read().sources().forEach(source -> read.add(source.toString()));
          out.append(String.join("; ", read));
          List<String> wanted = configured;
          if (configuredRefused) {
            configure(wanted, allowNoTransport);
            out.append(
                !configuredRefused
                    ? "\napplied the configured features " + String.join(",", wanted)
                    : "\nthe configured features "
                        + String.join(",", wanted)
                        + " are still refused (the log says why); running "
                        + String.join(",", running));
          }
          return out.toString();
        });
  }

  /**
   * Adds a feature at run time, until the next start; its bundles are installed and started before
   * this returns.
   *
   * @param force apply it even if the resulting set has no way to reach a DM server
   * @param origin who asks, for the log line and the answer
   * @return what changed, or why nothing did
   */
  public FeatureChange install(String name, boolean force, ChangeOrigin origin)
      throws InterruptedException {
    return onWorker(
        name,
        () -> {
          if (running.contains(name)) {
            return unchanged(name, "feature " + name + " is already installed; nothing changed");
          }
          List<String> next = new ArrayList<>(running);
          next.add(name);
          return change(
              name,
              "installed feature " + name,
              next,
              force,
              origin,
              "its bundles were already running");
        });
  }

  /**
   * Removes a feature at run time, until the next start: the bundles no other running feature needs
   * are uninstalled before this returns.
   *
   * @param force apply it even if the resulting set has no way to reach a DM server
   * @param origin who asks, for the log line and the answer
   * @return what changed, or why nothing did
   */
  public FeatureChange uninstall(String name, boolean force, ChangeOrigin origin)
      throws InterruptedException {
    return onWorker(
        name,
        () -> {
          List<String> including = including(name);
          if (!including.isEmpty()) {
            return refused(
                name,
                "feature "
                    + name
                    + " is part of "
                    + String.join(", ", including)
                    + ", which stay installed; nothing changed");
          }
          if (!running.contains(name)) {
            return unchanged(name, "feature " + name + " is not installed; nothing changed");
          }
          List<String> next = new ArrayList<>(running);
          next.remove(name);
          return change(
              name,
              "uninstalled feature " + name,
              next,
              force,
              origin,
              "its bundles stay, other installed features need them");
        });
  }

  private FeatureChange onWorker(String name, Callable<FeatureChange> task)
      throws InterruptedException {
    try {
      return worker.submit(task).get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      log.error("feature change failed: {}", cause.toString());
      return refused(name, "the feature change failed: " + cause.getMessage());
    }
  }

  private String onWorkerText(Callable<String> task) throws InterruptedException {
    try {
      return worker.submit(task).get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      log.error("feature change failed: {}", cause.toString());
      return "the feature change failed: " + cause.getMessage();
    }
  }

  /** A change asked for at run time: applied and logged, or refused with the reason. */
  private FeatureChange change(
      String name,
      String what,
      List<String> next,
      boolean force,
      ChangeOrigin origin,
      String whenNoBundle) {
    try {
      BundleChange change = apply(next, force);
      running(next);
      log.info("{} {}: {}", what, origin.logText(), change);
      return new FeatureChange(
          name,
          FeatureChange.Outcome.APPLIED,
          change.installed(),
          change.uninstalled(),
          what + ": " + (change.isEmpty() ? whenNoBundle : change));
    } catch (RefusedChange e) {
      return refused(
          name,
          "refused: "
              + e.getMessage()
              + (e.forcible() && origin.mayForce() ? "; add --force to apply it anyway" : "")
              + "; nothing changed");
    }
  }

  private static FeatureChange unchanged(String name, String message) {
    return new FeatureChange(name, FeatureChange.Outcome.UNCHANGED, List.of(), List.of(), message);
  }

  private static FeatureChange refused(String name, String message) {
    return new FeatureChange(name, FeatureChange.Outcome.REFUSED, List.of(), List.of(), message);
  }

  /** Makes {@code next} the running set and tells the listeners, when it changed. */
  private void running(List<String> next) {
    List<String> before = running;
    running = List.copyOf(next);
    if (!running.equals(before)) {
      for (FeatureListener l : listeners) {
        try {
          l.featuresChanged(running);
        } catch (RuntimeException e) {
          log.warn("a feature listener failed: {}", e.toString());
        }
      }
    }
  }

  /** The other running features whose closure includes {@code name}. */
  private List<String> including(String name) throws IOException {
    FeatureRepository repo = repository();
    List<String> out = new ArrayList<>();
    for (String f : running) {
      if (f.equals(name)) {
        continue;
      }
      try {
        if (repo.closureOf(f).contains(name)) {
          out.add(f);
        }
      } catch (FeatureRepository.UnknownFeatureException e) {
        // A running feature the descriptor no longer declares includes nothing.
      }
    }
    return out;
  }

  private void startUp(List<String> configured, boolean allowNoTransport) {
    try {
      applyConfigured(configured, allowNoTransport);
    } catch (RefusedChange e) {
      configuredRefused = true;
      fallBack(configured, e);
    }
    reportReady();
  }

  /** At start, a refused configuration leaves the set the configuration applied last, if any. */
  private void fallBack(List<String> configured, RefusedChange refusal) {
    List<String> last = applied.read();
    String refused = refusal(configured, refusal);
    if (last.isEmpty() || last.equals(configured)) {
      log.error("{}; running only the boot feature {}", refused, BOOT_FEATURE);
      return;
    }
    try {
      apply(last, true);
      running(last);
      log.error(
          "{}; running the features applied last instead: {}", refused, String.join(",", last));
    } catch (RefusedChange e) {
      log.error(
          "{}; the features applied last ({}) are refused too: {}",
          refused,
          String.join(",", last),
          e.getMessage());
    }
  }

  private void configure(List<String> configured, boolean allowNoTransport) {
    if (configured.equals(running)) {
      return;
    }
    try {
      applyConfigured(configured, allowNoTransport);
    } catch (RefusedChange e) {
      configuredRefused = true;
      log.error("{}; still running {}", refusal(configured, e), String.join(",", running));
    }
  }

  /** Applies a set from the configuration and keeps it as the one to fall back on at start. */
  private void applyConfigured(List<String> configured, boolean allowNoTransport)
      throws RefusedChange {
    BundleChange change = apply(configured, allowNoTransport);
    running(configured);
    configuredRefused = false;
    remember(configured);
    log.info("features {}: {}", String.join(", ", configured), change);
  }

  private static String refusal(List<String> configured, RefusedChange e) {
    return CONFIG_FILE
        + ": features="
        + String.join(",", configured)
        + " refused: "
        + e.getMessage()
        + (e.forcible() ? " (allowNoTransport=true applies it anyway)" : "");
  }

  private void remember(List<String> names) {
    try {
      applied.write(names);
    } catch (IOException e) {
      log.warn("cannot keep the applied feature set in {}: {}", layout.data(), e.toString());
    }
  }

  private void reportReady() {
    ComponentCensus census = settledCensus();
    Hashtable<String, Object> props = new Hashtable<>();
    props.put(READY, Boolean.TRUE);
    props.put("dmagent.features", running.toArray(new String[0]));
    props.put(COMPONENTS_ACTIVE, census.active());
    props.put(COMPONENTS_TOTAL, census.total());
    props.put(COMPONENTS_NOT_ACTIVE, census.notActive().toArray(new String[0]));
    ready = context.registerService(Object.class, new Object(), props);
  }

  /**
   * The census once every component works, or once those that do not have had {@link #SETTLE_MS} to
   * come up (configurations and services arrive on other threads).
   */
  private ComponentCensus settledCensus() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MS);
    ComponentCensus census = ComponentCensus.of(scr, context.getBundles());
    while (!census.allActive() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      census = ComponentCensus.of(scr, context.getBundles());
    }
    return census;
  }

  /**
   * Makes {@code names} the running set, as a whole or not at all.
   *
   * @throws RefusedChange when the set is refused or a bundle cannot be installed or resolved;
   *     nothing changed then
   */
  private BundleChange apply(List<String> names, boolean force) throws RefusedChange {
    FeatureRepository repo;
    try {
      repo = repository();
    } catch (IOException e) {
      throw new RefusedChange(
          "cannot read the features descriptor " + layout.descriptor() + ": " + e.getMessage());
    }
    Map<String, Boolean> transport = new LinkedHashMap<>();
    FeatureSetCheck check =
        new FeatureSetCheck(
            repo,
            BOOT_FEATURE,
            location -> transport.computeIfAbsent(location, l -> providesTransport(repo, l)));
    Set<String> wanted = check.bundlesOf(names, transportOutsideFeatures(), force);
    Set<String> kept = check.boot();
    kept.add(context.getBundle().getLocation());

    BundleFiles files = bundleFiles();
    List<Bundle> updated = updateChanged(repo, wanted, kept, files);
    List<Bundle> added = install(repo, wanted, files);
    resolveOrRollBack(added, files);
    List<String> removed = uninstallUnwanted(wanted, kept, files);
    keep(files);
    // Every wanted bundle runs: the launcher leaves those kept in the cache stopped until here.
    for (String location : wanted) {
      Bundle b = context.getBundle(location);
      if (b != null) {
        start(b);
      }
    }
    return new BundleChange(
        added.stream().map(Bundle::getSymbolicName).toList(),
        updated.stream().map(Bundle::getSymbolicName).toList(),
        removed);
  }

  private BundleFiles bundleFiles() throws RefusedChange {
    try {
      return BundleFiles.of(context);
    } catch (IOException e) {
      throw new RefusedChange(e.getMessage());
    }
  }

  private void keep(BundleFiles files) {
    try {
      files.save();
    } catch (IOException e) {
      // The next start then updates the bundles it cannot match with their files: safe, slower.
      log.warn("cannot keep the record of the installed feature bundles: {}", e.toString());
    }
  }

  /**
   * Updates the wanted bundles the framework cache holds whose file changed since they were
   * installed (a jar replaced by a new build), and refreshes their wiring, so that no old revision
   * runs. The boot feature's are the launcher's, which did it before they started.
   */
  private List<Bundle> updateChanged(
      FeatureRepository repo, Set<String> wanted, Set<String> kept, BundleFiles files)
      throws RefusedChange {
    List<Bundle> updated = new ArrayList<>();
    for (String location : wanted) {
      Bundle b = context.getBundle(location);
      if (b == null || kept.contains(location)) {
        continue;
      }
      try {
        if (files.updateIfChanged(b, repo.file(location))) {
          updated.add(b);
        }
      } catch (NoSuchFileException e) {
        keep(files);
        throw new RefusedChange(
            "feature bundle " + location + " is missing: no file " + e.getFile());
      } catch (IOException | BundleException e) {
        keep(files);
        throw new RefusedChange(
            "cannot update feature bundle " + location + " from its file: " + e.getMessage());
      }
    }
    refresh(updated);
    return updated;
  }

  private boolean providesTransport(FeatureRepository repo, String location) {
    Bundle installed = context.getBundle(location);
    if (installed != null) {
      return BundleManifest.services(installed.getHeaders("").get(Constants.PROVIDE_CAPABILITY))
          .contains(FeatureSetCheck.TRANSPORT);
    }
    try {
      return BundleManifest.read(repo.file(location)).provides(FeatureSetCheck.TRANSPORT);
    } catch (IOException e) {
      return false; // a missing bundle file is reported when the change installs it
    }
  }

  /** A DM transport from a bundle no feature names (dropped into deploy/). */
  private boolean transportOutsideFeatures() {
    for (Bundle b : context.getBundles()) {
      if (!b.getLocation().startsWith(MVN)
          && BundleManifest.services(b.getHeaders("").get(Constants.PROVIDE_CAPABILITY))
              .contains(FeatureSetCheck.TRANSPORT)) {
        return true;
      }
    }
    return false;
  }

  /** Installs the wanted bundles that are not installed yet; all of them, or none. */
  private List<Bundle> install(FeatureRepository repo, Set<String> wanted, BundleFiles files)
      throws RefusedChange {
    List<Bundle> added = new ArrayList<>();
    for (String location : wanted) {
      if (context.getBundle(location) != null) {
        continue;
      }
      try {
        Path file = repo.file(location);
        BundleManifest.read(file);
        added.add(files.install(location, file));
      } catch (NoSuchFileException e) {
        rollBack(added, files);
        throw new RefusedChange(
            "feature bundle " + location + " is missing: no file " + e.getFile());
      } catch (IOException | BundleException e) {
        rollBack(added, files);
        throw new RefusedChange(
            "cannot install feature bundle " + location + ": " + e.getMessage());
      }
    }
    return added;
  }

  private void resolveOrRollBack(List<Bundle> added, BundleFiles files) throws RefusedChange {
    if (added.isEmpty() || wiring().resolveBundles(added)) {
      return;
    }
    List<String> unresolved = new ArrayList<>();
    for (Bundle b : added) {
      if (b.getState() == Bundle.INSTALLED) {
        unresolved.add(b.getSymbolicName() + " " + b.getVersion());
      }
    }
    rollBack(added, files);
    throw new RefusedChange(
        "bundle "
            + String.join(", ", unresolved)
            + " does not resolve (a package or capability it requires is missing)");
  }

  private void rollBack(List<Bundle> added, BundleFiles files) {
    List<Bundle> removed = new ArrayList<>();
    for (Bundle b : added) {
      try {
        b.uninstall();
        files.forget(b.getLocation());
        removed.add(b);
      } catch (BundleException | IllegalStateException e) {
        log.error("cannot roll back the installation of {}: {}", b.getLocation(), e.getMessage());
      }
    }
    refresh(removed);
  }

  private List<String> uninstallUnwanted(Set<String> wanted, Set<String> kept, BundleFiles files) {
    List<Bundle> removed = new ArrayList<>();
    for (Bundle b : context.getBundles()) {
      String location = b.getLocation();
      if (location.startsWith(MVN) && !wanted.contains(location) && !kept.contains(location)) {
        if (extendsFramework(b)) {
          // Only a restart of the framework takes an extension out: refreshing the system bundle
          // would stop the whole agent. It stays, unused, until the next start.
          log.info(
              "framework extension {} stays installed until the agent restarts",
              b.getSymbolicName());
          continue;
        }
        try {
          b.uninstall();
          files.forget(location);
          removed.add(b);
        } catch (BundleException | IllegalStateException e) {
          log.error("cannot uninstall {}: {}", location, e.getMessage());
        }
      }
    }
    refresh(removed);
    return removed.stream().map(Bundle::getSymbolicName).toList();
  }

  private boolean extendsFramework(Bundle b) {
    return BundleManifest.extendsFramework(
        b.getHeaders("").get(Constants.FRAGMENT_HOST), context.getBundle(0).getSymbolicName());
  }

  /**
   * Refreshes the wiring after uninstalls or updates, and waits for it: the next change starts from
   * it.
   */
  private void refresh(List<Bundle> removed) {
    if (removed.isEmpty()) {
      return;
    }
    CountDownLatch done = new CountDownLatch(1);
    wiring().refreshBundles(removed, event -> done.countDown());
    try {
      if (!done.await(30, TimeUnit.SECONDS)) {
        log.warn("refreshing the framework after uninstalling bundles takes more than 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private FrameworkWiring wiring() {
    return context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
  }

  private void start(Bundle b) {
    if (b.getHeaders("").get(Constants.FRAGMENT_HOST) != null || b.getState() == Bundle.ACTIVE) {
      return;
    }
    try {
      // Transient: the launcher leaves it stopped at the next start until this runtime starts it.
      b.start(Bundle.START_TRANSIENT);
    } catch (BundleException | IllegalStateException e) {
      log.error("cannot start {} ({}): {}", b.getSymbolicName(), b.getLocation(), e.getMessage());
    }
  }

  /** The features known now (the repositories are read again). */
  FeatureRepository repository() throws IOException {
    return repositories.read().repository();
  }
}
