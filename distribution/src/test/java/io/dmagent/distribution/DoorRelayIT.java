package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The door/relay example of the README, end to end in the assembled image on the mock GPIO
 * platform, through real DM sessions with the embedded reference server: the server downloads the
 * policy (TNDS, server/scripts/door-relay.dms), the door held open for 5 seconds switches the relay
 * on, and the next session brings the server the policy's report. Taking the GPIO feature away
 * leaves the policy inactive for a missing node, not failed.
 */
class DoorRelayIT {
  private static final String RELAY = "./Vendor/DMAgent/GPIO/Outputs/relay/State";
  private static final String POLICY = "./MgmtPolicy/Policies/door-relay";
  private static final Pattern ENDED =
      Pattern.compile("INFO  io\\.dmagent\\.protocol: session (\\S+) with dmagent-demo ended: ");

  @TempDir Path dir;

  /** The shipped example's features, and a session every 5 s so "the next session" comes soon. */
  private static Path example(Path dir) throws Exception {
    Path home = RunningAgent.install(dir);
    Files.writeString(
        home.resolve("config/io.dmagent.runtime.cfg"),
        "features=dm-core,dm-http,dm-server,dm-policy,dm-hw-pi4j\n");
    Path account = home.resolve("config/io.dmagent.protocol.account-demo.cfg");
    Files.writeString(
        account,
        Files.readString(account).replace("pollIntervalSeconds=0", "pollIntervalSeconds=5"));
    return home;
  }

  private static String devId(RunningAgent agent) throws Exception {
    String line =
        agent.console("dmserver:devices").stream()
            .filter(l -> l.contains("session(s)"))
            .findFirst()
            .orElseThrow();
    return line.substring(0, line.indexOf(' '));
  }

  private static int sessionsEnded(RunningAgent agent) {
    return (int) agent.lines().stream().filter(l -> ENDED.matcher(l).find()).count();
  }

  /** Waits for {@code n} sessions to have ended in all. */
  private static void awaitSessions(RunningAgent agent, int n) throws Exception {
    long deadline = System.nanoTime() + RunningAgent.PATIENCE.toNanos();
    while (sessionsEnded(agent) < n && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(sessionsEnded(agent)).as("sessions ended").isGreaterThanOrEqualTo(n);
  }

  /**
   * Waits for a session that completed, so that the server knows the device: a first attempt that
   * failed (the embedded server not listening yet on a loaded machine) is tried again by the agent.
   */
  private static void awaitFirstCompletedSession(RunningAgent agent) throws Exception {
    agent.awaitLine(l -> ENDED.matcher(l).find() && l.contains("ended: completed"));
  }

  /** Runs {@code command} until its output has a line matching, for at most 30 s. */
  private static List<String> consoleUntil(
      RunningAgent agent, String command, Predicate<String> matching) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    List<String> out = agent.console(command);
    while (out.stream().noneMatch(matching) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      out = agent.console(command);
    }
    return out;
  }

  @Test
  void the_door_held_open_for_5_seconds_switches_the_relay_and_the_server_receives_the_report()
      throws Exception {
    try (RunningAgent agent = RunningAgent.startWithConsole(example(dir))) {
      agent.awaitLine("grafted at ./Vendor/DMAgent/GPIO");
      awaitFirstCompletedSession(agent);
      String devId = devId(agent);

      agent.console("dmserver:run " + devId + " door-relay");
      agent.awaitLine(l -> l.contains("started: script door-relay"));
      int downloaded = sessionsEnded(agent) + 1;
      awaitSessions(agent, downloaded);
      assertThat(consoleUntil(agent, "dm:get " + POLICY + "/Status", l -> l.contains("active")))
          .anyMatch(l -> l.startsWith("active"));
      assertThat(agent.console("dm:get " + RELAY)).contains("false");

      long opened = System.nanoTime();
      assertThat(agent.console("hw:mock-input door high")).contains("input door high");
      // The relay and the alerts the server received, watched together until the relay is on and
      // a session carried the report.
      long relayOnMillis = -1;
      boolean reported = false;
      long deadline = opened + 60_000_000_000L;
      while ((relayOnMillis < 0 || !reported) && System.nanoTime() < deadline) {
        if (relayOnMillis < 0 && agent.console("dm:get " + RELAY).contains("true")) {
          relayOnMillis = (System.nanoTime() - opened) / 1_000_000;
        }
        reported |=
            agent.console("dmserver:alerts " + devId).stream()
                .anyMatch(l -> l.contains("oma-mgmtpolicymo:1.0:policyreport"));
        Thread.sleep(100);
      }

      // The policy waits for the door to stay open for 5 s (not a timing measurement: the
      // relay must not switch at once).
      assertThat(relayOnMillis).isGreaterThanOrEqualTo(4_500);
      assertThat(reported).as("a session brought the server the policyreport").isTrue();
      assertThat(agent.lines()).noneMatch(l -> l.contains("ERROR"));
    }
  }

  @Test
  void removing_the_gpio_feature_makes_the_policy_inactive_for_a_missing_node() throws Exception {
    try (RunningAgent agent = RunningAgent.startWithConsole(example(dir))) {
      agent.awaitLine("grafted at ./Vendor/DMAgent/GPIO");
      awaitFirstCompletedSession(agent);
      agent.console("dmserver:run " + devId(agent) + " door-relay");
      agent.awaitLine(l -> l.contains("started: script door-relay"));
      assertThat(consoleUntil(agent, "dm:get " + POLICY + "/Status", l -> l.startsWith("active")))
          .anyMatch(l -> l.startsWith("active"));

      assertThat(agent.console("dm:feature uninstall dm-hw-pi4j"))
          .anyMatch(l -> l.startsWith("uninstalled feature dm-hw-pi4j"));

      assertThat(
              consoleUntil(
                  agent, "dm:get " + POLICY + "/Status", l -> l.startsWith("inactive: missing")))
          .anyMatch(l -> l.startsWith("inactive: missing node"));
      assertThat(agent.lines()).noneMatch(l -> l.contains("ERROR"));
      assertThat(agent.isAlive()).isTrue();
    }
  }
}
