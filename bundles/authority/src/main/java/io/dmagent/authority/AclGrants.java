package io.dmagent.authority;

import io.dmagent.api.tree.Acl;
import io.dmagent.api.tree.AclRight;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.PropertyResult;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeOperations;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ACL side of a delegation: which nodes gain the delegate's ServerID for which commands, and
 * how to take exactly that away again. The delegate gains a command only where the delegator is
 * named for it (a right held through {@code *} the delegate holds already), never more; accounts in
 * {@code ./DMAcc} and the delegation ledger are never part of a delegation.
 */
final class AclGrants {
  private static final List<NodeUri> NEVER_DELEGATED =
      List.of(NodeUri.of("./DMAcc"), DelegationLedger.ROOT);

  private AclGrants() {}

  /**
   * What delegating the delegator's rights at and below {@code roots} would change; {@code ops}
   * runs as the device, so that it sees every node.
   */
  static List<DelegationRecord.AclGrant> plan(
      TreeOperations ops, String delegator, String delegate, List<NodeUri> roots)
      throws DmException {
    Map<NodeUri, DelegationRecord.AclGrant> out = new LinkedHashMap<>();
    for (NodeUri root : roots) {
      for (NodeResult n : ops.listStructure(root, false)) {
        NodeUri uri = n.uri();
        if (out.containsKey(uri)
            || NEVER_DELEGATED.stream().anyMatch(x -> x.isAncestorOrSelfOf(uri))) {
          continue;
        }
        PropertyResult p = ops.getProperty(uri, NodeProperty.ACL);
        boolean own = p.status() != StatusCode.OK_WITH_INHERITED_ACL;
        if (!own && !uri.equals(root)) {
          continue; // inherits from a node of this plan, which carries the grant
        }
        Acl effective = Acl.parse(p.value());
        Set<AclRight> added = EnumSet.noneOf(AclRight.class);
        Acl after = effective;
        for (AclRight right : AclRight.values()) {
          if (effective.serverIds(right).contains(delegator)
              && !effective.allows(right, delegate)) {
            added.add(right);
            after = after.grant(right, delegate);
          }
        }
        if (!added.isEmpty()) {
          out.put(
              uri,
              new DelegationRecord.AclGrant(uri, own ? p.value() : "", after.toString(), added));
        }
      }
    }
    return new ArrayList<>(out.values());
  }

  static void apply(TreeOperations ops, List<DelegationRecord.AclGrant> grants) throws DmException {
    for (DelegationRecord.AclGrant g : grants) {
      ops.replaceProperty(g.node(), NodeProperty.ACL, g.after());
    }
  }

  /**
   * Takes back what {@code grants} gave: an ACL nobody changed since returns to exactly what it
   * was; one changed since loses only the delegate's commands the delegation added. A node deleted
   * since needs nothing.
   */
  static void undo(TreeOperations ops, String delegate, List<DelegationRecord.AclGrant> grants)
      throws DmException {
    for (DelegationRecord.AclGrant g : grants) {
      if (!Nodes.exists(ops, g.node())) {
        continue;
      }
      PropertyResult p = ops.getProperty(g.node(), NodeProperty.ACL);
      String current = p.status() == StatusCode.OK_WITH_INHERITED_ACL ? "" : p.value();
      String restored =
          current.equals(g.after()) ? g.before() : without(Acl.parse(current), delegate, g.added());
      if (!restored.equals(current)) {
        ops.replaceProperty(g.node(), NodeProperty.ACL, restored);
      }
    }
  }

  /**
   * The nodes at and below {@code roots} (never delegated ones aside) whose own ACL names {@code
   * id}.
   */
  static Set<NodeUri> naming(TreeOperations ops, String id, List<NodeUri> roots)
      throws DmException {
    Set<NodeUri> out = new java.util.TreeSet<>();
    for (NodeUri root : roots) {
      for (NodeResult n : ops.listStructure(root, false)) {
        NodeUri uri = n.uri();
        if (NEVER_DELEGATED.stream().anyMatch(x -> x.isAncestorOrSelfOf(uri))) {
          continue;
        }
        PropertyResult p = ops.getProperty(uri, NodeProperty.ACL);
        if (p.status() != StatusCode.OK_WITH_INHERITED_ACL && names(Acl.parse(p.value()), id)) {
          out.add(uri);
        }
      }
    }
    return out;
  }

  /**
   * After revocation: the delegate leaves every ACL at and below {@code roots} that names it,
   * except those in {@code held} (it was named there before the delegation) and those below {@code
   * stillDelegated} (another delegation to it covers them). So rights it gave itself with the
   * delegated ones (an ACL rewritten, a node created) end with the delegation.
   */
  static void sweep(
      TreeOperations ops,
      String delegate,
      List<NodeUri> roots,
      Set<NodeUri> held,
      List<NodeUri> stillDelegated)
      throws DmException {
    for (NodeUri uri : naming(ops, delegate, roots)) {
      if (held.contains(uri) || stillDelegated.stream().anyMatch(x -> x.isAncestorOrSelfOf(uri))) {
        continue;
      }
      Acl after = Acl.parse(ops.getProperty(uri, NodeProperty.ACL).value()).without(delegate);
      if (uri.isRoot() && after.isEmpty()) {
        continue; // the root keeps an ACL; a delegate alone on it cannot be taken off here
      }
      ops.replaceProperty(uri, NodeProperty.ACL, after.toString());
    }
  }

  private static boolean names(Acl acl, String id) {
    for (AclRight right : AclRight.values()) {
      if (acl.serverIds(right).contains(id)) {
        return true;
      }
    }
    return false;
  }

  private static String without(Acl acl, String delegate, Set<AclRight> rights) throws DmException {
    StringBuilder b = new StringBuilder();
    for (AclRight right : AclRight.values()) {
      List<String> ids = new ArrayList<>(acl.serverIds(right));
      if (rights.contains(right)) {
        ids.remove(delegate);
      }
      if (!ids.isEmpty()) {
        b.append(b.length() == 0 ? "" : "&").append(right.wireName()).append('=');
        b.append(String.join("+", ids));
      }
    }
    return Acl.parse(b.toString()).toString();
  }
}
