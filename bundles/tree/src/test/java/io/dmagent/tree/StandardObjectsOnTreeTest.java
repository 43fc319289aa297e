package io.dmagent.tree;

import static io.dmagent.tree.Trees.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TndsSelection;
import io.dmagent.stdobj.DmAccObject;
import io.dmagent.stdobj.InboxObject;
import org.junit.jupiter.api.Test;

/** The standard objects of the stdobj bundle, grafted on the real tree. */
class StandardObjectsOnTreeTest {
  private static final String DMACC = "urn:oma:mo:oma-dm-dmacc:1.1";
  private final Trees trees = Trees.withMos().graft(new DmAccObject()).graft(new InboxObject());

  private void account(String name, String serverId, String secret) throws DmException {
    var ops = trees.server(serverId);
    ops.addInterior(uri("./Inbox/" + name), DMACC);
    // TND's advice to a server that created a node: give itself Get as well.
    ops.replaceProperty(
        uri("./DMAcc/" + name),
        NodeProperty.ACL,
        "Add=" + serverId + "&Delete=" + serverId + "&Get=" + serverId + "&Replace=" + serverId);
    ops.addLeaf(uri("./DMAcc/" + name + "/ServerID"), NodeValue.text(serverId));
    ops.addLeaf(uri("./DMAcc/" + name + "/AppAuth/c/AAuthSecret"), NodeValue.text(secret));
  }

  @Test
  void dmacc_holds_several_accounts_each_located_by_its_mo_identifier() throws Exception {
    account("alpha", "srv-a", "alpha-secret");
    account("beta", "srv-b", "beta-secret");

    assertThat(trees.device().locate(NodeUri.ROOT, DMACC))
        .containsExactly(uri("./DMAcc/alpha"), uri("./DMAcc/beta"));
    assertThat(
            trees.server("srv-a").get(uri("./DMAcc/alpha/ServerID")).value().orElseThrow().text())
        .isEqualTo("srv-a");
  }

  @Test
  void no_server_ever_reads_an_aauthsecret_back_not_even_its_writer() throws Exception {
    account("alpha", "srv-a", "alpha-secret");

    assertThatThrownBy(() -> trees.server("srv-a").get(uri("./DMAcc/alpha/AppAuth/c/AAuthSecret")))
        .isInstanceOfSatisfying(
            DmException.class,
            e -> assertThat(e.status()).isEqualTo(StatusCode.COMMAND_NOT_ALLOWED));
    assertThat(trees.server("srv-a").listStructure(uri("./DMAcc"), true))
        .allSatisfy(
            r ->
                assertThat(r.value().map(NodeValue::text).orElse("")).isNotEqualTo("alpha-secret"));
    assertThat(trees.server("srv-a").exportTnds(uri("./DMAcc"), TndsSelection.all()).toString())
        .doesNotContain("AAuthSecret");
    assertThat(trees.log).noneMatch(l -> l.contains("alpha-secret"));
  }

  @Test
  void the_creating_server_manages_its_account_and_the_dmacc_root_stays() throws Exception {
    account("alpha", "srv-a", "alpha-secret");

    assertThat(trees.device().getProperty(uri("./DMAcc/alpha"), NodeProperty.ACL).value())
        .contains("Replace=srv-a")
        .contains("Delete=srv-a");
    trees.server("srv-a").delete(uri("./DMAcc/alpha"));
    assertThatThrownBy(() -> trees.server("srv-a").delete(uri("./DMAcc")))
        .isInstanceOf(DmException.class);
    assertThat(trees.device().get(uri("./DMAcc")).children()).isEmpty();
  }
}
