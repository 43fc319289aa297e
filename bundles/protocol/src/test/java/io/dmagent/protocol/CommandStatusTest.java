package io.dmagent.protocol;

import static io.dmagent.protocol.Fixture.add;
import static io.dmagent.protocol.Fixture.addInterior;
import static io.dmagent.protocol.Fixture.delete;
import static io.dmagent.protocol.Fixture.get;
import static io.dmagent.protocol.Fixture.replace;
import static io.dmagent.protocol.Fixture.results;
import static io.dmagent.protocol.Fixture.sent;
import static io.dmagent.protocol.Fixture.shape;
import static io.dmagent.protocol.Fixture.statusFor;
import static io.dmagent.protocol.Fixture.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.message.Alert;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Results;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.message.UnsupportedCommand;
import io.dmagent.api.tree.DmException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each command of a server package, and the Status rules of its answer (digest 1.5). */
class CommandStatusTest {
  @TempDir Path dir;
  Fixture f;
  ClientSession session;
  Fixture.Server server;
  SyncMessage pkg1;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture(dir);
    session = f.session();
    pkg1 = session.begin();
    server = new Fixture.Server(session.sessionId());
  }

  private SyncMessage answer(io.dmagent.api.message.Command... commands) {
    return sent(session.onMessage(server.reply(pkg1, true, commands)));
  }

  @Test
  void the_header_status_comes_first_and_names_the_servers_target_and_source() {
    SyncMessage reply = answer(get("4", "./DevInfo/Man"));

    Status first = (Status) reply.commands().get(0);
    assertThat(first.cmdRef()).isEqualTo("0");
    assertThat(first.cmd()).isEqualTo("SyncHdr");
    assertThat(first.msgRef()).isEqualTo("1");
    assertThat(first.code()).isEqualTo(200);
    assertThat(first.targetRefs()).containsExactly(Fixture.DEV_ID);
    assertThat(first.sourceRefs()).containsExactly(Fixture.ADDRESS.toString());
  }

  @Test
  void get_of_a_leaf_answers_its_status_then_its_results() {
    SyncMessage reply = answer(get("4", "./DevInfo/Man"));

    assertThat(reply.commands().get(1)).isInstanceOf(Status.class);
    assertThat(reply.commands().get(2)).isInstanceOf(Results.class);
    Status status = statusFor(reply, "4");
    assertThat(status.cmd()).isEqualTo("Get");
    assertThat(status.code()).isEqualTo(200);
    assertThat(status.targetRefs()).containsExactly("./DevInfo/Man");
    Results r = results(reply).get(0);
    assertThat(r.cmdRef()).isEqualTo("4");
    assertThat(r.msgRef()).contains("1");
    Item item = r.items().get(0);
    assertThat(item.sourceUri()).contains("./DevInfo/Man");
    assertThat(item.meta().orElseThrow().format()).contains("chr");
    assertThat(item.data().orElseThrow().text()).isEqualTo("ACME");
    assertThat(reply.isFinal()).isTrue();
  }

  @Test
  void get_of_an_interior_node_lists_its_children_with_format_node() {
    SyncMessage reply = answer(get("4", "./DevInfo"));

    Item item = results(reply).get(0).items().get(0);
    assertThat(item.meta().orElseThrow().format()).contains("node");
    assertThat(item.data().orElseThrow().text().split("/"))
        .containsExactlyInAnyOrder("DevId", "Man", "Mod", "DmV", "Lang");
  }

  @Test
  void get_of_a_property_answers_its_value() {
    SyncMessage reply = answer(get("4", "./DevInfo/Man?prop=Format"));

    assertThat(statusFor(reply, "4").code()).isEqualTo(200);
    Item item = results(reply).get(0).items().get(0);
    assertThat(item.sourceUri()).contains("./DevInfo/Man?prop=Format");
    assertThat(item.data().orElseThrow().text()).isEqualTo("chr");
  }

  @Test
  void get_of_a_missing_node_answers_404_and_no_results() {
    SyncMessage reply = answer(get("4", "./Nope"));

    assertThat(statusFor(reply, "4").code()).isEqualTo(404);
    assertThat(results(reply)).isEmpty();
  }

  @Test
  void add_of_a_leaf_and_of_an_interior_node_change_the_tree() throws DmException {
    SyncMessage reply =
        answer(addInterior("4", "./Vendor/Sensor"), add("5", "./Vendor/Sensor/Interval", "60"));

    assertThat(shape(reply)).containsExactly("SyncHdr 0 200", "Add 4 200", "Add 5 200");
    assertThat(f.value("./Vendor/Sensor/Interval")).isEqualTo("60");
  }

  @Test
  void add_of_an_existing_node_answers_418() {
    SyncMessage reply = answer(add("4", "./Vendor/A", "1"), add("5", "./Vendor/A", "2"));

    assertThat(statusFor(reply, "5").code()).isEqualTo(418);
  }

  @Test
  void replace_changes_a_value_and_never_creates_a_node() throws DmException {
    answer(add("4", "./Vendor/A", "1"));
    SyncMessage reply =
        sent(
            session.onMessage(
                server.message(
                    true, replace("2", "./Vendor/A", "2"), replace("3", "./Vendor/B", "2"))));

    assertThat(statusFor(reply, "2").code()).isEqualTo(200);
    assertThat(statusFor(reply, "3").code()).isEqualTo(404);
    assertThat(f.value("./Vendor/A")).isEqualTo("2");
    assertThat(f.exists("./Vendor/B")).isFalse();
  }

  @Test
  void replace_of_a_property_renames_a_node() {
    answer(add("4", "./Vendor/A", "1"));
    SyncMessage reply =
        sent(session.onMessage(server.message(true, replace("2", "./Vendor/A?prop=Name", "B"))));

    assertThat(statusFor(reply, "2").code()).isEqualTo(200);
    assertThat(f.exists("./Vendor/B")).isTrue();
  }

  @Test
  void delete_removes_a_subtree_and_answers_404_for_a_missing_node() {
    answer(add("4", "./Vendor/A/B", "1"));
    SyncMessage reply =
        sent(
            session.onMessage(
                server.message(true, delete("2", "./Vendor/A"), delete("3", "./Vendor/A"))));

    assertThat(statusFor(reply, "2").code()).isEqualTo(200);
    assertThat(statusFor(reply, "3").code()).isEqualTo(404);
    assertThat(f.exists("./Vendor/A/B")).isFalse();
  }

  @Test
  void copy_copies_a_leafs_value() throws DmException {
    answer(add("4", "./Vendor/A", "42"));
    ItemCommand copy =
        ItemCommand.of(
            CommandName.COPY,
            "2",
            new Item(
                Optional.of(io.dmagent.api.message.Locator.of("./Vendor/B")),
                Optional.of(io.dmagent.api.message.Locator.of("./Vendor/A")),
                Optional.empty(),
                Optional.empty(),
                false));
    SyncMessage reply = sent(session.onMessage(server.message(true, copy)));

    assertThat(statusFor(reply, "2").code()).isEqualTo(200);
    assertThat(f.value("./Vendor/B")).isEqualTo("42");
  }

  @Test
  void statuses_follow_the_order_of_the_commands() {
    SyncMessage reply =
        answer(
            get("9", "./DevInfo/Mod"),
            add("5", "./Vendor/X", "1"),
            delete("7", "./Vendor/Y"),
            get("6", "./Nope"));

    assertThat(shape(reply))
        .containsExactly("SyncHdr 0 200", "Get 9 200", "Add 5 200", "Delete 7 404", "Get 6 404");
  }

  @Test
  void a_command_with_several_items_gets_one_status_per_item_with_its_target() {
    ItemCommand twoGets =
        ItemCommand.of(
            CommandName.GET, "4", Item.target("./DevInfo/Man"), Item.target("./DevInfo/Nope"));
    SyncMessage reply = answer(twoGets);

    List<Status> forGet = statuses(reply).stream().filter(s -> s.cmdRef().equals("4")).toList();
    assertThat(forGet).extracting(Status::code).containsExactly(200, 404);
    assertThat(forGet.get(0).targetRefs()).containsExactly("./DevInfo/Man");
    assertThat(forGet.get(1).targetRefs()).containsExactly("./DevInfo/Nope");
    assertThat(results(reply)).hasSize(1);
  }

  @Test
  void a_server_without_the_acl_right_is_denied_with_425_and_nothing_changes() throws Exception {
    f.device()
        .addLeaf(
            io.dmagent.api.tree.NodeUri.of("./Locked/A"), io.dmagent.api.tree.NodeValue.text("x"));
    f.device()
        .replaceProperty(
            io.dmagent.api.tree.NodeUri.of("./Locked"),
            io.dmagent.api.tree.NodeProperty.ACL,
            "Get=other");
    SyncMessage reply = answer(replace("4", "./Locked/A", "y"), get("5", "./Locked/A"));

    assertThat(statusFor(reply, "4").code()).isEqualTo(425);
    assertThat(statusFor(reply, "5").code()).isEqualTo(425);
    assertThat(f.value("./Locked/A")).isEqualTo("x");
  }

  @Test
  void an_item_without_a_target_answers_400_and_a_command_without_items_412() {
    ItemCommand noTarget =
        ItemCommand.of(
            CommandName.REPLACE,
            "4",
            Item.source("./DevInfo/Man", io.dmagent.api.message.Meta.EMPTY, ItemData.text("x")));
    ItemCommand noItems =
        new ItemCommand(CommandName.DELETE, "5", false, Optional.empty(), List.of());
    SyncMessage reply = answer(noTarget, noItems);

    assertThat(statusFor(reply, "4").code()).isEqualTo(400);
    assertThat(statusFor(reply, "4").sourceRefs()).containsExactly("./DevInfo/Man");
    assertThat(statusFor(reply, "5").code()).isEqualTo(412);
  }

  @Test
  void a_command_dm_does_not_use_answers_406() {
    SyncMessage reply = answer(new UnsupportedCommand("Sync", "4", false));

    Status s = statusFor(reply, "4");
    assertThat(s.cmd()).isEqualTo("Sync");
    assertThat(s.code()).isEqualTo(406);
  }

  @Test
  void a_malformed_uri_answers_400_and_an_unknown_query_406() {
    SyncMessage reply = answer(get("4", "./Vendor//A"), get("5", "./Vendor?foo=bar"));

    assertThat(statusFor(reply, "4").code()).isEqualTo(400);
    assertThat(statusFor(reply, "5").code()).isEqualTo(406);
  }

  @Test
  void no_resp_asks_for_no_status() {
    ItemCommand quiet =
        new ItemCommand(
            CommandName.ADD,
            "4",
            true,
            Optional.empty(),
            List.of(
                Item.target(
                    "./Vendor/Q",
                    io.dmagent.api.message.Meta.of("chr", "text/plain"),
                    ItemData.text("1"))));
    SyncMessage reply = answer(quiet, get("5", "./Vendor/Q"));

    assertThat(shape(reply)).containsExactly("SyncHdr 0 200", "Get 5 200");
  }

  @Test
  void every_command_of_a_reply_has_its_own_cmd_id_counting_from_1() {
    SyncMessage reply =
        answer(get("4", "./DevInfo/Man"), get("5", "./DevInfo/Mod"), add("6", "./Vendor/Z", "1"));

    assertThat(reply.commands())
        .extracting(io.dmagent.api.message.Command::cmdId)
        .containsExactly("1", "2", "3", "4", "5", "6");
  }

  @Test
  void a_server_session_alert_is_acknowledged_with_200() {
    SyncMessage reply = answer(Fixture.alert("4", Alert.CLIENT_INITIATED_MGMT));

    assertThat(statusFor(reply, "4").code()).isEqualTo(200);
  }
}
