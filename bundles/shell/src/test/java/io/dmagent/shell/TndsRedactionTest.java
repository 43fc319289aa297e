package io.dmagent.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.description.TndsNode;
import io.dmagent.api.description.TndsTree;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TndsRedactionTest {
  private static TndsNode leaf(String name, String value) {
    return new TndsNode(
        name,
        Optional.empty(),
        Optional.of(NodeFormat.CHR),
        Map.of(
            NodeProperty.SIZE, Integer.toString(value.length()), NodeProperty.TYPE, "text/plain"),
        Optional.of(value.getBytes(StandardCharsets.UTF_8)),
        List.of());
  }

  private static TndsNode interior(String name, TndsNode... children) {
    return new TndsNode(
        name,
        Optional.empty(),
        Optional.of(NodeFormat.NODE),
        Map.of(),
        Optional.empty(),
        List.of(children));
  }

  private static TndsTree export(TndsNode top) {
    return new TndsTree("1.2", Optional.empty(), Optional.empty(), List.of(top));
  }

  private static TndsNode find(TndsNode n, String... path) {
    TndsNode at = n;
    for (String name : path) {
      at = at.children().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
    return at;
  }

  @Test
  void export_drops_the_value_and_size_of_secret_leaves_and_keeps_the_others() {
    TndsTree exported =
        export(
            interior(
                "DMAcc",
                interior(
                    "acme",
                    leaf("ServerID", "acme-dm"),
                    interior(
                        "AppAuth",
                        interior(
                            "srv", leaf("AAuthName", "gw-17"), leaf("AAuthSecret", "hunter2"))))));

    TndsTree redacted = TndsRedaction.redact(exported, NodeUri.of("./DMAcc"), Nodes.dmAccSecrets());

    TndsNode top = redacted.nodes().get(0);
    TndsNode secret = find(top, "acme", "AppAuth", "srv", "AAuthSecret");
    assertThat(secret.value()).isEmpty();
    assertThat(secret.property(NodeProperty.SIZE)).isEmpty();
    assertThat(secret.property(NodeProperty.TYPE)).contains("text/plain");
    assertThat(secret.format()).contains(NodeFormat.CHR);
    assertThat(find(top, "acme", "AppAuth", "srv", "AAuthName").value())
        .hasValueSatisfying(
            v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("gw-17"));
    assertThat(find(top, "acme", "ServerID").property(NodeProperty.SIZE)).contains("7");
  }

  @Test
  void export_of_the_root_finds_secrets_below_it() {
    TndsTree exported =
        export(
            interior(
                "",
                interior(
                    "DMAcc",
                    interior(
                        "acme",
                        interior("AppAuth", interior("srv", leaf("AAuthData", "c2VjcmV0")))))));

    TndsTree redacted = TndsRedaction.redact(exported, NodeUri.ROOT, Nodes.dmAccSecrets());

    assertThat(
            find(redacted.nodes().get(0), "DMAcc", "acme", "AppAuth", "srv", "AAuthData").value())
        .isEmpty();
  }

  @Test
  void export_of_a_secret_leaf_itself_drops_its_value() {
    TndsTree redacted =
        TndsRedaction.redact(
            export(leaf("AAuthSecret", "hunter2")),
            NodeUri.of("./DMAcc/acme/AppAuth/srv/AAuthSecret"),
            Nodes.dmAccSecrets());

    assertThat(redacted.nodes().get(0).value()).isEmpty();
  }

  @Test
  void a_top_level_node_is_the_exported_node_whatever_its_path_and_else_lies_below_it()
      throws Exception {
    TndsNode self =
        new TndsNode(
            "DevInfo", Optional.of("."), Optional.empty(), Map.of(), Optional.empty(), List.of());
    TndsNode relative =
        new TndsNode(
            "Lang", Optional.of("Ext"), Optional.empty(), Map.of(), Optional.empty(), List.of());
    TndsNode plain =
        new TndsNode(
            "Man", Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), List.of());
    NodeUri devInfo = NodeUri.of("./DevInfo");

    assertThat(TndsRedaction.topLevelUri(devInfo, self)).contains(devInfo);
    assertThat(TndsRedaction.topLevelUri(devInfo, relative))
        .contains(NodeUri.of("./DevInfo/Ext/Lang"));
    assertThat(TndsRedaction.topLevelUri(devInfo, plain)).contains(NodeUri.of("./DevInfo/Man"));
  }

  @Test
  void a_leaf_whose_uri_cannot_be_worked_out_is_treated_as_secret() {
    TndsNode odd =
        new TndsNode(
            "X",
            Optional.of("a//b"),
            Optional.of(NodeFormat.CHR),
            Map.of(),
            Optional.of("v".getBytes(StandardCharsets.UTF_8)),
            List.of());

    TndsTree redacted =
        TndsRedaction.redact(
            new TndsTree("1.2", Optional.empty(), Optional.empty(), List.of(odd)),
            NodeUri.of("./Vendor"),
            u -> false);

    assertThat(redacted.nodes().get(0).value()).isEmpty();
  }
}
