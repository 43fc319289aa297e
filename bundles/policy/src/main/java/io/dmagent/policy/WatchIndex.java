package io.dmagent.policy;

import io.dmagent.api.tree.NodeUri;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which running policies watch which nodes, so that a change finds its policies by the node's URI
 * and its ancestors, not by asking every policy.
 */
final class WatchIndex {
  private final Map<NodeUri, Set<Running>> byNode = new HashMap<>();
  private final Map<Running, Set<NodeUri>> byPolicy = new HashMap<>();

  void add(Running r, Set<NodeUri> nodes) {
    byPolicy.put(r, Set.copyOf(nodes));
    for (NodeUri n : nodes) {
      byNode.computeIfAbsent(n, k -> new HashSet<>()).add(r);
    }
  }

  void remove(Running r) {
    Set<NodeUri> nodes = byPolicy.remove(r);
    if (nodes == null) {
      return;
    }
    for (NodeUri n : nodes) {
      Set<Running> s = byNode.get(n);
      if (s != null && s.remove(r) && s.isEmpty()) {
        byNode.remove(n);
      }
    }
  }

  /**
   * The policies a change of {@code uri} concerns: those watching it or a node above it, and, when
   * {@code structural} (a node added or removed), those watching a node below it.
   */
  Set<Running> watching(NodeUri uri, boolean structural) {
    Set<Running> out = new LinkedHashSet<>();
    NodeUri at = uri;
    while (true) {
      Set<Running> s = byNode.get(at);
      if (s != null) {
        out.addAll(s);
      }
      if (at.isRoot()) {
        break;
      }
      at = at.parent();
    }
    if (structural) {
      byNode.forEach(
          (node, s) -> {
            if (uri.isAncestorOrSelfOf(node)) {
              out.addAll(s);
            }
          });
    }
    return out;
  }
}
