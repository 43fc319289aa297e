package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.testing.ExternalTool;
import io.dmagent.api.testing.Kannel;
import io.dmagent.api.testing.Sipp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tools from the world start sessions against the reference server: the embedded server writes a
 * signed notification for the device ({@code dmserver:notify <DevId> --out <file>}), and a tool the
 * test starts sends it to the assembled agent: {@code mosquitto_pub -f} (with the MQTT framing's
 * {@code Content-Type:} line), SIPp (a MESSAGE whose body is the file; sipsak cannot carry it, its
 * request file is read as a C string and every package #0 header holds NUL bytes) and Kannel's push
 * proxy gateway (a PAP push-message, delivered as a connectionless WSP push). Each must start the
 * server-initiated session with the notification's session id. A tool missing is a skip, except on
 * CI.
 */
class PushToolsIT {
  @TempDir Path dir;

  /** Asserts the tool's run succeeded. */
  private static void assertSucceeded(ExternalTool.Run run) {
    assertThat(run.exitCode()).as(run.output()).isZero();
  }

  private static String devId(RunningAgent agent) throws Exception {
    String line =
        agent.console("dmserver:devices").stream()
            .filter(l -> l.contains("session(s)"))
            .findFirst()
            .orElseThrow();
    return line.substring(0, line.indexOf(' '));
  }

  /** The agent with one push feature, after its first session; the feature's config written. */
  private static RunningAgent started(Path home, String feature) throws Exception {
    Files.writeString(
        home.resolve("config/io.dmagent.runtime.cfg"),
        "features=dm-core,dm-http,dm-server," + feature + "\n");
    RunningAgent agent = RunningAgent.startWithConsole(home);
    agent.awaitLine(l -> l.contains("with dmagent-demo ended: completed"));
    return agent;
  }

  /** The server's notification for the device, written to a file. */
  private static byte[] notification(RunningAgent agent, String devId, String session, Path file)
      throws Exception {
    List<String> out =
        agent.console("dmserver:notify " + devId + " --session " + session + " --out " + file);
    assertThat(out).anyMatch(l -> l.startsWith("wrote DM 1.2 package #0"));
    return Files.readAllBytes(file);
  }

  private static void assertSessionStarted(RunningAgent agent, String binding, String session)
      throws Exception {
    agent.awaitLine(l -> l.contains("session " + session + " with dmagent-demo ended: completed"));
    assertThat(agent.lines())
        .anyMatch(
            l ->
                l.contains("package #0 over " + binding + " from ")
                    && l.contains("session " + session))
        .noneMatch(l -> l.contains("ERROR"));
  }

  @Test
  void mosquitto_pub_publishing_a_notification_file_starts_a_session() throws Exception {
    ExternalTool pub =
        ExternalTool.require("mosquitto_pub", "mosquitto-clients").patience(RunningAgent.PATIENCE);
    try (Mosquitto broker = Mosquitto.start(dir)) {
      Path home = RunningAgent.install(dir.resolve("home"));
      Files.writeString(
          home.resolve("config/io.dmagent.push.mqtt.cfg"),
          "brokerUri=tcp://127.0.0.1:" + broker.port() + "\n");
      try (RunningAgent agent = started(home, "dm-push-mqtt")) {
        agent.awaitLine("grafted at ./DevDetail/Ext/DMAgent/Features/PushMQTT");
        String devId = devId(agent);
        byte[] pkg0 = notification(agent, devId, "3B", dir.resolve("pkg0.bin"));
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(
            "Content-Type: application/vnd.syncml.notification\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        frame.write(pkg0);
        Path file = Files.write(dir.resolve("frame.bin"), frame.toByteArray());

        assertSucceeded(
            pub.run(
                dir,
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(broker.port()),
                "-q",
                "1",
                "-t",
                "dm/" + devId + "/push",
                "-f",
                file.toString()));

        assertSessionStarted(agent, "mqtt", "3B");
      }
    }
  }

  @Test
  void sipp_sending_a_message_with_a_notification_file_as_body_starts_a_session() throws Exception {
    Sipp.assumeInstalled();
    Path home = RunningAgent.install(dir.resolve("home"));
    int port = RunningAgent.freePort();
    Files.writeString(
        home.resolve("config/io.dmagent.push.sip.cfg"), "address=127.0.0.1\nport=" + port + "\n");
    try (RunningAgent agent = started(home, "dm-push-sip")) {
      agent.awaitLine("grafted at ./DevDetail/Ext/DMAgent/Features/PushSIP");
      String devId = devId(agent);
      byte[] pkg0 = notification(agent, devId, "5C", dir.resolve("pkg0.bin"));

      assertSucceeded(Sipp.pushMessage(dir, "u1", "dmagent", pkg0, "127.0.0.1:" + port));

      assertSessionStarted(agent, "sip", "5C");
    }
  }

  @Test
  void kannel_ppg_delivering_a_notification_file_starts_a_session() throws Exception {
    Kannel.assumeInstalled();
    String address = Kannel.randomLoopbackAddress();
    Path home = RunningAgent.install(dir.resolve("home"));
    Files.writeString(
        home.resolve("config/io.dmagent.push.wap.cfg"),
        "bindAddress=" + address + "\nport=" + Kannel.WDP_PORT + "\n");
    try (RunningAgent agent = started(home, "dm-push-wap")) {
      agent.awaitLine("grafted at ./DevDetail/Ext/DMAgent/Features/PushWAP");
      String devId = devId(agent);
      byte[] pkg0 = notification(agent, devId, "7D", dir.resolve("pkg0.bin"));
      try (Kannel kannel = Kannel.start(dir, address, RunningAgent.PATIENCE)) {
        // The first push may race wapbox's own connection to bearerbox: sent again, at most thrice
        // (the same bytes again are a duplicate to the agent, never a second session).
        for (int attempt = 0; attempt < 3 && !hasLine(agent, "package #0 over wap"); attempt++) {
          kannel.push("application/vnd.syncml.notification", pkg0);
          for (int i = 0; i < 100 && !hasLine(agent, "package #0 over wap"); i++) {
            Thread.sleep(100);
          }
        }

        assertSessionStarted(agent, "wap", "7D");
      }
    }
  }

  private static boolean hasLine(RunningAgent agent, String text) {
    return agent.lines().stream().anyMatch(l -> l.contains(text));
  }
}
