package io.dmagent.protocol;

import static io.dmagent.protocol.Fixture.alerts;
import static io.dmagent.protocol.Fixture.ended;
import static io.dmagent.protocol.Fixture.sent;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.account.Account;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.MessageFormatException;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.session.AlertMark;
import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.session.SessionOutcome;
import io.dmagent.api.session.SessionReport;
import io.dmagent.api.session.SessionRequest;
import io.dmagent.api.transport.DmMediaType;
import io.dmagent.api.transport.TransportRequest;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.codec.message.SyncMlCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server message belongs to one session: one whose SyncHdr SessionID is not ours (a message
 * recorded in an earlier session and replayed, whose nonce the new session may still accept) is
 * believed in nothing and ends the session with Alert 1223.
 */
class ForeignSessionTest {
  static final URI ADDRESS = URI.create("replay://dm.example/manage");
  final SyncMlCodec codec = new SyncMlCodec();

  @TempDir Path dir;
  Fixture f;

  @BeforeEach
  void prepare() throws Exception {
    f = new Fixture(dir);
    f.device().addLeaf(NodeUri.of("./Vendor/Keep"), NodeValue.text("old"));
  }

  private SessionEngine engine(Encoding encoding, ReplayTransport t) {
    return SessionEngine.builder()
        .sessionIds(new SessionIds()::clientInitiated)
        .tree(f.tree)
        .descriptionCodec(new DdfTndsCodec())
        .messageCodec(codec)
        .transport(t)
        .outbox(f.outbox)
        .accounts(f.accounts)
        .settings(SessionSettings.defaults().withEncoding(encoding))
        .log(f.log::add)
        .build();
  }

  private SessionReport run(SessionEngine engine) {
    return engine.run(
        Account.of(Fixture.SERVER, ADDRESS), SessionRequest.clientInitiated(Fixture.SERVER));
  }

  private SyncMessage decode(TransportRequest r) throws MessageFormatException {
    return codec.decode(r.body(), r.mediaType().isWbxml() ? Encoding.WBXML : Encoding.XML, 1 << 20);
  }

  private static String type(Encoding e) {
    return (e == Encoding.WBXML ? DmMediaType.DM_WBXML : DmMediaType.DM_XML).mimeType();
  }

  private void queueAlert() throws Exception {
    f.outbox.queue(
        new GenericAlert(
            "org.openmobilealliance.dm.firmwareupdate.download",
            NodeFormat.INT,
            AlertMark.CRITICAL,
            Optional.of(NodeUri.of("./Vendor/FUMO/1")),
            "200".getBytes(StandardCharsets.UTF_8),
            Optional.empty()),
        Optional.of(Fixture.SERVER));
  }

  /** The server's answer to {@code client}: 200 for its header and every command of it. */
  private static SyncMessage acknowledgeAll(
      Fixture.Server server, SyncMessage client, Command... commands) {
    return server.reply(client, true, commands);
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_server_message_of_another_session_is_refused_and_believed_in_nothing(Encoding e)
      throws Exception {
    queueAlert();
    AtomicReference<String> ours = new AtomicReference<>();
    ReplayTransport t =
        new ReplayTransport(
            (request, i) -> {
              try {
                SyncMessage client = decode(request);
                if (i > 0) {
                  return ReplayTransport.ok(type(e), new byte[0]); // the abort's answer: ignored
                }
                ours.set(client.header().sessionId());
                // Everything acknowledged (the Generic Alert too), and commands that would run.
                SyncMessage answer =
                    acknowledgeAll(
                        new Fixture.Server("F00D"),
                        client,
                        Fixture.add("10", "./Vendor/A", "1"),
                        Fixture.replace("11", "./Vendor/Keep", "new"),
                        Fixture.delete("12", "./Vendor/Keep"));
                return ReplayTransport.ok(type(e), codec.encode(answer, e));
              } catch (MessageFormatException x) {
                throw new AssertionError(x);
              }
            });

    SessionReport report = run(engine(e, t));

    assertThat(ours.get()).isNotEqualToIgnoringCase("F00D");
    assertThat(report.outcome()).isEqualTo(SessionOutcome.ABORTED_BY_CLIENT);
    assertThat(report.reason().orElseThrow()).contains("'F00D'");
    assertThat(report.commands()).as("nothing of it ran").isZero();
    assertThat(report.serverPackages()).as("its Final not counted").isZero();
    assertThat(f.exists("./Vendor/A")).isFalse();
    assertThat(f.value("./Vendor/Keep")).isEqualTo("old");
    assertThat(f.outbox.size()).as("the alert it acknowledged stays queued").isEqualTo(1);
    assertThat(t.sent).hasSize(2);
    SyncMessage last = decode(t.sent.get(1));
    assertThat(last.header().sessionId()).isEqualTo(ours.get());
    assertThat(last.commands()).hasSize(1);
    assertThat(alerts(last)).extracting(Alert::code).containsExactly(1223);
    assertThat(f.log)
        .filteredOn(l -> l.contains("'F00D'"))
        .singleElement()
        .asString()
        .contains("session " + ours.get())
        .contains("not of this one: refused");
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_servers_last_message_replayed_into_the_next_session_neither_ends_it_nor_delivers_alerts(
      Encoding e) throws Exception {
    AtomicReference<byte[]> recorded = new AtomicReference<>();
    Fixture.Server server = Fixture.Server.echoing();
    ReplayTransport t =
        new ReplayTransport(
            (request, i) -> {
              if (recorded.get() != null) {
                return ReplayTransport.ok(type(e), recorded.get()); // the attacker's replay
              }
              try {
                // A Status-only Final message: it ends the session and acknowledges package 1,
                // the Generic Alert in it too.
                byte[] body = codec.encode(acknowledgeAll(server, decode(request)), e);
                recorded.set(body);
                return ReplayTransport.ok(type(e), body);
              } catch (MessageFormatException x) {
                throw new AssertionError(x);
              }
            });
    SessionEngine engine = engine(e, t);
    queueAlert();
    SessionReport first = run(engine);
    assertThat(first.outcome()).isEqualTo(SessionOutcome.COMPLETED);
    assertThat(f.outbox.size()).isZero();

    queueAlert();
    SessionReport next = run(engine);

    SyncMessage pkg1 = decode(t.sent.get(1));
    SyncMessage recordedPkg1 = decode(t.sent.get(0));
    assertThat(pkg1.header().sessionId()).isNotEqualTo(recordedPkg1.header().sessionId());
    assertThat(alerts(pkg1))
        .as("the new alert has the CmdID the recorded Status acknowledges")
        .extracting(Alert::cmdId, Alert::code)
        .isEqualTo(
            alerts(recordedPkg1).stream()
                .map(a -> org.assertj.core.groups.Tuple.tuple(a.cmdId(), a.code()))
                .toList());
    assertThat(next.outcome()).isEqualTo(SessionOutcome.ABORTED_BY_CLIENT);
    assertThat(next.reason().orElseThrow()).contains(recordedPkg1.header().sessionId());
    assertThat(f.outbox.size()).as("the replayed Status 200 delivered nothing").isEqualTo(1);
    assertThat(alerts(decode(t.sent.get(2)))).extracting(Alert::code).containsExactly(1223);
  }

  @Test
  void our_session_id_in_other_case_or_with_spaces_is_our_own() throws Exception {
    ClientSession session = f.sessionId("1A2B").session();
    SyncMessage pkg1 = session.begin();
    Fixture.Server server = new Fixture.Server(" 1a2b ");

    SyncMessage pkg3 =
        sent(session.onMessage(server.reply(pkg1, true, Fixture.get("4", "./DevInfo/Man"))));
    ClientSession.End end = ended(session.onMessage(server.reply(pkg3, true)));

    assertThat(Fixture.statusFor(pkg3, "4").code()).isEqualTo(200);
    assertThat(end.outcome()).isEqualTo(SessionOutcome.COMPLETED);
  }

  @Test
  void our_session_id_echoed_with_leading_zeros_is_our_own() throws Exception {
    ClientSession session = f.sessionId("A3").session();
    SyncMessage pkg1 = session.begin();
    Fixture.Server server = new Fixture.Server("00a3");

    SyncMessage pkg3 =
        sent(session.onMessage(server.reply(pkg1, true, Fixture.get("4", "./DevInfo/Man"))));
    ClientSession.End end = ended(session.onMessage(server.reply(pkg3, true)));

    assertThat(Fixture.statusFor(pkg3, "4").code()).isEqualTo(200);
    assertThat(end.outcome()).isEqualTo(SessionOutcome.COMPLETED);
  }

  @Test
  void a_message_of_another_session_midway_ends_the_session_and_runs_nothing_more()
      throws Exception {
    ClientSession session = f.session();
    SyncMessage pkg1 = session.begin();
    Fixture.Server server = new Fixture.Server(session.sessionId());
    SyncMessage pkg3 =
        sent(session.onMessage(server.reply(pkg1, true, Fixture.add("4", "./Vendor/A", "1"))));

    List<Command> body = new ArrayList<>();
    body.add(Status.of("1", pkg3.header().msgId(), "0", Status.SYNC_HDR, 200));
    body.add(Fixture.replace("2", "./Vendor/Keep", "new"));
    SyncMessage foreign =
        new SyncMessage(new Fixture.Server(session.sessionId() + "0").header(), body, true);
    ClientSession.End end = ended(session.onMessage(foreign));

    assertThat(end.outcome()).isEqualTo(SessionOutcome.ABORTED_BY_CLIENT);
    assertThat(alerts(end.lastMessage().orElseThrow()))
        .extracting(Alert::code)
        .containsExactly(1223);
    assertThat(f.value("./Vendor/A")).as("what ran before stays").isEqualTo("1");
    assertThat(f.value("./Vendor/Keep")).isEqualTo("old");
    assertThat(session.commands()).isEqualTo(1);
  }
}
