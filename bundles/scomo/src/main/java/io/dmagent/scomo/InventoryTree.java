package io.dmagent.scomo;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.api.tree.TreeTransaction;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes the inventory into the tree as the device: one node per deployed component and per
 * delivered package, with their Operations, changed only where the framework changed; nodes of
 * components that are gone are deleted. The Status leaves are written by the operations.
 */
final class InventoryTree {
  private final DmTree tree;

  /** What was written last per node, so that a sync writes only what changed. */
  private final Map<String, Map<String, String>> written = new HashMap<>();

  InventoryTree(DmTree tree) {
    this.tree = tree;
  }

  /**
   * @param available the distribution's features the gateway does not run, written as delivered
   *     components
   */
  synchronized void sync(
      List<Component> deployed, List<DeliveredStore.Delivered> delivered, List<Component> available)
      throws DmException {
    try (TreeTransaction tx = tree.begin(Principal.device())) {
      Map<String, Map<String, String>> wanted = new LinkedHashMap<>();
      for (Component c : deployed) {
        wanted.put(ScomoNodes.at(ScomoNodes.DEPLOYED, c.node()).toString(), leaves(c));
      }
      for (DeliveredStore.Delivered d : delivered) {
        wanted.put(ScomoNodes.at(ScomoNodes.DELIVERED, d.node()).toString(), leaves(d));
      }
      for (Component c : available) {
        wanted.putIfAbsent(
            ScomoNodes.at(ScomoNodes.DELIVERED, c.node()).toString(), deliveredLeaves(c));
      }
      Set<String> deployedNow = removeGone(tx, ScomoNodes.DEPLOYED, wanted.keySet());
      Set<String> deliveredNow = removeGone(tx, ScomoNodes.DELIVERED, wanted.keySet());
      for (Map.Entry<String, Map<String, String>> e : wanted.entrySet()) {
        NodeUri node = NodeUri.of(e.getKey());
        Set<String> existing =
            node.parent().equals(ScomoNodes.DEPLOYED) ? deployedNow : deliveredNow;
        write(tx, node, e.getValue(), existing);
      }
      tx.commit();
      written.keySet().retainAll(wanted.keySet());
      written.putAll(wanted);
    } catch (DmException e) {
      written.clear(); // the next sync compares with the tree again
      throw e;
    }
  }

  /** Sets a Status leaf (an operation's progress). */
  void status(NodeUri component, int status) throws DmException {
    tree.operations(Principal.device())
        .replace(ScomoNodes.at(component, "Status"), ScomoNodes.integer(status));
  }

  /**
   * Gives a Download node a server added what SCOMO answers in it: its Status and the Operations
   * the server Execs.
   */
  void scaffold(NodeUri pkg) throws DmException {
    try (TreeTransaction tx = tree.begin(Principal.device())) {
      if (!tx.get(ScomoNodes.DOWNLOAD).children().contains(pkg.name())) {
        return; // deleted meanwhile
      }
      Set<String> present = leafUris(tx, pkg);
      addIfMissing(
          tx, present, ScomoNodes.at(pkg, "Status"), ScomoNodes.integer(ScomoNodes.DOWNLOAD_IDLE));
      for (String op : ScomoNodes.DOWNLOAD_OPERATIONS) {
        addIfMissing(tx, present, ScomoNodes.at(pkg, "Operations", op), ScomoNodes.operation());
      }
      addIfMissing(tx, present, ScomoNodes.at(pkg, "Ext", "Received"), ScomoNodes.integer(0));
      addIfMissing(tx, present, ScomoNodes.at(pkg, "Ext", "Total"), ScomoNodes.integer(-1));
      tx.commit();
    }
  }

  private static Map<String, String> leaves(Component c) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("ID", c.id());
    m.put("Name", c.name());
    m.put("Version", c.version());
    m.put(
        "State",
        Integer.toString(c.active() ? ScomoNodes.STATE_ACTIVE : ScomoNodes.STATE_INACTIVE));
    m.put("Ext/Kind", c.kind() == Component.Kind.BUNDLE ? "bundle" : "feature");
    m.put("Ext/Location", c.location());
    m.put("Ext/Signer", c.signer());
    return m;
  }

  private static Map<String, String> deliveredLeaves(Component c) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("ID", c.id());
    m.put("Name", c.name());
    m.put("Version", c.version());
    m.put("State", Integer.toString(ScomoNodes.STATE_DELIVERED));
    m.put("Ext/Kind", "feature");
    return m;
  }

  private static Map<String, String> leaves(DeliveredStore.Delivered d) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("ID", d.pkgId());
    m.put("Name", d.name());
    m.put("Version", d.version());
    m.put("State", Integer.toString(ScomoNodes.STATE_DELIVERED));
    m.put("Ext/Signer", d.signer());
    m.put("Ext/SHA256", d.sha256());
    m.put("Ext/Kind", d.feature() ? "feature" : "bundle");
    return m;
  }

  private void write(
      TreeTransaction tx, NodeUri node, Map<String, String> leaves, Set<String> existing)
      throws DmException {
    Map<String, String> before = written.get(node.toString());
    if (leaves.equals(before)) {
      return;
    }
    boolean isNew = !existing.contains(node.name());
    Set<String> present = isNew ? Set.of() : leafUris(tx, node);
    for (Map.Entry<String, String> leaf : leaves.entrySet()) {
      NodeUri uri = ScomoNodes.at(node, leaf.getKey());
      NodeValue value = value(leaf.getKey(), leaf.getValue());
      if (!present.contains(uri.toString())) {
        tx.addLeaf(uri, value);
      } else if (before == null || !Objects.equals(before.get(leaf.getKey()), leaf.getValue())) {
        tx.replace(uri, value);
      }
    }
    if (isNew) {
      boolean deployed = node.parent().equals(ScomoNodes.DEPLOYED);
      tx.addLeaf(
          ScomoNodes.at(node, "Status"),
          ScomoNodes.integer(deployed ? ScomoNodes.DEPLOYED_IDLE : ScomoNodes.DELIVERED_IDLE));
      for (String op :
          deployed ? ScomoNodes.DEPLOYED_OPERATIONS : ScomoNodes.DELIVERED_OPERATIONS) {
        tx.addLeaf(ScomoNodes.at(node, "Operations", op), ScomoNodes.operation());
      }
    }
  }

  /**
   * The URIs of every node below {@code node} (a listing, which logs nothing for what is missing).
   */
  private static Set<String> leafUris(TreeOperations ops, NodeUri node) throws DmException {
    Set<String> out = new java.util.HashSet<>();
    for (NodeResult r : ops.listStructure(node, false)) {
      out.add(r.uri().toString());
    }
    return out;
  }

  private static NodeValue value(String leaf, String text) {
    return leaf.equals("State") ? ScomoNodes.integer(Integer.parseInt(text)) : NodeValue.text(text);
  }

  /** Deletes the children of {@code parent} no longer wanted; returns the names that stay. */
  private static Set<String> removeGone(TreeTransaction tx, NodeUri parent, Set<String> wanted)
      throws DmException {
    Set<String> staying = new java.util.HashSet<>();
    for (String child : tx.get(parent).children()) {
      NodeUri uri = ScomoNodes.at(parent, child);
      if (wanted.contains(uri.toString())) {
        staying.add(child);
      } else {
        tx.delete(uri);
      }
    }
    return staying;
  }

  private static void addIfMissing(
      TreeOperations ops, Set<String> present, NodeUri uri, NodeValue value) throws DmException {
    if (!present.contains(uri.toString())) {
      ops.addLeaf(uri, value);
    }
  }
}
