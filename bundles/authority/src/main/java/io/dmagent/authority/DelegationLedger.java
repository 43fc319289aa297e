package io.dmagent.authority;

import io.dmagent.api.tree.AclRight;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeOperations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The durable record of every delegation in force, under {@code ./Vendor/DMAgent/Delegations/<id>}:
 * plain tree nodes the device writes in the same transaction as the ACLs they describe. Their ACL
 * is {@code Get=*}: every server may see who delegated what, none may change it.
 */
final class DelegationLedger {
  static final NodeUri ROOT = NodeUri.of("./Vendor/DMAgent/Delegations");
  static final String ROOT_ACL = "Get=*";

  /** Creates the ledger's root with its ACL if missing; {@code ops} runs as the device. */
  void ensure(TreeOperations ops) throws DmException {
    if (!Nodes.exists(ops, ROOT)) {
      ops.addInterior(ROOT, null);
      ops.replaceProperty(ROOT, NodeProperty.ACL, ROOT_ACL);
    }
  }

  boolean contains(TreeOperations ops, String id) throws DmException {
    return Nodes.exists(ops, ROOT) && ops.get(ROOT).children().contains(id);
  }

  void write(TreeOperations ops, DelegationRecord r) throws DmException {
    ensure(ops);
    NodeUri at = ROOT.child(r.id());
    ops.addInterior(at, null);
    leaf(ops, at, "Delegator", r.delegator());
    leaf(ops, at, "Delegate", r.delegate());
    leaf(ops, at, "Mode", r.mode().name().toLowerCase(java.util.Locale.ROOT));
    leaf(ops, at, "Expires", r.expires().map(Instant::toString).orElse(""));
    leaf(ops, at, "Account", r.account());
    leaf(ops, at, "AccountCreated", Boolean.toString(r.accountCreated()));
    leaf(ops, at, "Roots", join(r.roots()));
    if (r.held().isPresent()) {
      leaf(ops, at, "Held", join(r.held().get()));
    }
    NodeUri grants = at.child("Grants");
    ops.addInterior(grants, null);
    int n = 1;
    for (DelegationRecord.AclGrant g : r.grants()) {
      NodeUri gi = grants.child(Integer.toString(n++));
      ops.addInterior(gi, null);
      leaf(ops, gi, "Node", g.node().toString());
      leaf(ops, gi, "Before", g.before());
      leaf(ops, gi, "After", g.after());
      leaf(
          ops,
          gi,
          "Added",
          g.added().stream().map(AclRight::wireName).sorted().collect(Collectors.joining("+")));
    }
  }

  void delete(TreeOperations ops, String id) throws DmException {
    ops.delete(ROOT.child(id));
  }

  Optional<DelegationRecord> read(TreeOperations ops, String id) throws DmException {
    return contains(ops, id) ? Optional.of(readAt(ops, ROOT.child(id))) : Optional.empty();
  }

  /** Every delegation in force, by id. */
  List<DelegationRecord> all(TreeOperations ops) throws DmException {
    List<DelegationRecord> out = new ArrayList<>();
    if (Nodes.exists(ops, ROOT)) {
      for (String id : ops.get(ROOT).children()) {
        out.add(readAt(ops, ROOT.child(id)));
      }
    }
    return out;
  }

  private DelegationRecord readAt(TreeOperations ops, NodeUri at) throws DmException {
    List<DelegationRecord.AclGrant> grants = new ArrayList<>();
    NodeUri g = at.child("Grants");
    for (String n : ops.get(g).children()) {
      NodeUri gi = g.child(n);
      grants.add(
          new DelegationRecord.AclGrant(
              NodeUri.parse(text(ops, gi, "Node")),
              text(ops, gi, "Before"),
              text(ops, gi, "After"),
              rights(text(ops, gi, "Added"))));
    }
    String expires = text(ops, at, "Expires");
    try {
      return new DelegationRecord(
          at.name(),
          text(ops, at, "Delegator"),
          text(ops, at, "Delegate"),
          DelegationDocument.Mode.valueOf(text(ops, at, "Mode").toUpperCase(java.util.Locale.ROOT)),
          expires.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(expires)),
          text(ops, at, "Account"),
          Boolean.parseBoolean(text(ops, at, "AccountCreated")),
          grants,
          Nodes.exists(ops, at.child("Roots")) ? uris(text(ops, at, "Roots")) : List.of(),
          Nodes.exists(ops, at.child("Held"))
              ? Optional.of(Set.copyOf(uris(text(ops, at, "Held"))))
              : Optional.empty());
    } catch (RuntimeException e) {
      throw new DmException(
          StatusCode.DATA_STORE_FAILURE, "the delegation record " + at + " is damaged");
    }
  }

  private static String join(java.util.Collection<NodeUri> uris) {
    return uris.stream().map(NodeUri::toString).sorted().collect(Collectors.joining("\n"));
  }

  private static List<NodeUri> uris(String text) throws DmException {
    List<NodeUri> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isEmpty()) {
        out.add(NodeUri.parse(line));
      }
    }
    return out;
  }

  private static Set<AclRight> rights(String text) {
    Set<AclRight> out = EnumSet.noneOf(AclRight.class);
    for (String name : text.split("\\+")) {
      AclRight.fromWireName(name).ifPresent(out::add);
    }
    return out;
  }

  private static String text(TreeOperations ops, NodeUri parent, String name) throws DmException {
    NodeResult r = ops.get(parent.child(name));
    return r.value().map(NodeValue::text).orElse("");
  }

  private static void leaf(TreeOperations ops, NodeUri parent, String name, String value)
      throws DmException {
    ops.addLeaf(parent.child(name), NodeValue.text(value));
  }
}
