package io.dmagent.shell;

import static io.dmagent.shell.Nodes.interior;
import static io.dmagent.shell.Nodes.leaf;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TreeListingTest {
  private static final List<NodeResult> DMACC =
      List.of(
          interior("./DMAcc", "urn:oma:mo:oma-dm-dmacc:1.0", "acme"),
          interior("./DMAcc/acme", null, "ServerID", "AppAuth"),
          leaf("./DMAcc/acme/ServerID", "acme-dm"),
          interior("./DMAcc/acme/AppAuth", null, "srv"),
          interior("./DMAcc/acme/AppAuth/srv", null, "AAuthName", "AAuthSecret", "AAuthData"),
          leaf("./DMAcc/acme/AppAuth/srv/AAuthName", "gateway-17"),
          leaf("./DMAcc/acme/AppAuth/srv/AAuthSecret", "hunter2"),
          leaf(
              "./DMAcc/acme/AppAuth/srv/AAuthData",
              NodeValue.of(new byte[] {1, 2, 3}, NodeFormat.BIN, "application/octet-stream")));

  @Test
  void tree_listing_indents_children_and_masks_secrets() {
    String listing =
        new TreeListing(DMACC, Map.of(), Nodes.dmAccSecrets()).render(NodeUri.of("./DMAcc"));

    assertThat(listing)
        .isEqualTo(
            String.join(
                "\n",
                "./DMAcc/ [urn:oma:mo:oma-dm-dmacc:1.0]",
                "`-- acme/",
                "    |-- ServerID = acme-dm",
                "    `-- AppAuth/",
                "        `-- srv/",
                "            |-- AAuthName = gateway-17",
                "            |-- AAuthSecret = ********",
                "            `-- AAuthData = ********"));
    assertThat(listing).doesNotContain("hunter2").doesNotContain("AQID");
  }

  @Test
  void tree_listing_of_the_root_starts_with_a_dot_and_shows_mo_identifiers() {
    List<NodeResult> nodes =
        List.of(
            interior(".", null, "DevInfo", "Vendor"),
            interior("./DevInfo", "urn:oma:mo:oma-dm-devinfo:1.1", "DevId", "Lang"),
            leaf("./DevInfo/DevId", "IMEI:493005100592800"),
            leaf("./DevInfo/Lang", "en-US"),
            interior("./Vendor", null));

    String listing = new TreeListing(nodes, Map.of(), uri -> false).render(NodeUri.ROOT);

    assertThat(listing)
        .isEqualTo(
            String.join(
                "\n",
                ".",
                "|-- DevInfo/ [urn:oma:mo:oma-dm-devinfo:1.1]",
                "|   |-- DevId = IMEI:493005100592800",
                "|   `-- Lang = en-US",
                "`-- Vendor/"));
  }

  @Test
  void tree_listing_marks_interior_nodes_whose_children_lie_beyond_the_depth() {
    List<NodeResult> nodes =
        List.of(
            interior("./DevInfo", "urn:oma:mo:oma-dm-devinfo:1.1", "DevId", "Ext"),
            leaf("./DevInfo/DevId", "IMEI:1"),
            interior("./DevInfo/Ext", null, "Vendor1"));

    String listing = new TreeListing(nodes, Map.of(), uri -> false).render(NodeUri.of("./DevInfo"));

    assertThat(listing).endsWith("`-- Ext/ ...");
  }

  @Test
  void tree_listing_shows_why_a_node_could_not_be_read_on_its_line() {
    List<NodeResult> nodes =
        List.of(interior("./A", null, "Good", "Bad"), leaf("./A/Good", "fine"));

    String listing =
        new TreeListing(nodes, Map.of(NodeUri.of("./A/Bad"), "500: sensor offline"), u -> false)
            .render(NodeUri.of("./A"));

    assertThat(listing)
        .isEqualTo(String.join("\n", "./A/", "|-- Good = fine", "`-- Bad  (500: sensor offline)"));
  }

  @Test
  void tree_listing_keeps_each_value_on_one_short_line() {
    String longText = "x".repeat(100);
    List<NodeResult> nodes =
        List.of(
            interior("./A", null, "Multi", "Long", "Empty"),
            leaf("./A/Multi", "line one\nline two"),
            leaf("./A/Long", longText),
            leaf("./A/Empty", ""));

    String listing = new TreeListing(nodes, Map.of(), u -> false).render(NodeUri.of("./A"));

    assertThat(listing.lines())
        .containsExactly(
            "./A/",
            "|-- Multi = line one\\nline two",
            "|-- Long = " + "x".repeat(64) + "... (100 bytes)",
            "`-- Empty = ");
  }

  @Test
  void tree_listing_of_a_single_leaf_is_its_uri_and_value() {
    String listing =
        new TreeListing(List.of(leaf("./DevInfo/Lang", "en-US")), Map.of(), u -> false)
            .render(NodeUri.of("./DevInfo/Lang"));

    assertThat(listing).isEqualTo("./DevInfo/Lang = en-US");
  }
}
