package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assembled distribution, run as a daemon: what an operator sees on a gateway. */
class DistributionIT {
  private static final Pattern READY =
      Pattern.compile(
          "DM Agent ready in \\d+ ms: (\\d+) of (\\d+) components active"
              + " \\((\\d+) of (\\d+) bundles active\\)");

  @TempDir Path dir;

  @Test
  void starts_headless_reports_ready_and_every_component_and_bundle_is_active() throws Exception {
    try (RunningAgent agent = RunningAgent.start(RunningAgent.install(dir))) {
      Matcher m = READY.matcher(agent.awaitLine(l -> READY.matcher(l).find()));

      assertThat(m.find()).isTrue();
      assertThat(m.group(1)).isEqualTo(m.group(2));
      assertThat(Integer.parseInt(m.group(2))).isGreaterThanOrEqualTo(20);
      assertThat(m.group(3)).isEqualTo(m.group(4));
      assertThat(Integer.parseInt(m.group(4))).isGreaterThanOrEqualTo(15);
      assertThat(agent.lines())
          .noneMatch(l -> l.contains("ERROR"))
          .noneMatch(l -> l.contains("is not a setting of"));
    }
  }

  @Test
  void nothing_the_agent_writes_is_readable_by_other_users() throws Exception {
    Path home = RunningAgent.install(dir);
    try (RunningAgent agent = RunningAgent.start(home)) {
      agent.awaitLine(l -> READY.matcher(l).find());
      Path data = home.resolve("data");
      assertThat(data.resolve("tree").resolve("tree.mv.db")).exists();

      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(data)))
          .isEqualTo("rwx------");
      try (var all = Files.walk(data)) {
        assertThat(all.toList())
            .hasSizeGreaterThan(3)
            .allSatisfy(
                p ->
                    assertThat(Files.getPosixFilePermissions(p))
                        .as(p.toString())
                        .noneMatch(
                            x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS")));
      }
    }
  }

  @Test
  void a_jar_dropped_into_deploy_is_started_replacing_it_updates_it_deleting_it_uninstalls_it()
      throws Exception {
    try (RunningAgent agent = RunningAgent.start(RunningAgent.install(dir))) {
      agent.awaitLine("DM Agent ready");
      Path jar = agent.home().resolve("deploy/vendor-sensor.jar");

      TestBundles.plain(jar, "com.example.sensor", "1.0.0");
      agent.awaitLine("bundle com.example.sensor 1.0.0 STARTED");

      TestBundles.plain(jar, "com.example.sensor", "1.1.0");
      agent.awaitLine("bundle com.example.sensor 1.1.0 UPDATED");
      agent.awaitLine("bundle com.example.sensor 1.1.0 STARTED");

      Files.delete(jar);
      agent.awaitLine("bundle com.example.sensor 1.1.0 UNINSTALLED");
      assertThat(agent.isAlive()).isTrue();
    }
  }

  @Test
  void a_corrupt_jar_in_deploy_is_named_in_the_log_and_the_agent_keeps_working() throws Exception {
    try (RunningAgent agent = RunningAgent.start(RunningAgent.install(dir))) {
      agent.awaitLine("DM Agent ready");

      Files.write(
          agent.home().resolve("deploy/broken.jar"),
          "not a zip at all".getBytes(StandardCharsets.UTF_8));
      agent.awaitLine(l -> l.contains("ERROR") && l.contains("deploy/broken.jar is not installed"));

      TestBundles.plain(agent.home().resolve("deploy/good.jar"), "com.example.good", "1.0.0");
      agent.awaitLine("bundle com.example.good 1.0.0 STARTED");
    }
  }

  @Test
  void a_malformed_configuration_file_is_named_in_the_log_and_the_agent_keeps_working()
      throws Exception {
    try (RunningAgent agent = RunningAgent.start(RunningAgent.install(dir))) {
      agent.awaitLine("DM Agent ready");

      Files.write(
          agent.home().resolve("config/com.example.bad.config"),
          "this is { not a configuration".getBytes(StandardCharsets.UTF_8));
      agent.awaitLine(l -> l.contains("config/com.example.bad.config is malformed"));

      TestBundles.plain(agent.home().resolve("deploy/good.jar"), "com.example.good", "1.0.0");
      agent.awaitLine("bundle com.example.good 1.0.0 STARTED");
    }
  }

  @Test
  void an_unknown_feature_name_at_first_start_is_refused_and_only_the_boot_feature_runs()
      throws Exception {
    Path home = RunningAgent.install(dir);
    Files.writeString(
        home.resolve("config/io.dmagent.runtime.cfg"), "features=dm-core,dm-nothing\n");
    try (RunningAgent agent = RunningAgent.start(home)) {
      String refusal = agent.awaitLine("feature named 'dm-nothing'");
      agent.awaitLine(l -> READY.matcher(l).find());

      assertThat(refusal).contains("ERROR", "running only the boot feature dm-framework");
      assertThat(agent.lines()).noneMatch(l -> l.contains("bundle io.dmagent.tree "));
    }
  }

  @Test
  void a_feature_added_to_the_configuration_is_installed_live_and_removed_likewise()
      throws Exception {
    Path home = RunningAgent.install(dir);
    Files.writeString(home.resolve("config/io.dmagent.runtime.cfg"), "features=dm-core,dm-http\n");
    try (RunningAgent agent = RunningAgent.start(home)) {
      agent.awaitLine("DM Agent ready");
      assertThat(agent.lines()).noneMatch(l -> l.contains("bundle io.dmagent.server "));

      Files.writeString(
          home.resolve("config/io.dmagent.runtime.cfg"), "features=dm-core,dm-http,dm-server\n");
      agent.awaitLine(l -> l.contains("bundle io.dmagent.server ") && l.endsWith("STARTED"));

      Files.writeString(
          home.resolve("config/io.dmagent.runtime.cfg"), "features=dm-core,dm-http\n");
      agent.awaitLine(l -> l.contains("bundle io.dmagent.server ") && l.endsWith("UNINSTALLED"));
    }
  }

  @Test
  void sigterm_stops_every_bundle_and_ends_the_process() throws Exception {
    try (RunningAgent agent = RunningAgent.start(RunningAgent.install(dir))) {
      agent.awaitLine("DM Agent ready");

      int exit = agent.terminate();

      assertThat(exit).isEqualTo(143); // 128 + SIGTERM, after the shutdown hook ran
      assertThat(agent.lines())
          .anyMatch(l -> l.matches("DM Agent stopped in \\d+ ms: every bundle stopped"));
    }
  }

  @Test
  void a_java_older_than_17_is_refused_with_a_clear_message() throws Exception {
    Path home = RunningAgent.install(dir);
    Path fakeJdk = dir.resolve("jdk11");
    Files.createDirectories(fakeJdk.resolve("bin"));
    Path java = fakeJdk.resolve("bin/java");
    Files.writeString(
        java,
        "#!/bin/sh\necho '    java.specification.version = 11' >&2\necho 'openjdk version \"11.0.2\"' >&2\n");
    java.toFile().setExecutable(true);

    try (RunningAgent agent = RunningAgent.start(home, Map.of("JAVA_HOME", fakeJdk.toString()))) {
      assertThat(agent.awaitExit()).isEqualTo(1);
      assertThat(agent.lines())
          .anyMatch(l -> l.contains("Java 11") && l.contains("needs Java 17 or newer"));
    }
  }
}
