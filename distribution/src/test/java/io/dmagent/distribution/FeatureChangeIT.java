package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feature change in the assembled distribution is applied as a whole or not at all, and never
 * cuts the gateway off from its DM server by mistake: from the configuration file and from the
 * console.
 */
class FeatureChangeIT {
  private static final Predicate<String> TRANSPORT_UNINSTALLED =
      uninstalled("io.dmagent.transport-http");
  private static final Predicate<String> SERVER_UNINSTALLED = uninstalled("io.dmagent.server");

  @TempDir Path dir;

  private static Predicate<String> uninstalled(String bundle) {
    return l -> l.contains("bundle " + bundle + " ") && l.endsWith("UNINSTALLED");
  }

  private static void configure(Path home, String text) throws Exception {
    Files.writeString(home.resolve("config/io.dmagent.runtime.cfg"), text);
  }

  /** A boot bundle (framework service, runtime, console) uninstalled or the runtime broken. */
  private static boolean bootHarmed(String line) {
    return (line.endsWith("UNINSTALLED")
            && (line.contains("bundle io.dmagent.runtime ")
                || line.contains("bundle org.apache.felix.")))
        || line.contains("Invalid BundleContext");
  }

  @Test
  void a_misspelt_feature_in_the_configuration_is_refused_in_one_error_line_and_nothing_changes()
      throws Exception {
    Path home = RunningAgent.install(dir);
    try (RunningAgent agent = RunningAgent.start(home)) {
      agent.awaitLine("DM Agent ready");

      configure(home, "features=dm-core,dm-htp,dm-server\n");
      String refusal = agent.awaitLine(l -> l.contains("io.dmagent.runtime.cfg: features="));
      // A valid change after it starts from the running set: only the server goes.
      configure(home, "features=dm-core,dm-http\n");
      agent.awaitLine(SERVER_UNINSTALLED);

      assertThat(refusal)
          .contains(
              "ERROR",
              "config/io.dmagent.runtime.cfg: features=dm-core,dm-htp,dm-server refused:",
              "no feature named 'dm-htp'",
              "still running dm-core,dm-http,dm-server");
      assertThat(agent.lines()).filteredOn(l -> l.contains("ERROR")).containsExactly(refusal);
      assertThat(agent.lines()).noneMatch(TRANSPORT_UNINSTALLED);
    }
  }

  @Test
  void a_feature_with_a_bundle_that_does_not_resolve_is_rolled_back_as_a_whole() throws Exception {
    Path home = RunningAgent.install(dir);
    Path system = home.resolve("system");
    TestBundles.plain(
        Files.createDirectories(system.resolve("com/example/good/1.0.0")).resolve("good-1.0.0.jar"),
        "com.example.good",
        "1.0.0");
    TestBundles.jar(
        Files.createDirectories(system.resolve("com/example/needy/1.0.0"))
            .resolve("needy-1.0.0.jar"),
        "com.example.needy",
        "1.0.0",
        java.util.Map.of("Import-Package", "com.example.nowhere"),
        java.util.Map.of());
    Path descriptor = system.resolve("features.xml");
    Files.writeString(
        descriptor,
        Files.readString(descriptor)
            .replace(
                "</features>",
                "<feature name=\"dm-vendor\" version=\"1\"><feature>dm-core</feature>"
                    + "<bundle>mvn:com.example/good/1.0.0</bundle>"
                    + "<bundle>mvn:com.example/needy/1.0.0</bundle></feature></features>"));
    try (RunningAgent agent = RunningAgent.start(home)) {
      agent.awaitLine("DM Agent ready");

      configure(home, "features=dm-core,dm-http,dm-server,dm-vendor\n");
      String refusal = agent.awaitLine(l -> l.contains("io.dmagent.runtime.cfg: features="));
      agent.awaitLine(uninstalled("com.example.good"));

      assertThat(refusal)
          .contains("ERROR", "bundle com.example.needy 1.0.0 does not resolve")
          .endsWith("still running dm-core,dm-http,dm-server");
      assertThat(agent.lines())
          .noneMatch(l -> l.contains("bundle com.example.good ") && l.endsWith("STARTED"));
    }
  }

  @Test
  void an_empty_feature_set_is_refused_and_the_runtime_keeps_running() throws Exception {
    Path home = RunningAgent.install(dir);
    try (RunningAgent agent = RunningAgent.start(home)) {
      agent.awaitLine("DM Agent ready");

      configure(home, "features=\n");
      String refusal = agent.awaitLine(l -> l.contains("io.dmagent.runtime.cfg: features="));
      configure(home, "features=dm-core,dm-http\n");
      agent.awaitLine(SERVER_UNINSTALLED);

      assertThat(refusal).contains("ERROR", "the feature set is empty");
      assertThat(agent.lines())
          .noneMatch(TRANSPORT_UNINSTALLED)
          .noneMatch(FeatureChangeIT::bootHarmed);
      assertThat(agent.isAlive()).isTrue();
    }
  }

  @Test
  void a_set_without_a_transport_is_refused_until_the_operator_allows_it() throws Exception {
    Path home = RunningAgent.install(dir);
    try (RunningAgent agent = RunningAgent.start(home)) {
      agent.awaitLine("DM Agent ready");

      configure(home, "features=dm-core\n");
      String refusal = agent.awaitLine(l -> l.contains("io.dmagent.runtime.cfg: features="));
      assertThat(refusal)
          .contains("ERROR", "leaves no way to reach a DM server", "allowNoTransport=true");

      configure(home, "features=dm-core\nallowNoTransport=true\n");
      agent.awaitLine(TRANSPORT_UNINSTALLED);
      agent.awaitLine(SERVER_UNINSTALLED);
      agent.awaitLine(l -> l.contains("io.dmagent.runtime: features dm-core: "));

      assertThat(agent.lines()).noneMatch(FeatureChangeIT::bootHarmed);
      assertThat(agent.isAlive()).isTrue();
    }
  }

  @Test
  void a_configuration_refused_at_start_leaves_the_set_applied_last_running() throws Exception {
    Path home = RunningAgent.install(dir);
    try (RunningAgent first = RunningAgent.start(home)) {
      first.awaitLine("DM Agent ready");
      first.terminate();
    }
    configure(home, "features=dm-core,dm-htp\n");

    try (RunningAgent agent = RunningAgent.start(home)) {
      String refusal = agent.awaitLine(l -> l.contains("io.dmagent.runtime.cfg: features="));
      agent.awaitLine("DM Agent ready");

      assertThat(refusal)
          .contains(
              "no feature named 'dm-htp'",
              "running the features applied last instead: dm-core,dm-http,dm-server");
      assertThat(agent.lines())
          .anyMatch(l -> l.contains("bundle io.dmagent.transport-http ") && l.endsWith("STARTED"));
    }
  }

  @Test
  void console_feature_commands_say_exactly_what_they_changed() throws Exception {
    try (RunningAgent agent = RunningAgent.startWithConsole(RunningAgent.install(dir))) {
      agent.awaitLine("DM Agent ready");

      List<String> core = agent.console("dm:feature uninstall dm-core");
      List<String> server = agent.console("dm:feature uninstall dm-server");
      List<String> http = agent.console("dm:feature uninstall dm-http");
      List<String> unknown = agent.console("dm:feature install dm-htp");

      assertThat(core)
          .contains(
              "feature dm-core is part of dm-http, dm-server, which stay installed; nothing changed");
      assertThat(server)
          .anyMatch(
              l ->
                  l.startsWith("uninstalled feature dm-server: uninstalled 3 bundles (")
                      && l.contains("org.eclipse.paho.client.mqttv3")
                      && l.contains("io.dmagent.server"));
      assertThat(http)
          .anyMatch(
              l ->
                  l.startsWith("refused: the set [dm-core] leaves no way to reach a DM server")
                      && l.endsWith("add --force to apply it anyway; nothing changed"));
      assertThat(unknown)
          .anyMatch(
              l ->
                  l.startsWith("refused: no feature named 'dm-htp'")
                      && l.endsWith("nothing changed"));
      assertThat(agent.lines()).noneMatch(TRANSPORT_UNINSTALLED);
    }
  }

  @Test
  void uninstalling_the_last_transport_with_force_keeps_the_console_and_the_framework()
      throws Exception {
    Path home = RunningAgent.install(dir);
    configure(home, "features=dm-core,dm-http\n");
    try (RunningAgent agent = RunningAgent.startWithConsole(home)) {
      agent.awaitLine("DM Agent ready");

      List<String> forced = agent.console("dm:feature uninstall --force dm-http");
      List<String> list = agent.console("dm:feature list");

      assertThat(forced)
          .anyMatch(
              l ->
                  l.startsWith("uninstalled feature dm-http: uninstalled ")
                      && l.contains("io.dmagent.transport-http"));
      assertThat(list).anyMatch(l -> l.startsWith("* dm-core "));
      assertThat(list).anyMatch(l -> l.startsWith("  dm-http "));
      assertThat(agent.lines()).noneMatch(FeatureChangeIT::bootHarmed);
      assertThat(agent.isAlive()).isTrue();
    }
  }
}
