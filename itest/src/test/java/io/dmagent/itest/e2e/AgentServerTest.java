package io.dmagent.itest.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.session.AlertMark;
import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.session.SessionOutcome;
import io.dmagent.api.session.SessionReport;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.codec.message.SyncMlCodec;
import io.dmagent.server.CommandRecord;
import io.dmagent.server.DmServer;
import io.dmagent.server.ReceivedAlert;
import io.dmagent.server.ServerLog;
import io.dmagent.server.SessionRecord;
import io.dmagent.server.SessionState;
import io.dmagent.server.script.Script;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real agent (session engine, HTTP binding, codecs, tree, standard objects, diagnostics)
 * against the reference server over loopback HTTP, in XML and in WBXML: every command kind, Atomic
 * and Sequence, large objects, Generic Alerts, and a session the server aborts.
 */
class AgentServerTest {
  private static final String SERVER_ID = "ref-server";

  @TempDir Path dir;
  private DmServer server;
  private Agent agent;

  private void start(Encoding encoding, String script) throws Exception {
    start(encoding, script, 16384, 1 << 20);
  }

  private void start(Encoding encoding, String script, int agentMaxMsgSize, int serverMaxMsgSize)
      throws Exception {
    server =
        DmServer.builder(new SyncMlCodec())
            .serverId(SERVER_ID)
            .maxMsgSize(serverMaxMsgSize)
            .defaultScript(Script.parse("e2e", script))
            .log(ServerLog.silent())
            .start();
    agent =
        Agent.in(dir)
            .connectedTo(server.uri(), SERVER_ID)
            .using(encoding)
            .maxMsgSize(agentMaxMsgSize)
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    if (agent != null) {
      agent.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /**
   * A MaxMsgSize that forces splitting yet still holds a message's header and the statuses of
   * package 1: XML spends about 500 bytes on a header alone.
   */
  private static int small(Encoding encoding) {
    return encoding == Encoding.XML ? 2048 : 1024;
  }

  private SessionRecord serverSide() {
    return server.device(Agent.DEV_ID).orElseThrow().lastSession().orElseThrow();
  }

  private static int status(SessionRecord s, String element, String target) {
    return s.command(element, target).orElseThrow().status().orElseThrow();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void the_server_reads_devinfo_and_devdetail(Encoding encoding) throws Exception {
    start(
        encoding,
        """
        get ./DevInfo/DevId
        get ./DevInfo/Man
        get ./DevDetail/DevTyp
        get ./DevDetail/SwV
        get ./DevDetail/URI/MaxDepth
        get ./DevInfo
        """);

    SessionReport report = agent.session();

    assertThat(report.outcome()).isEqualTo(SessionOutcome.COMPLETED);
    assertThat(report.commands()).isEqualTo(6);
    assertThat(report.serverPackages()).isEqualTo(2);
    SessionRecord s = serverSide();
    assertThat(s.state()).isEqualTo(SessionState.COMPLETED);
    assertThat(s.commands()).allSatisfy(c -> assertThat(c.status()).hasValue(200));
    assertThat(s.result("./DevInfo/DevId").orElseThrow().data()).isEqualTo(Agent.DEV_ID);
    assertThat(s.result("./DevInfo/Man").orElseThrow().data()).isEqualTo("ACME");
    assertThat(s.result("./DevDetail/DevTyp").orElseThrow().data()).isEqualTo("gateway");
    assertThat(s.result("./DevDetail/SwV").orElseThrow().data()).isEqualTo("sw-3.4");
    assertThat(s.result("./DevDetail/URI/MaxDepth").orElseThrow().data()).isNotEmpty();
    assertThat(s.result("./DevInfo").orElseThrow().format()).contains("node");
    assertThat(s.result("./DevInfo").orElseThrow().data()).contains("DevId").contains("Man");
    assertThat(server.device(Agent.DEV_ID).orElseThrow().devInfo())
        .containsEntry("./DevInfo/DevId", Agent.DEV_ID)
        .containsEntry("./DevInfo/Mod", "GW-100");
    assertThat(report.summary())
        .startsWith("session " + report.sessionId() + " with ref-server ended: completed, 6");
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void add_replace_and_delete_change_the_tree(Encoding encoding) throws Exception {
    start(
        encoding,
        """
        add ./Vendor/ACME/Sub
        add ./Vendor/ACME/Mode chr eco
        add ./Vendor/ACME/Interval int 60
        replace ./Vendor/ACME/Mode chr boost
        add ./Vendor/ACME/Old chr stale
        delete ./Vendor/ACME/Old
        add ./Vendor/ACME/Mode chr twice
        replace ./DevInfo/Man chr Evil Corp
        delete ./Vendor/ACME/Never
        """);

    SessionReport report = agent.session();

    assertThat(report.outcome()).isEqualTo(SessionOutcome.COMPLETED);
    SessionRecord s = serverSide();
    assertThat(s.commands())
        .extracting(c -> c.element() + " " + c.target() + " " + c.status().orElse(-1))
        .containsExactly(
            "Add ./Vendor/ACME/Sub 200",
            "Add ./Vendor/ACME/Mode 200",
            "Add ./Vendor/ACME/Interval 200",
            "Replace ./Vendor/ACME/Mode 200",
            "Add ./Vendor/ACME/Old 200",
            "Delete ./Vendor/ACME/Old 200",
            "Add ./Vendor/ACME/Mode 418",
            "Replace ./DevInfo/Man 425",
            "Delete ./Vendor/ACME/Never 404");
    assertThat(agent.value("./Vendor/ACME/Mode")).contains("boost");
    assertThat(agent.value("./Vendor/ACME/Interval")).contains("60");
    assertThat(agent.value("./Vendor/ACME/Old")).isEmpty();
    assertThat(agent.value("./DevInfo/Man")).contains("ACME");
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void exec_runs_the_self_test_and_a_sequence_reads_its_report_after_it(Encoding encoding)
      throws Exception {
    start(
        encoding,
        """
        replace ./Vendor/DMAgent/Diagnostics/Note chr rack 4
        sequence {
          exec ./Vendor/DMAgent/Diagnostics/SelfTest
          get ./Vendor/DMAgent/Diagnostics/Report
        }
        exec ./DevInfo/DevId
        """);

    SessionReport report = agent.session();

    assertThat(report.outcome()).isEqualTo(SessionOutcome.COMPLETED);
    SessionRecord s = serverSide();
    assertThat(status(s, "Replace", "./Vendor/DMAgent/Diagnostics/Note")).isEqualTo(200);
    assertThat(s.commands("Sequence"))
        .singleElement()
        .satisfies(c -> assertThat(c.status()).hasValue(200));
    assertThat(status(s, "Exec", "./Vendor/DMAgent/Diagnostics/SelfTest")).isEqualTo(200);
    assertThat(s.result("./Vendor/DMAgent/Diagnostics/Report").orElseThrow().data())
        .startsWith("passed: tree ok");
    assertThat(status(s, "Exec", "./DevInfo/DevId")).isEqualTo(425);
    assertThat(agent.value("./Vendor/DMAgent/Diagnostics/Note")).contains("rack 4");
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void an_atomic_that_succeeds_commits_everything(Encoding encoding) throws Exception {
    start(
        encoding,
        """
        atomic {
          add ./Vendor/ACME/A chr 1
          add ./Vendor/ACME/B chr 2
        }
        """);

    agent.session();

    SessionRecord s = serverSide();
    assertThat(s.commands())
        .extracting(CommandRecord::element, c -> c.status().orElse(-1))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Atomic", 200),
            org.assertj.core.groups.Tuple.tuple("Add", 200),
            org.assertj.core.groups.Tuple.tuple("Add", 200));
    assertThat(agent.value("./Vendor/ACME/A")).contains("1");
    assertThat(agent.value("./Vendor/ACME/B")).contains("2");
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void an_atomic_with_a_failing_command_rolls_everything_back(Encoding encoding) throws Exception {
    start(
        encoding,
        """
        add ./Vendor/ACME/Kept chr before
        package
        atomic {
          add ./Vendor/ACME/X chr 1
          replace ./Vendor/ACME/Kept chr changed
          replace ./DevInfo/Man chr Evil Corp
        }
        """);

    SessionReport report = agent.session();

    assertThat(report.outcome()).isEqualTo(SessionOutcome.COMPLETED);
    SessionRecord s = serverSide();
    CommandRecord atomic = s.commands("Atomic").get(0);
    assertThat(atomic.status()).hasValue(507);
    assertThat(s.commands().stream().filter(c -> c.parent().isPresent()))
        .extracting(c -> c.status().orElse(-1))
        .containsExactly(216, 216, 425);
    assertThat(agent.value("./Vendor/ACME/X")).isEmpty();
    assertThat(agent.value("./Vendor/ACME/Kept")).contains("before");
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_sequence_runs_its_commands_in_order(Encoding encoding) throws Exception {
    start(
        encoding,
        """
        sequence {
          add ./Vendor/ACME/Seq chr first
          get ./Vendor/ACME/Seq
          replace ./Vendor/ACME/Seq chr second
          get ./Vendor/ACME/Seq
          delete ./Vendor/ACME/Seq
        }
        """);

    agent.session();

    SessionRecord s = serverSide();
    assertThat(s.commands()).allSatisfy(c -> assertThat(c.status()).hasValue(200));
    assertThat(s.commands("Get"))
        .extracting(c -> c.results().get(0).data())
        .containsExactly("first", "second");
    assertThat(agent.value("./Vendor/ACME/Seq")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_large_object_travels_both_ways_at_a_small_max_msg_size(Encoding encoding)
      throws Exception {
    String big = "The quick brown fox jumps over the lazy dog, ".repeat(200) + "done"; // 9004 bytes
    start(
        encoding,
        "add ./Vendor/ACME/Blob chr " + big + "\npackage\nget ./Vendor/ACME/Blob\n",
        small(encoding),
        2 * small(encoding));

    SessionReport report = agent.session();

    assertThat(report.outcome()).as(report.summary()).isEqualTo(SessionOutcome.COMPLETED);
    assertThat(agent.value("./Vendor/ACME/Blob").orElseThrow()).isEqualTo(big);
    SessionRecord s = serverSide();
    assertThat(status(s, "Add", "./Vendor/ACME/Blob")).isEqualTo(200);
    assertThat(s.result("./Vendor/ACME/Blob").orElseThrow().data()).isEqualTo(big);
    assertThat(s.serverMessages()).isGreaterThan(big.length() / small(encoding));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_package_of_many_commands_is_split_to_the_agents_max_msg_size(Encoding encoding)
      throws Exception {
    StringBuilder script = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      script
          .append("add ./Vendor/ACME/Leaf")
          .append(i)
          .append(" chr value ")
          .append(i)
          .append('\n');
    }
    for (int i = 0; i < 60; i++) {
      script.append("get ./Vendor/ACME/Leaf").append(i).append('\n');
    }
    start(encoding, script.toString(), small(encoding), 2 * small(encoding));

    SessionReport report = agent.session();

    assertThat(report.outcome()).as(report.summary()).isEqualTo(SessionOutcome.COMPLETED);
    assertThat(report.commands()).isEqualTo(120);
    SessionRecord s = serverSide();
    assertThat(s.commands()).hasSize(120).allSatisfy(c -> assertThat(c.status()).hasValue(200));
    assertThat(s.result("./Vendor/ACME/Leaf59").orElseThrow().data()).isEqualTo("value 59");
    assertThat(s.serverMessages()).isGreaterThan(3);
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_generic_alert_is_delivered_and_leaves_the_outbox(Encoding encoding) throws Exception {
    start(encoding, "get ./DevInfo/DevId");
    agent.outbox.queue(
        new GenericAlert(
            "org.openmobilealliance.dm.firmwareupdate.download",
            NodeFormat.INT,
            AlertMark.CRITICAL,
            Optional.of(NodeUri.of("./Vendor/ACME/Fw")),
            "410".getBytes(StandardCharsets.UTF_8),
            Optional.of("corr-42")),
        Optional.of(SERVER_ID));

    SessionReport report = agent.session();

    assertThat(report.outcome()).isEqualTo(SessionOutcome.COMPLETED);
    ReceivedAlert alert = serverSide().alerts().get(0);
    assertThat(alert.code()).isEqualTo(1226);
    assertThat(alert.correlator()).contains("corr-42");
    assertThat(alert.items())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.type()).contains("org.openmobilealliance.dm.firmwareupdate.download");
              assertThat(i.format()).contains("int");
              assertThat(i.mark()).contains("critical");
              assertThat(i.source()).contains("./Vendor/ACME/Fw");
              assertThat(i.data()).isEqualTo("410");
            });
    assertThat(agent.outbox.pendingFor(SERVER_ID)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_session_the_server_aborts_ends_aborted_on_both_sides(Encoding encoding) throws Exception {
    start(encoding, "get ./DevInfo/Man\npackage\nabort maintenance window closed\n");

    SessionReport report = agent.session();

    assertThat(report.outcome()).isEqualTo(SessionOutcome.ABORTED_BY_SERVER);
    assertThat(report.summary()).contains("ended: aborted by server");
    SessionRecord s = serverSide();
    assertThat(s.state()).isEqualTo(SessionState.ABORTED_BY_SERVER);
    assertThat(status(s, "Get", "./DevInfo/Man")).isEqualTo(200);
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void consecutive_sessions_are_kept_apart(Encoding encoding) throws Exception {
    start(encoding, "get ./DevInfo/DevId");

    SessionReport first = agent.session();
    SessionReport second = agent.session();

    assertThat(first.sessionId()).isNotEqualTo(second.sessionId());
    assertThat(server.device(Agent.DEV_ID).orElseThrow().sessions())
        .extracting(SessionRecord::sessionId, SessionRecord::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(first.sessionId(), SessionState.COMPLETED),
            org.assertj.core.groups.Tuple.tuple(second.sessionId(), SessionState.COMPLETED));
  }
}
