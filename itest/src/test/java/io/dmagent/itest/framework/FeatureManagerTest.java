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
 * no longer names them; a set naming an unknown feature is refused whole. The boot feature is empty
 * here (the framework's bundles come from the test's run file) and the HTTP binding the run file
 * installs is the way to a DM server.
 */
class FeatureManagerTest {
  private static final String MANAGER = "io.dmagent.runtime.FeatureManager";
  private static final String SHELL = "io.dmagent.shell";
  private static final String BOOT = "dm-framework";
  private static final String WITH_CONSOLE = BOOT + ",itest-console";

  @RegisterExtension final InFramework dm = new InFramework();

  @BeforeEach
  void describeTheFeatures() throws Exception {
    String version = dm.context.getBundle().getHeaders().get("DmAgent-Version");
    Path system = Path.of(dm.context.getProperty("dmagent.home")).resolve("system");
    Files.writeString(
        system.resolve("features.xml"),
        "<features xmlns=\"http://karaf.apache.org/xmlns/features/v1.6.0\" name=\"itest\">\n"
            + "  <feature name=\"dm-framework\" version=\"1\"/>\n"
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
    dm.configure("io.dmagent.runtime", Map.of("features", BOOT), Object.class, MANAGER);
    awaitShell(false);
  }

  @Test
  void a_configured_feature_is_installed_and_started_and_leaves_when_no_longer_configured()
      throws Exception {
    dm.configure("io.dmagent.runtime", Map.of("features", WITH_CONSOLE), Object.class, MANAGER);

    assertThat(awaitShell(true)).map(Bundle::getState).contains(Bundle.ACTIVE);

    dm.configure("io.dmagent.runtime", Map.of("features", BOOT), Object.class, MANAGER);

    assertThat(awaitShell(false)).isEmpty();
  }

  @Test
  void a_set_naming_an_unknown_feature_is_refused_whole_and_the_running_set_stays()
      throws Exception {
    dm.configure("io.dmagent.runtime", Map.of("features", WITH_CONSOLE), Object.class, MANAGER);
    assertThat(awaitShell(true)).map(Bundle::getState).contains(Bundle.ACTIVE);

    dm.configure(
        "io.dmagent.runtime", Map.of("features", BOOT + ",no-such-feature"), Object.class, MANAGER);

    assertThat(awaitLog("no feature named 'no-such-feature'")).isTrue();
    assertThat(awaitShell(true)).map(Bundle::getState).contains(Bundle.ACTIVE);
  }

  private boolean awaitLog(String part) throws InterruptedException {
    Instant deadline = Instant.now().plus(InFramework.PATIENCE);
    while (!dm.log().contains(part) && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    return dm.log().contains(part);
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
