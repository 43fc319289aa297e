package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FUMO on the assembled image with the embedded reference server: the server sets PkgURL and Execs
 * DownloadAndUpdate, the agent fetches the signed distribution, installs it beside itself, restarts
 * into it through bin/dmagent, confirms it after a session and reports 200; a version that crashes
 * or is never confirmed is switched back by bin/dmagent and reported as 410; a tampered package is
 * refused (404). Each outcome reaches the server as a Generic Alert carrying the Correlator of the
 * server's Exec. The tree in data/ stays throughout.
 */
class FumoIT {
  private static final Pattern SUMMARY =
      Pattern.compile(
          "INFO  io\\.dmagent\\.protocol: session \\S+ with dmagent-demo ended: completed");
  private static final String DOWNLOAD_AND_UPDATE =
      "org.openmobilealliance.dm.firmwareupdate.downloadandupdate";

  @TempDir Path dir;

  /** The image with FUMO and the HTTP push listener (the server wakes the agent) installed. */
  private Path home(int trialSeconds) throws Exception {
    Path home = RunningAgent.install(dir.resolve("agent"));
    RunningAgent.movePort(home, 8088, RunningAgent.freePort());
    Path runtime = home.resolve("config/io.dmagent.runtime.cfg");
    Files.writeString(
        runtime,
        Files.readString(runtime)
            .replace(
                "features=dm-core,dm-http,dm-server",
                "features=dm-core,dm-http,dm-server,dm-push-http,dm-fumo"));
    Path fumo = home.resolve("config/io.dmagent.fumo.cfg");
    Files.writeString(
        fumo, Files.readString(fumo).replace("trialSeconds=300", "trialSeconds=" + trialSeconds));
    // The embedded server makes the demo TLS material at its first start, which the transport may
    // look for before: one start first, so the tests' first session is not a failed one.
    try (RunningAgent first = RunningAgent.start(home)) {
      first.awaitLine("reference DM server listening");
      first.terminate();
    }
    return home;
  }

  @Test
  void the_server_updates_the_agent_to_a_new_build_and_back_and_the_tree_stays() throws Exception {
    Path home = home(120);
    String factory = FumoPackages.builtVersion();
    String next = factory + ".next";
    try (FumoPackages packages = new FumoPackages(dir.resolve("packages"));
        RunningAgent agent = RunningAgent.start(home)) {
      URI up = packages.serveRepacked("next.jar", next, entries -> {});
      URI back = packages.serveBuilt("factory.jar");
      agent.awaitLine(l -> SUMMARY.matcher(l).find());
      agent.awaitLine("grafted at ./DevDetail/Ext/DMAgent/Features/PushHTTP");
      String devId = devId(agent);

      update(agent, home, devId, "up", up);
      agent.awaitLine("FUMO: version " + next + " installed beside " + factory);
      agent.awaitLine("dmagent: trying version " + next);
      agent.awaitLine("FUMO: version " + next + " confirmed");
      awaitAlert(
          agent,
          devId,
          "up",
          DOWNLOAD_AND_UPDATE + " (informational) ./FUMO/DownloadAndUpdate = 200");
      assertThat(home.resolve("data/versions/current")).content().isEqualToIgnoringNewLines(next);
      assertThat(console(agent, "dm:get ./FUMO/Ext/Version")).contains(next);
      assertThat(console(agent, "dm:get ./FUMO/State")).contains("100");
      // The tree came along: what the server wrote before the update is still there.
      assertThat(console(agent, "dm:get ./FUMO/DownloadAndUpdate/PkgURL")).contains(up.toString());

      update(agent, home, devId, "back", back);
      agent.awaitLine("FUMO: version " + factory + " installed beside " + next);
      agent.awaitLine("FUMO: version " + factory + " confirmed");
      assertThat(home.resolve("data/versions/current"))
          .content()
          .isEqualToIgnoringNewLines(factory);
      assertThat(home.resolve("data/versions/previous")).content().isEqualToIgnoringNewLines(next);
      assertThat(console(agent, "dm:get ./FUMO/Ext/Version")).contains(factory);
      assertThat(console(agent, "dm:get ./FUMO/DownloadAndUpdate/PkgURL"))
          .contains(back.toString());
      assertThat(agent.lines()).noneMatch(l -> l.contains("rolled back"));
    }
  }

  @Test
  void a_version_that_crashes_is_rolled_back_and_reported_as_410() throws Exception {
    Path home = home(120);
    String factory = FumoPackages.builtVersion();
    try (FumoPackages packages = new FumoPackages(dir.resolve("packages"));
        RunningAgent agent = RunningAgent.start(home)) {
      // A launcher without its main class: the JVM exits at once.
      URI broken =
          packages.serveRepacked(
              "broken.jar",
              "broken",
              entries ->
                  entries.put(
                      "lib/dmagent-launcher.jar", entries.get("lib/client/jline.jar").clone()));
      agent.awaitLine(l -> SUMMARY.matcher(l).find());
      agent.awaitLine("grafted at ./DevDetail/Ext/DMAgent/Features/PushHTTP");
      String devId = devId(agent);

      update(agent, home, devId, "broken", broken);
      agent.awaitLine("dmagent: trying version broken");
      agent.awaitLine("ERROR dmagent: version broken rolled back: it exited with status 1");
      awaitAlert(
          agent,
          devId,
          "broken",
          DOWNLOAD_AND_UPDATE + " (critical) ./FUMO/DownloadAndUpdate = 410");
      assertThat(console(agent, "dm:get ./FUMO/Ext/Version")).contains(factory);
      assertThat(console(agent, "dm:get ./FUMO/State")).contains("80");
      assertThat(String.join("\n", console(agent, "dm:get ./FUMO/Ext/Reason")))
          .contains("version broken rolled back: it exited with status 1");
      assertThat(console(agent, "dm:get ./FUMO/DownloadAndUpdate/PkgURL"))
          .contains(broken.toString());
      assertThat(home.resolve("data/versions/current")).doesNotExist();
    }
  }

  @Test
  void a_version_never_confirmed_is_stopped_and_rolled_back_after_its_trial_time()
      throws Exception {
    Path home = home(25);
    try (FumoPackages packages = new FumoPackages(dir.resolve("packages"));
        RunningAgent agent = RunningAgent.start(home)) {
      // Starts and serves, but without FUMO it never confirms itself.
      URI mute =
          packages.serveRepacked(
              "mute.jar",
              "mute",
              entries ->
                  entries.put(
                      "system/features.xml",
                      new String(entries.get("system/features.xml"), StandardCharsets.UTF_8)
                          .replaceAll("<bundle>mvn:io.dmagent/io.dmagent.fumo/[^<]*</bundle>", "")
                          .getBytes(StandardCharsets.UTF_8)));
      agent.awaitLine(l -> SUMMARY.matcher(l).find());
      agent.awaitLine("grafted at ./DevDetail/Ext/DMAgent/Features/PushHTTP");
      String devId = devId(agent);

      update(agent, home, devId, "mute", mute);
      agent.awaitLine("dmagent: trying version mute");
      agent.awaitLine("ERROR dmagent: version mute rolled back: not confirmed within 25 s");
      awaitAlert(
          agent, devId, "mute", DOWNLOAD_AND_UPDATE + " (critical) ./FUMO/DownloadAndUpdate = 410");
      assertThat(console(agent, "dm:get ./FUMO/State")).contains("80");
    }
  }

  @Test
  void a_tampered_package_is_refused_and_nothing_is_installed() throws Exception {
    Path home = home(120);
    try (FumoPackages packages = new FumoPackages(dir.resolve("packages"));
        RunningAgent agent = RunningAgent.start(home)) {
      packages.serveRepacked("signed.jar", "tampered", entries -> {});
      URI tampered = packages.serveTampered("tampered.jar", "signed.jar", "bin/dmagent");
      agent.awaitLine(l -> SUMMARY.matcher(l).find());
      agent.awaitLine("grafted at ./DevDetail/Ext/DMAgent/Features/PushHTTP");
      String devId = devId(agent);

      update(agent, home, devId, "tampered", tampered);
      awaitAlert(
          agent,
          devId,
          "tampered",
          DOWNLOAD_AND_UPDATE + " (critical) ./FUMO/DownloadAndUpdate = 404");
      assertThat(console(agent, "dm:get ./FUMO/State")).contains("20");
      assertThat(home.resolve("data/versions/tampered")).doesNotExist();
      assertThat(home.resolve("data/versions/trial")).doesNotExist();
      assertThat(agent.lines()).noneMatch(l -> l.contains("dmagent: trying version"));
    }
  }

  /** The Correlator the server's Exec of update {@code name} carries. */
  private static String correlator(String name) {
    return "fumo-" + name;
  }

  /**
   * Queues a script setting PkgURL and Exec'ing DownloadAndUpdate with {@link #correlator}, and
   * wakes the agent.
   */
  private static void update(RunningAgent agent, Path home, String devId, String name, URI url)
      throws Exception {
    Files.writeString(
        home.resolve("server/scripts/fumo-" + name + ".dms"),
        "replace ./FUMO/DownloadAndUpdate/PkgURL chr "
            + url
            + "\nexec --correlator "
            + correlator(name)
            + " ./FUMO/DownloadAndUpdate\nnotify\n");
    for (int attempt = 0; attempt < 20; attempt++) {
      List<String> out = console(agent, "dmserver:run " + devId + " fumo-" + name);
      if (out.stream().anyMatch(l -> l.contains("202 Accepted"))) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the agent was not woken for fumo-" + name);
  }

  /**
   * Waits until the server's record of the device's sessions shows the Generic Alert of update
   * {@code name}: an alert 1226 with exactly that update's Correlator, whose item is {@code item}
   * (type, mark, source and result code).
   */
  private static void awaitAlert(RunningAgent agent, String devId, String name, String item)
      throws Exception {
    String header = "alert 1226 correlator " + correlator(name);
    long end = System.nanoTime() + RunningAgent.PATIENCE.toNanos();
    List<String> results = List.of();
    while (System.nanoTime() < end) {
      results = console(agent, "dmserver:alerts " + devId);
      for (int i = 0; i + 1 < results.size(); i++) {
        if (results.get(i).trim().equals(header) && results.get(i + 1).trim().equals(item)) {
          return;
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "no " + header + " with " + item + " in\n" + String.join("\n", results));
  }

  /** A command through bin/dmagent client (the agent runs headless, as under systemd). */
  private static List<String> console(RunningAgent agent, String command) throws Exception {
    Process p =
        new ProcessBuilder(agent.home().resolve("bin/dmagent").toString(), "client", command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(RunningAgent.PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
        .isTrue();
    return out.lines().toList();
  }

  private static String devId(RunningAgent agent) throws Exception {
    String line =
        console(agent, "dmserver:devices").stream()
            .filter(l -> l.contains("session(s)"))
            .findFirst()
            .orElseThrow();
    return line.substring(0, line.indexOf(' '));
  }
}
