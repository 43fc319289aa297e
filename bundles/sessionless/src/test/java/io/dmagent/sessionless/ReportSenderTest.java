package io.dmagent.sessionless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.outbox.OutboxEntry;
import io.dmagent.api.outbox.OverflowPolicy;
import io.dmagent.api.report.ReportChannel;
import io.dmagent.api.session.AlertMark;
import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.outbox.StoreOutbox;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessionless reports through a real outbox in a temporary folder, the real codec and accounts, to
 * a recording channel that can be made to fail: order, batching, acknowledgement only after
 * delivery, back-off and ids that stay the same when delivered again.
 */
class ReportSenderTest {
  private static final long T0 = 1_700_000_000_000L;
  @TempDir Path folder;
  private Agent agent;
  private StoreOutbox outbox;
  private final AtomicLong now = new AtomicLong(T0);
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final Recording channel = new Recording("http");

  /** A channel that records what it is given and fails while {@link #failures} is positive. */
  static final class Recording implements ReportChannel {
    final String scheme;
    final List<URI> destinations = new CopyOnWriteArrayList<>();
    final List<Envelope> delivered = new CopyOnWriteArrayList<>();
    final AtomicInteger attempts = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();

    Recording(String scheme) {
      this.scheme = scheme;
    }

    @Override
    public Set<String> schemes() {
      return Set.of(scheme);
    }

    @Override
    public void deliver(URI destination, String contentType, byte[] message) throws IOException {
      attempts.incrementAndGet();
      if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IOException("broker away");
      }
      try {
        Envelope e = Envelope.parse(message);
        assertThat(contentType).isEqualTo(e.contentType().mimeType());
        destinations.add(destination);
        delivered.add(e);
      } catch (Envelope.UnsignedException | Envelope.MalformedException e) {
        throw new AssertionError(e);
      }
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    agent = new Agent();
    outbox = StoreOutbox.open(folder.resolve("outbox"), 100, OverflowPolicy.REJECT_NEW, log::add);
  }

  @AfterEach
  void tearDown() {
    outbox.close();
  }

  private ReportSender sender(int maxBatch, Map<String, String> configured, ReportChannel... cs) {
    ReportMessages messages =
        new ReportMessages(
            agent.accounts,
            agent.codec,
            DevId.of(agent.tree),
            Encoding.XML,
            Clock.fixed(Instant.ofEpochMilli(T0), ZoneOffset.UTC));
    ReportAddresses addresses = new ReportAddresses(agent.accounts, agent.tree, configured);
    return new ReportSender(
        outbox,
        agent.codec,
        messages,
        addresses::of,
        scheme -> List.of(cs).stream().filter(c -> c.schemes().contains(scheme)).findFirst(),
        maxBatch,
        Duration.ofSeconds(1),
        Duration.ofSeconds(8),
        now::get,
        log::add);
  }

  private Reporter reporter(Runnable wake) {
    return new Reporter(outbox, agent.accounts, agent.codec, wake);
  }

  private static GenericAlert alert(String data) {
    return new GenericAlert(
        "urn:dmagent:at:temperature",
        NodeFormat.CHR,
        AlertMark.INFORMATIONAL,
        Optional.empty(),
        data.getBytes(StandardCharsets.UTF_8),
        Optional.empty());
  }

  private SyncMessage decoded(Envelope e) throws Exception {
    return agent.codec.decode(e.message(), e.encoding(), Integer.MAX_VALUE);
  }

  private List<String> alertData(Envelope e) throws Exception {
    List<String> out = new ArrayList<>();
    for (Command c : decoded(e).commands()) {
      out.add(((Alert) c).items().get(0).data().orElseThrow().text());
    }
    return out;
  }

  @Test
  void reports_go_in_order_batched_signed_with_clcred_and_leave_the_outbox_once_delivered()
      throws Exception {
    Reporter reporter = reporter(() -> {});
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      ids.add(reporter.report(Agent.SERVER, alert("m" + i)));
    }

    sender(2, Map.of(), channel).round();

    assertThat(channel.delivered).hasSize(3);
    assertThat(channel.delivered)
        .extracting(Envelope::reportIds)
        .containsExactly(ids.subList(0, 2), ids.subList(2, 4), ids.subList(4, 5));
    assertThat(alertData(channel.delivered.get(0))).containsExactly("m1", "m2");
    assertThat(alertData(channel.delivered.get(2))).containsExactly("m5");
    Envelope first = channel.delivered.get(0);
    assertThat(first.hmac().username()).isEqualTo(Agent.CLIENT_NAME);
    assertThat(first.verifies(Agent.CLIENT_SECRET)).isTrue();
    SyncMessage m = decoded(first);
    assertThat(m.header().source().locUri()).isEqualTo(Agent.DEV_ID);
    assertThat(m.header().target().locUri()).isEqualTo(Agent.SERVER);
    assertThat(m.header().sessionId()).isEqualTo(Long.toHexString(T0).toUpperCase());
    assertThat(m.commands()).extracting(Command::cmdId).containsExactly("1", "2");
    assertThat(((Alert) m.commands().get(0)).code()).isEqualTo(Alert.GENERIC_ALERT);
    assertThat(channel.destinations).containsOnly(URI.create("http://127.0.0.1:1/dm"));
    assertThat(outbox.pending(Reporter.TOPIC)).isEmpty();
  }

  @Test
  void reports_handed_over_together_are_stored_as_one_and_delivered_in_their_order()
      throws Exception {
    AtomicInteger wakes = new AtomicInteger();
    Reporter reporter = reporter(wakes::incrementAndGet);
    String before = reporter.report(Agent.SERVER, alert("m0"));

    List<String> ids =
        reporter.reportAll(Agent.SERVER, List.of(alert("m1"), alert("m2"), alert("m3")));

    assertThat(wakes).hasValue(2);
    assertThat(outbox.pending(Reporter.TOPIC))
        .extracting(OutboxEntry::id)
        .containsExactly(before, ids.get(0), ids.get(1), ids.get(2));
    sender(10, Map.of(), channel).round();
    assertThat(channel.delivered)
        .singleElement()
        .extracting(Envelope::reportIds)
        .isEqualTo(List.of(before, ids.get(0), ids.get(1), ids.get(2)));
    assertThat(alertData(channel.delivered.get(0))).containsExactly("m0", "m1", "m2", "m3");
  }

  @Test
  void reports_that_do_not_all_fit_are_refused_together_with_420() throws Exception {
    Reporter reporter = reporter(() -> {});
    List<GenericAlert> tooMany = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      tooMany.add(alert("m" + i));
    }

    assertThatThrownBy(() -> reporter.reportAll(Agent.SERVER, tooMany))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.DEVICE_FULL));
    assertThat(outbox.pending(Reporter.TOPIC)).isEmpty();
  }

  @Test
  void reports_for_a_server_without_an_account_are_refused_with_404_before_any_is_stored() {
    Reporter reporter = reporter(() -> {});

    assertThatThrownBy(() -> reporter.reportAll("nobody", List.of(alert("x"))))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.NOT_FOUND));
  }

  @Test
  void a_failed_delivery_keeps_the_reports_backs_off_and_sends_the_same_ids_again()
      throws Exception {
    Reporter reporter = reporter(() -> {});
    String a = reporter.report(Agent.SERVER, alert("a"));
    String b = reporter.report(Agent.SERVER, alert("b"));
    channel.failures.set(2);
    ReportSender sender = sender(10, Map.of(), channel);

    assertThat(sender.round()).as("first back-off").isEqualTo(1000);
    assertThat(outbox.pending(Reporter.TOPIC)).extracting(OutboxEntry::id).containsExactly(a, b);
    now.addAndGet(500);
    assertThat(sender.round()).as("still waiting").isEqualTo(500);
    assertThat(channel.attempts).hasValue(1);
    now.addAndGet(500);
    assertThat(sender.round()).as("second back-off, doubled").isEqualTo(2000);
    now.addAndGet(2000);
    sender.round();

    assertThat(channel.attempts).hasValue(3);
    assertThat(channel.delivered)
        .singleElement()
        .extracting(Envelope::reportIds)
        .isEqualTo(List.of(a, b));
    assertThat(outbox.pending(Reporter.TOPIC)).isEmpty();
    assertThat(log).filteredOn(l -> l.contains("not delivered")).hasSize(2);
  }

  @Test
  void a_command_outcome_goes_alone_between_alerts_in_order() throws Exception {
    Reporter reporter = reporter(() -> {});
    reporter.report(Agent.SERVER, alert("before"));
    String outcome =
        reporter.reportOutcome(
            Agent.SERVER, "18BCFE56800", List.of(Status.of("1", "1", "3", "Replace", 200)));
    reporter.report(Agent.SERVER, alert("after"));

    sender(10, Map.of(), channel).round();

    assertThat(channel.delivered).hasSize(3);
    assertThat(alertData(channel.delivered.get(0))).containsExactly("before");
    Envelope middle = channel.delivered.get(1);
    assertThat(middle.reportIds()).containsExactly(outcome);
    assertThat(middle.outcomeOf()).contains("18BCFE56800");
    assertThat(channel.delivered.get(0).outcomeOf()).isEmpty();
    Status s = (Status) decoded(middle).commands().get(0);
    assertThat(s.cmdRef()).isEqualTo("3");
    assertThat(s.code()).isEqualTo(200);
    assertThat(alertData(channel.delivered.get(2))).containsExactly("after");
  }

  @Test
  void an_outcome_whose_command_sessionid_is_no_token_goes_without_x_dm_outcome_of()
      throws Exception {
    String id =
        reporter(() -> {})
            .reportOutcome(
                Agent.SERVER,
                "1\r\nx-dm-report-ids: 9",
                List.of(Status.of("1", "1", "3", "Replace", 200)));

    sender(10, Map.of(), channel).round();

    assertThat(channel.delivered)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.reportIds()).containsExactly(id);
              assertThat(e.outcomeOf()).isEmpty();
            });
  }

  @Test
  void an_outcome_stored_before_outcomes_named_their_command_is_still_delivered_alone()
      throws Exception {
    // The stored form an outcome had before x-dm-outcome-of: placeholder Target "report".
    String old =
        "<SyncML xmlns=\"SYNCML:SYNCML1.2\"><SyncHdr><VerDTD>1.2</VerDTD>"
            + "<VerProto>DM/1.3</VerProto><SessionID>0</SessionID><MsgID>1</MsgID>"
            + "<Target><LocURI>report</LocURI></Target><Source><LocURI>agent</LocURI></Source>"
            + "</SyncHdr><SyncBody><Status><CmdID>1</CmdID><MsgRef>1</MsgRef><CmdRef>3</CmdRef>"
            + "<Cmd>Replace</Cmd><Data>200</Data></Status><Final/></SyncBody></SyncML>";
    String id =
        outbox.store(Reporter.TOPIC, Agent.SERVER, old.getBytes(StandardCharsets.UTF_8)).id();
    reporter(() -> {}).report(Agent.SERVER, alert("after"));

    sender(10, Map.of(), channel).round();

    assertThat(channel.delivered).hasSize(2);
    Envelope first = channel.delivered.get(0);
    assertThat(first.reportIds()).containsExactly(id);
    assertThat(first.outcomeOf()).isEmpty();
    assertThat(((Status) decoded(first).commands().get(0)).cmdRef()).isEqualTo("3");
    assertThat(alertData(channel.delivered.get(1))).containsExactly("after");
  }

  @Test
  void the_configured_report_address_picks_the_channel_by_its_scheme() throws Exception {
    Recording mqtt = new Recording("mqtt");
    reporter(() -> {}).report(Agent.SERVER, alert("x"));

    sender(10, Map.of(Agent.SERVER, "mqtt://broker:1883"), channel, mqtt).round();

    assertThat(channel.delivered).isEmpty();
    assertThat(mqtt.destinations).containsExactly(URI.create("mqtt://broker:1883"));
  }

  @Test
  void without_a_channel_for_the_address_the_reports_wait() throws Exception {
    reporter(() -> {}).report(Agent.SERVER, alert("x"));

    sender(10, Map.of(Agent.SERVER, "mqtt://broker:1883"), channel).round();

    assertThat(outbox.pending(Reporter.TOPIC)).hasSize(1);
    assertThat(log).anyMatch(l -> l.contains("no report channel for mqtt"));
  }

  @Test
  void the_console_command_stores_a_generic_alert_that_is_delivered_as_a_report() throws Exception {
    Reporter reporter = reporter(() -> {});
    ReportCommand command = new ReportCommand(reporter::report);

    String answer = command.report(Agent.SERVER, "urn:dmagent:at:temperature", "21.5");
    sender(10, Map.of(), channel).round();

    assertThat(answer).matches("report \\S+ stored for srv1");
    assertThat(channel.delivered).hasSize(1);
    assertThat(channel.delivered.get(0).reportIds()).containsExactly(answer.split(" ")[1]);
    Alert alert = (Alert) decoded(channel.delivered.get(0)).commands().get(0);
    assertThat(alert.code()).isEqualTo(Alert.GENERIC_ALERT);
    assertThat(alert.items().get(0).data().orElseThrow().text()).isEqualTo("21.5");
  }

  @Test
  void the_console_command_names_the_status_when_a_report_is_refused() {
    ReportCommand command = new ReportCommand(reporter(() -> {})::report);

    assertThat(command.report("ghost", "urn:dmagent:at:temperature", "1"))
        .startsWith("error 404: ");
    assertThat(command.report(Agent.SERVER, " ", "1")).startsWith("error 400: ");
  }

  @Test
  void a_report_for_a_server_without_account_is_404() {
    assertThatThrownBy(() -> reporter(() -> {}).report("ghost", alert("x")))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.NOT_FOUND));
  }

  @Test
  void a_new_report_wakes_the_sender_thread() throws Exception {
    ReportSender sender = sender(10, Map.of(), channel);
    Thread t = new Thread(sender, "test-sender");
    t.start();
    try {
      Reporter reporter = reporter(sender::wake);
      reporter.report(Agent.SERVER, alert("now"));

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (channel.delivered.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(channel.delivered).hasSize(1);
    } finally {
      sender.stop();
      t.join(5000);
    }
    assertThat(t.isAlive()).isFalse();
  }

  @Test
  void a_report_address_in_the_account_wins_over_the_configuration() throws Exception {
    io.dmagent.api.tree.TreeOperations device = agent.device();
    if (!exists("./DMAcc/acc1/Ext")) {
      device.addInterior(io.dmagent.api.tree.NodeUri.of("./DMAcc/acc1/Ext"), null);
    }
    device.addInterior(io.dmagent.api.tree.NodeUri.of("./DMAcc/acc1/Ext/DMAgent"), null);
    device.addLeaf(
        io.dmagent.api.tree.NodeUri.of("./DMAcc/acc1/Ext/DMAgent/ReportAddr"),
        io.dmagent.api.tree.NodeValue.text("mqtt://from-tree:1883"));
    Recording mqtt = new Recording("mqtt");
    reporter(() -> {}).report(Agent.SERVER, alert("x"));

    sender(10, Map.of(Agent.SERVER, "https://from-config/r"), channel, mqtt).round();

    assertThat(mqtt.destinations).containsExactly(URI.create("mqtt://from-tree:1883"));
    assertThat(channel.delivered).isEmpty();
  }

  private boolean exists(String uri) {
    try {
      agent.device().get(io.dmagent.api.tree.NodeUri.of(uri));
      return true;
    } catch (DmException e) {
      return false;
    }
  }
}
