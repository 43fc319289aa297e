package io.dmagent.tree;

import static io.dmagent.tree.Trees.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.description.DescriptionCodec;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.description.TndsNode;
import io.dmagent.api.description.TndsTree;
import io.dmagent.api.testing.ThirdPartyVectors;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TndsSelection;
import io.dmagent.api.tree.UriLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TNDS import and export on the tree, with a real subscription document from Android. */
class TndsOnTreeTest {
  private static final String PPS_ID = "urn:wfa:mo:hotspot2dot0-perprovidersubscription:1.0";
  private final DescriptionCodec codec = Codecs.description();
  private final Trees trees = Trees.inMemory();

  private TndsTree pps() throws Exception {
    return codec.readTnds(
        ThirdPartyVectors.bytes("aosp-wifi-pps/PerProviderSubscription.xml"), Encoding.XML);
  }

  /** Each node as "uri = value" or "uri/", in document order: what must survive the round trip. */
  private static List<String> content(String base, List<TndsNode> nodes) {
    List<String> out = new ArrayList<>();
    for (TndsNode n : nodes) {
      String at = base + "/" + n.name();
      if (n.isInterior()) {
        out.add(at + "/");
        out.addAll(content(at, n.children()));
      } else {
        out.add(at + " = " + new String(n.value().orElse(new byte[0]), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @Test
  void the_wifi_pps_tnds_imports_whole_and_exports_back_equivalent() throws Exception {
    TndsTree imported = pps();

    trees.device().addTnds(uri("./Wi-Fi"), imported);
    TndsTree exported =
        trees
            .device()
            .exportTnds(
                uri("./Wi-Fi/PerProviderSubscription"), TndsSelection.parse("TNDS+Type+Value"));

    List<String> before = content(".", imported.nodes());
    assertThat(before).hasSizeGreaterThan(100);
    assertThat(content(".", exported.nodes())).containsExactlyInAnyOrderElementsOf(before);
    assertThat(trees.value("./Wi-Fi/PerProviderSubscription/i001/HomeSP/FQDN"))
        .isEqualTo("mi6.co.uk");
    assertThat(
            trees
                .device()
                .getProperty(uri("./Wi-Fi/PerProviderSubscription"), NodeProperty.TYPE)
                .value())
        .isEqualTo(PPS_ID);
  }

  @Test
  void an_exported_subtree_survives_both_encodings_unchanged() throws Exception {
    trees.device().addTnds(uri("./Wi-Fi"), pps());
    TndsTree exported =
        trees.device().exportTnds(uri("./Wi-Fi/PerProviderSubscription"), TndsSelection.all());

    for (Encoding e : Encoding.values()) {
      TndsTree back = codec.readTnds(codec.writeTnds(exported, e), e);
      assertThat(content(".", back.nodes())).as(e.name()).isEqualTo(content(".", exported.nodes()));
    }
  }

  @Test
  void an_import_that_fails_halfway_changes_nothing() throws Exception {
    // Depth 6 lets the first hundred nodes in and refuses a deeper one far into the document.
    Trees shallow = Trees.inMemory(new UriLimits(6, 0, 0));
    TndsTree pps = pps(); // read first: a missing vector skips, never passes

    assertThatThrownBy(() -> shallow.device().addTnds(uri("./Wi-Fi"), pps))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.URI_TOO_LONG));
    assertThat(shallow.device().get(uri(".")).children()).doesNotContain("Wi-Fi");
  }

  @Test
  void replace_with_tnds_swaps_the_whole_subtree_at_once() throws Exception {
    trees.device().addTnds(uri("./Wi-Fi"), pps());
    trees.device().addLeaf(uri("./Wi-Fi/PerProviderSubscription/Stale"), NodeValue.text("old"));

    trees.device().replaceTnds(uri("./Wi-Fi/PerProviderSubscription"), pps());

    assertThat(trees.device().get(uri("./Wi-Fi/PerProviderSubscription")).children())
        .doesNotContain("Stale")
        .contains("i001", "UpdateIdentifier");
  }
}
