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
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Starts the gateway: a Felix framework (found through the standard {@link FrameworkFactory}), the
 * OSGi services of the {@code dm-framework} feature, and the runtime bundle, which installs the
 * features {@code config/} names. Prints one line with {@code ready} when they are up, then runs
 * until SIGTERM, on which it stops the framework cleanly (every bundle deactivated, every store
 * closed) before the JVM exits.
 */
public final class Main {
  static final String BOOT_FEATURE = "dm-framework";
  private static final long READY_TIMEOUT_MS = 60_000;

  private final AgentHome home;
  private final PrintStream out;

  Main(AgentHome home, PrintStream out) {
    this.home = home;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    AgentHome home = AgentHome.of(System.getProperty("dmagent.home", "."));
    Main main = new Main(home, System.out);
    Framework framework;
    try {
      framework = main.boot(args);
    } catch (IOException | BundleException e) {
      System.err.println("dmagent: cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> main.shutdown(framework), "dmagent-shutdown"));
    main.awaitReady(framework, start);
    framework.waitForStop(0);
  }

  Framework boot(String[] args) throws IOException, BundleException {
    ownerOnly(home.data());
    Map<String, String> props = frameworkProperties(List.of(args).contains("--console"));
    Framework framework =
        ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(props);
    framework.init();
    List<Bundle> boot = installBootFeature(framework.getBundleContext());
    framework.start();
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
    props.put("dmagent.data", home.data().toString());
    props.put("dmagent.features.descriptor", home.descriptor().toString());
    props.put("felix.cm.dir", home.data().resolve("configadmin").toString());
    props.put("felix.fileinstall.dir", home.config().toString());
    props.put("felix.fileinstall.poll", "1000");
    props.put("felix.fileinstall.noInitialDelay", "true");
    props.put("felix.fileinstall.enableConfigSave", "false");
    props.put("felix.fileinstall.log.level", "2");
    props.put("org.osgi.service.log.admin.loglevel", "INFO");
    props.put("gosh.args", console ? "" : "--nointeractive");
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

  void awaitReady(Framework framework, long startNanos) throws InterruptedException {
    BundleContext ctx = framework.getBundleContext();
    ServiceTracker<Object, Object> ready;
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
        return;
      }
    } finally {
      ready.close();
    }
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    out.println("DM Agent ready in " + ms + " ms: " + BundleCensus.of(ctx));
  }

  void shutdown(Framework framework) {
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
   * Where the distribution's parts are, and the framework properties an operator overrides in etc/.
   */
  record AgentHome(Path root) {
    static AgentHome of(String root) {
      return new AgentHome(Path.of(root).toAbsolutePath().normalize());
    }

    Path system() {
      return root.resolve("system");
    }

    Path descriptor() {
      return system().resolve("features.xml");
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
