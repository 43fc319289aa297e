package io.dmagent.itest.framework;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.osgi.framework.Bundle;

/**
 * The runtime bundle's feature manager in a running framework: the features named in its
 * configuration are installed and started from the distribution's {@code system/} folder (here
 * {@code itest/target/runtime-home}, laid out by the build), and taken away when the configuration
 * no longer names them.
 */
class FeatureManagerTest {
  private static final String MANAGER = "io.dmagent.runtime.FeatureManager";
  private static final String SHELL = "io.dmagent.shell";

  @RegisterExtension final InFramework dm = new InFramework();

  @BeforeEach
  void describeTheFeatures() throws Exception {
    String version = dm.context.getBundle().getHeaders().get("DmAgent-Version");
    Path system = Path.of(dm.context.getProperty("dmagent.home")).resolve("system");
    Files.writeString(
        system.resolve("features.xml"),
        "<features xmlns=\"http://karaf.apache.org/xmlns/features/v1.6.0\" name=\"itest\">\n"
            + "  <feature name=\"itest-console\" version=\"1\">\n"
            + "    <bundle>mvn:io.dmagent/io.dmagent.shell/"
            + version
            + "</bundle>\n"
            + "  </feature>\n"
            + "</features>\n",
        StandardCharsets.UTF_8);
  }

  @AfterEach
  void leaveNoFeatureBehind() throws Exception {
    dm.configure("io.dmagent.runtime", Map.of("features", ""), Object.class, MANAGER);
    awaitShell(false);
  }

  @Test
  void a_configured_feature_is_installed_and_started_and_leaves_when_no_longer_configured()
      throws Exception {
    dm.configure("io.dmagent.runtime", Map.of("features", "itest-console"), Object.class, MANAGER);

    assertThat(awaitShell(true)).map(Bundle::getState).contains(Bundle.ACTIVE);

    dm.configure("io.dmagent.runtime", Map.of("features", ""), Object.class, MANAGER);

    assertThat(awaitShell(false)).isEmpty();
  }

  @Test
  void an_unknown_feature_does_not_keep_the_others_from_coming_up() throws Exception {
    dm.configure(
        "io.dmagent.runtime",
        Map.of("features", "no-such-feature,itest-console"),
        Object.class,
        MANAGER);

    assertThat(awaitShell(true)).map(Bundle::getState).contains(Bundle.ACTIVE);
    assertThat(dm.log()).contains("no-such-feature");
  }

  /** Waits until the shell bundle is active (or gone), and answers what is there then. */
  private Optional<Bundle> awaitShell(boolean active) throws InterruptedException {
    Instant deadline = Instant.now().plus(InFramework.PATIENCE);
    while (true) {
      Optional<Bundle> shell =
          Arrays.stream(dm.context.getBundles())
              .filter(b -> SHELL.equals(b.getSymbolicName()))
              .findFirst();
      boolean done =
          active ? shell.map(b -> b.getState() == Bundle.ACTIVE).orElse(false) : shell.isEmpty();
      if (done || Instant.now().isAfter(deadline)) {
        return shell;
      }
      Thread.sleep(50);
    }
  }
}
