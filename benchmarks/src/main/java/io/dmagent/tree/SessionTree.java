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
  private final DmTreeService tree;
  private final String serverId;

  private SessionTree(TreeStore store, String serverId) {
    this.serverId = serverId;
    this.tree = new DmTreeService(store, UriLimits.DEFAULT, AclMode.TND, line -> {});
  }

  /** {@code file} null: in memory. */
  public static SessionTree open(Path file, String devId, String serverId)
      throws IOException, DmException {
    SessionTree t =
        new SessionTree(
            file == null ? TreeStore.inMemory() : TreeStore.open(file, line -> {}), serverId);
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

  /**
   * HMAC-MD5 both ways, written as a bootstrap would: {@code ./DMAcc/<serverId>/AppAuth/CLCRED}
   * (what the agent presents) and {@code SRVCRED} (what the server must present, its ServerID as
   * name).
   */
  public void hmacCredentials(String clientName, String clientSecret, String serverSecret)
      throws DmException {
    TreeOperations ops = tree.operations(Principal.device());
    String account = "./DMAcc/" + serverId;
    appAuth(ops, account + "/AppAuth/CLCRED", clientName, clientSecret);
    appAuth(ops, account + "/AppAuth/SRVCRED", serverId, serverSecret);
  }

  private static void appAuth(TreeOperations ops, String entry, String name, String secret)
      throws DmException {
    leaf(ops, entry + "/AAuthLevel", entry.substring(entry.lastIndexOf('/') + 1));
    leaf(ops, entry + "/AAuthType", "HMAC");
    leaf(ops, entry + "/AAuthName", name);
    leaf(ops, entry + "/AAuthSecret", secret);
  }

  private static void leaf(TreeOperations ops, String uri, String value) throws DmException {
    ops.addLeaf(NodeUri.of(uri), NodeValue.text(value));
  }

  public DmTreeService tree() {
    return tree;
  }

  /** Stops the tree's event thread and closes its store. */
  public void close() throws InterruptedException {
    tree.close();
  }
}
