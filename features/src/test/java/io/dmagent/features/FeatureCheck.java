package io.dmagent.features;

import io.dmagent.runtime.FeatureRepository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Checks one feature the way the gateway will use it: every bundle file exists, and a real Felix
 * framework on this JVM (JavaSE-17) resolves all of them together. Returns the problems, one line
 * each, naming bundle and cause.
 */
final class FeatureCheck {
  private FeatureCheck() {}

  static List<String> problems(FeatureRepository repo, String feature, Path storage)
      throws Exception {
    List<String> problems = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (String location : repo.bundlesOf(feature)) {
      Path file = repo.file(location);
      if (Files.isRegularFile(file)) {
        files.add(file);
      } else {
        problems.add(feature + ": bundle " + location + " does not exist (" + file + ")");
      }
    }
    Map<String, String> props = new HashMap<>();
    props.put(Constants.FRAMEWORK_STORAGE, storage.toString());
    props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
    Framework framework =
        ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(props);
    framework.start();
    try {
      List<Bundle> bundles = new ArrayList<>();
      for (Path file : files) {
        try (InputStream in = Files.newInputStream(file)) {
          bundles.add(framework.getBundleContext().installBundle(file.toUri().toString(), in));
        } catch (BundleException | IOException e) {
          problems.add(
              feature + ": " + file.getFileName() + " is not a valid bundle: " + e.getMessage());
        }
      }
      framework.adapt(FrameworkWiring.class).resolveBundles(bundles);
      for (Bundle b : bundles) {
        if (b.getState() == Bundle.INSTALLED) {
          problems.add(
              feature + ": " + b.getSymbolicName() + " does not resolve: " + resolutionError(b));
        }
      }
    } finally {
      framework.stop();
      framework.waitForStop(10_000);
    }
    return problems;
  }

  /** Felix says what is missing when asked to start a bundle it cannot resolve. */
  private static String resolutionError(Bundle b) {
    try {
      b.start(Bundle.START_TRANSIENT);
      b.stop();
      return "(resolved on start)";
    } catch (BundleException e) {
      return e.getMessage();
    }
  }
}
