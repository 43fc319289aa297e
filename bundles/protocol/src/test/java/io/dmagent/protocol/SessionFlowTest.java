package io.dmagent.protocol;

import static io.dmagent.protocol.Fixture.alerts;
import static io.dmagent.protocol.Fixture.ended;
import static io.dmagent.protocol.Fixture.get;
import static io.dmagent.protocol.Fixture.sent;
import static io.dmagent.protocol.Fixture.shape;
import static io.dmagent.protocol.Fixture.statusFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.message.Alert;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.session.SessionOutcome;
import io.dmagent.api.session.SessionRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packages and the session's course (digest 1.6): package 1, the end rule, aborts, versions. */
class SessionFlowTest {
  @TempDir Path dir;
  Fixture f;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture(dir);
  }

  @Test
  void package_1_carries_alert_1201_devinfo_as_replace_and_final() throws Exception {
    ClientSession session = f.session();
    SyncMessage pkg1 = session.begin();

    SyncHeader h = pkg1.header();
    assertThat(h.verDtd()).isEqualTo("1.2");
    assertThat(h.verProto()).isEqualTo("DM/1.2");
    assertThat(h.msgId()).isEqualTo("1");
    assertThat(h.sessionId()).isEqualTo(session.sessionId());
    assertThat(h.target().locUri()).isEqualTo(Fixture.ADDRESS.toString());
    assertThat(h.source().locUri()).isEqualTo(Fixture.DEV_ID);
    assertThat(h.meta().orElseThrow().maxMsgSize()).hasValue(16384);
    assertThat(h.meta().orElseThrow().maxObjSize()).hasValue(1 << 20);
    assertThat(pkg1.isFinal()).isTrue();

    Alert alert = (Alert) pkg1.commands().get(0);
    assertThat(alert.code()).isEqualTo(1201);
    assertThat(alert.items()).isEmpty();
    ItemCommand devInfo = (ItemCommand) pkg1.commands().get(1);
    assertThat(devInfo.name()).isEqualTo(CommandName.REPLACE);
    assertThat(devInfo.items())
        .extracting(i -> i.sourceUri().orElseThrow())
        .containsExactlyInAnyOrder(
            "./DevInfo/DevId", "./DevInfo/Man", "./DevInfo/Mod", "./DevInfo/DmV", "./DevInfo/Lang");
    Item man =
        devInfo.items().stream()
            .filter(i -> i.sourceUri().orElseThrow().equals("./DevInfo/Man"))
            .findFirst()
            .orElseThrow();
    assertThat(man.data().orElseThrow().text()).isEqualTo("ACME");
    assertThat(man.meta().orElseThrow().format()).contains("chr");
    assertThat(man.meta().orElseThrow().type()).contains("text/plain");
    assertThat(pkg1.commands()).extracting(c -> c.cmdId()).containsExactly("1", "2");
  }

  @Test
  void a_server_initiated_session_sends_1200_under_the_notifications_id_in_upper_case_hex()
      throws Exception {
    ClientSession session =
        f.engine().newSession(f.account, SessionRequest.serverInitiated("srv1", "00a3"));
    SyncMessage pkg1 = session.begin();

    assertThat(pkg1.header().sessionId()).isEqualTo("A3");
    assertThat(((Alert) pkg1.commands().get(0)).code()).isEqualTo(1200);
  }

  @Test
  void a_server_package_that_asks_for_nothing_ends_the_session_without_a_message()
      throws Exception {
    ClientSession session = f.session();
    SyncMessage pkg1 = session.begin();
    Fixture.Server server = new Fixture.Server(session.sessionId());

    ClientSession.End end = ended(session.onMessage(server.reply(pkg1, true)));

    assertThat(end.outcome()).isEqualTo(SessionOutcome.COMPLETED);
    assertThat(end.lastMessage()).isEmpty();
    assertThat(session.serverPackages()).isEqualTo(1);
  }

  @Test
  void the_session_goes_on_while_the_server_sends_commands_and_ends_on_its_empty_package()
      throws Exception {
    ClientSession session = f.session();
    SyncMessage pkg1 = session.begin();
    Fixture.Server server = new Fixture.Server(session.sessionId());

    SyncMessage pkg3 = sent(session.onMessage(server.reply(pkg1, true, get("4", "./DevInfo/Mod"))));
    assertThat(pkg3.header().msgId()).isEqualTo("2");
    assertThat(pkg3.isFinal()).isTrue();
    SyncMessage pkg5 =
        sent(session.onMessage(server.reply(pkg3, true, get("3", "./DevInfo/Lang"))));
    ClientSession.End end = ended(session.onMessage(server.reply(pkg5, true)));

    assertThat(end.outcome()).isEqualTo(SessionOutcome.COMPLETED);
    assertThat(session.commands()).isEqualTo(2);
    assertThat(session.serverPackages()).isEqualTo(3);
  }

  @Test
  void alert_1223_from_the_server_ends_the_session_unanswered() throws Exception {
    ClientSession session = f.session();
    SyncMessage pkg1 = session.begin();
    Fixture.Server server = new Fixture.Server(session.sessionId());

    ClientSession.End end =
        ended(session.onMessage(server.reply(pkg1, true, Fixture.alert("4", Alert.SESSION_ABORT))));

    assertThat(end.outcome()).isEqualTo(SessionOutcome.ABORTED_BY_SERVER);
    assertThat(end.lastMessage()).isEmpty();
  }

  @Test
  void a_server_message_without_final_is_answered_with_alert_1222() throws Exception {
    ClientSession session = f.session();
    SyncMessage pkg1 = session.begin();
    Fixture.Server server = new Fixture.Server(session.sessionId());

    SyncMessage first =
        sent(session.onMessage(server.reply(pkg1, false, get("4", "./DevInfo/Mod"))));
    assertThat(first.isFinal()).isFalse();
    assertThat(alerts(first)).extracting(Alert::code).containsExactly(1222);
    assertThat(statusFor(first, "4").code()).isEqualTo(200);

    SyncMessage last = sent(session.onMessage(server.message(true, get("1", "./DevInfo/Man"))));
    assertThat(last.isFinal()).isTrue();
    assertThat(alerts(last)).isEmpty();
    assertThat(shape(last)).containsExactly("SyncHdr 0 200", "Get 1 200");
  }

  @Test
  void a_server_asking_for_the_next_message_gets_a_status_for_its_1222() throws Exception {
    ClientSession session = f.session();
    SyncMessage pkg1 = session.begin();
    Fixture.Server server = new Fixture.Server(session.sessionId());

    SyncMessage reply =
        sent(
            session.onMessage(
                server.reply(
                    pkg1,
                    true,
                    Fixture.alert("4", Alert.NEXT_MESSAGE),
                    get("5", "./DevInfo/Mod"))));

    assertThat(statusFor(reply, "4").code()).isEqualTo(200);
    assertThat(statusFor(reply, "4").cmd()).isEqualTo("Alert");
  }

  @Test
  void dm_1_3_is_accepted_and_answered_in_the_servers_version() throws Exception {
    ClientSession session = f.session();
    SyncMessage pkg1 = session.begin();
    Fixture.Server server =
        new Fixture.Server(session.sessionId()).versions("1.2", SyncHeader.DM_1_3);

    SyncMessage reply =
        sent(session.onMessage(server.reply(pkg1, true, get("4", "./DevInfo/Mod"))));

    assertThat(reply.header().verProto()).isEqualTo("DM/1.3");
    assertThat(statusFor(reply, "0").code()).isEqualTo(200);
  }

  @Test
  void a_wrong_verdtd_is_answered_505_and_the_session_is_aborted() throws Exception {
    ClientSession session = f.session();
    SyncMessage pkg1 = session.begin();
    Fixture.Server server = new Fixture.Server(session.sessionId()).versions("1.1", "DM/1.2");

    ClientSession.End end =
        ended(session.onMessage(server.reply(pkg1, true, Fixture.add("4", "./Vendor/A", "1"))));

    assertThat(end.outcome()).isEqualTo(SessionOutcome.ABORTED_BY_CLIENT);
    SyncMessage last = end.lastMessage().orElseThrow();
    assertThat(statusFor(last, "0").code()).isEqualTo(505);
    assertThat(alerts(last)).extracting(Alert::code).containsExactly(1223);
    assertThat(last.isFinal()).isTrue();
    assertThat(f.exists("./Vendor/A")).as("nothing of the rejected message ran").isFalse();
  }

  @Test
  void an_unknown_verproto_is_answered_513_and_the_session_is_aborted() throws Exception {
    ClientSession session = f.session();
    SyncMessage pkg1 = session.begin();
    Fixture.Server server = new Fixture.Server(session.sessionId()).versions("1.2", "DM/9.9");

    ClientSession.End end = ended(session.onMessage(server.reply(pkg1, true)));

    assertThat(end.outcome()).isEqualTo(SessionOutcome.ABORTED_BY_CLIENT);
    assertThat(statusFor(end.lastMessage().orElseThrow(), "0").code()).isEqualTo(513);
    assertThat(end.reason().orElseThrow()).contains("VerProto");
  }

  @Test
  void a_challenge_to_an_account_without_credentials_aborts_the_session() throws Exception {
    ClientSession session = f.session();
    session.begin();
    Fixture.Server server = new Fixture.Server(session.sessionId());

    ClientSession.End end =
        ended(
            session.onMessage(
                server.message(true, Status.of("1", "1", "0", Status.SYNC_HDR, 401))));

    assertThat(end.outcome()).isEqualTo(SessionOutcome.ABORTED_BY_CLIENT);
    assertThat(end.reason().orElseThrow()).contains("401");
    assertThat(Fixture.alerts(end.lastMessage().orElseThrow()))
        .extracting(Alert::code)
        .containsExactly(Alert.SESSION_ABORT);
  }

  @Test
  void undecodable_bytes_abort_the_session_with_1223() throws Exception {
    ClientSession session = f.session();
    session.begin();

    ClientSession.End end = ended(session.onUndecodable(400, "not WBXML"));

    assertThat(end.outcome()).isEqualTo(SessionOutcome.ABORTED_BY_CLIENT);
    assertThat(alerts(end.lastMessage().orElseThrow()))
        .extracting(Alert::code)
        .containsExactly(1223);
  }

  @Test
  void statuses_and_results_from_a_server_are_not_answered() throws Exception {
    ClientSession session = f.session();
    SyncMessage pkg1 = session.begin();
    Fixture.Server server = new Fixture.Server(session.sessionId());

    SyncMessage reply =
        sent(
            session.onMessage(
                server.reply(
                    pkg1, true, Status.of("8", "1", "77", "Add", 500), get("9", "./DevInfo/Mod"))));

    assertThat(shape(reply)).containsExactly("SyncHdr 0 200", "Get 9 200");
  }
}
