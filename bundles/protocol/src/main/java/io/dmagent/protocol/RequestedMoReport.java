package io.dmagent.protocol;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.TreeOperations;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The MOs a DM 1.3 notification asked for in package 1 (Requested-MO): per MO identifier one
 * Replace with the leaves of every instance of it, found by the tree's MO-identifier query, as
 * DevInfo's Replace is built. Read as the server: it gets only what it could Get (no secrets), and
 * an MO it may not read or that this device lacks adds nothing.
 */
final class RequestedMoReport {
  static final String DEV_INFO_ID = "urn:oma:mo:oma-dm-devinfo:1.0";

  private RequestedMoReport() {}

  /** The Replaces, one per MO found; an MO the tree cannot list is left out with a log line. */
  static List<ItemCommand> replaces(
      DmTree tree, String serverId, List<String> moIds, Encoding encoding, Consumer<String> log) {
    TreeOperations ops = tree.operations(Principal.server(serverId));
    List<ItemCommand> out = new ArrayList<>();
    for (String moId : moIds) {
      if (moId.equals(DEV_INFO_ID)) {
        continue; // every package 1 carries DevInfo already
      }
      try {
        List<Item> items = leaves(ops, moId, encoding);
        if (!items.isEmpty()) {
          out.add(new ItemCommand(CommandName.REPLACE, "0", false, Optional.empty(), items));
        }
      } catch (DmException e) {
        log.accept("requested MO " + moId + " not sent in package 1 (" + e.status() + ")");
      }
    }
    return out;
  }

  private static List<Item> leaves(TreeOperations ops, String moId, Encoding encoding)
      throws DmException {
    List<Item> items = new ArrayList<>();
    for (NodeUri instance : ops.locate(NodeUri.ROOT, moId)) {
      for (NodeResult n : ops.listStructure(instance, true)) {
        if (n.isLeaf() && n.value().isPresent()) {
          items.add(ItemValues.valueItem(n.uri().toString(), n.value().get(), encoding));
        }
      }
    }
    return items;
  }
}
