package io.dmagent.tree;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.api.tree.UriLimits;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The agent's tree for the session benchmark: what package 1 reports (./DevInfo), what the
 * benchmark script reads (./DevDetail leaves) and a subtree the server may change (./Vendor/Bench),
 * seeded as the device. In memory, or on a file with the tree's durable commits.
 */
public final class SessionTree {
  private final TreeStore store;
  private final DmTreeService tree;

  private SessionTree(TreeStore store) {
    this.store = store;
    this.tree = new DmTreeService(store, UriLimits.DEFAULT, AclMode.TND, line -> {});
  }

  /** {@code file} null: in memory. */
  public static SessionTree open(Path file, String devId, String serverId)
      throws IOException, DmException {
    SessionTree t =
        new SessionTree(file == null ? TreeStore.inMemory() : TreeStore.open(file, line -> {}));
    TreeOperations ops = t.tree.operations(Principal.device());
    leaf(ops, "./DevInfo/DevId", devId);
    leaf(ops, "./DevInfo/Man", "ACME");
    leaf(ops, "./DevInfo/Mod", "GW-100");
    leaf(ops, "./DevInfo/DmV", "DM Agent 0.1.0");
    leaf(ops, "./DevInfo/Lang", "en");
    leaf(ops, "./DevDetail/DevTyp", "gateway");
    leaf(ops, "./DevDetail/SwV", "3.4");
    leaf(ops, "./Vendor/Bench/Note", "");
    ops.replaceProperty(
        NodeUri.of("./Vendor/Bench"),
        NodeProperty.ACL,
        "Get=*&Add=" + serverId + "&Replace=" + serverId + "&Delete=" + serverId);
    return t;
  }

  private static void leaf(TreeOperations ops, String uri, String value) throws DmException {
    ops.addLeaf(NodeUri.of(uri), NodeValue.text(value));
  }

  public DmTreeService tree() {
    return tree;
  }

  public void close() {
    store.close();
  }
}
