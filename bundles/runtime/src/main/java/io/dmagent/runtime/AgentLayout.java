package io.dmagent.runtime;

import java.nio.file.Path;
import org.osgi.framework.BundleContext;

/**
 * Where the distribution keeps things, as the launcher tells the framework: {@code dmagent.home}
 * with its {@code system/} folder (bundles in Maven layout), the features descriptor, the {@code
 * features/} folder where vendors drop feature repositories, and {@code dmagent.data}, where the
 * agent keeps what it writes.
 */
record AgentLayout(Path home, Path system, Path descriptor, Path data) {
  /** Feature repositories (and their bundles) added to the distribution's own. */
  Path repositories() {
    return home.resolve("features");
  }

  static final String HOME = "dmagent.home";
  static final String DESCRIPTOR = "dmagent.features.descriptor";
  static final String DATA = "dmagent.data";

  static AgentLayout of(BundleContext context) {
    Path home = Path.of(property(context, HOME, "."));
    // The distribution that runs: the home, or a FUMO-installed version in data/versions/.
    Path system = Path.of(property(context, "dmagent.dist", home.toString())).resolve("system");
    String descriptor = context.getProperty(DESCRIPTOR);
    return new AgentLayout(
        home,
        system,
        descriptor != null ? Path.of(descriptor) : system.resolve("features.xml"),
        Path.of(property(context, DATA, home.resolve("data").toString())));
  }

  private static String property(BundleContext context, String key, String fallback) {
    String v = context.getProperty(key);
    return v != null ? v : fallback;
  }
}
