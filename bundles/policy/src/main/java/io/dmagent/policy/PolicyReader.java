package io.dmagent.policy;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the policies stored under ./MgmtPolicy/Policies, as the device. */
final class PolicyReader {
  private final DmTree tree;

  PolicyReader(DmTree tree) {
    this.tree = tree;
  }

  /** The names of the stored policies; none when the MO is not grafted. */
  List<String> policyNames() {
    if (tree.describe(Layout.POLICIES).isEmpty()) {
      return List.of(); // not grafted: asking would log a refusal
    }
    try {
      return tree.operations(Principal.device()).get(Layout.POLICIES).children();
    } catch (DmException e) {
      return List.of();
    }
  }

  /** The policy at {@code uri} as stored; empty when it is not there. */
  Optional<PolicyDefinition> read(NodeUri uri) {
    if (!policyNames().contains(uri.name())) {
      return Optional.empty();
    }
    Map<String, String> all = nodes(uri);
    Set<String> nodes = new HashSet<>(all.keySet());
    Map<String, String> leaves = new HashMap<>();
    all.forEach(
        (k, v) -> {
          if (!v.equals(INTERIOR)) {
            leaves.put(k, v);
          }
        });
    return Optional.of(PolicyDefinition.of(uri, nodes, leaves));
  }

  /** Marks an interior node in {@link #nodes}. */
  static final String INTERIOR = "\u0000";

  /**
   * The stored nodes of a policy but its bookkeeping (Owner aside): path below the policy -> the
   * leaf's value, {@link #INTERIOR} for interior nodes; empty when the policy is not there.
   */
  Map<String, String> nodes(NodeUri uri) {
    Map<String, String> out = new HashMap<>();
    if (!policyNames().contains(uri.name())) {
      return out;
    }
    try {
      for (NodeResult r : tree.operations(Principal.device()).listStructure(uri, true)) {
        if (r.uri().equals(uri)) {
          continue;
        }
        String rel = Layout.relative(uri, r.uri());
        if (Layout.isBookkeeping(rel) && !rel.equals(Layout.OWNER)) {
          continue;
        }
        out.put(rel, r.isLeaf() ? r.value().map(NodeValue::text).orElse("") : INTERIOR);
      }
    } catch (DmException e) {
      out.clear(); // deleted meanwhile
    }
    return out;
  }
}
