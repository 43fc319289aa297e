package io.dmagent.sessionless;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.message.Atomic;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushOutcome;
import io.dmagent.api.push.PushVerdict;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.protocol.CommandRunnerService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessionless commands on a real tree, real accounts, the real codec and the protocol's real
 * command runner: what runs, what is refused, and that a refusal leaves the tree as it was.
 */
class CommandHandlerTest {
  private static final long NOW = 1_700_000_000_000L;
  @TempDir Path folder;
  private Agent agent;
  private final List<Map.Entry<String, List<Command>>> reported = new CopyOnWriteArrayList<>();
  private final List<String> answered = new CopyOnWriteArrayList<>();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private CommandHandler handler;

  @BeforeEach
  void setUp() throws Exception {
    agent = new Agent();
    handler = handler(false);
  }

  private CommandHandler handler(boolean alwaysReport) throws Exception {
    return new CommandHandler(
        agent.accounts,
        agent.codec,
        new CommandRunnerService(agent.tree, new DdfTndsCodec(), agent.log::add),
        ReplayStore.open(folder, Duration.ofSeconds(300)),
        (server, sessionId, outcome) -> {
          reported.add(Map.entry(server, outcome));
          answered.add(sessionId);
          return "r" + reported.size();
        },
        DevId.of(agent.tree),
        alwaysReport,
        65536,
        Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC),
        log::add);
  }

  private static ItemCommand replace(String id, String uri, String value) {
    return ItemCommand.of(
        CommandName.REPLACE,
        id,
        Item.target(uri, Meta.of("chr", "text/plain"), ItemData.text(value)));
  }

  private static SyncMessage fromServer(long ts, Command... commands) {
    return Agent.message(Agent.SERVER, Agent.DEV_ID, ts, commands);
  }

  private PushVerdict push(byte[] body) {
    return handler.handle(
        new PushMessage("http", "application/vnd.syncml.dm+xml", body, "127.0.0.1:40000"));
  }

  private byte[] signed(long ts, boolean report, SyncMessage m) {
    return agent.envelope(Agent.SERVER, Agent.SERVER_SECRET, ts, report, m);
  }

  private static List<String> shape(List<Command> outcome) {
    return outcome.stream()
        .filter(Status.class::isInstance)
        .map(Status.class::cast)
        .map(s -> s.cmd() + " " + s.cmdRef() + " " + s.code())
        .toList();
  }

  @Test
  void a_signed_command_runs_as_its_server_and_its_outcome_is_reported_when_asked()
      throws Exception {
    PushVerdict v = push(signed(NOW, true, fromServer(NOW, replace("1", "./Vendor/Temp", "21"))));

    assertThat(v.outcome()).isEqualTo(PushOutcome.ACCEPTED);
    assertThat(agent.value("./Vendor/Temp")).isEqualTo("21");
    assertThat(reported).hasSize(1);
    assertThat(reported.get(0).getKey()).isEqualTo(Agent.SERVER);
    assertThat(shape(reported.get(0).getValue())).containsExactly("Replace 1 200");
  }

  @Test
  void the_outcome_is_reported_with_the_sessionid_of_the_command_it_answers() throws Exception {
    push(signed(NOW, true, fromServer(NOW, replace("1", "./Vendor/Temp", "21"))));
    push(signed(NOW + 1, true, fromServer(NOW + 1, replace("1", "./Vendor/Temp", "22"))));

    assertThat(answered)
        .containsExactly(
            Long.toHexString(NOW).toUpperCase(Locale.ROOT),
            Long.toHexString(NOW + 1).toUpperCase(Locale.ROOT));
  }

  @Test
  void a_command_sessionid_that_is_no_token_is_logged_once_and_the_outcome_still_reported()
      throws Exception {
    SyncMessage m = fromServer(NOW, replace("1", "./Vendor/Temp", "21"));
    SyncHeader h = m.header();
    SyncHeader spaced =
        new SyncHeader(
            h.verDtd(),
            h.verProto(),
            "18BC FE",
            h.msgId(),
            h.target(),
            h.source(),
            h.respUri(),
            h.cred(),
            h.meta());

    push(signed(NOW, true, new SyncMessage(spaced, m.commands(), true)));

    assertThat(reported).hasSize(1);
    assertThat(log).filteredOn(l -> l.contains("is no token")).hasSize(1);
  }

  @Test
  void without_x_dm_report_the_outcome_is_reported_only_when_configured() throws Exception {
    push(signed(NOW, false, fromServer(NOW, replace("1", "./Vendor/Temp", "21"))));
    assertThat(reported).isEmpty();

    handler = handler(true);
    push(signed(NOW + 1, false, fromServer(NOW + 1, replace("1", "./Vendor/Temp", "22"))));
    assertThat(reported).hasSize(1);
  }

  @Test
  void a_replayed_command_is_refused_and_the_tree_unchanged() throws Exception {
    byte[] first = signed(NOW, false, fromServer(NOW, replace("1", "./Vendor/Temp", "21")));
    assertThat(push(first).outcome()).isEqualTo(PushOutcome.ACCEPTED);
    agent
        .device()
        .replace(
            io.dmagent.api.tree.NodeUri.of("./Vendor/Temp"),
            io.dmagent.api.tree.NodeValue.text("20"));
    log.clear();

    PushVerdict again = push(first);

    assertThat(again.outcome()).isEqualTo(PushOutcome.EXPIRED);
    assertThat(agent.value("./Vendor/Temp")).isEqualTo("20");
    assertThat(log).singleElement().asString().contains("refused").contains("replayed");
  }

  @Test
  void a_replay_is_refused_after_the_agent_restarts() throws Exception {
    byte[] first = signed(NOW, false, fromServer(NOW, replace("1", "./Vendor/Temp", "21")));
    push(first);
    agent
        .device()
        .replace(
            io.dmagent.api.tree.NodeUri.of("./Vendor/Temp"),
            io.dmagent.api.tree.NodeValue.text("20"));

    handler = handler(false);

    assertThat(push(first).outcome()).isEqualTo(PushOutcome.EXPIRED);
    assertThat(agent.value("./Vendor/Temp")).isEqualTo("20");
  }

  @Test
  void a_command_out_of_its_window_is_refused_and_the_tree_unchanged() {
    long old = NOW - Duration.ofMinutes(6).toMillis();

    PushVerdict v = push(signed(old, false, fromServer(old, replace("1", "./Vendor/Temp", "21"))));

    assertThat(v.outcome()).isEqualTo(PushOutcome.EXPIRED);
    assertThat(log).singleElement().asString().contains("outside the window");
  }

  @Test
  void a_command_with_a_wrong_mac_is_refused_and_the_tree_unchanged() throws Exception {
    byte[] forged =
        agent.envelope(
            Agent.SERVER,
            "guessed",
            NOW,
            false,
            fromServer(NOW, replace("1", "./Vendor/Temp", "66")));

    PushVerdict v = push(forged);

    assertThat(v.outcome()).isEqualTo(PushOutcome.UNAUTHENTICATED);
    assertThat(agent.value("./Vendor/Temp")).isEqualTo("20");
    assertThat(log).singleElement().asString().contains("wrong MAC");
    assertThat(String.join("\n", log)).doesNotContain(Agent.SERVER_SECRET);
  }

  @Test
  void a_tampered_message_fails_its_mac() throws Exception {
    byte[] wire = signed(NOW, false, fromServer(NOW, replace("1", "./Vendor/Temp", "21")));
    String text = new String(wire, StandardCharsets.UTF_8).replace(">21<", ">99<");

    assertThat(push(text.getBytes(StandardCharsets.UTF_8)).outcome())
        .isEqualTo(PushOutcome.UNAUTHENTICATED);
    assertThat(agent.value("./Vendor/Temp")).isEqualTo("20");
  }

  @Test
  void a_server_without_rights_gets_425_in_its_outcome_and_the_tree_is_unchanged()
      throws Exception {
    SyncMessage m = Agent.message("srv2", Agent.DEV_ID, NOW, replace("1", "./Vendor/Temp", "66"));

    PushVerdict v = push(agent.envelope("srv2", Agent.SERVER_SECRET, NOW, true, m));

    assertThat(v.outcome()).isEqualTo(PushOutcome.ACCEPTED);
    assertThat(shape(reported.get(0).getValue())).containsExactly("Replace 1 425");
    assertThat(agent.value("./Vendor/Temp")).isEqualTo("20");
  }

  @Test
  void an_atomic_is_all_or_nothing() throws Exception {
    Atomic atomic =
        new Atomic(
            "1",
            false,
            Optional.empty(),
            List.of(
                replace("2", "./Vendor/Temp", "30"),
                replace("3", "./Vendor/Mode", "boost"),
                replace("4", "./Vendor/Nope/X", "1")));

    push(signed(NOW, true, fromServer(NOW, atomic)));

    assertThat(shape(reported.get(0).getValue()))
        .startsWith("Atomic 1 507", "Replace 2 216", "Replace 3 216");
    assertThat(agent.value("./Vendor/Temp")).isEqualTo("20");
    assertThat(agent.value("./Vendor/Mode")).isEqualTo("eco");
  }

  @Test
  void a_bare_dm_message_is_unauthenticated() {
    byte[] bare =
        agent.codec.encode(
            fromServer(NOW, replace("1", "./Vendor/Temp", "66")),
            io.dmagent.api.description.Encoding.XML);

    assertThat(push(bare).outcome()).isEqualTo(PushOutcome.UNAUTHENTICATED);
  }

  @Test
  void an_unknown_server_is_refused() throws Exception {
    SyncMessage m = Agent.message("ghost", Agent.DEV_ID, NOW, replace("1", "./Vendor/Temp", "6"));

    assertThat(push(agent.envelope("ghost", "x", NOW, false, m)).outcome())
        .isEqualTo(PushOutcome.UNKNOWN_SERVER);
    assertThat(log).singleElement().asString().contains("'ghost'");
  }

  @Test
  void a_message_from_another_source_or_to_another_device_is_refused() throws Exception {
    SyncMessage spoofed =
        Agent.message("srv2", Agent.DEV_ID, NOW, replace("1", "./Vendor/Temp", "6"));
    SyncMessage elsewhere =
        Agent.message(
            Agent.SERVER, "IMEI:000000000000000", NOW, replace("1", "./Vendor/Temp", "6"));

    assertThat(push(signed(NOW, false, spoofed)).outcome()).isEqualTo(PushOutcome.UNAUTHENTICATED);
    assertThat(push(signed(NOW, false, elsewhere)).outcome()).isEqualTo(PushOutcome.MALFORMED);
    assertThat(agent.value("./Vendor/Temp")).isEqualTo("20");
    assertThat(log).hasSize(2);
  }

  @Test
  void a_signed_envelope_holding_no_dm_message_is_malformed() {
    byte[] wire =
        new Envelope(
                io.dmagent.api.security.HmacHeader.sign(
                    io.dmagent.api.security.DigestAlgorithm.MD5,
                    Agent.SERVER,
                    Agent.SERVER_SECRET,
                    Envelope.nonce(NOW),
                    "<not-dm/>".getBytes(StandardCharsets.US_ASCII)),
                NOW,
                false,
                List.of(),
                io.dmagent.api.push.PushContentType.DM_MESSAGE_XML,
                "<not-dm/>".getBytes(StandardCharsets.US_ASCII))
            .write();

    assertThat(push(wire).outcome()).isEqualTo(PushOutcome.MALFORMED);
    assertThat(log).singleElement().asString().contains("refused");
  }
}
