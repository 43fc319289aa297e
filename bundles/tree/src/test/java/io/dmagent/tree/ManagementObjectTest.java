package io.dmagent.tree;

import static io.dmagent.tree.Trees.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.description.AccessType;
import io.dmagent.api.description.NodeDescription;
import io.dmagent.api.description.TndsNode;
import io.dmagent.api.description.TndsTree;
import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.ExecRequest;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TndsSelection;
import io.dmagent.api.tree.TreeQuery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagementObjectTest {
  private final SensorMo sensor = new SensorMo();
  private final Trees trees = Trees.withMos().graft(sensor);

  private static void fails(StatusCode status, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(DmException.class, e -> assertThat(e.status()).isEqualTo(status));
  }

  private static NodeValue integer(String v) {
    return NodeValue.of(v, NodeFormat.INT);
  }

  @Test
  void a_grafted_mo_brings_its_root_missing_parents_and_permanent_nodes() throws Exception {
    NodeResult root = trees.server("srv").get(uri("./Vendor/ACME/Sensor"));

    assertThat(root.children()).containsExactlyInAnyOrder("Temperature", "Key", "Reset", "Ext");
    assertThat(root.type()).contains(SensorMo.MO_ID);
    assertThat(trees.device().get(uri("./Vendor/ACME")).children()).containsExactly("Sensor");
    assertThat(trees.log).anyMatch(l -> l.contains("grafted at ./Vendor/ACME/Sensor"));
  }

  @Test
  void the_graft_that_creates_the_root_gives_it_the_acl_the_mo_asks_for() throws Exception {
    SensorMo open = new SensorMo();
    open.rootAcl = "Get=*&Exec=*";
    Trees t = Trees.withMos().graft(open);

    var acl = t.device().getProperty(uri("./Vendor/ACME/Sensor"), NodeProperty.ACL);

    assertThat(acl.status()).isEqualTo(StatusCode.OK);
    assertThat(acl.value()).isEqualTo("Exec=*&Get=*");
    assertThat(trees.device().getProperty(uri("./Vendor/ACME/Sensor"), NodeProperty.ACL).status())
        .as("an MO that asks for none inherits")
        .isEqualTo(StatusCode.OK_WITH_INHERITED_ACL);
  }

  @Test
  void leaves_the_mo_computes_are_read_live() throws Exception {
    assertThat(trees.value("./Vendor/ACME/Sensor/Temperature")).isEqualTo("21.5");
    sensor.temperature = "22.25";

    assertThat(trees.value("./Vendor/ACME/Sensor/Temperature")).isEqualTo("22.25");
    assertThat(
            trees
                .server("srv")
                .getProperty(uri("./Vendor/ACME/Sensor/Temperature"), NodeProperty.SIZE)
                .value())
        .isEqualTo("5");
  }

  @Test
  void a_server_cannot_read_a_node_whose_ddf_has_no_get_but_the_device_can() throws Exception {
    trees.acl("./Vendor", "Get=srv&Replace=srv&Add=srv");
    trees.server("srv").replace(uri("./Vendor/ACME/Sensor/Key"), NodeValue.text("s3cret"));

    fails(
        StatusCode.COMMAND_NOT_ALLOWED,
        () -> trees.server("srv").get(uri("./Vendor/ACME/Sensor/Key")));
    assertThat(trees.value("./Vendor/ACME/Sensor/Key")).isEqualTo("s3cret");
    assertThat(trees.log).noneMatch(l -> l.contains("s3cret"));
  }

  @Test
  void secrets_are_left_out_of_struct_data_and_tnds_for_servers() throws Exception {
    trees.device().replace(uri("./Vendor/ACME/Sensor/Key"), NodeValue.text("s3cret"));

    List<NodeResult> listed = trees.server("srv").listStructure(uri("./Vendor/ACME/Sensor"), true);
    TndsTree tnds =
        trees.server("srv").exportTnds(uri("./Vendor/ACME/Sensor"), TndsSelection.all());

    assertThat(listed)
        .extracting(r -> r.uri().toString())
        .doesNotContain("./Vendor/ACME/Sensor/Key");
    assertThat(names(tnds.nodes().get(0))).doesNotContain("Key").contains("Temperature");
    assertThat(trees.device().listStructure(uri("./Vendor/ACME/Sensor"), true))
        .extracting(r -> r.uri().toString())
        .contains("./Vendor/ACME/Sensor/Key");
  }

  private static List<String> names(TndsNode n) {
    return n.children().stream().map(TndsNode::name).toList();
  }

  @Test
  void servers_cannot_create_or_delete_permanent_nodes() throws Exception {
    trees.acl(".", "Add=*&Get=*&Delete=*&Replace=*");

    fails(
        StatusCode.COMMAND_NOT_ALLOWED,
        () -> trees.server("srv").delete(uri("./Vendor/ACME/Sensor/Reset")));
    fails(
        StatusCode.COMMAND_NOT_ALLOWED,
        () -> trees.server("srv").delete(uri("./Vendor/ACME/Sensor")));
    fails(StatusCode.COMMAND_NOT_ALLOWED, () -> trees.server("srv").delete(uri("./Vendor")));
    assertThat(trees.device().get(uri("./Vendor/ACME/Sensor/Reset")).isLeaf()).isTrue();
  }

  @Test
  void the_ddf_decides_what_may_be_added_and_with_which_format() throws Exception {
    trees.acl(".", "Add=*&Get=*&Delete=*&Replace=*");
    var srv = trees.server("srv");

    srv.addInterior(uri("./Vendor/ACME/Sensor/s1"), null);
    srv.addLeaf(uri("./Vendor/ACME/Sensor/s1/PollSec"), integer("30"));

    fails(
        StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT,
        () -> srv.replace(uri("./Vendor/ACME/Sensor/s1/PollSec"), NodeValue.text("30")));
    fails(
        StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT,
        () -> srv.addLeaf(uri("./Vendor/ACME/Sensor/s2"), integer("1")));
    fails(
        StatusCode.COMMAND_NOT_ALLOWED,
        () -> srv.addLeaf(uri("./Vendor/ACME/Sensor/s1/Colour"), NodeValue.text("red")));
    fails(
        StatusCode.COMMAND_NOT_ALLOWED,
        () ->
            srv.replace(
                uri("./Vendor/ACME/Sensor/Temperature"), NodeValue.of("1.0", NodeFormat.FLOAT)));
    assertThat(trees.value("./Vendor/ACME/Sensor/s1/PollSec")).isEqualTo("30");
  }

  @Test
  void instances_of_an_unnamed_node_take_its_mo_identifier_and_are_located_by_it()
      throws Exception {
    trees.device().addInterior(uri("./Vendor/ACME/Sensor/s1"), null);
    trees.device().addInterior(uri("./Vendor/ACME/Sensor/s2"), null);

    assertThat(
            trees.device().getProperty(uri("./Vendor/ACME/Sensor/s1"), NodeProperty.TYPE).value())
        .isEqualTo(SensorMo.SENSOR_ID);
    assertThat(trees.server("srv").locate(NodeUri.ROOT, SensorMo.SENSOR_ID))
        .containsExactly(uri("./Vendor/ACME/Sensor/s1"), uri("./Vendor/ACME/Sensor/s2"));
    assertThat(trees.server("srv").locate(uri("./Vendor/ACME/Sensor/Ext"), SensorMo.SENSOR_ID))
        .isEmpty();
    TreeQuery q = TreeQuery.parse("./Vendor?moid=" + SensorMo.MO_ID);
    assertThat(trees.server("srv").locate(q.uri(), q.moId().orElseThrow()))
        .containsExactly(uri("./Vendor/ACME/Sensor"));
  }

  @Test
  void locating_sees_a_transactions_own_changes_and_forgets_deleted_instances() throws Exception {
    trees.device().addInterior(uri("./Vendor/ACME/Sensor/s1"), null);
    try (var tx = trees.tree.begin(io.dmagent.api.tree.Principal.device())) {
      tx.addInterior(uri("./Vendor/ACME/Sensor/s2"), null);
      tx.delete(uri("./Vendor/ACME/Sensor/s1"));

      assertThat(tx.locate(NodeUri.ROOT, SensorMo.SENSOR_ID))
          .containsExactly(uri("./Vendor/ACME/Sensor/s2"));
    }
    assertThat(trees.device().locate(NodeUri.ROOT, SensorMo.SENSOR_ID))
        .containsExactly(uri("./Vendor/ACME/Sensor/s1"));
  }

  @Test
  void occurrence_beyond_the_ddf_limit_answers_420() throws Exception {
    trees.device().addInterior(uri("./Vendor/ACME/Sensor/s1"), null);
    trees.device().addInterior(uri("./Vendor/ACME/Sensor/s2"), null);

    fails(
        StatusCode.DEVICE_FULL,
        () -> trees.device().addInterior(uri("./Vendor/ACME/Sensor/s3"), null));
  }

  @Test
  void open_parts_of_an_mo_take_anything() throws Exception {
    trees
        .device()
        .addLeaf(uri("./Vendor/ACME/Sensor/Ext/Calibration/Offset"), NodeValue.text("0.5"));

    assertThat(trees.value("./Vendor/ACME/Sensor/Ext/Calibration/Offset")).isEqualTo("0.5");
  }

  @Test
  void a_tnds_add_under_an_mo_is_checked_whole_and_changes_nothing_when_one_node_fails()
      throws Exception {
    TndsNode good = leaf("PollSec", "10", NodeFormat.INT);
    TndsNode bad = leaf("Colour", "red", NodeFormat.CHR);
    TndsTree tnds =
        new TndsTree(
            "1.2",
            Optional.empty(),
            Optional.empty(),
            List.of(
                new TndsNode(
                    "s1",
                    Optional.empty(),
                    Optional.of(NodeFormat.NODE),
                    Map.of(),
                    Optional.empty(),
                    List.of(good, bad))));

    fails(
        StatusCode.COMMAND_NOT_ALLOWED,
        () -> trees.device().addTnds(uri("./Vendor/ACME/Sensor"), tnds));
    assertThat(trees.device().get(uri("./Vendor/ACME/Sensor")).children()).doesNotContain("s1");
  }

  private static TndsNode leaf(String name, String value, NodeFormat format) {
    return new TndsNode(
        name,
        Optional.empty(),
        Optional.of(format),
        Map.of(),
        Optional.of(value.getBytes(StandardCharsets.UTF_8)),
        List.of());
  }

  @Test
  void exec_is_run_by_the_mo_that_owns_the_node() throws Exception {
    trees.acl(".", "Add=*&Get=*&Exec=*");
    trees.acl("./Vendor/ACME/Sensor/Reset", "Exec=srv&Get=srv");

    var result = trees.server("srv").exec(uri("./Vendor/ACME/Sensor/Reset"), ExecRequest.none());

    assertThat(result.status()).isEqualTo(StatusCode.ACCEPTED_FOR_PROCESSING);
    assertThat(sensor.calls).contains("exec ./Vendor/ACME/Sensor/Reset by server srv");
    fails(
        StatusCode.PERMISSION_DENIED,
        () -> trees.server("other").exec(uri("./Vendor/ACME/Sensor/Reset"), ExecRequest.none()));
    fails(
        StatusCode.COMMAND_NOT_ALLOWED,
        () ->
            trees.server("srv").exec(uri("./Vendor/ACME/Sensor/Temperature"), ExecRequest.none()));
  }

  @Test
  void an_mo_vetoes_a_write_with_its_own_status_and_nothing_changes() throws Exception {
    trees.device().addInterior(uri("./Vendor/ACME/Sensor/s1"), null);
    sensor.veto = new DmException(StatusCode.FORBIDDEN, "sensor busy");

    fails(
        StatusCode.FORBIDDEN,
        () -> trees.device().addLeaf(uri("./Vendor/ACME/Sensor/s1/PollSec"), integer("5")));
    assertThat(trees.device().get(uri("./Vendor/ACME/Sensor/s1")).children()).isEmpty();
  }

  @Test
  void a_failing_mo_answers_500_and_never_throws_past_the_tree() {
    sensor.bug = new IllegalStateException("driver crashed");

    fails(
        StatusCode.COMMAND_FAILED,
        () -> trees.device().get(uri("./Vendor/ACME/Sensor/Temperature")));
    fails(
        StatusCode.COMMAND_FAILED,
        () -> trees.device().exec(uri("./Vendor/ACME/Sensor/Reset"), ExecRequest.none()));
  }

  @Test
  void when_its_bundle_goes_the_subtree_disappears_and_comes_back_with_its_data() throws Exception {
    trees.device().addInterior(uri("./Vendor/ACME/Sensor/s1"), null);
    trees.device().addLeaf(uri("./Vendor/ACME/Sensor/s1/PollSec"), integer("42"));

    trees.ungraft(sensor);
    fails(StatusCode.NOT_FOUND, () -> trees.device().get(uri("./Vendor/ACME/Sensor/s1/PollSec")));
    assertThat(trees.device().get(uri("./Vendor/ACME")).children()).isEmpty();
    fails(
        StatusCode.NOT_FOUND,
        () -> trees.device().addLeaf(uri("./Vendor/ACME/Sensor/s1/X"), NodeValue.text("x")));

    SensorMo again = new SensorMo();
    trees.graft(again);
    assertThat(trees.value("./Vendor/ACME/Sensor/s1/PollSec")).isEqualTo("42");
  }

  @Test
  void a_stored_mo_subtree_stays_hidden_after_a_restart_until_its_bundle_returns(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("tree.mv.db");
    Trees first = Trees.withMos(TreeStore.open(file, m -> {})).graft(new SensorMo());
    first.device().addInterior(uri("./Vendor/ACME/Sensor/s1"), null);
    first.tree.close();

    Trees second = Trees.withMos(TreeStore.open(file, m -> {}));
    fails(StatusCode.NOT_FOUND, () -> second.device().get(uri("./Vendor/ACME/Sensor/s1")));
    second.graft(new SensorMo());
    assertThat(second.device().get(uri("./Vendor/ACME/Sensor/s1")).type())
        .contains(SensorMo.SENSOR_ID);
    second.tree.close();
  }

  @Test
  void a_second_mo_at_the_same_root_is_refused() {
    trees.graft(new SensorMo());

    assertThat(trees.log).anyMatch(l -> l.contains("not grafted") && l.contains("another bundle"));
  }

  @Test
  void a_ddf_that_does_not_parse_is_reported_and_nothing_is_grafted() throws Exception {
    ManagementObject broken =
        new ManagementObject() {
          @Override
          public NodeUri root() {
            return NodeUri.of("./Vendor/Broken");
          }

          @Override
          public byte[] ddf() {
            return "<MgmtTree><VerDTD>1.2".getBytes(StandardCharsets.UTF_8);
          }
        };

    trees.graft(broken);

    assertThat(trees.log).anyMatch(l -> l.contains("./Vendor/Broken not grafted"));
    fails(StatusCode.NOT_FOUND, () -> trees.device().get(uri("./Vendor/Broken")));
  }

  @Test
  void the_device_ddf_describes_every_grafted_mo_in_place() throws Exception {
    var ddf = trees.tree.description();

    assertThat(ddf.nodes()).extracting(NodeDescription::name).containsExactly("Sensor");
    assertThat(ddf.nodes().get(0).path()).contains("./Vendor/ACME");
    Optional<NodeDescription> poll =
        trees.tree.describe(uri("./Vendor/ACME/Sensor/anyname/PollSec"));
    assertThat(poll).hasValueSatisfying(d -> assertThat(d.format()).isEqualTo(NodeFormat.INT));
    assertThat(trees.tree.describe(uri("./Vendor/ACME/Sensor/Key")).orElseThrow().accessTypes())
        .containsExactly(AccessType.REPLACE);
    assertThat(trees.tree.describe(uri("./Other"))).isEmpty();
  }

  @Test
  void a_value_larger_than_a_leaf_may_hold_answers_413_and_is_not_stored() {
    byte[] big = new byte[(1 << 20) + 1];

    fails(
        StatusCode.REQUEST_ENTITY_TOO_LARGE,
        () -> trees.device().addLeaf(uri("./Big"), NodeValue.of(big, NodeFormat.BIN, null)));
    fails(StatusCode.NOT_FOUND, () -> trees.device().get(uri("./Big")));
  }
}
