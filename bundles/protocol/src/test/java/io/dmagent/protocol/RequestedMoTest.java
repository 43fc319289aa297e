package io.dmagent.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.session.SessionRequest;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Package 1 of a notified session carries the MOs the DM 1.3 notification asked for. */
class RequestedMoTest {
  static final String FUMO = "urn:oma:mo:oma-fumo:1.0";

  @TempDir Path dir;
  Fixture f;

  @BeforeEach
  void prepare() throws Exception {
    f = new Fixture(dir);
    f.device().addInterior(NodeUri.of("./Vendor/FwA"), FUMO);
    f.device().addLeaf(NodeUri.of("./Vendor/FwA/PkgName"), NodeValue.text("fw-1.2"));
    f.device().addInterior(NodeUri.of("./Vendor/FwB"), FUMO);
    f.device().addLeaf(NodeUri.of("./Vendor/FwB/PkgName"), NodeValue.text("fw-2.0"));
    f.device().addInterior(NodeUri.of("./Vendor/Hidden"), FUMO);
    f.device().replaceProperty(NodeUri.of("./Vendor/Hidden"), NodeProperty.ACL, "Get=other");
    f.device().addLeaf(NodeUri.of("./Vendor/Hidden/PkgName"), NodeValue.text("not yours"));
  }

  private SyncMessage packageOne(List<String> mos) throws Exception {
    SessionRequest request =
        new SessionRequest(Fixture.SERVER, Optional.of("AB"), mos, Optional.of("why"));
    return f.engine().newSession(f.account, request).begin();
  }

  private static List<ItemCommand> replaces(SyncMessage m) {
    return m.commands().stream()
        .filter(ItemCommand.class::isInstance)
        .map(ItemCommand.class::cast)
        .filter(c -> c.name() == CommandName.REPLACE)
        .toList();
  }

  private static List<String> sources(ItemCommand c) {
    return c.items().stream().map(Item::sourceUri).flatMap(Optional::stream).toList();
  }

  @Test
  void a_requested_mo_is_replaced_with_the_leaves_of_every_instance_the_server_may_get()
      throws Exception {
    SyncMessage pkg1 = packageOne(List.of(FUMO));

    List<ItemCommand> replaces = replaces(pkg1);
    assertThat(replaces).hasSize(2);
    assertThat(sources(replaces.get(0))).contains("./DevInfo/DevId");
    assertThat(sources(replaces.get(1)))
        .containsExactly("./Vendor/FwA/PkgName", "./Vendor/FwB/PkgName");
  }

  @Test
  void devinfo_requested_is_sent_once_and_nothing_requested_adds_nothing() throws Exception {
    assertThat(replaces(packageOne(List.of("urn:oma:mo:oma-dm-devinfo:1.0")))).hasSize(1);
    assertThat(replaces(packageOne(List.of()))).hasSize(1);
    assertThat(replaces(packageOne(List.of("urn:oma:mo:nothing-here:1.0")))).hasSize(1);
  }
}
