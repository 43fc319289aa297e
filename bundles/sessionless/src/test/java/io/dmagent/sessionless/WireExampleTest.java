package io.dmagent.sessionless;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.outbox.OverflowPolicy;
import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushOutcome;
import io.dmagent.api.report.ReportChannel;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.outbox.StoreOutbox;
import io.dmagent.protocol.CommandRunnerService;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two complete examples of docs/CONFORMANCE.md ("Sessionless commands and reports"), byte for
 * byte: the command runs on the agent, and the report's MAC and message are what a server checks.
 */
class WireExampleTest {
  @TempDir Path folder;

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = WireExampleTest.class.getResourceAsStream("/wire/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void the_documented_command_is_accepted_runs_and_asks_for_its_outcome() throws Exception {
    Agent agent = new Agent();
    List<List<Command>> outcomes = new ArrayList<>();
    CommandHandler handler =
        new CommandHandler(
            agent.accounts,
            agent.codec,
            new CommandRunnerService(agent.tree, new DdfTndsCodec(), agent.log::add),
            ReplayStore.open(folder, Duration.ofSeconds(300)),
            (server, sessionId, outcome) -> {
              outcomes.add(outcome);
              return "1";
            },
            DevId.of(agent.tree),
            false,
            65536,
            Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC),
            line -> {});
    byte[] wire = resource("command.envelope");

    assertThat(Envelope.parse(wire).verifies(Agent.SERVER_SECRET)).isTrue();
    assertThat(
            handler
                .handle(new PushMessage("http", "application/vnd.syncml.dm+xml", wire, "test"))
                .outcome())
        .isEqualTo(PushOutcome.ACCEPTED);
    assertThat(agent.value("./Vendor/Temp")).isEqualTo("21");
    assertThat(outcomes)
        .singleElement()
        .satisfies(o -> assertThat(((Status) o.get(0)).code()).isEqualTo(200));
  }

  @Test
  void the_documented_outcome_report_names_the_command_it_answers_byte_for_byte() throws Exception {
    Agent agent = new Agent();
    List<byte[]> sent = new ArrayList<>();
    ReportChannel http =
        new ReportChannel() {
          @Override
          public Set<String> schemes() {
            return Set.of("http");
          }

          @Override
          public void deliver(URI destination, String contentType, byte[] envelope) {
            sent.add(envelope);
          }
        };
    try (StoreOutbox outbox =
        StoreOutbox.open(folder.resolve("outbox"), 10, OverflowPolicy.REJECT_NEW, line -> {})) {
      Reporter reporter = new Reporter(outbox, agent.accounts, agent.codec, () -> {});
      CommandHandler handler =
          new CommandHandler(
              agent.accounts,
              agent.codec,
              new CommandRunnerService(agent.tree, new DdfTndsCodec(), agent.log::add),
              ReplayStore.open(folder, Duration.ofSeconds(300)),
              reporter,
              DevId.of(agent.tree),
              false,
              65536,
              Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC),
              line -> {});
      handler.handle(
          new PushMessage(
              "http", "application/vnd.syncml.dm+xml", resource("command.envelope"), "test"));
      new ReportSender(
              outbox,
              agent.codec,
              new ReportMessages(
                  agent.accounts,
                  agent.codec,
                  DevId.of(agent.tree),
                  Encoding.XML,
                  Clock.fixed(Instant.ofEpochMilli(1_700_000_001_000L), ZoneOffset.UTC)),
              server -> Optional.of(URI.create("http://srv1.example/dm/reports")),
              scheme -> Optional.of(http),
              100,
              Duration.ofSeconds(1),
              Duration.ofSeconds(1),
              () -> 0L,
              line -> {})
          .round();
    }

    // The outbox numbers its entries from a random start; the documented example has id 43.
    assertThat(sent).hasSize(1);
    Envelope e = Envelope.parse(sent.get(0));
    String documented = new String(resource("outcome.envelope"), StandardCharsets.UTF_8);
    assertThat(new String(sent.get(0), StandardCharsets.UTF_8))
        .isEqualTo(
            documented.replace(
                "x-dm-report-ids: 43\r\n", "x-dm-report-ids: " + e.reportIds().get(0) + "\r\n"));
    assertThat(e.outcomeOf()).contains("18BCFE56800");
    assertThat(e.verifies(Agent.CLIENT_SECRET)).isTrue();
  }

  @Test
  void the_documented_report_verifies_with_clcred_and_holds_two_generic_alerts() throws Exception {
    Agent agent = new Agent();
    Envelope e = Envelope.parse(resource("report.envelope"));

    assertThat(e.hmac().username()).isEqualTo(Agent.CLIENT_NAME);
    assertThat(e.verifies(Agent.CLIENT_SECRET)).isTrue();
    assertThat(e.reportIds()).containsExactly("41", "42");
    SyncMessage m = agent.codec.decode(e.message(), e.encoding(), 65536);
    assertThat(m.header().sessionId()).isEqualTo(Long.toHexString(e.timestamp()).toUpperCase());
    assertThat(m.commands())
        .extracting(c -> ((Alert) c).items().get(0).data().orElseThrow().text())
        .containsExactly("21.5", "48.0");
    assertThat(m.commands()).allMatch(c -> ((Alert) c).code() == Alert.GENERIC_ALERT);
    assertThat(((Alert) m.commands().get(1)).items().get(0).meta().flatMap(x -> x.mark()))
        .isEqualTo(Optional.of("warning"));
  }
}
