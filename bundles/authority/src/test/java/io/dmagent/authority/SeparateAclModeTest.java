package io.dmagent.authority;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.tree.AclMode;
import io.dmagent.tree.PlainTree;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACL management separable from data management (DM-AZ-001), through the DmTree api on the real
 * tree on a file: with {@code aclMode=SEPARATE} a server that manages a node's data cannot change
 * who else may, while the server that manages its parent can; with {@code TND} the data manager of
 * an interior node can.
 */
class SeparateAclModeTest {
  private static final NodeUri SENSOR = NodeUri.of("./Vendor/ACME/Sensor");

  @TempDir Path dir;
  private PlainTree tree;

  private TreeOperations setUp(AclMode mode) throws Exception {
    tree =
        PlainTree.onFile(dir.resolve("tree.mv.db"))
            .aclMode(mode)
            .codec(new DdfTndsCodec())
            .log(line -> {})
            .open();
    TreeOperations device = tree.operations(Principal.device());
    device.addInterior(SENSOR, null);
    device.replaceProperty(SENSOR.parent(), NodeProperty.ACL, "Get=*&Replace=aclAdmin");
    device.replaceProperty(SENSOR, NodeProperty.ACL, "Add=dataMgr&Get=*&Replace=dataMgr");
    return device;
  }

  @AfterEach
  void close() throws Exception {
    tree.close();
  }

  private int aclReplace(String serverId, String acl) {
    try {
      tree.operations(Principal.server(serverId)).replaceProperty(SENSOR, NodeProperty.ACL, acl);
      return 200;
    } catch (DmException e) {
      return e.status().code();
    }
  }

  @Test
  void in_separate_mode_the_data_manager_writes_values_but_cannot_change_the_acl()
      throws Exception {
    TreeOperations device = setUp(AclMode.SEPARATE);

    tree.operations(Principal.server("dataMgr"))
        .addLeaf(SENSOR.child("Rate"), NodeValue.text("10"));

    assertThat(aclReplace("dataMgr", "Add=dataMgr+intruder&Get=*&Replace=dataMgr+intruder"))
        .isEqualTo(425);
    assertThat(device.getProperty(SENSOR, NodeProperty.ACL).value())
        .isEqualTo("Add=dataMgr&Get=*&Replace=dataMgr");
    assertThat(device.get(SENSOR.child("Rate")).value()).contains(NodeValue.text("10"));
  }

  @Test
  void in_separate_mode_the_acl_manager_of_the_parent_changes_the_acl() throws Exception {
    TreeOperations device = setUp(AclMode.SEPARATE);

    assertThat(aclReplace("aclAdmin", "Get=*&Replace=other")).isEqualTo(200);
    assertThat(device.getProperty(SENSOR, NodeProperty.ACL).value())
        .isEqualTo("Get=*&Replace=other");
  }

  @Test
  void in_tnd_mode_the_data_manager_of_an_interior_node_may_change_its_acl() throws Exception {
    setUp(AclMode.TND);

    assertThat(aclReplace("dataMgr", "Get=*&Replace=dataMgr+friend")).isEqualTo(200);
  }
}
