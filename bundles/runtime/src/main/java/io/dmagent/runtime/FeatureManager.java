package io.dmagent.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
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
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Installs, starts and removes the bundles of the configured features, and tells the launcher when
 * the gateway is up (a service with {@code dmagent.ready=true}). A bundle that cannot be installed
 * or started, or a feature name that does not exist, costs one log line and nothing else: the rest
 * of the gateway comes up. Work runs on a thread of this component, which ends when the component
 * does.
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

  private static final String MVN = "mvn:";

  private final BundleContext context;
  private final AgentLayout layout;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "dmagent-features"));
  private final Set<String> active = new LinkedHashSet<>();

  @Reference(service = LoggerFactory.class)
  private Logger log;

  private ServiceRegistration<Object> ready;

  @Activate
  public FeatureManager(BundleContext context, RuntimeConfig config) {
    this.context = context;
    this.layout = AgentLayout.of(context);
    active.addAll(names(config));
  }

  /**
   * Feature names; a .cfg file gives one comma-separated string where a .config file gives an
   * array.
   */
  static List<String> names(RuntimeConfig config) {
    List<String> out = new ArrayList<>();
    for (String entry : config.features()) {
      for (String name : entry.split(",")) {
        if (!name.isBlank()) {
          out.add(name.trim());
        }
      }
    }
    return out;
  }

  @Activate
  void start() {
    worker.execute(this::applyAndReport);
  }

  @Modified
  void modified(RuntimeConfig config) {
    worker.execute(
        () -> {
          synchronized (active) {
            active.clear();
            active.addAll(names(config));
          }
          apply();
        });
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
    synchronized (active) {
      return List.copyOf(active);
    }
  }

  /** Every feature the descriptor declares. */
  public Collection<Feature> availableFeatures() throws IOException {
    return repository().features();
  }

  /** Adds a feature at run time; its bundles are installed and started before this returns. */
  public void install(String name) throws Exception {
    repository().bundlesOf(name); // unknown names fail here, before anything changes
    worker
        .submit(
            () -> {
              synchronized (active) {
                active.add(name);
              }
              apply();
            })
        .get();
  }

  /** Removes a feature at run time; bundles no other active feature needs are uninstalled. */
  public void uninstall(String name) throws Exception {
    worker
        .submit(
            () -> {
              synchronized (active) {
                active.remove(name);
              }
              apply();
            })
        .get();
  }

  private void applyAndReport() {
    apply();
    Hashtable<String, Object> props = new Hashtable<>();
    props.put(READY, Boolean.TRUE);
    props.put("dmagent.features", activeFeatures().toArray(new String[0]));
    ready = context.registerService(Object.class, new Object(), props);
  }

  private void apply() {
    FeatureRepository repo;
    try {
      repo = repository();
    } catch (IOException e) {
      log.error("cannot read the features descriptor {}: {}", layout.descriptor(), e.getMessage());
      return;
    }
    Set<String> wanted = new LinkedHashSet<>();
    for (String name : activeFeatures()) {
      try {
        wanted.addAll(repo.bundlesOf(name));
      } catch (FeatureRepository.UnknownFeatureException e) {
        log.error(
            "feature '{}' named in configuration {} does not exist in {}",
            name,
            RuntimeConfig.PID,
            layout.descriptor());
      }
    }
    List<Bundle> installed = new ArrayList<>();
    for (String location : wanted) {
      installIfMissing(repo, location).ifPresent(installed::add);
    }
    uninstallUnwanted(wanted);
    for (Bundle b : installed) {
      startBundle(b);
    }
    reportInactive();
  }

  private Optional<Bundle> installIfMissing(FeatureRepository repo, String location) {
    Bundle existing = context.getBundle(location);
    if (existing != null) {
      return Optional.of(existing);
    }
    try {
      Path file = repo.file(location);
      Manifest mf = manifest(file);
      String bsn = mf.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
      if (bsn == null) {
        log.error(
            "feature bundle {} ({}) is not an OSGi bundle: no Bundle-SymbolicName", location, file);
        return Optional.empty();
      }
      String name = bsn.split(";")[0].trim();
      String version = mf.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
      for (Bundle b : context.getBundles()) {
        if (name.equals(b.getSymbolicName())
            && String.valueOf(version).equals(b.getVersion().toString())) {
          return Optional.empty(); // the launcher installed it already (a framework service)
        }
      }
      try (InputStream in = Files.newInputStream(file)) {
        return Optional.of(context.installBundle(location, in));
      }
    } catch (NoSuchFileException e) {
      log.error("feature bundle {} is missing: no file {}", location, e.getFile());
    } catch (IOException | BundleException e) {
      log.error("cannot install feature bundle {}: {}", location, e.getMessage());
    }
    return Optional.empty();
  }

  private static Manifest manifest(Path file) throws IOException {
    try (JarInputStream jar = new JarInputStream(Files.newInputStream(file))) {
      Manifest mf = jar.getManifest();
      if (mf == null) {
        throw new IOException(file + " has no manifest");
      }
      return mf;
    }
  }

  private void uninstallUnwanted(Set<String> wanted) {
    List<Bundle> removed = new ArrayList<>();
    for (Bundle b : context.getBundles()) {
      if (b.getLocation().startsWith(MVN) && !wanted.contains(b.getLocation())) {
        try {
          b.uninstall();
          removed.add(b);
          log.info("uninstalled {} ({})", b.getSymbolicName(), b.getLocation());
        } catch (BundleException | IllegalStateException e) {
          log.error("cannot uninstall {}: {}", b.getLocation(), e.getMessage());
        }
      }
    }
    if (!removed.isEmpty()) {
      context
          .getBundle(Constants.SYSTEM_BUNDLE_LOCATION)
          .adapt(FrameworkWiring.class)
          .refreshBundles(removed);
    }
  }

  private void startBundle(Bundle b) {
    if (isFragment(b) || b.getState() == Bundle.ACTIVE) {
      return;
    }
    try {
      b.start();
    } catch (BundleException | IllegalStateException e) {
      log.error("cannot start {} ({}): {}", b.getSymbolicName(), b.getLocation(), e.getMessage());
    }
  }

  private void reportInactive() {
    for (Bundle b : context.getBundles()) {
      if (!isFragment(b) && b.getState() != Bundle.ACTIVE && b.getState() != Bundle.STARTING) {
        log.warn(
            "bundle {} {} is not active (state {})",
            b.getSymbolicName(),
            b.getVersion(),
            b.getState());
      }
    }
  }

  private static boolean isFragment(Bundle b) {
    return b.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
  }

  private FeatureRepository repository() throws IOException {
    return FeatureRepository.load(layout.descriptor(), layout.system());
  }
}
