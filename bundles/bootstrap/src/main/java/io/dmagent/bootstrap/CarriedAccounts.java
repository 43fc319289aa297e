package io.dmagent.bootstrap;

import io.dmagent.api.log.WireText;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.TreeOperations;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The DM accounts a bootstrap's writes carry, grouped by their {@code ./DMAcc/<x>} node: each one's
 * ServerID and server addresses. Reading them is where the bootstrap rules are checked: every
 * account has one ServerID, no two accounts share one.
 */
final class CarriedAccounts {
  static final NodeUri DMACC = NodeUri.of("./DMAcc");

  /** One account of the message: its node name in the message, ServerID and AppAddr values. */
  record Carried(String node, String serverId, Set<String> addresses) {}

  private CarriedAccounts() {}

  /** The accounts on the device now: node name to ServerID. */
  static Map<String, String> onDevice(TreeOperations ops) throws DmException {
    Map<String, String> out = new LinkedHashMap<>();
    if (!TreeNodes.exists(ops, DMACC)) {
      return out;
    }
    for (String node : TreeNodes.children(ops, DMACC)) {
      TreeNodes.text(ops, DMACC.child(node).child("ServerID")).ifPresent(id -> out.put(node, id));
    }
    return out;
  }

  /** The accounts the writes carry, in message order. */
  static List<Carried> carried(List<NodeWrite> writes, Map<String, String> onDevice)
      throws Refusal {
    Map<String, String> ids = new LinkedHashMap<>();
    Map<String, Set<String>> addresses = new LinkedHashMap<>();
    for (NodeWrite w : writes) {
      Optional<String> node = accountNode(w.uri());
      if (node.isEmpty()) {
        continue;
      }
      addresses.computeIfAbsent(node.get(), n -> new LinkedHashSet<>());
      List<String> rel = w.uri().relativeTo(DMACC);
      if (!(w instanceof NodeWrite.Leaf leaf)) {
        continue;
      }
      if (rel.size() == 2 && rel.get(1).equals("ServerID")) {
        String id = leaf.value().text().trim();
        String before = ids.putIfAbsent(node.get(), id);
        if (before != null && !before.equals(id)) {
          throw Refusal.invalid("account " + WireText.quote(node.get()) + " has two ServerIDs");
        }
      } else if (rel.size() == 4 && rel.get(1).equals("AppAddr") && rel.get(3).equals("Addr")) {
        addresses.get(node.get()).add(leaf.value().text().trim());
      }
    }
    List<Carried> out = new java.util.ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Map.Entry<String, Set<String>> e : addresses.entrySet()) {
      String id = ids.get(e.getKey());
      if (id == null) {
        id = onDevice.get(e.getKey());
      }
      if (id == null || id.isEmpty()) {
        throw Refusal.invalid("account " + WireText.quote(e.getKey()) + " carries no ServerID");
      }
      if (!seen.add(id)) {
        throw Refusal.invalid("two accounts carry the ServerID " + WireText.quote(id));
      }
      out.add(new Carried(e.getKey(), id, e.getValue()));
    }
    return out;
  }

  /** {@code <x>} of a URI at or below {@code ./DMAcc/<x>}. */
  static Optional<String> accountNode(NodeUri uri) {
    if (!DMACC.isAncestorOrSelfOf(uri) || uri.equals(DMACC)) {
      return Optional.empty();
    }
    return Optional.of(uri.relativeTo(DMACC).get(0));
  }
}
