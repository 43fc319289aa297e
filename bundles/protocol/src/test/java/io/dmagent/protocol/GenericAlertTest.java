package io.dmagent.protocol;

import static io.dmagent.protocol.Fixture.alerts;
import static io.dmagent.protocol.Fixture.ended;
import static io.dmagent.protocol.Fixture.sent;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.session.AlertMark;
import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.session.SessionOutcome;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.protocol.outbox.QueuedAlert;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generic Alerts (1226) and Client Events (1224) from the durable outbox (digest 1.9). */
class GenericAlertTest {
  static final String FUMO = "org.openmobilealliance.dm.firmwareupdate.download";

  @TempDir Path dir;
  Fixture f;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture(dir);
  }

  private static GenericAlert alert(String data, Optional<String> correlator) {
    return new GenericAlert(
        FUMO,
        NodeFormat.INT,
        AlertMark.CRITICAL,
        Optional.of(NodeUri.of("./Vendor/FUMO/1")),
        data.getBytes(StandardCharsets.UTF_8),
        correlator);
  }

  /** The server's answer to {@code client}: 200 for everything but the alerts, {@code code}. */
  private static SyncMessage answerAlerts(
      Fixture.Server server, SyncMessage client, int code, boolean fin) {
    List<io.dmagent.api.message.Command> body = new ArrayList<>();
    body.add(Status.of("1", client.header().msgId(), "0", Status.SYNC_HDR, 200));
    for (io.dmagent.api.message.Command c : client.commands()) {
      if (c instanceof Status) {
        continue;
      }
      int answer = c instanceof Alert a && (a.code() == 1226 || a.code() == 1224) ? code : 200;
      body.add(
          Status.of(
              Integer.toString(body.size() + 1),
              client.header().msgId(),
              c.cmdId(),
              c.element(),
              answer));
    }
    return new SyncMessage(server.header(), body, fin);
  }

  @Test
  void a_queued_alert_goes_out_in_package_1_with_its_type_format_mark_source_and_correlator()
      throws Exception {
    f.outbox.queue(alert("200", Optional.of("corr-7")), Optional.of("srv1"));
    SyncMessage pkg1 = f.session().begin();

    List<Alert> generic = alerts(pkg1).stream().filter(a -> a.code() == 1226).toList();
    assertThat(generic).hasSize(1);
    Alert a = generic.get(0);
    assertThat(a.correlator()).contains("corr-7");
    Item item = a.items().get(0);
    assertThat(item.sourceUri()).contains("./Vendor/FUMO/1");
    Meta meta = item.meta().orElseThrow();
    assertThat(meta.type()).contains(FUMO);
    assertThat(meta.format()).contains("int");
    assertThat(meta.mark()).contains("critical");
    assertThat(item.data().orElseThrow().text()).isEqualTo("200");
  }

  @Test
  void an_alert_leaves_the_outbox_only_when_the_server_answers_200_or_202() throws Exception {
    f.outbox.queue(alert("1", Optional.empty()), Optional.of("srv1"));
    f.outbox.queue(alert("2", Optional.empty()), Optional.of("srv1"));
    ClientSession session = f.session();
    SyncMessage pkg1 = session.begin();
    Fixture.Server server = new Fixture.Server(session.sessionId());

    ended(session.onMessage(answerAlerts(server, pkg1, 500, true)));
    assertThat(f.outbox.size()).as("refused with 500: kept for a later session").isEqualTo(2);

    ClientSession next = f.session();
    SyncMessage again = next.begin();
    assertThat(alerts(again).stream().filter(a -> a.code() == 1226)).hasSize(2);
    ended(next.onMessage(answerAlerts(new Fixture.Server(next.sessionId()), again, 202, true)));
    assertThat(f.outbox.size()).isZero();
  }

  @Test
  void an_alert_for_another_server_is_not_delivered() throws Exception {
    f.outbox.queue(alert("1", Optional.empty()), Optional.of("other"));

    assertThat(alerts(f.session().begin())).extracting(Alert::code).containsExactly(1201);
  }

  @Test
  void a_client_event_goes_out_as_alert_1224() throws Exception {
    f.outbox.queue(alert("1", Optional.empty()), Optional.empty(), QueuedAlert.CLIENT_EVENT);

    assertThat(alerts(f.session().begin())).extracting(Alert::code).containsExactly(1201, 1224);
  }

  @Test
  void an_alert_queued_during_a_session_goes_out_in_its_next_package() throws Exception {
    ClientSession session = f.session();
    SyncMessage pkg1 = session.begin();
    Fixture.Server server = new Fixture.Server(session.sessionId());
    // An asynchronous Exec result arrives while the server is busy with its package.
    f.outbox.queue(alert("0", Optional.of("exec-1")), Optional.of("srv1"));

    SyncMessage pkg3 = sent(session.onMessage(server.reply(pkg1, true)));
    Alert generic = alerts(pkg3).get(0);
    assertThat(generic.code()).isEqualTo(1226);
    assertThat(generic.correlator()).contains("exec-1");

    ClientSession.End end = ended(session.onMessage(answerAlerts(server, pkg3, 200, true)));
    assertThat(end.outcome()).isEqualTo(SessionOutcome.COMPLETED);
    assertThat(f.outbox.size()).isZero();
  }

  @Test
  void binary_alert_data_goes_as_base64_text_in_xml() throws Exception {
    f.outbox.queue(
        new GenericAlert(
            "com.example.blob",
            NodeFormat.BIN,
            AlertMark.INFORMATIONAL,
            Optional.empty(),
            new byte[] {0, 1, (byte) 0xFF},
            Optional.empty()),
        Optional.empty());

    Item item = alerts(f.session().begin()).get(1).items().get(0);
    assertThat(item.meta().orElseThrow().format()).contains("b64");
    assertThat(item.data().orElseThrow().text()).isEqualTo("AAH/");
  }
}
