package io.dmagent.launcher;

import io.dmagent.runtime.BundleFiles;
import io.dmagent.runtime.FeatureRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.SAXParserFactory;
import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Starts the gateway: a Felix framework on the cache kept from the last start ({@link
 * FrameworkCache}), the OSGi services of the {@code dm-framework} feature, and the runtime bundle,
 * which installs the features {@code config/} names. Prints one line with {@code ready} when they
 * are up, then runs until SIGTERM, on which it stops the framework cleanly (every bundle
 * deactivated, every store closed) before the JVM exits.
 */
public final class Main {
  static final String BOOT_FEATURE = io.dmagent.runtime.FeatureManager.BOOT_FEATURE;
  private static final long READY_TIMEOUT_MS = 60_000;

  private final AgentHome home;
  private final PrintStream out;

  /** Taken by the class-data dump and by the stop, so that the two never overlap. */
  private final Object archiveGate = new Object();

  private boolean stopping;

  /** Held until the JVM ends: one agent per data folder. */
  @SuppressWarnings("unused")
  private DataLock lock;

  Main(AgentHome home, PrintStream out) {
    this.home = home;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    AgentHome home =
        AgentHome.of(
            System.getProperty("dmagent.home", "."),
            System.getProperty("dmagent.dist", System.getProperty("dmagent.home", ".")));
    Main main = new Main(home, JournalLines.standardOutput());
    Framework framework;
    try {
      main.lock = DataLock.take(home.data());
      framework = main.boot(args);
    } catch (IOException | BundleException e) {
      System.err.println("dmagent: cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> main.shutdown(framework), "dmagent-shutdown"));
    if (main.awaitReady(framework, start)) {
      ClassDataArchive.requested().ifPresent(main::writeUnlessStopping);
    }
    framework.waitForStop(0);
    // Stopped from inside (a FUMO update restarts into the new version): bin/dmagent goes on.
    System.exit(0);
  }

  Framework boot(String[] args) throws IOException, BundleException {
    namedXmlParser();
    ownerOnly(home.data());
    StaleTempFolders.clean(home.data().resolve("tmp"));
    List<String> arguments = List.of(args);
    Map<String, String> props = frameworkProperties(arguments.contains("--console"));
    Framework framework =
        initFramework(
            props,
            FrameworkCache.of(home.data(), home.dist()),
            arguments.contains(FrameworkCache.CLEAN_ARGUMENT));
    BundleContext context = framework.getBundleContext();
    List<Bundle> boot = installBootFeature(context);
    leaveStopped(context);
    // One resolution for the whole boot feature: each start() would otherwise resolve again.
    framework.adapt(FrameworkWiring.class).resolveBundles(boot);
    framework.start();
    for (Bundle b : boot) {
      try {
        // Transient: the next start leaves it stopped until here again, in this order.
        b.start(Bundle.START_TRANSIENT);
      } catch (BundleException e) {
        out.println("ERROR dmagent: cannot start " + b.getSymbolicName() + ": " + e.getMessage());
      }
    }
    return framework;
  }

  /**
   * A framework initialised on the cache kept from the last start, or on a clean one when the cache
   * belongs to another distribution, the operator asked, or the kept one cannot be read (the
   * framework fails or reports an error while reading it): one warning then, and one clean retry.
   */
  private Framework initFramework(Map<String, String> props, FrameworkCache cache, boolean asked)
      throws IOException, BundleException {
    Optional<String> reason = cache.cleanReason(asked);
    if (reason.isEmpty()) {
      HeldErrors log = new HeldErrors();
      Framework kept = newFramework(props, log, false);
      log.hold();
      String damage;
      try {
        kept.init();
        List<String> errors = log.release();
        if (errors.isEmpty()) {
          return kept;
        }
        damage = errors.get(0) + (errors.size() > 1 ? " and " + (errors.size() - 1) + " more" : "");
        discard(kept);
      } catch (BundleException | RuntimeException e) {
        log.release();
        damage = e.toString();
      }
      out.println(
          "WARN dmagent: the framework cache "
              + cache.folder()
              + " cannot be read ("
              + damage
              + "); starting with a clean one");
    } else if (Files.exists(cache.folder())) {
      out.println("dmagent: starting with a clean framework cache: " + reason.get());
    }
    cache.forget();
    Framework clean = newFramework(props, new HeldErrors(), true);
    clean.init();
    cache.madeNow();
    return clean;
  }

  /** Stops a framework that was initialised but will not run, so that it lets go of its cache. */
  private static void discard(Framework framework) throws BundleException {
    framework.stop();
    try {
      framework.waitForStop(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Felix itself, not through {@code FrameworkFactory}: its logger is given as an object in the
   * configuration, which the factory's string map cannot carry.
   */
  private static Framework newFramework(Map<String, String> props, HeldErrors log, boolean clean) {
    Map<String, Object> config = new HashMap<>(props);
    config.put(HeldErrors.PROPERTY, log);
    if (clean) {
      // Without it (or with etc/framework.properties's value) the framework keeps its storage.
      config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
    }
    return new Felix(config);
  }

  /**
   * The feature bundles the cache kept are left stopped when the framework starts: the boot
   * feature's start here in their order, once the framework runs, as on a clean cache; the others
   * once the runtime has brought them up to date with their files and knows which features the
   * configuration wants, so that none runs stale code or belongs to a feature no longer configured.
   * Bundles installed otherwise (SCOMO, deploy/) start as the framework recorded.
   */
  private static void leaveStopped(BundleContext context) throws BundleException {
    for (Bundle b : context.getBundles()) {
      if (b.getLocation().startsWith("mvn:")
          && b.getHeaders("").get(Constants.FRAGMENT_HOST) == null) {
        b.stop();
      }
    }
  }

  /**
   * SCR reads each bundle's component descriptors with {@link SAXParserFactory#newInstance()},
   * which looks for a parser on the class path at every call; the one it finds there is the JDK's
   * own, named here once, as a system property set by the operator would.
   */
  private static void namedXmlParser() {
    String key = SAXParserFactory.class.getName();
    if (System.getProperty(key) == null) {
      System.setProperty(key, SAXParserFactory.newDefaultInstance().getClass().getName());
    }
  }

  /**
   * The data folder holds the tree (DM account secrets), the outbox and ConfigAdmin's store: 700,
   * also when the agent is started without bin/dmagent (whose umask makes the files in it 600).
   */
  static void ownerOnly(Path data) throws IOException {
    Files.createDirectories(data);
    if (Files.getFileStore(data)
        .supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
      Files.setPosixFilePermissions(
          data, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
  }

  Map<String, String> frameworkProperties(boolean console) throws IOException {
    Map<String, String> props = new HashMap<>();
    // Kept between starts of one distribution (FrameworkCache); the runtime updates a bundle whose
    // file was replaced (BundleFiles).
    props.put(Constants.FRAMEWORK_STORAGE, home.data().resolve("framework").toString());
    props.put("dmagent.home", home.root().toString());
    props.put("dmagent.dist", home.dist().toString());
    props.put("dmagent.release", home.release());
    props.put("dmagent.data", home.data().toString());
    props.put("dmagent.features.descriptor", home.descriptor().toString());
    props.put("felix.cm.dir", home.data().resolve("configadmin").toString());
    props.put("felix.fileinstall.dir", home.config().toString());
    props.put("felix.fileinstall.poll", "1000");
    props.put("felix.fileinstall.noInitialDelay", "true");
    props.put("felix.fileinstall.enableConfigSave", "false");
    props.put("felix.fileinstall.log.level", "2");
    // A folder of its own, reused at every start (without one, FileInstall makes a new
    // data/tmp/fileinstall-* at each start and leaves it behind at each crash).
    props.put("felix.fileinstall.tmpdir", home.data().resolve("fileinstall/config").toString());
    props.put("org.osgi.service.log.admin.loglevel", "INFO");
    // Gogo's own console never runs: the console bundle's does (constant memory, one-line errors).
    props.put("gosh.args", "--nointeractive");
    props.put("dmagent.console", String.valueOf(console));
    // Feature dm-http-listener: Jetty waits for the configuration io.dmagent.http-listener writes
    // (loopback by default) instead of opening its default port on every interface first.
    props.put("org.apache.felix.http.require.config", "true");
    // SCR keeps the components' descriptors it read in its data area in the kept cache, and reads
    // them again only for a bundle whose last modification differs: no XML parsed at each start.
    props.put("ds.cache.metadata", "true");
    props.putAll(home.overrides());
    return props;
  }

  /**
   * Installs the boot feature's bundles, or updates those the kept cache holds from other bytes
   * than their files' (a jar replaced by a new build): none of them has started yet.
   */
  private List<Bundle> installBootFeature(BundleContext context)
      throws IOException, BundleException {
    FeatureRepository repo = FeatureRepository.load(home.descriptor(), home.system());
    BundleFiles files = BundleFiles.of(context);
    List<Bundle> bundles = new ArrayList<>();
    try {
      for (String location : repo.bundlesOf(BOOT_FEATURE)) {
        Bundle installed = context.getBundle(location);
        if (installed == null) {
          bundles.add(files.install(location, repo.file(location)));
        } else {
          files.updateIfChanged(installed, repo.file(location));
          bundles.add(installed);
        }
      }
    } catch (FeatureRepository.UnknownFeatureException e) {
      throw new IOException(home.descriptor() + " declares no feature " + BOOT_FEATURE, e);
    } finally {
      files.save();
    }
    return bundles;
  }

  /** Prints the ready line, or an error after {@link #READY_TIMEOUT_MS}; true when ready. */
  boolean awaitReady(Framework framework, long startNanos) throws InterruptedException {
    BundleContext ctx = framework.getBundleContext();
    ServiceTracker<Object, Object> ready;
    ServiceReference<Object> readiness;
    try {
      ready = new ServiceTracker<>(ctx, ctx.createFilter("(dmagent.ready=true)"), null);
    } catch (org.osgi.framework.InvalidSyntaxException e) {
      throw new IllegalStateException(e);
    }
    ready.open(true);
    try {
      if (ready.waitForService(READY_TIMEOUT_MS) == null) {
        out.println(
            "ERROR dmagent: not ready after "
                + READY_TIMEOUT_MS / 1000
                + " s: is config/io.dmagent.runtime.cfg present and readable?");
        return false;
      }
      readiness = ready.getServiceReference();
    } finally {
      ready.close();
    }
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    out.println("DM Agent ready in " + ms + " ms: " + readyCensus(readiness, ctx));
    return true;
  }

  /**
   * What works: the components of our bundles as the runtime counted them, and the bundles that are
   * not active.
   */
  static String readyCensus(ServiceReference<?> readiness, BundleContext ctx) {
    Object active = readiness.getProperty("dmagent.components.active");
    Object total = readiness.getProperty("dmagent.components.total");
    Object notActive = readiness.getProperty("dmagent.components.notActive");
    BundleCensus bundles = BundleCensus.of(ctx);
    StringBuilder line = new StringBuilder();
    line.append(active).append(" of ").append(total).append(" components active");
    if (notActive instanceof String[] names && names.length > 0) {
      line.append(", not active: ").append(String.join("; ", names));
    }
    line.append(" (").append(bundles).append(')');
    return line.toString();
  }

  /**
   * Writes the class-data archive unless a stop has begun, and holds off the stop while it writes:
   * a JDK 17 JVM that began to exit in the middle of the dump dumped again from its SIGTERM
   * handler, over classes the stopped framework had let go, and crashed (SIGSEGV in the dump).
   */
  void writeUnlessStopping(ClassDataArchive archive) {
    synchronized (archiveGate) {
      if (!stopping) {
        out.println(archive.write());
      }
    }
  }

  void shutdown(Framework framework) {
    synchronized (archiveGate) {
      stopping = true;
    }
    long start = System.nanoTime();
    try {
      framework.stop();
      FrameworkEvent stopped = framework.waitForStop(30_000);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      // Printed here, synchronously: the log service's own lines may not all get out while it stops
      // too.
      out.println(
          stopped.getType() == FrameworkEvent.WAIT_TIMEDOUT
              ? "ERROR dmagent: bundles still stopping after 30 s; exiting anyway"
              : "DM Agent stopped in " + ms + " ms: every bundle stopped");
    } catch (BundleException | InterruptedException e) {
      System.err.println("dmagent: unclean shutdown: " + e);
    }
  }

  /**
   * Where the distribution's parts are: the agent's home (config/, data/, deploy/, etc/) and the
   * distribution that runs (lib/, system/, RELEASE): the home itself, or a version a FUMO update
   * installed in data/versions/.
   */
  record AgentHome(Path root, Path dist) {
    static AgentHome of(String root) {
      return of(root, root);
    }

    static AgentHome of(String root, String dist) {
      return new AgentHome(
          Path.of(root).toAbsolutePath().normalize(), Path.of(dist).toAbsolutePath().normalize());
    }

    Path system() {
      return dist.resolve("system");
    }

    Path descriptor() {
      return system().resolve("features.xml");
    }

    /** The running distribution's version, from its RELEASE file ({@code version=...}). */
    String release() throws IOException {
      Path file = dist.resolve("RELEASE");
      if (!Files.isRegularFile(file)) {
        return "unknown";
      }
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        p.load(in);
      }
      return p.getProperty("version", "unknown").trim();
    }

    Path config() {
      return root.resolve("config");
    }

    Path data() {
      return root.resolve("data");
    }

    /**
     * {@code etc/framework.properties}, if present: framework properties that win over the
     * defaults.
     */
    Map<String, String> overrides() throws IOException {
      Path file = root.resolve("etc/framework.properties");
      Map<String, String> out = new HashMap<>();
      if (Files.isRegularFile(file)) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
          p.load(in);
        }
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
      }
      return out;
    }
  }
}
