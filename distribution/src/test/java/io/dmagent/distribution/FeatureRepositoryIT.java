package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vendor adds features to the assembled distribution without editing {@code system/features.xml}:
 * a feature repository and its bundle dropped into {@code features/}, read at start and by {@code
 * dm:feature refresh}; a broken repository is one ERROR line and changes nothing that runs.
 */
class FeatureRepositoryIT {
  private static final String ACME =
      """
      <features xmlns="http://karaf.apache.org/xmlns/features/v1.6.0" name="acme-1.0.0">
        <feature name="acme-thing" version="1.0.0" description="ACME's thing">
          <feature>dm-core</feature>
          <bundle>mvn:com.acme/acme-thing/1.0.0</bundle>
        </feature>
      </features>
      """;

  @TempDir Path dir;

  /** The repository and its bundle, beside it as a vendor's build leaves them in target/. */
  private static void dropAcme(Path home) throws Exception {
    Path features = Files.createDirectories(home.resolve("features"));
    TestBundles.plain(features.resolve("acme-thing-1.0.0.jar"), "com.acme.thing", "1.0.0");
    Files.writeString(features.resolve("acme.xml.part"), ACME);
    Files.move(features.resolve("acme.xml.part"), features.resolve("acme.xml"));
  }

  private static void configure(Path home, String features) throws Exception {
    Files.writeString(home.resolve("config/io.dmagent.runtime.cfg"), "features=" + features + "\n");
  }

  @Test
  void a_feature_of_a_dropped_repository_is_installed_at_start_like_a_shipped_one()
      throws Exception {
    Path home = RunningAgent.install(dir);
    dropAcme(home);
    configure(home, "dm-core,dm-http,acme-thing");

    try (RunningAgent agent = RunningAgent.start(home)) {
      String ready = agent.awaitLine("DM Agent ready");

      assertThat(agent.lines())
          .anyMatch(l -> l.contains("features dm-core, dm-http, acme-thing: installed and started"))
          .anyMatch(l -> l.contains("bundle com.acme.thing ") && l.endsWith("STARTED"))
          .noneMatch(l -> l.contains("ERROR"));
      assertThat(ready).doesNotContain("not active");
    }
  }

  @Test
  void a_broken_repository_is_one_error_line_and_the_configured_features_still_run()
      throws Exception {
    Path home = RunningAgent.install(dir);
    Files.writeString(
        Files.createDirectories(home.resolve("features")).resolve("broken.xml"),
        "<features><feature name=\"half\"");

    try (RunningAgent agent = RunningAgent.startWithConsole(home)) {
      agent.awaitLine("DM Agent ready");
      List<String> list = agent.console("dm:feature list");

      assertThat(agent.lines())
          .filteredOn(l -> l.contains("ERROR"))
          .singleElement()
          .satisfies(
              l ->
                  assertThat(l)
                      .contains(
                          "feature repository features/broken.xml refused: malformed features"
                              + " descriptor")
                      .endsWith("its features are not available, the running features stay"));
      assertThat(list).anyMatch(l -> l.startsWith("* dm-http ")).noneMatch(l -> l.contains("half"));
      assertThat(agent.lines())
          .anyMatch(l -> l.contains("bundle io.dmagent.transport-http ") && l.endsWith("STARTED"));
    }
  }

  @Test
  void a_repository_dropped_while_the_agent_runs_is_read_by_dm_feature_refresh() throws Exception {
    Path home = RunningAgent.install(dir);
    configure(home, "dm-core,dm-http");

    try (RunningAgent agent = RunningAgent.startWithConsole(home)) {
      agent.awaitLine("DM Agent ready");
      assertThat(agent.console("dm:feature install acme-thing"))
          .anyMatch(l -> l.contains("no feature named 'acme-thing'"));

      dropAcme(home);
      List<String> refresh = agent.console("dm:feature refresh");
      List<String> install = agent.console("dm:feature install acme-thing");
      // A refresh re-applies only a refused configuration, never undoes a console change.
      List<String> again = agent.console("dm:feature refresh");

      assertThat(refresh)
          .anyMatch(l -> l.startsWith("feature repositories: features.xml (dm-framework, "))
          .anyMatch(l -> l.contains("; acme.xml (acme-thing)"));
      assertThat(install)
          .contains(
              "installed feature acme-thing: installed and started 1 bundle (com.acme.thing)");
      assertThat(again).noneMatch(l -> l.contains("applied"));
      assertThat(agent.console("dm:feature list")).anyMatch(l -> l.startsWith("* acme-thing "));
    }
  }

  @Test
  void a_configured_feature_whose_repository_arrives_later_is_applied_by_dm_feature_refresh()
      throws Exception {
    Path home = RunningAgent.install(dir);
    configure(home, "dm-core,dm-http,acme-thing");

    try (RunningAgent agent = RunningAgent.startWithConsole(home)) {
      agent.awaitLine("DM Agent ready");
      String refused = agent.awaitLine(l -> l.contains("io.dmagent.runtime.cfg: features="));

      dropAcme(home);
      List<String> refresh = agent.console("dm:feature refresh");

      assertThat(refused).contains("ERROR", "no feature named 'acme-thing'");
      assertThat(refresh).contains("applied the configured features dm-core,dm-http,acme-thing");
      assertThat(agent.lines())
          .anyMatch(l -> l.contains("bundle com.acme.thing ") && l.endsWith("STARTED"))
          .anyMatch(l -> l.contains("bundle io.dmagent.transport-http ") && l.endsWith("STARTED"));
    }
  }
}
