package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server wakes the gateway, end to end in the assembled distribution: the agent runs with one
 * push feature, the embedded reference server sends {@code dmserver:notify <DevId> --binding X}
 * over real sockets, and the agent's server-initiated session, with the notification's session id,
 * reaches the server and completes.
 */
class WakeIT {
  @TempDir Path dir;

  /** The agent with {@code dm-push-<binding>} listening on free loopback ports, not started. */
  private static Path gatewayWith(Path home, String binding, String pushAddress)
      throws IOException {
    Files.writeString(
        home.resolve("config/io.dmagent.runtime.cfg"),
        "features=dm-core,dm-http,dm-server,dm-push-" + binding + "\n");
    Path serverConfig = home.resolve("config/io.dmagent.server.cfg");
    String shipped = Files.readString(serverConfig);
    String pushing =
        shipped.replaceFirst(
            "(?m)^defaultPushAddresses=.*$", "defaultPushAddresses=" + pushAddress);
    assertThat(shipped)
        .as("the shipped server configuration names a push address")
        .containsPattern("(?m)^defaultPushAddresses=");
    Files.writeString(serverConfig, pushing);
    return home;
  }

  private static void configure(Path home, String pid, String text) throws IOException {
    Files.writeString(home.resolve("config/" + pid + ".cfg"), text);
  }

  /** The push address the server uses, after configuring the agent's listener for it. */
  private static String listen(Path home, String binding) throws Exception {
    return switch (binding) {
      case "http" -> {
        int port = RunningAgent.freePort();
        RunningAgent.movePort(home, 8088, port);
        yield "http://127.0.0.1:" + port + "/dm/push";
      }
      case "sip" -> {
        int port = RunningAgent.freePort();
        configure(home, "io.dmagent.push.sip", "address=127.0.0.1\nport=" + port + "\n");
        yield "sip:udp://127.0.0.1:" + port;
      }
      case "wap" -> {
        int port = RunningAgent.freePort();
        configure(home, "io.dmagent.push.wap", "bindAddress=127.0.0.1\nport=" + port + "\n");
        yield "wap://127.0.0.1:" + port;
      }
      default -> throw new IllegalArgumentException(binding);
    };
  }

  private static String devId(RunningAgent agent) throws Exception {
    String line =
        agent.console("dmserver:devices").stream()
            .filter(l -> l.contains("session(s)"))
            .findFirst()
            .orElseThrow();
    return line.substring(0, line.indexOf(' '));
  }

  /**
   * Notifies the device once its binding listens and waits for the session it starts; returns the
   * server's device line. A binding grafts its Push feature once its socket is bound (SIP, WAP) or
   * its topic subscribed (MQTT); before that a notification is lost, and a loaded machine can end
   * the first session before. Over HTTP the feature comes with the servlet's component, and the
   * HTTP listener serves it a moment later: a notification it refuses wakes nothing and is sent
   * again.
   */
  private static String wake(RunningAgent agent, String devId, String binding, String command)
      throws Exception {
    agent.awaitLine(
        "grafted at ./DevDetail/Ext/DMAgent/Features/Push" + binding.toUpperCase(Locale.ROOT));
    List<String> sent = agent.console(command);
    long deadline = System.nanoTime() + RunningAgent.PATIENCE.toNanos();
    while (binding.equals("http")
        && sent.stream().anyMatch(l -> l.startsWith("error"))
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
      sent = agent.console(command);
    }
    assertThat(sent).noneMatch(l -> l.startsWith("error"));
    agent.awaitLine(l -> l.contains("session 2A with dmagent-demo ended: completed"));
    return agent.console("dmserver:devices").stream()
        .filter(l -> l.startsWith(devId + " "))
        .findFirst()
        .orElseThrow();
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"http", "sip", "wap"})
  void a_notification_over_the_binding_starts_a_server_initiated_session_with_its_session_id(
      String binding) throws Exception {
    Path home = RunningAgent.install(dir.resolve("home"));
    gatewayWith(home, binding, listen(home, binding));
    try (RunningAgent agent = RunningAgent.startWithConsole(home)) {
      agent.awaitLine(l -> l.contains("with dmagent-demo ended: completed"));
      String devId = devId(agent);

      String device =
          wake(
              agent,
              devId,
              binding,
              "dmserver:notify " + devId + " --binding " + binding + " --session 2A");

      assertThat(device).contains("2 session(s)");
      assertThat(agent.lines())
          .anyMatch(
              l -> l.contains("package #0 over " + binding + " from ") && l.contains("session 2A"))
          .noneMatch(l -> l.contains("ERROR"));
    }
  }

  @Test
  void a_notification_over_mqtt_starts_a_server_initiated_session_with_its_session_id()
      throws Exception {
    try (Mosquitto broker = Mosquitto.start(dir)) {
      Path home = RunningAgent.install(dir.resolve("home"));
      configure(home, "io.dmagent.push.mqtt", "brokerUri=tcp://127.0.0.1:" + broker.port() + "\n");
      gatewayWith(home, "mqtt", "mqtt://127.0.0.1:" + broker.port());
      try (RunningAgent agent = RunningAgent.startWithConsole(home)) {
        agent.awaitLine(l -> l.contains("with dmagent-demo ended: completed"));
        String devId = devId(agent);

        String device =
            wake(agent, devId, "mqtt", "dmserver:notify " + devId + " --binding mqtt --session 2A");

        assertThat(device).contains("2 session(s)");
        assertThat(agent.lines())
            .anyMatch(l -> l.contains("package #0 over mqtt from ") && l.contains("session 2A"))
            .noneMatch(l -> l.contains("ERROR"));
      }
    }
  }

  @Test
  void a_dm13_notification_with_a_requested_mo_and_a_reason_starts_a_session_carrying_them()
      throws Exception {
    Path home = RunningAgent.install(dir.resolve("home"));
    gatewayWith(home, "http", listen(home, "http"));
    try (RunningAgent agent = RunningAgent.startWithConsole(home)) {
      agent.awaitLine(l -> l.contains("with dmagent-demo ended: completed"));
      String devId = devId(agent);

      String device =
          wake(
              agent,
              devId,
              "http",
              "dmserver:notify "
                  + devId
                  + " --binding http --format 1.3 --session 2A --reason firmware-check"
                  + " --request-mo urn:oma:mo:oma-dm-devinfo:1.0");

      assertThat(device).contains("2 session(s)");
      assertThat(agent.lines())
          .anyMatch(
              l ->
                  l.contains("package #0 over http from ")
                      && l.contains("session 2A")
                      && l.contains("firmware-check")
                      && l.contains("requested [urn:oma:mo:oma-dm-devinfo:1.0]"))
          .noneMatch(l -> l.contains("ERROR"));
    }
  }
}
