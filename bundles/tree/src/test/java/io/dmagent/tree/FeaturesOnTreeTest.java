package io.dmagent.tree;

import static io.dmagent.tree.Trees.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.mo.OptionalFeature;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.stdobj.StandardObjects;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The optional features under {@code ./DevDetail/Ext/DMAgent/Features} (DM-HLF-009) on the real
 * tree: each feature's node is grafted while its service is registered, as the stdobj bundle's
 * feature directory does.
 */
class FeaturesOnTreeTest {
  private static final String FEATURES = "./DevDetail/Ext/DMAgent/Features";
  private static final String SERVER = "srv-a";

  private final TreeStore store = TreeStore.inMemory();
  private final ManagementObject devDetail =
      StandardObjects.device("urn:uuid:features").devDetail(() -> null);
  private final ManagementObject largeObject = feature("LargeObject", "Large objects");
  private final ManagementObject tnds = feature("TNDS", "Tree and node description serialization");

  private static ManagementObject feature(String name, String description) {
    return StandardObjects.featureNode(
        new OptionalFeature() {
          @Override
          public String name() {
            return name;
          }

          @Override
          public String description() {
            return description;
          }
        });
  }

  private Trees agent() {
    return Trees.withMos(store).graft(devDetail);
  }

  /** What a server's Get of the list (?list=Struct+Data) returns: URI to value ("" if interior). */
  private static List<String> listing(Trees trees) throws DmException {
    return trees.server(SERVER).listStructure(uri(FEATURES), true).stream()
        .map(r -> r.uri() + "=" + r.value().map(NodeValue::text).orElse(""))
        .toList();
  }

  @Test
  void a_server_reads_every_registered_feature_with_its_description() throws Exception {
    Trees trees = agent().graft(largeObject).graft(tnds);

    assertThat(listing(trees))
        .containsExactlyInAnyOrder(
            FEATURES + "=",
            FEATURES + "/LargeObject=",
            FEATURES + "/LargeObject/Description=Large objects",
            FEATURES + "/TNDS=",
            FEATURES + "/TNDS/Description=Tree and node description serialization");
    assertThat(trees.server(SERVER).get(uri(FEATURES)).children())
        .containsExactlyInAnyOrder("LargeObject", "TNDS");
  }

  @Test
  void a_feature_whose_service_goes_is_gone_at_once_and_back_when_it_returns() throws Exception {
    Trees trees = agent().graft(largeObject).graft(tnds);

    trees.ungraft(tnds);

    assertThat(trees.server(SERVER).get(uri(FEATURES)).children()).containsExactly("LargeObject");
    assertThat(listing(trees)).noneMatch(line -> line.contains("TNDS"));
    assertThatThrownBy(() -> trees.server(SERVER).get(uri(FEATURES + "/TNDS/Description")))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.NOT_FOUND));

    trees.graft(tnds);
    assertThat(trees.server(SERVER).get(uri(FEATURES)).children())
        .containsExactlyInAnyOrder("LargeObject", "TNDS");
  }

  @Test
  void a_feature_listed_before_a_restart_is_not_listed_unless_registered_again() throws Exception {
    agent().graft(largeObject).graft(tnds);

    Trees restarted = agent().graft(largeObject);

    assertThat(restarted.server(SERVER).get(uri(FEATURES)).children())
        .containsExactly("LargeObject");
  }

  @Test
  void servers_can_only_read_the_list_even_when_its_acl_would_let_them_write() throws Exception {
    Trees trees = agent().graft(largeObject).acl(FEATURES, "Add=*&Delete=*&Get=*&Replace=*");
    NodeUri description = uri(FEATURES + "/LargeObject/Description");

    assertRefused(
        () -> trees.server(SERVER).replace(description, NodeValue.text("forged")),
        StatusCode.COMMAND_NOT_ALLOWED);
    assertRefused(
        () -> trees.server(SERVER).delete(uri(FEATURES + "/LargeObject")),
        StatusCode.COMMAND_NOT_ALLOWED);
    assertRefused(
        () -> trees.server(SERVER).addInterior(uri(FEATURES + "/Forged"), null),
        StatusCode.COMMAND_NOT_ALLOWED);
    assertThat(trees.server(SERVER).get(description).value().map(NodeValue::text))
        .contains("Large objects");
    assertThat(trees.server(SERVER).get(uri(FEATURES)).children()).containsExactly("LargeObject");
  }

  private static void assertRefused(ThrowingCall call, StatusCode status) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(DmException.class, e -> assertThat(e.status()).isEqualTo(status));
  }

  private interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void the_device_description_describes_each_listed_feature_as_get_only() throws Exception {
    Trees trees = agent().graft(largeObject);

    assertThat(trees.tree.describe(uri(FEATURES + "/LargeObject/Description")))
        .hasValueSatisfying(d -> assertThat(d.accessTypes()).hasSize(1));
    assertThat(trees.tree.describe(uri(FEATURES)))
        .hasValueSatisfying(
            d ->
                assertThat(d.children())
                    .singleElement()
                    .satisfies(placeholder -> assertThat(placeholder.isPlaceholder()).isTrue()));
  }
}
