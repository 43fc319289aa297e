package io.dmagent.protocol;

import static io.dmagent.protocol.Fixture.add;
import static io.dmagent.protocol.Fixture.get;
import static io.dmagent.protocol.Fixture.results;
import static io.dmagent.protocol.Fixture.sent;
import static io.dmagent.protocol.Fixture.statusFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.description.TndsTree;
import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Atomic;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Exec;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.session.AlertMark;
import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.codec.message.SyncMlCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Whole subtrees (?list=Struct, StructData, TNDS; TNDS Add), MO locations (?moid=) and Exec, in
 * both encodings, each reply going through the real codec and back.
 */
class TndsAndExecTest {
  @TempDir Path dir;
  final SyncMlCodec codec = new SyncMlCodec();
  final JobMo job = new JobMo();
  Fixture f;
  ClientSession session;
  Fixture.Server server;
  SyncMessage last;

  private void open(Encoding e) throws Exception {
    f = new Fixture(dir, job).encoding(e);
    f.device().addLeaf(NodeUri.of("./Vendor/Src/A"), NodeValue.text("alpha"));
    f.device().addLeaf(NodeUri.of("./Vendor/Src/Sub/B"), NodeValue.of("42", NodeFormat.INT));
    session = f.session();
    last = session.begin();
    server = new Fixture.Server(session.sessionId());
  }

  private SyncMessage answer(Encoding e, io.dmagent.api.message.Command... commands)
      throws Exception {
    SyncMessage reply = sent(session.onMessage(server.reply(last, true, commands)));
    last = codec.decode(codec.encode(reply, e), e, 1 << 20);
    return last;
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void list_struct_data_answers_every_node_parents_first_with_values(Encoding e) throws Exception {
    open(e);
    SyncMessage reply = answer(e, get("4", "./Vendor/Src?list=StructData"));

    List<Item> items = results(reply).get(0).items();
    assertThat(items)
        .extracting(i -> i.sourceUri().orElseThrow())
        .containsExactly(
            "./Vendor/Src", "./Vendor/Src/A", "./Vendor/Src/Sub", "./Vendor/Src/Sub/B");
    assertThat(items.get(1).data().orElseThrow().text()).isEqualTo("alpha");
    assertThat(items.get(3).meta().orElseThrow().format()).contains("int");
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void list_struct_answers_the_nodes_without_values(Encoding e) throws Exception {
    open(e);
    SyncMessage reply = answer(e, get("4", "./Vendor/Src?list=Struct"));

    List<Item> items = results(reply).get(0).items();
    assertThat(items).hasSize(4);
    assertThat(items.get(1).meta().orElseThrow().format()).contains("chr");
    assertThat(items.get(1).data().map(ItemData::text).orElse("")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void list_tnds_answers_a_tnds_document_in_the_messages_encoding_and_it_adds_back(Encoding e)
      throws Exception {
    open(e);
    SyncMessage reply = answer(e, get("4", "./Vendor/Src?list=TNDS+Value"));

    Item tnds = results(reply).get(0).items().get(0);
    assertThat(statusFor(reply, "4").code()).isEqualTo(200);
    assertThat(tnds.sourceUri()).contains("./Vendor/Src?list=TNDS+Value");
    String type = tnds.meta().orElseThrow().type().orElseThrow();
    assertThat(type).startsWith("application/vnd.syncml.dmtnds+");
    Encoding docEncoding = type.endsWith("+wbxml") ? Encoding.WBXML : Encoding.XML;
    TndsTree doc = new DdfTndsCodec().readTnds(tnds.data().orElseThrow().bytes(), docEncoding);
    assertThat(values(doc.nodes())).contains("alpha", "42");

    ItemCommand addTnds =
        ItemCommand.of(
            CommandName.ADD,
            "2",
            new Item(
                Optional.of(Locator.of("./Vendor/Copy")),
                Optional.empty(),
                Optional.of(Meta.of("xml", type)),
                tnds.data(),
                false));
    SyncMessage added = answer(e, addTnds);

    assertThat(statusFor(added, "2").code()).isEqualTo(200);
    assertThat(f.exists("./Vendor/Copy")).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_tnds_replace_without_the_right_is_refused_before_its_document_is_read(Encoding e)
      throws Exception {
    open(e);
    f.device().replaceProperty(NodeUri.of("./Vendor/Src"), NodeProperty.ACL, "Get=srv1");

    SyncMessage reply = answer(e, tndsReplace("4", "./Vendor/Src", "<MgmtTree><Node>unclosed"));

    // 425 from the ACL, not 400 from the broken document: it was never read.
    assertThat(statusFor(reply, "4").code()).isEqualTo(425);
    assertThat(f.exists("./Vendor/Src/Sub/B")).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_tnds_replace_with_the_rights_reads_its_document_and_refuses_a_broken_one(Encoding e)
      throws Exception {
    open(e);

    SyncMessage reply = answer(e, tndsReplace("4", "./Vendor/Src", "<MgmtTree><Node>unclosed"));

    assertThat(statusFor(reply, "4").code()).isEqualTo(400);
    assertThat(f.exists("./Vendor/Src/Sub/B")).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_tnds_replace_needs_delete_on_each_child_before_its_document_is_read(Encoding e)
      throws Exception {
    open(e);
    f.device()
        .replaceProperty(NodeUri.of("./Vendor/Src/Sub"), NodeProperty.ACL, "Get=srv1&Replace=srv1");

    SyncMessage reply = answer(e, tndsReplace("4", "./Vendor/Src", "<MgmtTree><Node>unclosed"));

    assertThat(statusFor(reply, "4").code()).isEqualTo(425);
    assertThat(f.exists("./Vendor/Src/Sub/B")).isTrue();
  }

  private static ItemCommand tndsReplace(String cmdId, String target, String document) {
    return ItemCommand.of(
        CommandName.REPLACE,
        cmdId,
        new Item(
            Optional.of(Locator.of(target)),
            Optional.empty(),
            Optional.of(Meta.of("xml", "application/vnd.syncml.dmtnds+xml")),
            Optional.of(ItemData.opaque(document.getBytes(StandardCharsets.UTF_8))),
            false));
  }

  private static List<String> values(List<io.dmagent.api.description.TndsNode> nodes) {
    List<String> out = new java.util.ArrayList<>();
    for (io.dmagent.api.description.TndsNode n : nodes) {
      n.value().ifPresent(v -> out.add(new String(v, java.nio.charset.StandardCharsets.UTF_8)));
      out.addAll(values(n.children()));
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void moid_answers_every_location_of_an_mo_in_a_dm_1_3_session(Encoding e) throws Exception {
    open(e);
    server = new Fixture.Server(session.sessionId()).versions("1.2", SyncHeader.DM_1_3);
    SyncMessage reply = answer(e, get("4", ".?moid=urn:x-acme:mo:job:1.0"));

    assertThat(results(reply).get(0).items())
        .extracting(i -> i.sourceUri().orElseThrow())
        .containsExactly("./Vendor/Job");
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void exec_runs_the_mo_as_the_server_and_answers_200(Encoding e) throws Exception {
    open(e);
    Exec exec =
        new Exec(
            "4",
            false,
            Optional.empty(),
            Optional.empty(),
            Item.target("./Vendor/Job/Run", Meta.of("chr", "text/plain"), ItemData.text("now")));
    SyncMessage reply = answer(e, exec);

    assertThat(statusFor(reply, "4").code()).isEqualTo(200);
    assertThat(statusFor(reply, "4").targetRefs()).containsExactly("./Vendor/Job/Run");
    assertThat(job.calls).containsExactly("exec Run by server srv1 with now");
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void an_asynchronous_exec_answers_202_and_its_result_comes_back_with_the_correlator(Encoding e)
      throws Exception {
    open(e);
    Exec exec =
        new Exec(
            "4", false, Optional.empty(), Optional.of("job-77"), Item.target("./Vendor/Job/Start"));
    SyncMessage reply = answer(e, exec);
    assertThat(statusFor(reply, "4").code()).isEqualTo(202);
    assertThat(job.calls).containsExactly("exec Start by server srv1 correlator job-77");

    // The MO finishes and reports through the AlertService (here: its outbox) with the Correlator.
    f.outbox.queue(
        new GenericAlert(
            "com.acme.job.result",
            NodeFormat.INT,
            AlertMark.INFORMATIONAL,
            Optional.of(NodeUri.of("./Vendor/Job/Start")),
            "0".getBytes(),
            Optional.of("job-77")),
        Optional.of("srv1"));
    SyncMessage next = answer(e);

    Alert result = Fixture.alerts(next).get(0);
    assertThat(result.code()).isEqualTo(1226);
    assertThat(result.correlator()).contains("job-77");
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void exec_of_a_node_no_mo_runs_answers_405(Encoding e) throws Exception {
    open(e);
    Exec exec =
        new Exec("4", false, Optional.empty(), Optional.empty(), Item.target("./Vendor/Src/A"));

    assertThat(statusFor(answer(e, exec), "4").code()).isEqualTo(405);
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_bug_in_an_mo_midway_through_an_atomic_rolls_the_whole_atomic_back(Encoding e)
      throws Exception {
    open(e);
    job.bug = new IllegalStateException("MO bug");
    Atomic atomic =
        new Atomic(
            "4",
            false,
            Optional.empty(),
            List.of(add("5", "./Vendor/Before", "1"), add("6", "./Vendor/Job/Setting", "x")));

    SyncMessage reply = answer(e, atomic);

    assertThat(statusFor(reply, "4").code()).isEqualTo(507);
    assertThat(f.exists("./Vendor/Before")).isFalse();
    assertThat(f.exists("./Vendor/Job/Setting")).isFalse();
    SyncMessage after = answer(e, get("2", "./Vendor/Src/A"));
    assertThat(statusFor(after, "2").code()).as("the session goes on").isEqualTo(200);
  }
}
