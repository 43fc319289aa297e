package io.dmagent.shell;

import static io.dmagent.shell.Nodes.interior;
import static io.dmagent.shell.Nodes.leaf;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.PropertyResult;
import io.dmagent.api.tree.StatusCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class GetOutputTest {
  @Test
  void get_of_a_text_leaf_prints_the_value_as_it_is() {
    assertThat(GetOutput.node(leaf("./Vendor/Test/Greeting", "hello\nworld"), u -> false))
        .isEqualTo("hello\nworld");
  }

  @Test
  void get_of_a_binary_leaf_prints_base64_and_says_so() {
    NodeResult icon =
        leaf(
            "./Vendor/Icon", NodeValue.of(new byte[] {1, 2, 3, (byte) 0xff}, NodeFormat.BIN, null));

    assertThat(GetOutput.node(icon, u -> false))
        .isEqualTo("AQID/w==\n(bin, 4 bytes, shown in Base64)");
  }

  @Test
  void get_of_a_leaf_without_get_access_type_prints_the_mask_only() {
    NodeResult secret = leaf("./DMAcc/acme/AppAuth/srv/AAuthSecret", "hunter2");

    assertThat(GetOutput.node(secret, Nodes.dmAccSecrets())).isEqualTo("********");
  }

  @Test
  void get_of_an_interior_node_prints_its_children_one_a_line() {
    assertThat(GetOutput.node(interior("./DevInfo", "urn:x", "DevId", "Man", "Mod"), u -> true))
        .isEqualTo("DevId\nMan\nMod");
  }

  @Test
  void get_of_an_inherited_acl_says_where_it_comes_from() {
    assertThat(
            GetOutput.property(
                new PropertyResult(NodeProperty.ACL, "Get=*", StatusCode.OK_WITH_INHERITED_ACL)))
        .isEqualTo("Get=*\n(217: inherited ACL)");
    assertThat(GetOutput.property(PropertyResult.ok(NodeProperty.TITLE, "Sensor")))
        .isEqualTo("Sensor");
  }

  @Test
  void struct_data_lists_uris_with_values_and_masks_secrets() {
    List<NodeResult> nodes =
        List.of(
            interior("./DMAcc/acme/AppAuth/srv", null, "AAuthName", "AAuthSecret"),
            leaf("./DMAcc/acme/AppAuth/srv/AAuthName", "gw"),
            leaf("./DMAcc/acme/AppAuth/srv/AAuthSecret", "hunter2"));

    assertThat(GetOutput.structure(nodes, Nodes.dmAccSecrets()))
        .isEqualTo(
            String.join(
                "\n",
                "./DMAcc/acme/AppAuth/srv/",
                "./DMAcc/acme/AppAuth/srv/AAuthName = gw",
                "./DMAcc/acme/AppAuth/srv/AAuthSecret = ********"));
  }

  @Test
  void struct_lists_uris_with_the_format_of_each_leaf() {
    List<NodeResult> nodes =
        List.of(
            interior("./DevDetail", "urn:oma:mo:oma-dm-devdetail:1.1", "LrgObj"),
            NodeResult.leafWithoutValue(
                NodeUri.of("./DevDetail/LrgObj"), NodeFormat.BOOL, "text/plain"));

    assertThat(GetOutput.structure(nodes, u -> false))
        .isEqualTo("./DevDetail/ [urn:oma:mo:oma-dm-devdetail:1.1]\n./DevDetail/LrgObj (bool)");
  }

  @Test
  void mo_locations_are_listed_one_a_line_or_said_to_be_none() {
    assertThat(
            GetOutput.locations(
                List.of(NodeUri.of("./DMAcc/a"), NodeUri.of("./DMAcc/b")), "urn:oma:mo:x:1.0"))
        .isEqualTo("./DMAcc/a\n./DMAcc/b");
    assertThat(GetOutput.locations(List.of(), "urn:oma:mo:x:1.0"))
        .isEqualTo("(no node of type urn:oma:mo:x:1.0)");
  }
}
