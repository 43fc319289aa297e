package io.dmagent.launcher;

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
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.SAXParserFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Starts the gateway: a Felix framework (found through the standard {@link FrameworkFactory}), the
 * OSGi services of the {@code dm-framework} feature, and the runtime bundle, which installs the
 * features {@code config/} names. Prints one line with {@code ready} when they are up, then runs
 * until SIGTERM, on which it stops the framework cleanly (every bundle deactivated, every store
 * closed) before the JVM exits.
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
    Map<String, String> props = frameworkProperties(List.of(args).contains("--console"));
    Framework framework =
        ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(props);
    framework.init();
    List<Bundle> boot = installBootFeature(framework.getBundleContext());
    framework.start();
    // One resolution for the whole boot feature: each start() would otherwise resolve again.
    framework.adapt(FrameworkWiring.class).resolveBundles(boot);
    for (Bundle b : boot) {
      try {
        b.start();
      } catch (BundleException e) {
        out.println("ERROR dmagent: cannot start " + b.getSymbolicName() + ": " + e.getMessage());
      }
    }
    return framework;
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
    props.put(Constants.FRAMEWORK_STORAGE, home.data().resolve("framework").toString());
    // Bundles come from system/ and deploy/ on every start, so a replaced jar is always the one
    // that runs.
    props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
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
    props.putAll(home.overrides());
    return props;
  }

  private List<Bundle> installBootFeature(BundleContext context)
      throws IOException, BundleException {
    FeatureRepository repo = FeatureRepository.load(home.descriptor(), home.system());
    List<Bundle> bundles = new ArrayList<>();
    try {
      for (String location : repo.bundlesOf(BOOT_FEATURE)) {
        try (InputStream in = Files.newInputStream(repo.file(location))) {
          bundles.add(context.installBundle(location, in));
        }
      }
    } catch (FeatureRepository.UnknownFeatureException e) {
      throw new IOException(home.descriptor() + " declares no feature " + BOOT_FEATURE, e);
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
