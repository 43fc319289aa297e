package io.dmagent.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.apache.felix.cm.file.ConfigurationHandler;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Tells the operator, in one log line naming the file, when something dropped into {@code deploy/}
 * or {@code config/} cannot be used: a jar that is no bundle (FileInstall skips it silently), a
 * configuration file that does not parse (it is not applied). Each file version is reported once.
 * Runs on a thread of its own that ends with the component.
 */
@Component(
    service = {},
    immediate = true)
public final class FolderCheck {
  private static final long PERIOD_MS = 1_000;

  /** A file younger than this may still be being written; FileInstall waits likewise. */
  private static final long SETTLE_MS = 1_500;

  private final BundleContext context;
  private final AgentLayout layout;
  private final Logger log;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "dmagent-folder-check"));
  private final Map<Path, Long> reported = new HashMap<>();

  @Activate
  public FolderCheck(BundleContext context, @Reference(service = LoggerFactory.class) Logger log) {
    this.context = context;
    this.layout = AgentLayout.of(context);
    this.log = log;
    timer.scheduleWithFixedDelay(this::check, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  @Deactivate
  void stop() throws InterruptedException {
    timer.shutdownNow();
    timer.awaitTermination(5, TimeUnit.SECONDS);
  }

  void check() {
    try {
      Set<Path> seen = new HashSet<>();
      scan(layout.home().resolve("deploy"), "*.jar", seen, this::jarProblem);
      scan(layout.home().resolve("config"), "*.{cfg,config}", seen, FolderCheck::configProblem);
      reported.keySet().retainAll(seen);
    } catch (RuntimeException e) {
      log.warn("folder check failed: {}", e.toString());
    }
  }

  private interface Problem {
    String of(Path file) throws IOException;
  }

  private void scan(Path folder, String glob, Set<Path> seen, Problem problem) {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, glob)) {
      for (Path file : files) {
        seen.add(file);
        long modified = Files.getLastModifiedTime(file).toMillis();
        if (System.currentTimeMillis() - modified < SETTLE_MS
            || Long.valueOf(modified).equals(reported.get(file))) {
          continue;
        }
        String why = problem.of(file);
        if (why != null) {
          reported.put(file, modified);
          log.error("{}/{} {}", folder.getFileName(), file.getFileName(), why);
        }
      }
    } catch (IOException e) {
      log.warn("cannot read {}: {}", folder, e.toString());
    }
  }

  private String jarProblem(Path jar) {
    String uri = jar.toUri().toString();
    for (Bundle b : context.getBundles()) {
      if (b.getLocation().equals(uri) || b.getLocation().endsWith(jar.getFileName().toString())) {
        return null;
      }
    }
    try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
      Manifest mf = in.getManifest();
      if (mf == null) {
        return "is not installed: it is not a jar with a manifest";
      }
      if (mf.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME) == null) {
        return "is not installed: its manifest has no Bundle-SymbolicName, so it is no OSGi bundle";
      }
      return null; // a bundle FileInstall has not reached yet, or one it reports itself
    } catch (IOException e) {
      return "is not installed: it is not a readable jar (" + e.getMessage() + ")";
    }
  }

  private static String configProblem(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      if (file.getFileName().toString().endsWith(".config")) {
        ConfigurationHandler.read(in);
      } else {
        new Properties().load(in);
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return "is malformed and was not applied: " + e.getMessage();
    }
  }
}
