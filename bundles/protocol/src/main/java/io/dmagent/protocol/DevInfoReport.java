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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The device's identity as package 1 reports it (digest 1.6): a Replace with one item per leaf of
 * {@code ./DevInfo}, read from the tree as the device, each with its Source, Format and Type.
 */
final class DevInfoReport {
  static final NodeUri DEV_INFO = NodeUri.of("./DevInfo");
  static final NodeUri DEV_ID = NodeUri.of("./DevInfo/DevId");

  private DevInfoReport() {}

  static ItemCommand replace(DmTree tree, Encoding encoding) throws DmException {
    List<Item> items = new ArrayList<>();
    for (NodeResult n : tree.operations(Principal.device()).listStructure(DEV_INFO, true)) {
      if (n.isLeaf() && n.value().isPresent()) {
        items.add(ItemValues.valueItem(n.uri().toString(), n.value().get(), encoding));
      }
    }
    return new ItemCommand(CommandName.REPLACE, "0", false, Optional.empty(), items);
  }

  /** The device's identifier: our header's Source. */
  static String devId(DmTree tree) throws DmException {
    return tree.operations(Principal.device()).get(DEV_ID).value().orElseThrow().text();
  }
}
