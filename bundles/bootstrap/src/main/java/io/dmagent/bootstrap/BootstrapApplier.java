package io.dmagent.bootstrap;

import io.dmagent.api.bootstrap.BootstrapMessage;
import io.dmagent.api.bootstrap.BootstrapSource;
import io.dmagent.api.log.WireText;
import io.dmagent.api.tree.Acl;
import io.dmagent.api.tree.AclRight;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.TreeOperations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Applies a bootstrap plan inside the caller's transaction: leaves out what this device does not
 * support, checks the bootstrap rules (accounts, Source, rights), maps a rebootstrapped account
 * onto the node its server already has, writes, and gives new accounts their initial ACLs. Any
 * refusal is thrown before the caller commits.
 */
final class BootstrapApplier {
  private final DmTree tree;
  private final BootstrapLedger ledger;
  private final BootstrapSettings settings;
  private final Consumer<String> log;

  /** What was applied: the ServerIDs written, and those withdrawn (a card's former accounts). */
  record Applied(Set<String> serverIds, Set<String> withdrawn) {}

  BootstrapApplier(
      DmTree tree, BootstrapLedger ledger, BootstrapSettings settings, Consumer<String> log) {
    this.tree = tree;
    this.ledger = ledger;
    this.settings = settings;
    this.log = log;
  }

  Applied apply(TreeOperations ops, BootstrapPlan plan, BootstrapMessage message, Profile profile)
      throws Refusal, DmException {
    List<NodeWrite> writes = supported(plan.writes());
    Map<String, String> onDevice = CarriedAccounts.onDevice(ops);
    List<CarriedAccounts.Carried> accounts = CarriedAccounts.carried(writes, onDevice);
    if (accounts.isEmpty()) {
      throw profile == Profile.CP
          ? Refusal.unsupported("it carries no w7 application (no DM account)")
          : Refusal.invalid("it sets no DMAcc account");
    }
    if (plan.source().isPresent()) {
      checkSource(plan.source().get(), accounts);
    }
    Map<String, String> nodeOf = new HashMap<>();
    onDevice.forEach((node, id) -> nodeOf.putIfAbsent(id, node));
    Set<String> ids = new LinkedHashSet<>();
    Map<String, String> rename = new HashMap<>();
    Set<String> fresh = new HashSet<>();
    Set<String> taken = new HashSet<>(onDevice.keySet());
    for (CarriedAccounts.Carried a : accounts) {
      ids.add(a.serverId());
      String existing = nodeOf.get(a.serverId());
      if (existing != null) {
        checkRights(a.serverId(), message.source());
        rename.put(a.node(), existing);
      } else {
        String node = taken.contains(a.node()) ? freeName(a.node(), taken) : a.node();
        taken.add(node);
        rename.put(a.node(), node);
        fresh.add(node);
      }
    }
    boolean othersBefore = onDevice.values().stream().anyMatch(id -> !ids.contains(id));
    Set<NodeUri> withAcl = new HashSet<>();
    for (NodeWrite w : writes) {
      NodeWrite moved = moved(w, rename);
      write(ops, moved);
      if (moved instanceof NodeWrite.AclOf) {
        withAcl.add(moved.uri());
      }
    }
    for (CarriedAccounts.Carried a : accounts) {
      String node = rename.get(a.node());
      NodeUri acc = CarriedAccounts.DMACC.child(node);
      if (fresh.contains(node) && !withAcl.contains(acc)) {
        ops.replaceProperty(acc, NodeProperty.ACL, ownAcl(a.serverId()));
      }
    }
    if (othersBefore) {
      new InitialAccessRights(log).grant(ops, ids);
    }
    return new Applied(ids, withdrawGone(ops, message, ids, nodeOf));
  }

  /** Writes to nodes this device has no description for are left out, one line per MO or Ext. */
  private List<NodeWrite> supported(List<NodeWrite> writes) {
    List<NodeWrite> out = new ArrayList<>();
    Set<String> told = new HashSet<>();
    for (NodeWrite w : writes) {
      if (tree.describe(w.uri()).isPresent()) {
        out.add(w);
        continue;
      }
      List<String> segments = w.uri().segments();
      int ext = segments.indexOf("Ext");
      String key;
      String what;
      if (ext >= 0 && ext + 1 < segments.size()) {
        key = "./" + String.join("/", segments.subList(0, ext + 2));
        what = "unknown Ext item ";
      } else {
        key = segments.isEmpty() ? "." : "./" + segments.get(0);
        what = "unsupported MO ";
      }
      if (told.add(key)) {
        log.accept("bootstrap: " + what + WireText.quote(key) + " ignored");
      }
    }
    return out;
  }

  /** DM 1.3: the header's Source must be an AppAddr of an account the message carries. */
  private static void checkSource(String source, List<CarriedAccounts.Carried> accounts)
      throws Refusal {
    for (CarriedAccounts.Carried a : accounts) {
      if (a.addresses().contains(source.trim())) {
        return;
      }
    }
    throw Refusal.invalid(
        "its Source " + WireText.quote(source) + " is no AppAddr of an account it carries");
  }

  private void checkRights(String serverId, BootstrapSource source) throws Refusal {
    BootstrapSource creator = ledger.creator(serverId).orElse(BootstrapSource.FACTORY_FILE);
    if (BootstrapSettings.rank(source) < BootstrapSettings.rank(creator)
        && !settings.allowWeakerReplace()) {
      throw Refusal.notAllowed(
          "the account of "
              + WireText.quote(serverId)
              + " came from "
              + creator
              + ", which "
              + source
              + " may not replace");
    }
  }

  /**
   * A smart card's accounts that its current content no longer carries go (DM Bootstrap: accounts
   * from a card that are no longer on it SHOULD be removed).
   */
  private Set<String> withdrawGone(
      TreeOperations ops, BootstrapMessage message, Set<String> ids, Map<String, String> nodeOf)
      throws DmException {
    Set<String> gone = new LinkedHashSet<>();
    if (message.source() != BootstrapSource.SMART_CARD) {
      return gone;
    }
    for (String id : ledger.serverIds(message.source(), message.origin())) {
      String node = nodeOf.get(id);
      if (!ids.contains(id) && node != null) {
        ops.delete(CarriedAccounts.DMACC.child(node));
        gone.add(id);
      }
    }
    return gone;
  }

  private static NodeWrite moved(NodeWrite w, Map<String, String> rename) throws DmException {
    Optional<String> node = CarriedAccounts.accountNode(w.uri());
    if (node.isEmpty() || rename.get(node.get()).equals(node.get())) {
      return w;
    }
    NodeUri to = CarriedAccounts.DMACC.child(rename.get(node.get()));
    List<String> rel = w.uri().relativeTo(CarriedAccounts.DMACC);
    for (String s : rel.subList(1, rel.size())) {
      to = to.child(s);
    }
    return w.movedTo(to);
  }

  private static void write(TreeOperations ops, NodeWrite w) throws DmException {
    if (w instanceof NodeWrite.Interior i) {
      if (!TreeNodes.exists(ops, i.uri())) {
        ops.addInterior(i.uri(), i.type().orElse(null));
      }
    } else if (w instanceof NodeWrite.Leaf l) {
      if (TreeNodes.exists(ops, l.uri())) {
        ops.replace(l.uri(), l.value());
      } else {
        ops.addLeaf(l.uri(), l.value());
      }
    } else if (w instanceof NodeWrite.AclOf a) {
      ops.replaceProperty(a.uri(), NodeProperty.ACL, a.acl());
    }
  }

  /** TND: the bootstrapped account is its server's: Get, Replace and Delete. */
  static String ownAcl(String serverId) throws DmException {
    return Acl.EMPTY
        .grant(AclRight.GET, serverId)
        .grant(AclRight.REPLACE, serverId)
        .grant(AclRight.DELETE, serverId)
        .toString();
  }

  private static String freeName(String node, Set<String> taken) {
    int i = 2;
    while (taken.contains(node + "_" + i)) {
      i++;
    }
    return node + "_" + i;
  }
}
