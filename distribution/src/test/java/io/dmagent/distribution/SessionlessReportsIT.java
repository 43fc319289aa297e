package io.dmagent.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessionless reports from the assembled agent to a real Mosquitto while the broker is away for 30
 * seconds and while the agent is killed: every report produced arrives once the broker is back, in
 * the order produced, none twice once the receiver drops what it saw by report id. The reports are
 * produced as an operator would, with {@code dm:report} on the agent's console; the receiver is a
 * {@code mosquitto_sub} with a persistent session.
 */
class SessionlessReportsIT {
  private static final int REPORTS = 1000;
  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final Duration ARRIVAL = Duration.ofMinutes(4);
  private static final Pattern IDS = Pattern.compile("(?m)^x-dm-report-ids: ([^\r\n]+)");
  private static final Pattern SEQUENCE = Pattern.compile("seq-(\\d{4})");

  @TempDir Path dir;

  /** The image with MQTT and sessionless features, reports to the broker with a short back-off. */
  private Path install(ReportBroker broker) throws Exception {
    Path home = RunningAgent.install(dir.resolve("agent"));
    Path config = home.resolve("config");
    Files.writeString(
        config.resolve("io.dmagent.runtime.cfg"),
        "features=dm-core,dm-http,dm-server,dm-push-mqtt,dm-sessionless\n");
    Files.writeString(
        config.resolve("io.dmagent.push.mqtt.cfg"),
        "brokerUri=tcp://" + broker.address() + "\nmaxReconnectDelayMillis=2000\n");
    Files.writeString(
        config.resolve("io.dmagent.sessionless.cfg"),
        "reportAddress.dmagent-demo=mqtt://"
            + broker.address()
            + "\nfirstBackoffMillis=200\nmaxBackoffSeconds=2\n");
    return home;
  }

  /** Queues reports {@code from}..{@code to}, a hundred a go, and checks each was stored. */
  private static void report(RunningAgent agent, int from, int to) throws Exception {
    for (int start = from; start <= to; start += 100) {
      reportBatch(agent, start, Math.min(to, start + 99));
    }
  }

  private static void reportBatch(RunningAgent agent, int from, int to) throws Exception {
    StringBuilder commands = new StringBuilder();
    for (int i = from; i <= to; i++) {
      commands
          .append(commands.isEmpty() ? "" : "\n")
          .append(String.format("dm:report dmagent-demo urn:dmagent:at:test seq-%04d", i));
    }
    List<String> answers = agent.console(commands.toString());
    assertThat(answers.stream().filter(l -> l.matches("report \\S+ stored for dmagent-demo")))
        .hasSize(to - from + 1);
  }

  /** Waits until the console has the command (the features install after start). */
  private static void awaitReportCommand(RunningAgent agent) throws Exception {
    long deadline = System.nanoTime() + RunningAgent.PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      if (agent.console("dm:help").stream().anyMatch(l -> l.contains("Queues a Generic Alert"))) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("dm:report did not appear:\n" + String.join("\n", agent.lines()));
  }

  /**
   * The report sequence numbers the receiver kept after dropping ids it saw before, in arrival
   * order; waits until {@code count} distinct ids arrived.
   */
  private static List<Integer> deduplicated(ReportBroker broker, int count) throws Exception {
    long deadline = System.nanoTime() + ARRIVAL.toNanos();
    Map<String, Integer> kept = new LinkedHashMap<>();
    while (System.nanoTime() < deadline) {
      kept.clear();
      for (byte[] payload : broker.received()) {
        String text = new String(payload, StandardCharsets.UTF_8);
        Matcher ids = IDS.matcher(text);
        assertThat(ids.find()).as("report ids in %s", text).isTrue();
        String[] idList = ids.group(1).split(",");
        Matcher seq = SEQUENCE.matcher(text.substring(text.indexOf("\r\n\r\n")));
        for (String id : idList) {
          assertThat(seq.find()).as("one alert per id in %s", text).isTrue();
          kept.putIfAbsent(id, Integer.parseInt(seq.group(1)));
        }
      }
      if (kept.size() >= count) {
        break;
      }
      Thread.sleep(500);
    }
    return new ArrayList<>(kept.values());
  }

  private static List<Integer> oneTo(int n) {
    return IntStream.rangeClosed(1, n).boxed().toList();
  }

  @Test
  void reports_made_while_the_broker_is_away_for_30_seconds_all_arrive_in_order_once()
      throws Exception {
    try (ReportBroker broker = ReportBroker.start(Files.createDirectories(dir.resolve("broker")))) {
      broker.subscribe("dm/+/reports");
      try (RunningAgent agent = RunningAgent.startWithConsole(install(broker))) {
        awaitReportCommand(agent);
        report(agent, 1, 1);
        assertThat(deduplicated(broker, 1)).containsExactly(1);

        broker.stopBroker();
        long stopped = System.nanoTime();
        report(agent, 2, REPORTS);
        Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - stopped) / 1_000_000));
        broker.startBroker();
        broker.subscribe("dm/+/reports");

        assertThat(deduplicated(broker, REPORTS)).isEqualTo(oneTo(REPORTS));
        assertThat(agent.lines())
            .as("reportAddress.<ServerID> is a setting, not a misspelt key")
            .noneMatch(l -> l.contains("is not a setting of"));
      }
    }
  }

  @Test
  void reports_survive_the_agent_killed_halfway_and_arrive_in_order_once_after_its_restart()
      throws Exception {
    try (ReportBroker broker = ReportBroker.start(Files.createDirectories(dir.resolve("broker")))) {
      broker.subscribe("dm/+/reports");
      Path home = install(broker);
      try (RunningAgent agent = RunningAgent.startWithConsole(home)) {
        awaitReportCommand(agent);
        report(agent, 1, 1);
        assertThat(deduplicated(broker, 1)).containsExactly(1);
        broker.stopBroker();
        report(agent, 2, REPORTS / 2);
      } // kill -9: close() is Process.destroyForcibly, SIGKILL on Linux
      try (RunningAgent agent = RunningAgent.startWithConsole(home)) {
        awaitReportCommand(agent);
        report(agent, REPORTS / 2 + 1, REPORTS);
        broker.startBroker();
        broker.subscribe("dm/+/reports");

        assertThat(deduplicated(broker, REPORTS)).isEqualTo(oneTo(REPORTS));
      }
    }
  }
}
