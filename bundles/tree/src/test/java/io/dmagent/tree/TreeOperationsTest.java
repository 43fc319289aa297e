package io.dmagent.tree;

import static io.dmagent.tree.Trees.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.api.tree.UriLimits;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class TreeOperationsTest {
  private final Trees trees = Trees.inMemory();

  private static void fails(StatusCode status, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(DmException.class, e -> assertThat(e.status()).isEqualTo(status));
  }

  @Test
  void the_root_always_exists_and_lists_its_children() throws Exception {
    trees.leaf("./A/x", "1").leaf("./B", "2");

    NodeResult root = trees.device().get(uri("."));

    assertThat(root.isLeaf()).isFalse();
    assertThat(root.children()).containsExactlyInAnyOrder("A", "B");
  }

  @Test
  void add_creates_missing_interior_parents() throws Exception {
    trees.leaf("./Vendor/ACME/Poll", "30");

    assertThat(trees.device().get(uri("./Vendor/ACME")).isLeaf()).isFalse();
    assertThat(trees.value("./Vendor/ACME/Poll")).isEqualTo("30");
  }

  @Test
  void adding_an_existing_node_answers_418() throws Exception {
    trees.leaf("./A", "1");
    fails(StatusCode.ALREADY_EXISTS, () -> trees.device().addLeaf(uri("./A"), NodeValue.text("2")));
    assertThat(trees.value("./A")).isEqualTo("1");
  }

  @Test
  void replace_never_creates_a_node() {
    fails(StatusCode.NOT_FOUND, () -> trees.device().replace(uri("./Nope"), NodeValue.text("x")));
  }

  @Test
  void a_leaf_cannot_have_children() throws Exception {
    trees.leaf("./Leaf", "v");
    fails(
        StatusCode.COMMAND_NOT_ALLOWED,
        () -> trees.device().addLeaf(uri("./Leaf/child"), NodeValue.text("x")));
  }

  @Test
  void cannot_delete_the_root() {
    fails(StatusCode.COMMAND_NOT_ALLOWED, () -> trees.device().delete(uri(".")));
  }

  @Test
  void delete_removes_the_whole_subtree() throws Exception {
    trees.leaf("./A/B/C", "1").leaf("./A/D", "2");

    trees.device().delete(uri("./A"));

    fails(StatusCode.NOT_FOUND, () -> trees.device().get(uri("./A/B/C")));
    assertThat(trees.device().get(uri(".")).children()).doesNotContain("A");
  }

  @Test
  void properties_describe_a_leaf() throws Exception {
    trees
        .device()
        .addLeaf(
            uri("./Bin"),
            NodeValue.of(new byte[] {1, 2, 3}, NodeFormat.BIN, "application/octet-stream"));
    TreeOperations d = trees.device();

    assertThat(d.getProperty(uri("./Bin"), NodeProperty.FORMAT).value()).isEqualTo("bin");
    assertThat(d.getProperty(uri("./Bin"), NodeProperty.TYPE).value())
        .isEqualTo("application/octet-stream");
    assertThat(d.getProperty(uri("./Bin"), NodeProperty.SIZE).value()).isEqualTo("3");
    assertThat(d.getProperty(uri("./Bin"), NodeProperty.NAME).value()).isEqualTo("Bin");
    assertThat(d.getProperty(uri("./Bin"), NodeProperty.TSTAMP).value()).matches("\\d{8}T\\d{6}Z");
  }

  @Test
  void verno_counts_every_value_change() throws Exception {
    trees.leaf("./V", "a");
    trees.device().replace(uri("./V"), NodeValue.text("b"));
    trees.device().replace(uri("./V"), NodeValue.text("c"));

    assertThat(trees.device().getProperty(uri("./V"), NodeProperty.VERNO).value()).isEqualTo("2");
  }

  @Test
  void interior_nodes_have_no_size() throws Exception {
    trees.interior("./I");
    fails(
        StatusCode.OPTIONAL_FEATURE_NOT_SUPPORTED,
        () -> trees.device().getProperty(uri("./I"), NodeProperty.SIZE));
  }

  @Test
  void read_only_properties_cannot_be_replaced() throws Exception {
    trees.leaf("./L", "1");
    fails(
        StatusCode.COMMAND_NOT_ALLOWED,
        () -> trees.device().replaceProperty(uri("./L"), NodeProperty.FORMAT, "int"));
    fails(
        StatusCode.COMMAND_NOT_ALLOWED,
        () -> trees.device().replaceProperty(uri("./L"), NodeProperty.SIZE, "9"));
  }

  @Test
  void a_title_longer_than_255_bytes_is_refused() throws Exception {
    trees.leaf("./L", "1");
    fails(
        StatusCode.REQUEST_ENTITY_TOO_LARGE,
        () -> trees.device().replaceProperty(uri("./L"), NodeProperty.TITLE, "x".repeat(256)));
    trees.device().replaceProperty(uri("./L"), NodeProperty.TITLE, "Polling period");
    assertThat(trees.device().getProperty(uri("./L"), NodeProperty.TITLE).value())
        .isEqualTo("Polling period");
  }

  @Test
  void rename_moves_the_subtree_and_refuses_a_taken_name() throws Exception {
    trees.leaf("./Old/x", "1").leaf("./Taken", "2");

    fails(
        StatusCode.ALREADY_EXISTS,
        () -> trees.device().replaceProperty(uri("./Old"), NodeProperty.NAME, "Taken"));
    trees.device().replaceProperty(uri("./Old"), NodeProperty.NAME, "New");

    assertThat(trees.value("./New/x")).isEqualTo("1");
    fails(StatusCode.NOT_FOUND, () -> trees.device().get(uri("./Old")));
  }

  @Test
  void values_must_match_their_format() {
    fails(
        StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT,
        () -> trees.device().addLeaf(uri("./I"), NodeValue.of("abc", NodeFormat.INT)));
    fails(
        StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT,
        () -> trees.device().addLeaf(uri("./I"), NodeValue.of("2147483648", NodeFormat.INT)));
    fails(
        StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT,
        () -> trees.device().addLeaf(uri("./B"), NodeValue.of("yes", NodeFormat.BOOL)));
    fails(
        StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT,
        () -> trees.device().addLeaf(uri("./D"), NodeValue.of("2024-13-01", NodeFormat.DATE)));
    fails(
        StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT,
        () -> trees.device().addLeaf(uri("./T"), NodeValue.of("25:00:00", NodeFormat.TIME)));
    fails(
        StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT,
        () -> trees.device().addLeaf(uri("./N"), NodeValue.of("x", NodeFormat.NULL)));
    fails(
        StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT,
        () -> trees.device().addLeaf(uri("./F"), NodeValue.of("1.2.3", NodeFormat.FLOAT)));
    fails(
        StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT,
        () ->
            trees
                .device()
                .addLeaf(uri("./C"), NodeValue.of(new byte[] {(byte) 0xC3}, NodeFormat.CHR, null)));
  }

  @Test
  void well_formed_values_of_every_format_are_stored() throws Exception {
    trees
        .leaf("./i", "-2147483648", NodeFormat.INT)
        .leaf("./b", "true", NodeFormat.BOOL)
        .leaf("./d", "2026-11-24", NodeFormat.DATE)
        .leaf("./t", "12:30:00Z", NodeFormat.TIME)
        .leaf("./f", "1.5e3", NodeFormat.FLOAT)
        .leaf("./n", "", NodeFormat.NULL)
        .leaf("./x", "<a/>", NodeFormat.XML);
    assertThat(trees.value("./i")).isEqualTo("-2147483648");
  }

  @Test
  void b64_values_are_stored_decoded_as_bin() throws Exception {
    trees.device().addLeaf(uri("./B64"), NodeValue.of("AQID", NodeFormat.B64));

    NodeValue stored = trees.device().get(uri("./B64")).value().orElseThrow();
    assertThat(stored.format()).isEqualTo(NodeFormat.BIN);
    assertThat(stored.data()).containsExactly(1, 2, 3);
    assertThat(trees.device().getProperty(uri("./B64"), NodeProperty.SIZE).value()).isEqualTo("3");
  }

  @Test
  void uris_beyond_the_device_limits_answer_414() {
    Trees small = Trees.inMemory(new UriLimits(3, 40, 8));

    fails(
        StatusCode.URI_TOO_LONG,
        () -> small.device().addLeaf(uri("./a/b/c/d"), NodeValue.text("x")));
    fails(
        StatusCode.URI_TOO_LONG,
        () -> small.device().addLeaf(uri("./toolongname"), NodeValue.text("x")));
    fails(
        StatusCode.URI_TOO_LONG, () -> small.device().get(uri("./aaaaaaaa/bbbbbbbb/cccccccc/dd")));
  }

  @Test
  void copy_overwrites_a_leaf_and_creates_a_missing_one() throws Exception {
    trees.leaf("./Src", "payload").leaf("./Dst", "old");

    trees.device().copy(uri("./Src"), uri("./Dst"));
    trees.device().copy(uri("./Src"), uri("./New/Dst"));

    assertThat(trees.value("./Dst")).isEqualTo("payload");
    assertThat(trees.value("./New/Dst")).isEqualTo("payload");
  }

  @Test
  void exec_without_a_management_object_is_not_allowed() throws Exception {
    trees.leaf("./Reboot", "");
    fails(
        StatusCode.COMMAND_NOT_ALLOWED,
        () -> trees.device().exec(uri("./Reboot"), io.dmagent.api.tree.ExecRequest.none()));
  }

  @Test
  void structure_listing_walks_parents_before_children() throws Exception {
    trees.leaf("./S/a", "1").leaf("./S/b/c", "2");

    assertThat(trees.device().listStructure(uri("./S"), false))
        .extracting(n -> n.uri().toString())
        .containsExactly("./S", "./S/a", "./S/b", "./S/b/c");
    assertThat(trees.device().listStructure(uri("./S"), false).get(1).value()).isEmpty();
    assertThat(trees.device().listStructure(uri("./S"), true).get(1).value()).isPresent();
  }

  @Test
  void locate_finds_every_instance_of_an_mo() throws Exception {
    trees.device().addInterior(uri("./A/Fw1"), "urn:oma:mo:oma-fumo:1.0");
    trees.device().addInterior(uri("./B/Fw2"), "urn:oma:mo:oma-fumo:1.0");
    trees.device().addInterior(uri("./C"), "urn:oma:mo:oma-scomo:1.0");

    assertThat(trees.device().locate(NodeUri.ROOT, "urn:oma:mo:oma-fumo:1.0"))
        .extracting(Object::toString)
        .containsExactly("./A/Fw1", "./B/Fw2");
  }

  @Test
  void every_refusal_leaves_one_log_line() {
    fails(StatusCode.NOT_FOUND, () -> trees.device().get(uri("./Missing")));
    assertThat(trees.log).singleElement().asString().contains("Get ./Missing").contains("404");
  }
}
