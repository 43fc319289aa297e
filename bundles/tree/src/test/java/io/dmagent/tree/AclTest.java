package io.dmagent.tree;

import static io.dmagent.tree.Trees.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.description.TndsNode;
import io.dmagent.api.description.TndsTree;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.PropertyResult;
import io.dmagent.api.tree.StatusCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class AclTest {
  private final Trees trees = Trees.inMemory();

  private static void denied(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.PERMISSION_DENIED));
  }

  @Test
  void the_root_lets_any_server_read_and_add() throws Exception {
    trees.server("srv1").addLeaf(uri("./Free"), NodeValue.text("v"));
    assertThat(trees.server("srv2").get(uri("./Free")).value()).isPresent();
  }

  @Test
  void a_server_without_the_right_is_denied_and_nothing_changes() throws Exception {
    trees.leaf("./Cfg/Poll", "30").acl("./Cfg", "Get=srv1&Replace=srv1");

    denied(() -> trees.server("srv2").get(uri("./Cfg/Poll")));
    denied(() -> trees.server("srv2").replace(uri("./Cfg/Poll"), NodeValue.text("1")));
    trees.server("srv1").replace(uri("./Cfg/Poll"), NodeValue.text("60"));
    assertThat(trees.value("./Cfg/Poll")).isEqualTo("60");
  }

  @Test
  void a_node_without_acl_inherits_the_nearest_ancestors_whole() throws Exception {
    trees.leaf("./P/C/leaf", "x").acl("./P", "Get=srv1&Delete=srv1").acl("./P/C", "Get=srv2");

    denied(
        () ->
            trees
                .server("srv1")
                .get(uri("./P/C/leaf"))); // inheritance is all or nothing, not merged
    assertThat(trees.server("srv2").get(uri("./P/C/leaf")).value()).isPresent();
  }

  @Test
  void get_of_an_empty_acl_answers_the_inherited_one_with_217() throws Exception {
    trees.leaf("./P/leaf", "x").acl("./P", "Get=*&Replace=srv1");

    PropertyResult acl = trees.device().getProperty(uri("./P/leaf"), NodeProperty.ACL);

    assertThat(acl.status()).isEqualTo(StatusCode.OK_WITH_INHERITED_ACL);
    assertThat(acl.value()).isEqualTo("Get=*&Replace=srv1");
    assertThat(trees.device().getProperty(uri("./P"), NodeProperty.ACL).status())
        .isEqualTo(StatusCode.OK);
  }

  @Test
  void a_server_adding_an_interior_node_without_replace_on_the_parent_gets_to_manage_it()
      throws Exception {
    trees.server("srv1").addInterior(uri("./Mine"), null);

    assertThat(trees.device().getProperty(uri("./Mine"), NodeProperty.ACL).value())
        .isEqualTo("Add=srv1&Delete=srv1&Replace=srv1");
    trees.server("srv1").delete(uri("./Mine"));
  }

  @Test
  void a_leafs_own_replace_right_does_not_cover_its_acl() throws Exception {
    trees.leaf("./P/leaf", "x").acl("./P", "Get=*").acl("./P/leaf", "Get=*&Replace=srv1");

    denied(
        () ->
            trees
                .server("srv1")
                .replaceProperty(uri("./P/leaf"), NodeProperty.ACL, "Get=*&Replace=srv1+srv2"));
    trees.acl("./P", "Get=*&Replace=srv1");
    trees
        .server("srv1")
        .replaceProperty(uri("./P/leaf"), NodeProperty.ACL, "Get=*&Replace=srv1+srv2");
    assertThat(trees.device().getProperty(uri("./P/leaf"), NodeProperty.ACL).value())
        .isEqualTo("Get=*&Replace=srv1+srv2");
  }

  @Test
  void an_interior_nodes_own_replace_right_covers_its_acl_under_tnd_rules() throws Exception {
    trees.interior("./I").acl("./I", "Get=*&Replace=srv1");

    trees
        .server("srv1")
        .replaceProperty(uri("./I"), NodeProperty.ACL, "Get=*&Replace=srv1&Add=srv1");

    assertThat(trees.device().getProperty(uri("./I"), NodeProperty.ACL).value())
        .isEqualTo("Add=srv1&Get=*&Replace=srv1");
  }

  @Test
  void in_separate_mode_changing_data_never_includes_changing_acls() throws Exception {
    Trees separate = Trees.inMemory(AclMode.SEPARATE);
    separate.interior("./I").acl("./I", "Add=srv1&Get=*&Replace=srv1");

    assertThatThrownBy(
            () ->
                separate
                    .server("srv1")
                    .replaceProperty(uri("./I"), NodeProperty.ACL, "Get=*&Replace=srv1+srv2"))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.PERMISSION_DENIED));
    separate.server("srv1").addLeaf(uri("./I/data"), NodeValue.text("still allowed"));
  }

  @Test
  void a_tnds_replace_cannot_delete_a_child_the_server_has_no_delete_right_on() throws Exception {
    trees
        .leaf("./P/Kept", "theirs")
        .acl("./P", "Add=srv1&Get=*&Replace=srv1")
        .acl("./P/Kept", "Delete=srv2&Get=*");
    TndsNode fresh =
        new TndsNode(
            "New",
            Optional.empty(),
            Optional.of(NodeFormat.CHR),
            Map.of(),
            Optional.of("mine".getBytes(StandardCharsets.UTF_8)),
            List.of());
    TndsNode top =
        new TndsNode(
            "P", Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), List.of(fresh));
    TndsTree doc = new TndsTree("1.2", Optional.empty(), Optional.empty(), List.of(top));

    denied(() -> trees.server("srv1").replaceTnds(uri("./P"), doc));
    assertThat(trees.value("./P/Kept")).isEqualTo("theirs");
    assertThat(trees.device().get(uri("./P")).children()).containsExactly("Kept");
  }

  @Test
  void a_server_cannot_give_a_leaf_it_adds_by_tnds_an_acl_it_could_not_set() throws Exception {
    trees.interior("./P").acl("./P", "Add=srv1&Get=*");
    TndsNode leaf =
        new TndsNode(
            "L",
            Optional.empty(),
            Optional.of(NodeFormat.CHR),
            Map.of(NodeProperty.ACL, "Get=srv1&Replace=srv1"),
            Optional.of("v".getBytes(StandardCharsets.UTF_8)),
            List.of());
    TndsTree doc = new TndsTree("1.2", Optional.empty(), Optional.empty(), List.of(leaf));

    denied(() -> trees.server("srv1").addTnds(uri("./P"), doc));
    assertThat(trees.device().get(uri("./P")).children()).isEmpty();
    // Without the ACL the same Add is allowed; the leaf inherits.
    TndsNode plain =
        new TndsNode(
            "L",
            Optional.empty(),
            Optional.of(NodeFormat.CHR),
            Map.of(),
            Optional.of("v".getBytes(StandardCharsets.UTF_8)),
            List.of());
    trees
        .server("srv1")
        .addTnds(
            uri("./P"), new TndsTree("1.2", Optional.empty(), Optional.empty(), List.of(plain)));
    denied(() -> trees.server("srv1").replace(uri("./P/L"), NodeValue.text("w")));
  }

  @Test
  void in_separate_mode_a_server_adding_an_interior_node_by_tnds_cannot_set_its_acl()
      throws Exception {
    Trees separate = Trees.inMemory(AclMode.SEPARATE);
    separate.interior("./P").acl("./P", "Add=srv1&Get=*");
    TndsNode node =
        new TndsNode(
            "I",
            Optional.empty(),
            Optional.of(NodeFormat.NODE),
            Map.of(NodeProperty.ACL, "Add=srv1&Get=*&Replace=srv1+srv2"),
            Optional.empty(),
            List.of());
    TndsTree doc = new TndsTree("1.2", Optional.empty(), Optional.empty(), List.of(node));

    denied(() -> separate.server("srv1").addTnds(uri("./P"), doc));
    assertThat(separate.device().get(uri("./P")).children()).isEmpty();
  }

  @Test
  void a_malformed_acl_is_refused() throws Exception {
    trees.interior("./I");
    assertThatThrownBy(
            () -> trees.device().replaceProperty(uri("./I"), NodeProperty.ACL, "Fetch=srv1"))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.BAD_REQUEST));
  }

  @Test
  void purging_a_server_removes_it_from_every_acl() throws Exception {
    trees.leaf("./A/x", "1").acl("./A", "Get=srv1+srv2&Replace=srv1").acl(".", "Add=srv1&Get=*");

    trees.tree.purgeServer("srv1");

    assertThat(trees.device().getProperty(uri("./A"), NodeProperty.ACL).value())
        .isEqualTo("Get=srv2");
    assertThat(trees.device().getProperty(uri("."), NodeProperty.ACL).value())
        .isEqualTo("Add=*&Get=*");
  }
}
