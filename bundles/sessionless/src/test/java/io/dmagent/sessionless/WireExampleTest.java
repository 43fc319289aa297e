package io.dmagent.sessionless;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushOutcome;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.protocol.CommandRunnerService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
            (server, outcome) -> {
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
